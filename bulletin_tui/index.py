"""The index cache: a derived SQLite database of an archive's parsed issues and a full-text
index of its items, kept fresh by path, size and modification time.

The files stay the source of truth. Deleting or corrupting the cache changes nothing but
speed: a cache that is damaged, or was written by another version, is rebuilt; one that
cannot be opened, read or written (a directory in its place, a read-only or full disk) is
replaced by one in memory for the run, built from the files. The cache is never the reason
a command fails. Two processes may use it at once (WAL, with a busy timeout).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from functools import partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from bulletin_tui.archive import (
    Archive,
    BrokenFile,
    IssueFile,
    IssueHeader,
    Listing,
    Stamps,
    newest_first,
)
from bulletin_tui.errors import IssueFileError
from bulletin_tui.index_build import Rows, read_all
from bulletin_tui.search_text import fold

if TYPE_CHECKING:
    from bulletin_tui.model import Issue
    from bulletin_tui.stats import Entry

# Parsing, JSON and helper processes are imported where they are used: a search on the
# command line with the cache up to date needs none of them, and starts sooner without.

SCHEMA = "bulletin-index 6"

#: Called with (files done, files to read) while the cache is brought up to date.
Progress = Callable[[int, int], None]

#: Files written to the cache per transaction while it is brought up to date.
WRITE_EVERY = 500

# ``files`` holds what a listing needs and no more, so reading (or checking) every file's
# row stays quick at tens of thousands of issues; each parsed issue is in ``documents``,
# read one at a time when it is opened.
# The items hold their text once: ``folded`` is computed from the headline, body and
# source, unless folding changed them (full-width letters, capitals), when ``refolded``
# holds it. The full-text index keeps no positions (detail=none: a fraction of the size
# and build time); a term is looked up by its trigrams and then checked in the text.
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,
    series TEXT, number INTEGER, date TEXT, total INTEGER, publisher TEXT,
    sections INTEGER, items INTEGER, error TEXT, line INTEGER
);
CREATE INDEX files_newest ON files (date IS NULL, date DESC, coalesce(number, 0) DESC, path)
    WHERE error IS NULL;
CREATE TABLE documents (path TEXT PRIMARY KEY, document TEXT);
CREATE TABLE items (
    id INTEGER PRIMARY KEY, path TEXT, section_index INTEGER, item_index INTEGER,
    series TEXT, number INTEGER, date TEXT, section TEXT, title TEXT, source TEXT,
    body TEXT, refolded TEXT, submission TEXT,
    folded TEXT GENERATED ALWAYS AS
        (coalesce(refolded, title || char(10) || body || char(10) || source)) VIRTUAL
);
CREATE INDEX items_path ON items (path);
CREATE INDEX items_submission ON items (submission) WHERE submission != '';
CREATE VIRTUAL TABLE items_fts USING fts5 (folded, content='items', content_rowid='id',
                                           tokenize='trigram', detail='none');
"""

_NEWEST_FIRST = "date IS NULL, date DESC, number DESC, path, section_index, item_index"
#: The order of :func:`bulletin_tui.archive.newest_first`, for the ``files`` table.
_NEWEST_FILES = "date IS NULL, date DESC, coalesce(number, 0) DESC, path"

#: SQLite's primary result codes that mean the file is damaged or not a database (rebuild
#: it); any other failure (cannot open, read-only, full, I/O, busy) leaves the file alone.
_DAMAGED = {1, 11, 26}  # SQLITE_ERROR (a table missing), SQLITE_CORRUPT, SQLITE_NOTADB

T = TypeVar("T")


def _damaged(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is None or code & 0xFF in _DAMAGED


def default_cache_folder() -> Path:
    """The user cache folder of this platform (``$BULLETIN_CACHE`` overrides it)."""
    if env := os.environ.get("BULLETIN_CACHE"):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("bulletin_tui", appauthor=False))


def issue_from_document(document: str, path: Path) -> Issue:
    """An issue back from the JSON the cache holds."""
    import json

    from bulletin_tui.tomlfile import KeyLines, issue_from_data

    data = json.loads(document)
    header = data.get("issue", {})
    if isinstance(header.get("date"), str):
        header["date"] = dt.date.fromisoformat(header["date"])
    return issue_from_data(data, path, KeyLines(""))


def stamps_digest(stamps: Stamps) -> str:
    """One string for every file's path, size and modification time (in any order)."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(stamps):
        size, mtime_ns = stamps[path]
        hasher.update(f"{path}\0{size}\0{mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return hasher.hexdigest()


def _survives_damage(method: Callable[..., T]) -> Callable[..., T]:
    """A reading method of :class:`Index` that is answered from a rebuilt (or in-memory)
    cache when the cache fails it."""

    @wraps(method)
    def guarded(self: Index, *args: object, **kwargs: object) -> T:
        return self._with_recovery(lambda: method(self, *args, **kwargs))

    return guarded


def trigram_match(term: str) -> str:
    """An FTS5 query for the rows that hold every trigram of ``term`` (three characters or
    more): a superset of the rows holding ``term``, which the caller checks."""
    starts = [*range(0, len(term) - 2, 3), len(term) - 3]
    grams = dict.fromkeys(term[i : i + 3] for i in starts)
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


#: The most characters of item text a long-lived process keeps in memory (the newest
#: items'; about 24 MB): searches look through older items in the cache.
KEEP_CHARACTERS = 12_000_000


class KeptText(NamedTuple):
    """The folded text of the newest items, newest first, joined by NUL characters."""

    blob: str
    starts: list[int]
    ids: list[int]
    order: dict[int, int]
    #: whether every item is kept
    complete: bool


@dataclass(frozen=True)
class Refreshed:
    """What bringing the cache up to date did."""

    read: int
    removed: int
    unchanged: int


class Index:
    """The cache of one archive."""

    def __init__(
        self, archive: Archive, folder: Path | None = None, *, keep_text: bool = False
    ) -> None:
        self.archive = archive
        # A long-lived process (the reader) keeps every item's folded text in memory, in
        # newest-first order, to answer one- and two-character terms without a table scan.
        self.keep_text = keep_text
        self._text: KeptText | None = None
        root = str(archive.root.resolve())
        name = hashlib.sha256(root.encode("utf-8")).hexdigest()[:20]
        self.path = (folder or default_cache_folder()) / f"{name}.sqlite"
        self._db: sqlite3.Connection | None = None
        #: Why the cache on disk is not used in this run (None while it is).
        self.problem: str | None = None

    # opening ----------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, opened (and rebuilt if unusable) on first use."""
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        """The cache on disk; rebuilt if damaged; one in memory if it cannot be used."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect(str(self.path))
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                return self._in_memory(error)
        except OSError as error:
            return self._in_memory(error)
        # Not a database, damaged, or another version's: it is only a cache.
        try:
            self._remove_files()
            return self._connect(str(self.path))
        except (OSError, sqlite3.DatabaseError) as error:
            return self._in_memory(error)

    def _in_memory(self, error: BaseException) -> sqlite3.Connection:
        """A cache for this run only, built from the files: the answers stay right."""
        reason = getattr(error, "strerror", None) or str(error)
        self.problem = f"the index cache {self.path} cannot be used ({reason}); reading the files"
        return self._connect(":memory:")

    def _recover(self, error: sqlite3.DatabaseError) -> None:
        """After a failure in use: rebuild a damaged cache, else carry on in memory."""
        self.close()
        self._text = None
        if self.problem is None and _damaged(error):
            try:
                self._remove_files()
            except OSError as removing:
                error = sqlite3.OperationalError(str(removing))
            else:
                self._db = self._open()
                return
        self._db = self._in_memory(error)

    def _with_recovery(self, operation: Callable[[], T], *, refresh: bool = True) -> T:
        """``operation``, done again on a rebuilt (or in-memory) cache if the cache fails
        it; the new cache is first brought up to date from the files when ``refresh``."""
        try:
            return operation()
        except sqlite3.DatabaseError as error:
            self._recover(error)
        try:
            if refresh:
                self._refresh()
            return operation()
        except sqlite3.DatabaseError as error:  # the rebuilt one failed too: memory
            if self.problem is not None:
                raise
            self._recover(sqlite3.OperationalError(str(error)))
            if refresh:
                self._refresh()
            return operation()

    def _connect(self, where: str) -> sqlite3.Connection:
        db = sqlite3.connect(where, timeout=10, isolation_level=None,
                             check_same_thread=False)  # fmt: skip
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if "meta" not in tables:
                db.execute("BEGIN IMMEDIATE")
                tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
                if "meta" not in tables:
                    for statement in _TABLES.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
                db.execute("COMMIT")
            schema = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if schema is None or schema[0] != SCHEMA:
                raise sqlite3.DatabaseError("a cache of another version")
            db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'abc'").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """Close the connection (the cache file stays)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    # keeping fresh ----------------------------------------------------------------------

    def stamps(self) -> Stamps:
        """Size and modification time of every issue file now (none if there is no folder)."""
        if not self.archive.root.is_dir():
            return {}
        return self.archive.stamps()

    def refresh(
        self,
        progress: Progress | None = None,
        stamps: Stamps | None = None,
        written: Callable[[], None] | None = None,
    ) -> Refreshed:
        """Re-read the files that changed since the cache last saw them; drop the gone.

        ``stamps`` are the files as :meth:`stamps` just found them, when the caller has them.
        The files are read most recently modified first (the newest issues, as a rule), and
        ``written`` is called after each batch is in the cache, so a reader can show the
        newest issues before a long build ends.
        """
        on_disk = self.stamps() if stamps is None else stamps
        return self._with_recovery(lambda: self._refresh(progress, on_disk, written), refresh=False)

    def _refresh(
        self,
        progress: Progress | None = None,
        stamps: Stamps | None = None,
        written: Callable[[], None] | None = None,
    ) -> Refreshed:
        on_disk = self.stamps() if stamps is None else stamps
        digest = stamps_digest(on_disk)
        seen = self.db.execute("SELECT value FROM meta WHERE key='stamps'").fetchone()
        if seen is not None and seen[0] == digest:  # as the last refresh left it
            return Refreshed(0, 0, len(on_disk))
        known = {
            row[0]: (row[1], row[2])
            for row in self.db.execute("SELECT path, size, mtime_ns FROM files")
        }
        stale = [path for path, stamp in on_disk.items() if known.get(path) != stamp]
        stale.sort(key=lambda path: (on_disk[path][1], path), reverse=True)
        gone = [path for path in known if path not in on_disk]
        if not stale and not gone:
            self._note_digest(digest)
            return Refreshed(0, 0, len(on_disk))
        self._text = None
        batch: list[Rows] = []
        for done, rows in enumerate(read_all(stale, on_disk), 1):
            batch.append(rows)
            if progress is not None:
                progress(done, len(stale))
            if len(batch) == WRITE_EVERY:
                self._write(batch, [])
                batch = []
                if written is not None:
                    written()
        self._write(batch, gone)
        self._note_digest(digest)
        return Refreshed(len(stale), len(gone), len(on_disk) - len(stale))

    def _note_digest(self, digest: str) -> None:
        """Remember which files the cache now holds, so that the next check is one
        comparison instead of one per file."""
        try:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamps', ?)", (digest,))
        except sqlite3.OperationalError as error:
            if _damaged(error):
                raise
            # read-only or full: the cache still answers; the next check compares each file

    def _write(self, rows: list[Rows], gone: list[str]) -> None:
        """Replace what the cache holds for these files (and drop the gone) in one
        transaction: another process sees each batch whole or not at all."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for path in [*gone, *(file_row[0] for file_row, _ in rows)]:
                self._forget(path)
            last = db.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
            # a row of read_rows holds the document after the item count; it has a table
            db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                           [(*r[:10], *r[11:]) for r, _ in rows])  # fmt: skip
            db.executemany("INSERT INTO documents VALUES (?,?)",
                           [(r[0], r[10]) for r, _ in rows if r[10] is not None])  # fmt: skip
            db.executemany(
                "INSERT INTO items (path, section_index, item_index, series, number, date,"
                " section, title, source, body, refolded, submission)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [item for _, items in rows for item in items],
            )
            db.execute("INSERT INTO items_fts (rowid, folded) SELECT id, folded FROM items"
                       " WHERE id > ?", (last,))  # fmt: skip
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _forget(self, path: str) -> None:
        db = self.db
        for item_id, folded in db.execute("SELECT id, folded FROM items WHERE path=?", (path,)):
            db.execute("INSERT INTO items_fts (items_fts, rowid, folded) VALUES ('delete', ?, ?)",
                       (item_id, folded))  # fmt: skip
        db.execute("DELETE FROM items WHERE path=?", (path,))
        db.execute("DELETE FROM files WHERE path=?", (path,))
        db.execute("DELETE FROM documents WHERE path=?", (path,))

    # reading ----------------------------------------------------------------------------

    def known_listing(self, limit: int) -> Listing:
        """The newest ``limit`` issues as the cache knows them, at once: through a
        read-only connection of its own that waits for no one, and nothing is read, built
        or repaired (an empty listing when the cache cannot answer so; a refresh will).
        """
        try:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            with closing(sqlite3.connect(uri, uri=True, timeout=0.1)) as db:
                schema = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if schema is None or schema[0] != SCHEMA:
                    return Listing((), ())
                return self._listing(limit, db)
        except (sqlite3.Error, OSError, ValueError):
            return Listing((), ())

    @_survives_damage
    def listing(self, limit: int | None = None) -> Listing:
        """Every issue (newest first) and broken file, as of the last refresh; only the
        newest ``limit`` issues if given.

        The issues come as headers; each loads its whole issue when first asked for it.
        No file is looked at: this is what the cache knows.
        """
        return self._listing(limit)

    def _listing(self, limit: int | None = None, db: sqlite3.Connection | None = None) -> Listing:
        db = db or self.db
        issues: list[IssueFile] = []
        broken: list[BrokenFile] = []
        columns = "SELECT path, size, mtime_ns, series, number, date, error, line FROM files"
        if limit is None:
            rows = db.execute(columns).fetchall()
        else:
            rows = db.execute(f"{columns} WHERE error IS NULL ORDER BY {_NEWEST_FILES}"
                              " LIMIT ?", (limit,)).fetchall()  # fmt: skip
            rows += db.execute(f"{columns} WHERE error IS NOT NULL").fetchall()
        for path_text, size, mtime_ns, series, number, date, error, line in rows:
            path = Path(path_text)
            if error is not None:
                broken.append(BrokenFile(path, IssueFileError(path, line, error)))
                continue
            stamp = (size, mtime_ns)
            header = IssueHeader(series, number, dt.date.fromisoformat(date) if date else None)
            load = partial(self.load_issue, path, stamp)
            issues.append(IssueFile(path, None, None, stamp, header=header, load=load))
        broken += self.archive.unlisted  # what its last walk found but cannot store
        broken.sort(key=lambda b: str(b.path))
        return Listing(tuple(sorted(issues, key=newest_first)), tuple(broken))

    def load_issue(self, path: Path, stamp: tuple[int, int]) -> Issue:
        """The whole issue the cache holds for ``path`` as it was at ``stamp``; if the file
        has changed since, the issue on disk now (raises :class:`IssueFileError` if it is
        broken).

        It reads through a connection of its own, so a refresh running in another thread
        (a cold build can take seconds) never holds it up.
        """
        try:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            with closing(sqlite3.connect(uri, uri=True, timeout=10)) as db:
                row = db.execute(
                    "SELECT document FROM files JOIN documents USING (path)"
                    " WHERE path=? AND size=? AND mtime_ns=?",
                    (str(path), *stamp),
                ).fetchone()
        except sqlite3.Error:
            row = None  # the cache went away meanwhile: the file itself answers
        if row is not None and row[0] is not None:
            return issue_from_document(row[0], path)
        from bulletin_tui.archive import read_file
        from bulletin_tui.tomlfile import read_issue

        return read_issue(read_file(path), path)

    @_survives_damage
    def summaries(self) -> dict[str, dict[str, object]]:
        """Path → what ``bulletin list`` says of each valid issue: series, number, total,
        date, publisher and how many sections and items it has."""
        rows = self.db.execute(
            "SELECT path, series, number, total, date, publisher, sections, items FROM files"
            " WHERE error IS NULL"
        )
        keys = ("path", "series", "number", "total", "date", "publisher", "sections", "items")
        return {row[0]: dict(zip(keys, row, strict=True)) for row in rows}

    @_survives_damage
    def entries(self) -> list[Entry]:
        """Every item of the valid issues, newest issue first, as statistics count them."""
        from bulletin_tui.stats import Entry

        rows = self.db.execute(
            "SELECT path, series, number, date, section, title, source, submission FROM items"
            f" ORDER BY {_NEWEST_FIRST}"
        ).fetchall()
        # one Path and one date per file, however many items it has
        paths = {text: Path(text) for text in {row[0] for row in rows}}
        dates = {text: dt.date.fromisoformat(text) for text in {row[3] for row in rows} if text}
        return [
            Entry(paths[path], series, number, dates.get(date), section, title, source, sub)
            for path, series, number, date, section, title, source, sub in rows
        ]

    @_survives_damage
    def submissions(self) -> dict[str, list[tuple[Path, str, str]]]:
        """Submission id → where the items adopted from it stand: (file, section, headline).

        What makes a submission of the inbox count as adopted (as of the last refresh).
        """
        found: dict[str, list[tuple[Path, str, str]]] = {}
        rows = self.db.execute(
            "SELECT submission, path, section, title FROM items WHERE submission != ''"
            f" ORDER BY {_NEWEST_FIRST}"
        )
        for submission, path, section, title in rows:
            found.setdefault(submission, []).append((Path(path), section, title))
        return found

    def names(self) -> tuple[list[str], list[str]]:
        """Every section name and every source in the archive, the most used first."""
        found = []
        for column in ("section", "source"):
            rows = self.db.execute(
                f"SELECT {column} FROM items WHERE {column} != ''"
                f" GROUP BY {column} ORDER BY count(*) DESC, {column}"
            )
            found.append([row[0] for row in rows])
        return found[0], found[1]

    @_survives_damage
    def query(
        self,
        terms: list[str],
        where: dict[str, object] | None = None,
        limit: int | None = None,
    ) -> list[tuple]:
        """Items whose folded text holds every folded term, newest issue first.

        FTS5 narrows by the trigrams of the longest term when it has three characters or
        more; every term is then checked in the candidates' text (a plain scan when all
        terms are shorter). ``where`` narrows by ``series``, ``section``, ``source``,
        ``date_from``, ``date_to``.
        """
        folded = sorted((fold(term) for term in terms if term.strip()), key=len, reverse=True)
        if not folded:
            return []
        if self.keep_text and not any((where or {}).values()):
            found = self._query_in_memory(folded, limit)
            if self._text is not None and self._text.complete:
                return found
            if limit is not None and len(found) >= limit:
                return found
            # Fewer than asked among the newest items kept in memory: the older ones are
            # looked through in the cache (whose order begins with those already found).
            return found + self._query_rows(folded, where, limit)[len(found) :]
        return self._query_rows(folded, where, limit)

    def _query_rows(
        self, folded: list[str], where: dict[str, object] | None, limit: int | None
    ) -> list[tuple]:
        clauses: list[str] = []
        params: list[object] = []
        if len(folded[0]) >= 3:
            clauses.append("id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
            params.append(trigram_match(folded[0]))
        for term in folded:
            clauses.append("instr(folded, ?) > 0")
            params.append(term)
        for key, column, operator in (("series", "series", "="), ("section", "section", "="),
                                      ("source", "source", "="), ("date_from", "date", ">="),
                                      ("date_to", "date", "<=")):  # fmt: skip
            value = (where or {}).get(key)
            if value is not None:
                clauses.append(f"{column} {operator} ?")
                params.append(value.isoformat() if isinstance(value, dt.date) else value)
        sql = (
            "SELECT path, section_index, item_index, series, number, date, section, title,"
            " source, body FROM items WHERE " + " AND ".join(clauses) +
            f" ORDER BY {_NEWEST_FIRST}"
        )  # fmt: skip
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.db.execute(sql, params).fetchall()

    @_survives_damage
    def prepare_search(self) -> None:
        """Read every item's folded text into memory now, if this index keeps it, so the
        first search does not pay for it."""
        if self.keep_text:
            self._kept_text()

    def _kept_text(self) -> KeptText:
        if self._text is None:
            rows = self.db.execute(f"SELECT id, folded FROM items ORDER BY {_NEWEST_FIRST}")
            ids: list[int] = []
            texts: list[str] = []
            starts: list[int] = []
            position = 0
            complete = True
            for item_id, text in rows:
                if position + len(text) > KEEP_CHARACTERS:
                    complete = False
                    break
                ids.append(item_id)
                texts.append(text)
                starts.append(position)
                position += len(text) + 1
            blob = "\0".join(texts)
            del texts
            order = {item_id: n for n, item_id in enumerate(ids)}
            self._text = KeptText(blob, starts, ids, order, complete)
        return self._text

    def _query_in_memory(self, folded: list[str], limit: int | None) -> list[tuple]:
        blob, starts, ids, order, _ = self._kept_text()

        def text_of(number: int) -> str:
            end = starts[number + 1] - 1 if number + 1 < len(starts) else len(blob)
            return blob[starts[number] : end]

        found: list[int] = []
        if len(folded[0]) >= 3:  # the trigram index knows where; the kept order says which first
            matched = [row[0] for row in self.db.execute(
                "SELECT rowid FROM items_fts WHERE items_fts MATCH ?",
                (trigram_match(folded[0]),))]  # fmt: skip
            for number in sorted(order[item_id] for item_id in matched if item_id in order):
                if limit is not None and len(found) >= limit:
                    break
                text = text_of(number)
                if all(term in text for term in folded):
                    found.append(ids[number])
        else:  # one or two characters: find them in the kept text, newest first
            at = blob.find(folded[0])
            while at != -1 and (limit is None or len(found) < limit):
                number = bisect.bisect_right(starts, at) - 1
                item = text_of(number)
                if all(term in item for term in folded[1:]):
                    found.append(ids[number])
                at = blob.find(folded[0], starts[number] + len(item) + 1)
        if not found:
            return []
        marks = ",".join("?" * len(found))
        rows = self.db.execute(
            "SELECT id, path, section_index, item_index, series, number, date, section, title,"
            f" source, body FROM items WHERE id IN ({marks})",
            found,
        ).fetchall()
        by_id = {row[0]: row[1:] for row in rows}
        return [by_id[item_id] for item_id in found]

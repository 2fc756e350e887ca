"""The index cache: a derived SQLite database of an archive's parsed issues and a full-text
index of its items, kept fresh by path, size and modification time.

The files stay the source of truth. Deleting or corrupting the cache changes nothing but
speed: a cache that cannot be read, or was written by another version, is rebuilt.
Two processes may use it at once (WAL, with a busy timeout).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bulletin_tui.archive import Archive, BrokenFile, IssueFile, Listing, newest_first
from bulletin_tui.errors import IssueFileError
from bulletin_tui.model import Issue
from bulletin_tui.search_text import fold
from bulletin_tui.tomlfile import (
    KeyLines,
    issue_from_data,
    issue_to_data,
    json_default,
    read_issue,
)

SCHEMA = "bulletin-index 3"

#: Path → (size, modification time in ns) of each issue file: what "changed" compares.
Stamps = dict[str, tuple[int, int]]

#: Called with (files done, files to read) while the cache is brought up to date.
Progress = Callable[[int, int], None]

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,
    document TEXT, error TEXT, line INTEGER
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY, path TEXT, section_index INTEGER, item_index INTEGER,
    series TEXT, number INTEGER, date TEXT, section TEXT, title TEXT, source TEXT,
    body TEXT, folded TEXT
);
CREATE INDEX items_path ON items (path);
CREATE VIRTUAL TABLE items_fts USING fts5 (folded, content='items', content_rowid='id',
                                           tokenize='trigram');
"""


def default_cache_folder() -> Path:
    """The user cache folder of this platform (``$BULLETIN_CACHE`` overrides it)."""
    if env := os.environ.get("BULLETIN_CACHE"):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("bulletin_tui", appauthor=False))


def issue_from_document(document: str, path: Path) -> Issue:
    """An issue back from the JSON the cache holds."""
    data = json.loads(document)
    header = data.get("issue", {})
    if isinstance(header.get("date"), str):
        header["date"] = dt.date.fromisoformat(header["date"])
    return issue_from_data(data, path, KeyLines(""))


def item_text(title: str, body: str, source: str) -> str:
    """What a search looks in: headline, body and source, folded for matching."""
    return fold(f"{title}\n{body}\n{source}")


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
        self._text: tuple[str, list[int], list[int], dict[int, int]] | None = None
        root = str(archive.root.resolve())
        name = hashlib.sha256(root.encode("utf-8")).hexdigest()[:20]
        self.path = (folder or default_cache_folder()) / f"{name}.sqlite"
        self._db: sqlite3.Connection | None = None

    # opening ----------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, opened (and rebuilt if unusable) on first use."""
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            # Not a database, damaged, or another version's: it is only a cache.
            self._remove_files()
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None,
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
        found: Stamps = {}
        for path in self.archive.files():
            stat = path.stat()
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
        return found

    def refresh(self, progress: Progress | None = None, stamps: Stamps | None = None) -> Refreshed:
        """Re-read the files that changed since the cache last saw them; drop the gone.

        ``stamps`` are the files as :meth:`stamps` just found them, when the caller has them.
        """
        on_disk = self.stamps() if stamps is None else stamps
        known = {
            row[0]: (row[1], row[2])
            for row in self.db.execute("SELECT path, size, mtime_ns FROM files")
        }
        stale = [path for path, stamp in on_disk.items() if known.get(path) != stamp]
        gone = [path for path in known if path not in on_disk]
        if not stale and not gone:
            return Refreshed(0, 0, len(on_disk))
        self._text = None
        rows = []
        for done, path in enumerate(stale, 1):
            rows.append(self._read(Path(path), on_disk[path]))
            if progress is not None:
                progress(done, len(stale))
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for path in [*gone, *stale]:
                self._forget(path)
            last = db.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
            db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", [r for r, _ in rows])
            db.executemany(
                "INSERT INTO items (path, section_index, item_index, series, number, date,"
                " section, title, source, body, folded) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [item for _, items in rows for item in items],
            )
            db.execute("INSERT INTO items_fts (rowid, folded) SELECT id, folded FROM items"
                       " WHERE id > ?", (last,))  # fmt: skip
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return Refreshed(len(stale), len(gone), len(on_disk) - len(stale))

    def _forget(self, path: str) -> None:
        db = self.db
        for item_id, folded in db.execute("SELECT id, folded FROM items WHERE path=?", (path,)):
            db.execute("INSERT INTO items_fts (items_fts, rowid, folded) VALUES ('delete', ?, ?)",
                       (item_id, folded))  # fmt: skip
        db.execute("DELETE FROM items WHERE path=?", (path,))
        db.execute("DELETE FROM files WHERE path=?", (path,))

    def _read(self, path: Path, stamp: tuple[int, int]) -> tuple[tuple, list[tuple]]:
        try:
            issue = read_issue(path.read_bytes(), path)
        except IssueFileError as error:
            return (str(path), *stamp, None, error.reason, error.line), []
        except OSError as error:
            return (str(path), *stamp, None, str(error.strerror or error), None), []
        document = json.dumps(issue_to_data(issue), ensure_ascii=False, default=json_default)
        date = issue.date.isoformat() if issue.date else None
        items = [
            (str(path), s, i, issue.series, issue.number, date, section.name, item.title,
             item.source, item.body_text, item_text(item.title, item.body_text, item.source))
            for s, section in enumerate(issue.sections)
            for i, item in enumerate(section.items)
        ]  # fmt: skip
        return (str(path), *stamp, document, None, None), items

    # reading ----------------------------------------------------------------------------

    def listing(self) -> Listing:
        """Every issue (newest first) and broken file, as of the last refresh."""
        issues: list[IssueFile] = []
        broken: list[BrokenFile] = []
        rows = self.db.execute("SELECT path, size, mtime_ns, document, error, line FROM files")
        for path_text, size, mtime_ns, document, error, line in rows:
            path = Path(path_text)
            if document is None:
                broken.append(BrokenFile(path, IssueFileError(path, line, error)))
            else:
                issue = issue_from_document(document, path)
                issues.append(IssueFile(path, issue, None, (size, mtime_ns)))
        broken.sort(key=lambda b: str(b.path))
        return Listing(tuple(sorted(issues, key=newest_first)), tuple(broken))

    def query(
        self,
        terms: list[str],
        where: dict[str, object] | None = None,
        limit: int | None = None,
    ) -> list[tuple]:
        """Items whose folded text holds every folded term, newest issue first.

        FTS5 answers the longest term when it has three characters or more (trigrams);
        shorter terms, and the others, are checked with a plain scan of the candidates.
        ``where`` narrows by ``series``, ``section``, ``source``, ``date_from``, ``date_to``.
        """
        folded = sorted((fold(term) for term in terms if term.strip()), key=len, reverse=True)
        if not folded:
            return []
        if self.keep_text and not any((where or {}).values()):
            return self._query_in_memory(folded, limit)
        clauses: list[str] = []
        params: list[object] = []
        if len(folded[0]) >= 3:
            clauses.append("id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
            params.append('"' + folded[0].replace('"', '""') + '"')
            rest = folded[1:]
        else:
            rest = folded
        for term in rest:
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
            " ORDER BY date IS NULL, date DESC, number DESC, path, section_index, item_index"
        )  # fmt: skip
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.db.execute(sql, params).fetchall()

    def _kept_text(self) -> tuple[str, list[int], list[int], dict[int, int]]:
        if self._text is None:
            rows = self.db.execute(
                "SELECT id, folded FROM items ORDER BY date IS NULL, date DESC, number DESC,"
                " path, section_index, item_index"
            ).fetchall()
            starts, position = [], 0
            for _, text in rows:
                starts.append(position)
                position += len(text) + 1
            ids = [row[0] for row in rows]
            blob = "\0".join(text for _, text in rows)
            self._text = (blob, starts, ids, {item_id: n for n, item_id in enumerate(ids)})
        return self._text

    def _query_in_memory(self, folded: list[str], limit: int | None) -> list[tuple]:
        blob, starts, ids, order = self._kept_text()

        def text_of(number: int) -> str:
            end = starts[number + 1] - 1 if number + 1 < len(starts) else len(blob)
            return blob[starts[number] : end]

        found: list[int] = []
        if len(folded[0]) >= 3:  # the trigram index knows where; the kept order says which first
            phrase = '"' + folded[0].replace('"', '""') + '"'
            matched = [row[0] for row in self.db.execute(
                "SELECT rowid FROM items_fts WHERE items_fts MATCH ?", (phrase,))]  # fmt: skip
            for number in sorted(order[item_id] for item_id in matched if item_id in order):
                if limit is not None and len(found) >= limit:
                    break
                if all(term in text_of(number) for term in folded[1:]):
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

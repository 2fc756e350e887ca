"""What ``bulletin lint`` read of each issue file, kept between runs by path, size and
modification time, so that linting a whole archive again parses only the files that
changed (parsing the TOML is most of a run's time).

It keeps each field's text exactly as the parser read it from the file: offsets stay in the
text as stored. (The index cache keeps bodies as the model rejoins their paragraphs,
which differs from the stored text when a file has single newlines between paragraphs.)
It is only a cache, in the same folder as the index cache: one that cannot be read is
rebuilt, one that cannot be written is done without. ``--fix`` never reads it.

When many files must be parsed (a first lint of an archive), helper processes parse them
(:mod:`bulletin_tui.sharing`); what they send back is the text the cache keeps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

from bulletin_tui import sharing
from bulletin_tui.archive import Archive, Stamps
from bulletin_tui.errors import IssueFileError, ModelError
from bulletin_tui.model import Issue
from bulletin_tui.proofread.check import HEADER_FIELDS, ITEM_FIELDS, ReadIssue, read_for_lint

SCHEMA = "bulletin-lint 1"

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,"
    " document TEXT)",
)


def read_archive(
    archive: Archive, stamps: Stamps, folder: Path | None = None
) -> Iterator[ReadIssue | IssueFileError]:
    """Every file of ``stamps`` (in their order) as the linter reads it: from the cache
    when its size and modification time are those it was read at, else from the file
    (the cache then keeps what was read). A broken file comes as its error."""
    from bulletin_tui.index import default_cache_folder

    root = str(archive.root.resolve())
    name = hashlib.sha256(root.encode("utf-8")).hexdigest()[:20]
    path = (folder or default_cache_folder()) / f"{name}.lint.sqlite"
    db = _open(path)
    known: dict[str, tuple[int, int, str]] = {}
    if db is not None:
        with suppress(sqlite3.Error):
            rows = db.execute("SELECT path, size, mtime_ns, document FROM files")
            known = {row[0]: row[1:] for row in rows}
    fresh: list[tuple[str, int, int, str]] = []
    stale = [file for file, stamp in stamps.items() if known.get(file, ())[:2] != stamp]
    # the files to parse, parsed first (in helper processes when there are many)
    documents = dict(sharing.each_shared(__name__, "document_of", [(file,) for file in stale]))
    for file, stamp in stamps.items():
        document = documents[file] if file in documents else known[file][2]
        if isinstance(document, IssueFileError):
            yield document
            continue
        read = _from_document(Path(file), document)
        if read is not None and file in documents:
            fresh.append((file, *stamp, document))
        if read is None:  # a row the cache spoilt: the file itself
            try:
                read = read_for_lint(Path(file))
            except IssueFileError as error:
                yield error
                continue
            fresh.append((file, *stamp, _document(read)))
        yield read
    if db is not None:
        with closing(db):
            gone = [(file,) for file in known.keys() - stamps.keys()]
            if fresh or gone:
                _write(db, fresh, gone)


def document_of(file: str) -> tuple[str, str | IssueFileError]:
    """A file as the cache keeps it, or what is wrong with it (run in helper processes:
    what comes back is text, cheap to send)."""
    try:
        return file, _document(read_for_lint(Path(file)))
    except IssueFileError as error:
        return file, error


def _open(path: Path) -> sqlite3.Connection | None:
    """The cache, made or rebuilt when it is missing, damaged or another version's; None
    when it cannot be had at all (linting goes on without)."""
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            for statement in _TABLES:
                db.execute(statement)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA,))
            row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row == (SCHEMA,):
                return db
        except sqlite3.Error:
            pass
        db.close()
        if attempt == 0:
            for suffix in ("", "-wal", "-shm"):
                with suppress(OSError):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
    return None


def _write(db: sqlite3.Connection, fresh: list[tuple[str, int, int, str]], gone: list) -> None:
    """Keep what was just read and forget the files gone, in one transaction; another
    run writing at the same time only means one of them keeps its rows."""
    with suppress(sqlite3.Error):
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("DELETE FROM files WHERE path=?", gone)
            db.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?)", fresh)
            db.execute("COMMIT")
        except sqlite3.Error:
            db.execute("ROLLBACK")


def _document(read: ReadIssue) -> str:
    """The header as the model and every text field the linter reads, as stored."""
    issue = read.issue
    header = read.data["issue"]
    data: dict[str, Any] = {
        "head": [
            issue.series,
            issue.number,
            issue.total,
            issue.date.isoformat() if issue.date else None,
            issue.publisher,
        ],
        "issue": {name: header[name] for name in HEADER_FIELDS if name in header},
        "section": [
            {
                "name": section.get("name", ""),
                "item": [
                    {name: item[name] for name in ITEM_FIELDS if name in item}
                    for item in section.get("item", ())
                ],
            }
            for section in read.data.get("section", ())
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _from_document(path: Path, document: str) -> ReadIssue | None:
    """The file as it was read, back from the cache; None if the cache's row is unusable."""
    try:
        data = json.loads(document)
        series, number, total, date, publisher = data.pop("head")
        date = dt.date.fromisoformat(date) if date else None
        issue = Issue(series, number, total, date, publisher)
    except (ValueError, KeyError, TypeError, ModelError):
        return None
    return ReadIssue(path, b"", data, issue)

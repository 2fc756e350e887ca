"""The inbox folder: one TOML file per submission (来稿), format 1, and the originals.

```toml
format = 1

[submission]
received = 2024-04-10
from = "县水利局"
status = "new"             # new | declined; adopted is derived (an issue holds the id)
note = ""
original = "originals/20240410-001-水利信息.docx"

[item]
title = "……"
source = "县水利局"
author = "张华"
body = \"\"\"
……\"\"\"
```

A submission's id is its file's name without ``.toml``. Files are read with
:mod:`bulletin_tui.tomlparse` and changed through ``tomlkit`` (comments and unknown keys
stay), saved atomically and conflict-checked through :meth:`Archive.save`. A file that
breaks a rule is listed with its line and reason and never written to.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bulletin_tui import tomlparse
from bulletin_tui.archive import Archive, BrokenFile, read_file
from bulletin_tui.errors import BulletinError, IssueFileError, ModelError, SaveConflictError
from bulletin_tui.model import Item, split_paragraphs
from bulletin_tui.settings import inbox_folder
from bulletin_tui.tomlfile import FORMAT, KeyLines, decode_issue_bytes, parse_issue

if TYPE_CHECKING:  # reading the inbox needs no intake (the reader lists it at start)
    from bulletin_tui.inbox.intake import Draft

NEW, DECLINED, ADOPTED = "new", "declined", "adopted"
STORED_STATUSES = (NEW, DECLINED)
STATUSES = (NEW, ADOPTED, DECLINED)
ORIGINALS = "originals"
LOCK_FILE = ".lock"

_ID = re.compile(r"^[^\\/:*?\"<>|\s.][^\\/:*?\"<>|\s]*$")
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


@dataclass(frozen=True)
class Submission:
    """One submission as its file holds it. ``status`` is the stored one (new or
    declined); :meth:`status_given` says whether it is adopted."""

    id: str
    path: Path
    received: dt.date
    sender: str  # the ``from`` unit: who sent it in, counted in statistics
    status: str
    note: str
    original: str  # relative to the inbox folder
    item: Item

    def status_given(self, adopted: Container[str]) -> str:
        """``adopted`` when an issue holds this id (``adopted``: the ids issues hold)."""
        return ADOPTED if self.id in adopted else self.status

    def as_dict(self, adopted: Container[str]) -> dict[str, object]:
        """What ``--json`` prints of a submission."""
        return {
            "id": self.id,
            "path": str(self.path),
            "title": self.item.title,
            "source": self.item.source,
            "author": self.item.author,
            "body": self.item.body_text,
            "received": self.received.isoformat(),
            "from": self.sender,
            "status": self.status_given(adopted),
            "note": self.note,
            "original": self.original,
        }


@dataclass(frozen=True)
class InboxListing:
    """Every submission, newest first, and the broken files after them."""

    submissions: tuple[Submission, ...]
    broken: tuple[BrokenFile, ...]


def newest_first(submission: Submission) -> tuple:
    """Sort key: received date, newest first, then id, newest first."""
    return (-submission.received.toordinal(), tuple(-ord(c) for c in submission.id))


def parse_submission_file(text: str, path: Path) -> Submission:
    """A submission file's text → :class:`Submission`; :class:`IssueFileError` if broken."""
    try:
        data = tomlparse.loads(text)
    except tomlparse.TOMLDecodeError:
        parse_issue(text, path)  # says where the syntax error is, as for issue files
        raise  # not reached: parse_issue raised
    lines = KeyLines(text)

    def fail(where: tuple[str, ...], reason: str) -> IssueFileError:
        return IssueFileError(path, lines.line_of(where), reason)

    version = data.get("format", FORMAT)
    if version != FORMAT or isinstance(version, bool):
        raise fail(("format",), f"format {version!r} is not known (this version reads format 1)")
    head, fields = data.get("submission"), data.get("item")
    if not isinstance(head, dict):
        raise fail(("submission",), "has no [submission] table")
    if not isinstance(fields, dict):
        raise fail(("item",), "has no [item] table")
    received = head.get("received")
    if not isinstance(received, dt.date) or isinstance(received, dt.datetime):
        raise fail(("submission", "received"),
                   "received must be a TOML date like 2024-04-10 (no quotes, no time)")  # fmt: skip
    text_of = _texts(head, fields, fail)
    status = text_of("submission", "status", NEW)
    if status not in STORED_STATUSES:
        reason = f"status must be new or declined, not {status!r} (adopted is derived)"
        raise fail(("submission", "status"), reason)
    for key in ("title", "body"):
        if key not in fields:
            raise fail(("item",), f"item: {key} is required")
    try:
        item = Item(
            title=text_of("item", "title", ""),
            body=split_paragraphs(text_of("item", "body", "")),
            source=text_of("item", "source", ""),
            author=text_of("item", "author", ""),
        )
    except ModelError as error:
        key = error.field.split()[0]
        raise fail(("item", key), f"item: {error}") from None
    return Submission(
        id=path.stem,
        path=path,
        received=received,
        sender=text_of("submission", "from", ""),
        status=status,
        note=text_of("submission", "note", ""),
        original=text_of("submission", "original", ""),
        item=item,
    )


def _texts(head: dict, fields: dict, fail: Any) -> Any:
    tables = {"submission": head, "item": fields}

    def text_of(table: str, key: str, default: str) -> str:
        value = tables[table].get(key, default)
        if not isinstance(value, str):
            raise fail((table, key), f"{table}: {key} must be text in quotes, not {value!r}")
        return value

    return text_of


def submission_text(submission_id: str, draft: Draft, received: dt.date, sender: str,
                    original: str) -> str:  # fmt: skip
    """The text of a new submission file, laid out as the format shows it."""
    import tomlkit

    from bulletin_tui.tomledit import multiline_string

    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"来稿 {submission_id}"))
    doc.add("format", FORMAT)
    doc.add(tomlkit.nl())
    head = tomlkit.table()
    head.add("received", tomlkit.date(received.isoformat()))
    head.add("from", sender)
    head.add("status", NEW)
    head.add("note", "")
    head.add("original", original)
    doc.add("submission", head)
    doc.add(tomlkit.nl())
    item = tomlkit.table()
    item.add("title", draft.title)
    item.add("source", draft.source)
    if draft.author:
        item.add("author", draft.author)
    item.add("body", multiline_string("\n\n".join(draft.body)))
    doc.add("item", item)
    return doc.as_string()


class Inbox:
    """The submissions of one archive: the inbox folder at its root."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.folder = inbox_folder(archive.root)
        self._last_numbers: dict[str, int] = {}  # day → the last id number this object took

    @property
    def originals(self) -> Path:
        """Where the files the submissions came from are kept."""
        return self.folder / ORIGINALS

    def files(self) -> list[Path]:
        """Every submission file (``*.toml`` right in the inbox folder), by name."""
        if not self.folder.is_dir():
            return []
        return sorted(
            Path(entry.path)
            for entry in os.scandir(self.folder)
            if entry.name.endswith(".toml") and not entry.name.startswith(".") and entry.is_file()
        )

    def scan(self) -> InboxListing:
        """Read every submission file: the valid ones newest first, the broken after them."""
        found: list[Submission] = []
        broken: list[BrokenFile] = []
        for path in self.files():
            try:
                found.append(self.load(path))
            except IssueFileError as error:
                broken.append(BrokenFile(path, error))
        return InboxListing(tuple(sorted(found, key=newest_first)), tuple(broken))

    def load(self, path: Path) -> Submission:
        """One submission file; :class:`IssueFileError` if it is broken (read as issue files
        are: a regular file of bounded size)."""
        return parse_submission_file(decode_issue_bytes(read_file(path), path), path)

    def path_of(self, submission_id: str) -> Path:
        """The file of submission ``submission_id``; one sentence if there is none."""
        if not _ID.match(submission_id) or not (self.folder / f"{submission_id}.toml").is_file():
            raise BulletinError(f"there is no submission {submission_id} in {self.folder}")
        return self.folder / f"{submission_id}.toml"

    def get(self, submission_id: str) -> Submission:
        """Submission ``submission_id``; one sentence if it does not exist or is broken."""
        return self.load(self.path_of(submission_id))

    # writing ----------------------------------------------------------------------------

    def add(self, draft: Draft, *, received: dt.date, sender: str, original: bytes,
            name: str) -> Submission:  # fmt: skip
        """A new submission (id ``YYYYMMDD-NNN``) with its original kept beside it."""
        self.originals.mkdir(parents=True, exist_ok=True)
        prefix = received.strftime("%Y%m%d")
        number = self._last_numbers.get(prefix)
        if number is None:  # once per day received; then the exclusive create says
            taken = [int(p.stem[len(prefix) + 1 :]) for p in self.folder.glob(f"{prefix}-*.toml")
                     if p.stem[len(prefix) + 1 :].isdigit()]  # fmt: skip
            number = max(taken, default=0)
        stem = _UNSAFE_IN_NAME.sub("-", Path(name).stem).strip(".-")[:40]
        suffix = Path(name).suffix.lower()
        for _ in range(1000):
            number += 1
            submission_id = f"{prefix}-{number:03d}"
            path = self.folder / f"{submission_id}.toml"
            kept = f"{ORIGINALS}/{submission_id}{'-' + stem if stem else ''}{suffix}"
            text = submission_text(submission_id, draft, received, sender, kept)
            try:  # the submission file first: it claims the id (another process may race)
                self.archive.save(path, text.encode("utf-8"), based_on=None)
            except SaveConflictError:
                continue
            self.archive.save(self.folder / kept, original, based_on=None)
            self._last_numbers[prefix] = number
            return self.load(path)
        raise BulletinError(f"no free submission id for {received} in {self.folder}")

    def set_status(self, submission_id: str, status: str, note: str | None) -> Submission:
        """Mark a submission new or declined (with a note), changing only those keys."""
        import tomlkit

        if status not in STORED_STATUSES:
            raise BulletinError(f"a submission's status is new or declined, not {status}")
        path = self.path_of(submission_id)
        raw = path.read_bytes()
        text = decode_issue_bytes(raw, path)
        parse_submission_file(text, path)  # a broken file is never written
        doc = tomlkit.parse(text)
        head = doc["submission"]
        head["status"] = status  # type: ignore[index]
        if note is not None:
            head["note"] = note  # type: ignore[index]
        new_text = doc.as_string()
        saved = parse_submission_file(new_text, path)
        self.archive.save(path, new_text.encode("utf-8"), based_on=raw)
        return saved

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the inbox's lock (``inbox/.lock``): adopting and declining one at a time,
        across processes. Where the system has no ``fcntl`` (Windows) it is a no-op."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            yield
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / LOCK_FILE, "a+b") as stream:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(stream.fileno(), fcntl.LOCK_UN)

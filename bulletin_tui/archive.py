"""A folder of issue files: discover, load, save (atomic and conflict-checked), broken files."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin_tui.atomic import write_atomic
from bulletin_tui.errors import BulletinError, IssueFileError, SaveConflictError

if TYPE_CHECKING:
    from bulletin_tui.model import Issue
    from bulletin_tui.tomledit import IssueDocument

# The model and the TOML reader are imported where they are used: listing files and
# checking them against the index cache needs neither.

SETTINGS_FILE = "bulletin.toml"

#: Path → (size, modification time in ns) of each issue file: what "changed" compares.
Stamps = dict[str, tuple[int, int]]
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class IssueHeader:
    """What names an issue in a list: series, number and date (no sections, no items)."""

    series: str
    number: int | None
    date: dt.date | None

    @classmethod
    def of(cls, issue: Issue) -> IssueHeader:
        """The header of a whole issue."""
        return cls(issue.series, issue.number, issue.date)


class IssueFile:
    """An issue as read from its file, with the bytes it was read from (for saving).

    An issue from the index cache has no bytes (``raw`` is None) but the size and
    modification time (``stamp``) its file had; saving then checks against those. It
    also arrives without its sections: only the header, and ``load`` to fetch the whole
    issue the first time :attr:`issue` is asked for, so a listing of thousands of issues
    holds little more than their names.
    """

    __slots__ = ("_issue", "_load", "header", "path", "raw", "stamp")

    def __init__(
        self,
        path: Path,
        issue: Issue | None,
        raw: bytes | None,
        stamp: tuple[int, int] | None = None,
        *,
        header: IssueHeader | None = None,
        load: Callable[[], Issue] | None = None,
    ) -> None:
        if issue is not None:
            header = IssueHeader.of(issue)
        elif header is None or load is None:
            raise ValueError("an issue file needs its issue, or a header and a way to load it")
        self.path = path
        self.raw = raw
        self.stamp = stamp
        self.header: IssueHeader = header
        self._issue = issue
        self._load = load

    def __repr__(self) -> str:
        return f"IssueFile({str(self.path)!r}, {self.header!r})"

    @property
    def issue(self) -> Issue:
        """The whole issue (loaded on first use when the file came from the cache)."""
        if self._issue is None:
            assert self._load is not None  # the constructor makes sure of it
            self._issue = self._load()
        return self._issue

    def base(self) -> bytes:
        """The bytes an edit starts from; refuses if the file is no longer what was read."""
        if self.raw is not None:
            return self.raw
        stat = self.path.stat()
        data = self.path.read_bytes()
        if (stat.st_size, stat.st_mtime_ns) != self.stamp:
            raise SaveConflictError(
                self.path, "was changed by another program since it was read; nothing was written"
            )
        return data


@dataclass(frozen=True)
class BrokenFile:
    """A file that is not a valid issue: never written to, always listed."""

    path: Path
    error: IssueFileError


@dataclass(frozen=True)
class Listing:
    """Every issue of the archive, newest first, and the broken files after them."""

    issues: tuple[IssueFile, ...]
    broken: tuple[BrokenFile, ...]


def newest_first(issue_file: IssueFile) -> tuple:
    """Sort key: dated issues by date then number, newest first; undated ones last."""
    header = issue_file.header
    date = header.date.toordinal() if header.date else 0
    return (header.date is None, -date, -(header.number or 0), str(issue_file.path))


def safe_file_stem(issue: Issue) -> str:
    """``工作动态-2024-005``: series, year and number, with nothing that could leave a folder."""
    from bulletin_tui.model import is_control

    series = "".join(char for char in issue.series if not is_control(char))
    series = _UNSAFE_IN_NAME.sub("-", series).replace("..", "-").strip(".-")[:60]
    parts = [series or "issue"]
    if issue.date is not None:
        parts.append(str(issue.date.year))
    if issue.number is not None:
        parts.append(f"{issue.number:03d}")
    return "-".join(parts)


class Archive:
    """The issue files under one folder (``issues/`` by default)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def require(self) -> None:
        """Fail with one clear sentence when the folder is not there."""
        if not self.root.is_dir():
            raise BulletinError(
                f"the archive folder {self.root} does not exist "
                "(create an issue with `bulletin new`, or name a folder with --archive)"
            )

    def files(self) -> list[Path]:
        """Every ``*.toml`` below the folder but the settings file; hidden folders and the
        inbox of submissions skipped."""
        return [Path(entry.path) for entry in self._issue_entries()]

    def stamps(self) -> Stamps:
        """Every issue file (as :meth:`files` finds them, in order) with its size and
        modification time in ns: what tells a changed file from an unchanged one."""
        found: Stamps = {}
        for entry in self._issue_entries():
            stat = entry.stat()
            found[entry.path] = (stat.st_size, stat.st_mtime_ns)
        return found

    def _issue_entries(self) -> Iterator[os.DirEntry[str]]:
        from bulletin_tui.settings import inbox_folder

        self.require()
        settings = os.path.join(self.root, SETTINGS_FILE)
        inbox = os.path.join(self.root, inbox_folder(self.root).name)  # submissions, not issues
        folders = [str(self.root)]
        while folders:
            with os.scandir(folders.pop()) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if entry.path != inbox:
                        subfolders.append(entry.path)
                elif entry.name.endswith(".toml") and entry.path != settings:
                    yield entry
            folders += reversed(subfolders)

    def scan(self) -> Listing:
        """Load every file: the valid issues newest first, the broken ones after them."""
        issues: list[IssueFile] = []
        broken: list[BrokenFile] = []
        for path in self.files():
            try:
                issues.append(self.load(path))
            except IssueFileError as error:
                broken.append(BrokenFile(path, error))
        return Listing(tuple(sorted(issues, key=newest_first)), tuple(broken))

    def load(self, path: Path | str) -> IssueFile:
        """Read one issue file; raise :class:`IssueFileError` if it is broken."""
        from bulletin_tui.tomlfile import read_issue

        path = Path(path)
        raw = path.read_bytes()
        return IssueFile(path, read_issue(raw, path), raw)

    def resolve(self, name: str) -> Path:
        """An ``ISSUE`` argument: a path as given, or a name relative to the archive."""
        candidates = [Path(name), self.root / name, self.root / f"{name}.toml"]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        raise BulletinError(f"there is no issue file {name} (nor in the archive {self.root})")

    def create(self, issue: Issue) -> IssueFile:
        """Write a new issue file under a fresh, safe name inside the archive."""
        from bulletin_tui.tomledit import IssueDocument  # tomlkit: only when writing
        from bulletin_tui.tomlfile import parse_issue

        self.root.mkdir(parents=True, exist_ok=True)
        text = IssueDocument.new(issue).text()
        data = text.encode("utf-8")
        stem = safe_file_stem(issue)
        for attempt in range(1, 1000):
            path = self.root / (f"{stem}.toml" if attempt == 1 else f"{stem}-{attempt}.toml")
            if not path.resolve().is_relative_to(self.root.resolve()):
                raise BulletinError(f"refusing to write {path}: it is outside the archive")
            if path.exists():
                continue
            try:
                self.save(path, data, based_on=None)
            except SaveConflictError:
                continue
            return IssueFile(path, parse_issue(text, path), data)
        raise BulletinError(f"no free file name for {stem}.toml in {self.root}")

    def import_target(self, issue: Issue, *, replace: bool) -> Path:
        """Where an imported issue goes: its safe name in the archive, checked for clashes."""
        path = self.root / f"{safe_file_stem(issue)}.toml"
        if path.exists() and not replace:
            raise BulletinError(f"{path} already exists; use --force to replace it")
        return path

    def write_imported(self, path: Path, issue: Issue) -> IssueFile:
        """Write an imported issue to ``path``, replacing what is there (atomically)."""
        from bulletin_tui.tomledit import IssueDocument
        from bulletin_tui.tomlfile import parse_issue

        self.root.mkdir(parents=True, exist_ok=True)
        text = IssueDocument.new(issue).text()
        data = text.encode("utf-8")
        self.save(path, data, based_on=_read_or_none(path))
        return IssueFile(path, parse_issue(text, path), data)

    def edit(self, issue_file: IssueFile, change: Callable[[IssueDocument], None]) -> IssueFile:
        """Apply ``change`` to the document the issue was read from, and save it."""
        from bulletin_tui.tomledit import IssueDocument
        from bulletin_tui.tomlfile import decode_issue_bytes, parse_issue

        base = issue_file.base()
        document = IssueDocument(decode_issue_bytes(base, issue_file.path))
        change(document)
        text = document.text()
        issue = parse_issue(text, issue_file.path)
        data = text.encode("utf-8")
        self.save(issue_file.path, data, based_on=base)
        return IssueFile(issue_file.path, issue, data)

    def save(self, path: Path, data: bytes, based_on: bytes | None) -> None:
        """Write ``data`` atomically; refuse if the file is no longer ``based_on``.

        ``based_on=None`` means the file must not exist yet. The bytes go to a temporary
        file in the same folder, are flushed and fsynced, and replace the file in one
        ``os.replace``: a reader sees the old file or the new one, never half of one.
        """
        path = Path(path)
        current = _read_or_none(path)
        if based_on is None and current is not None:
            raise SaveConflictError(path, "already exists; not overwritten")
        if based_on is not None and current != based_on:
            what = "was deleted" if current is None else "was changed by another program"
            raise SaveConflictError(
                path, f"{what} since it was read; nothing was written (reload and try again)"
            )
        try:
            write_atomic(path, data, exclusive=based_on is None)
        except FileExistsError:
            raise SaveConflictError(path, "already exists; not overwritten") from None


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None

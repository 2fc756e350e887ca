"""A folder of issue files: discover, load, save (atomic and conflict-checked), broken files."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat as stat_mode
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin_tui.errors import BulletinError, IssueFileError, SaveConflictError
from bulletin_tui.locking import DEFAULT_WAIT
from bulletin_tui.saving import (
    check_and_write,
    conflict_copy_name,
    fit_name,
    folder_locked,
    read_or_none,
)
from bulletin_tui.visible import storable

if TYPE_CHECKING:
    from bulletin_tui.model import Issue
    from bulletin_tui.tomledit import IssueDocument

# The model and the TOML reader are imported where they are used: listing files and
# checking them against the index cache needs neither.

SETTINGS_FILE = "bulletin.toml"
#: The inbox folder's name (submissions, not issues) when ``bulletin.toml`` names none.
INBOX_FOLDER = "inbox"

#: The largest issue file read (10 MB): a bigger one is a broken file, not a long wait.
MAX_FILE_BYTES = 10 * 1024 * 1024

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
    # At most 200 bytes, leaving room in a file name's 255 for the year, the number, a
    # ``-2`` and a conflict copy's suffix (60 emoji are 240 bytes).
    series = fit_name(series, "", limit=200)
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
        #: What the last walk found but cannot name as a file to read: names that are not
        #: UTF-8, folders that cannot be read. Broken files, listed after the others.
        self.unlisted: tuple[BrokenFile, ...] = ()
        self._inbox: tuple[tuple[int, int] | None, str] | None = None

    def inbox_path(self) -> str:
        """The inbox folder (submissions, not issues), as ``bulletin.toml`` names it; the
        settings are read again only when that file changed, not on every walk."""
        try:
            found = os.stat(os.path.join(self.root, SETTINGS_FILE))
            stamp: tuple[int, int] | None = (found.st_size, found.st_mtime_ns)
        except OSError:
            stamp = None
        if self._inbox is None or self._inbox[0] != stamp:
            name = INBOX_FOLDER  # without settings, the settings module is not needed
            if stamp is not None:
                from bulletin_tui.settings import inbox_folder

                name = inbox_folder(self.root).name
            self._inbox = (stamp, os.path.join(self.root, name))
        return self._inbox[1]

    def require(self) -> None:
        """Fail with one clear sentence when the folder is not there."""
        if not self.root.is_dir():
            raise BulletinError(
                f"the archive folder {self.root} does not exist "
                "(create an issue with `bulletin new`, or name a folder with --archive)"
            )

    def files(self) -> list[Path]:
        """Every ``*.toml`` below the folder but the settings file; hidden folders and the
        inbox of submissions skipped.

        Names that are not UTF-8 and folders that cannot be read are not among them:
        :attr:`unlisted` holds those, as broken files, after each walk.
        """
        return [Path(path) for path in self._walk()]

    def stamps(self) -> Stamps:
        """Every issue file (as :meth:`files` finds them, in order) with its size and
        modification time in ns: what tells a changed file from an unchanged one.

        A link to nothing, a loop of links, a pipe or a device is here too (with the
        stamp of the link itself); reading it makes it a broken file.
        """
        return self._walk()

    def _walk(self) -> Stamps:
        # Each file costs a stat (20,000 files: about 50 ms) and as little else as can be:
        # this walk is the freshness check of every command and of the reader.
        self.require()
        settings = os.path.join(self.root, SETTINGS_FILE)
        inbox = self.inbox_path()
        folders = [str(self.root)]
        # Paths are spelt as Path spells them: ``./a.toml`` is ``a.toml``. A folder's entries
        # join its path and their names, so only a walk from ``.`` needs a change.
        from_here = folders[0] == os.curdir
        unlisted: list[BrokenFile] = []
        stamps: Stamps = {}
        self.unlisted = ()
        while folders:
            folder = folders.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=_NAME)
            except OSError as error:
                if folder == str(self.root):
                    raise
                unlisted.append(_broken(folder, f"is a folder that cannot be read ({_why(error)})"))
                continue
            subfolders = []
            # one test for the whole folder: names that are not UTF-8 are rare
            all_storable = storable("\0".join([folder, *(entry.name for entry in entries)]))
            for entry in entries:
                name = entry.name
                if name[0] == ".":
                    continue
                path = entry.path
                if entry.is_dir(follow_symlinks=False):
                    if path != inbox:
                        subfolders.append(path)
                elif name.endswith(".toml") and path != settings:
                    if not (all_storable or storable(path)):
                        unlisted.append(_broken(path, "has a name that is not UTF-8"))
                        continue
                    try:
                        found = entry.stat()
                    except OSError:  # a link to nothing, or a loop: read, it says which
                        found = entry.stat(follow_symlinks=False)
                    stamps[path[2:] if from_here else path] = (found.st_size, found.st_mtime_ns)
            folders += reversed(subfolders)
        self.unlisted = tuple(unlisted)
        return stamps

    def scan(self) -> Listing:
        """Load every file: the valid issues newest first, the broken ones after them."""
        issues: list[IssueFile] = []
        broken: list[BrokenFile] = []
        for path in self.files():
            try:
                issues.append(self.load(path))
            except IssueFileError as error:
                broken.append(BrokenFile(path, error))
        broken += self.unlisted
        return Listing(tuple(sorted(issues, key=newest_first)), tuple(broken))

    def load(self, path: Path | str) -> IssueFile:
        """Read one issue file; raise :class:`IssueFileError` if it is broken."""
        from bulletin_tui.tomlfile import read_issue

        path = Path(path)
        raw = read_file(path)
        return IssueFile(path, read_issue(raw, path), raw)

    def resolve(self, name: str) -> Path:
        """An ``ISSUE`` argument: a path as given, or a name relative to the archive."""
        candidates = [Path(name), self.root / name, self.root / f"{name}.toml"]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        where = self.root.absolute()  # the full path, also when the archive is given as "."
        raise BulletinError(f"there is no issue file {name} (nor in the archive {where})")

    #: Seconds a save waits for another save in the same folder before it refuses.
    lock_wait: float = DEFAULT_WAIT

    def create(self, issue: Issue) -> IssueFile:
        """Write a new issue file under a fresh, safe name inside the archive.

        Each name is taken exclusively (a hard link of the written file), so a file
        another writer made first, even a moment before, is never overwritten. An issue
        with a number has one name (series, year, number): if it is taken, that issue
        exists already and this one is refused. An issue without a number takes the next
        free name (``-2``, ``-3``…).
        """
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
            try:
                if path.exists():
                    raise SaveConflictError(path, "already exists; not overwritten")
                self.save(path, data, based_on=None)
            except SaveConflictError:
                if issue.number is not None:
                    raise BulletinError(
                        f"{issue.heading} already exists as {path}; nothing was written "
                        "(give another number, or edit that issue)"
                    ) from None
                continue
            return IssueFile(path, parse_issue(text, path), data)
        raise BulletinError(f"no free file name for {stem}.toml in {self.root}")

    def import_target(self, issue: Issue, *, replace: bool) -> Path:
        """Where an imported issue goes: its safe name in the archive, checked for clashes."""
        path = self.root / f"{safe_file_stem(issue)}.toml"
        if path.exists() and not replace:
            raise BulletinError(f"{path} already exists; use --force to replace it")
        return path

    def write_imported(self, path: Path, issue: Issue, *, replace: bool) -> IssueFile:
        """Write an imported issue to ``path`` (atomically).

        Without ``replace`` the file is created exclusively: if another writer made it
        first, even after :meth:`import_target` looked, this one refuses.
        """
        from bulletin_tui.tomledit import IssueDocument
        from bulletin_tui.tomlfile import parse_issue

        self.root.mkdir(parents=True, exist_ok=True)
        text = IssueDocument.new(issue).text()
        data = text.encode("utf-8")
        with folder_locked(path, self.lock_wait):
            try:
                check_and_write(path, data, based_on=read_or_none(path) if replace else None)
            except SaveConflictError:
                raise BulletinError(f"{path} already exists; use --force to replace it") from None
        return IssueFile(path, parse_issue(text, path), data)

    def edit(self, issue_file: IssueFile, change: Callable[[IssueDocument], None]) -> IssueFile:
        """Apply ``change`` to the document the issue was read from, and save it.

        For an edit made on what a screen showed: if the file on disk is no longer what
        ``issue_file`` was read from, nothing is written (:class:`SaveConflictError`).
        """
        with folder_locked(issue_file.path, self.lock_wait):
            return self._apply(issue_file.path, issue_file.base(), change)

    def update(self, path: Path, change: Callable[[IssueDocument], None]) -> IssueFile:
        """Read ``path``, apply ``change`` and save it, all under the folder's save lock.

        For a one-shot change (``bulletin add``, fixes): it starts from the file as it is,
        so it never conflicts; a concurrent writer waits its turn, and no save is lost.
        """
        with folder_locked(path, self.lock_wait):
            return self._apply(path, self.load(path).raw or b"", change)

    def _apply(self, path: Path, base: bytes, change: Callable[[IssueDocument], None]) -> IssueFile:
        from bulletin_tui.tomledit import IssueDocument
        from bulletin_tui.tomlfile import decode_issue_bytes, parse_issue

        document = IssueDocument(decode_issue_bytes(base, path))
        change(document)
        text = document.text()
        issue = parse_issue(text, path)
        data = text.encode("utf-8")
        check_and_write(path, data, based_on=base)
        return IssueFile(path, issue, data)

    def remove(self, issue_file: IssueFile) -> bytes:
        """Delete an issue's file and return its bytes (to restore it with :meth:`save`);
        refuse if the file is no longer what was read."""
        base = issue_file.base()
        with folder_locked(issue_file.path, self.lock_wait):
            if read_or_none(issue_file.path) != base:
                raise SaveConflictError(
                    issue_file.path,
                    "was changed by another program since it was read; not deleted",
                )
            issue_file.path.unlink()
        return base

    def save(self, path: Path, data: bytes, based_on: bytes | None) -> None:
        """Write ``data`` atomically; refuse if the file is no longer ``based_on``.

        ``based_on=None`` means the file must not exist yet (it is created exclusively).
        Under the folder's save lock, the file on disk is compared with ``based_on`` and
        replaced: the bytes go to a temporary file in the same folder, are fsynced, and
        replace the file in one ``os.replace``, keeping its mode (and owner where
        permitted); a read-only file is refused.
        """
        path = Path(path)
        with folder_locked(path, self.lock_wait):
            check_and_write(path, data, based_on)

    def save_conflict_copy(self, path: Path, data: bytes, moment: dt.datetime) -> Path:
        """Keep an edit that could not be saved in ``path`` in a new file beside it.

        Named ``NAME.conflict-TIME.toml.txt`` (:func:`conflict_copy_name`), so it is never
        read as a second issue; created exclusively, never replacing a file.
        """
        for attempt in range(1, 100):
            copy = path.with_name(conflict_copy_name(path, moment, attempt))
            try:
                self.save(copy, data, based_on=None)
            except SaveConflictError:
                continue
            return copy
        raise BulletinError(f"no free file name for a copy of {path}")


def read_file(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`IssueFileError`.

    Opened without blocking and checked on the open descriptor, so a pipe, a device
    (a link to ``/dev/zero``), a folder, a link to nothing or a file too big to be an
    issue is a broken file at once instead of a hang or a crash.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise _unreadable(path, error) from None
    try:
        found = os.fstat(descriptor)
        if not stat_mode.S_ISREG(found.st_mode):
            folder = stat_mode.S_ISDIR(found.st_mode)
            raise _cannot_read(path, "read_folder" if folder else "read_not_regular")
        if found.st_size > limit:
            raise _cannot_read(path, "read_too_large", megabytes=limit // (1024 * 1024))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, min(limit + 1 - size, 1 << 20) or 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise _cannot_read(path, "read_too_large", megabytes=limit // (1024 * 1024))
        return b"".join(chunks)
    except OSError as error:
        raise _unreadable(path, error) from None
    finally:
        os.close(descriptor)


def _cannot_read(path: Path | str, key: str, **values: object) -> IssueFileError:
    """A file that cannot be read, the reason said by :data:`bulletin_tui.reasons.REASONS`
    ``[key]`` (so the screen and ``--lang zh`` can say it in Chinese)."""
    from bulletin_tui.reasons import Said

    return IssueFileError(path, None, Said(key, **values))


def _unreadable(path: Path | str, error: OSError) -> IssueFileError:
    """Why a file could not be opened or read."""
    if error.errno == errno.ELOOP:
        return _cannot_read(path, "read_link_loop")
    if error.errno == errno.ENOENT and os.path.islink(path):
        return _cannot_read(path, "read_link_to_nothing")
    key = _READ_ERRORS.get(error.errno or 0, "read_failed")
    return _cannot_read(path, key, why=_why(error))


#: The commonest reasons a file cannot be read, by error number.
_READ_ERRORS = {
    errno.ENOENT: "read_missing",
    errno.EACCES: "read_no_permission",
    errno.EPERM: "read_no_permission",
}


def _why(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


#: A folder's entries are walked in the order of their names.
_NAME = attrgetter("name")


def _broken(path: str, reason: str) -> BrokenFile:
    return BrokenFile(Path(path), IssueFileError(path, None, reason))

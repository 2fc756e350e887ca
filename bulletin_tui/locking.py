"""The save lock of a folder: one writer at a time checks and replaces its files.

An advisory lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) on the hidden
file ``.bulletin.lock`` in the folder of the file being saved. Every save of the archive
takes it, so "compare the bytes on disk with the base, then replace" is one step for
every writer that uses this program. The system drops the lock when its process ends,
even by ``kill -9``, so a dead writer never blocks the next one; a live one that holds
it longer than the wait (10 s) gets a refusal in one sentence. The lock file is removed
when the lock is let go (on POSIX), so the folder holds it only while a save runs.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bulletin_tui.errors import BulletinError

LOCK_NAME = ".bulletin.lock"
#: Seconds a save waits for another one in the same folder before refusing.
DEFAULT_WAIT = 10.0
_POLL = 0.01


class LockTimeoutError(BulletinError):
    """Another program held the folder's save lock for longer than the wait."""

    def __init__(self, target: Path, wait: float) -> None:
        self.path = target
        super().__init__(
            f"{target}: another program has been saving in {target.parent} for {wait:g} s; "
            "nothing was written (try again)"
        )


@contextmanager
def save_lock(target: Path, *, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the save lock of ``target``'s folder (waiting at most ``wait`` seconds).

    An ``OSError`` (a folder that cannot be written) names ``target``, not the lock file.
    """
    lock_path = target.parent / LOCK_NAME
    try:
        descriptor = _acquire(lock_path, time.monotonic() + wait)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(target)) from error
    if descriptor is None:
        raise LockTimeoutError(target, wait)
    try:
        yield
    finally:
        if os.name == "posix":
            # Remove it while still holding it: a writer waiting on this file finds, once
            # it has the lock, that the name is gone, and starts again on a new file.
            # (Another user's lock file in a folder with the sticky bit stays.)
            with contextlib.suppress(FileNotFoundError, PermissionError):
                lock_path.unlink()
        _unlock(descriptor)
        os.close(descriptor)


def _acquire(lock_path: Path, deadline: float) -> int | None:
    """An open, locked descriptor of the file now at ``lock_path``; None past the deadline."""
    while True:
        descriptor = _open(lock_path)
        try:
            while not _try_lock(descriptor):
                if time.monotonic() >= deadline:
                    os.close(descriptor)
                    return None
                time.sleep(_POLL)
            if _still_named(descriptor, lock_path):
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        _unlock(descriptor)
        os.close(descriptor)  # the file was removed while we waited: lock its successor


def _open(lock_path: Path) -> int:
    flags = os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(lock_path, os.O_RDWR | flags, 0o666)
    except PermissionError as refused:
        if os.name != "posix":
            raise
        # Left by another user's killed save: flock needs only a descriptor to read (and
        # no O_CREAT, which Linux refuses on another's file in a sticky folder).
        try:
            return os.open(lock_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            raise refused from None  # not there: the folder itself may not be written


def _still_named(descriptor: int, lock_path: Path) -> bool:
    if os.name != "posix":
        return True  # an open file cannot be removed there: the name is always its own
    try:
        named = os.stat(lock_path)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

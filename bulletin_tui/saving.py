"""Saving a file of the archive: under its folder's save lock, checked, then atomic.

Every save of an issue file comes here (through :class:`~bulletin_tui.archive.Archive`):
the lock (:mod:`bulletin_tui.locking`) makes "compare the bytes on disk with what the
edit was based on, then replace" one step among writers, so no save is lost between the
two; the write (:mod:`bulletin_tui.atomic`) leaves the old file or the new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bulletin_tui.atomic import remove_stale, write_atomic
from bulletin_tui.errors import SaveConflictError
from bulletin_tui.locking import save_lock

#: The longest file name most file systems take, in bytes.
NAME_MAX = 255


@contextmanager
def folder_locked(path: Path, wait: float) -> Iterator[None]:
    """Hold the save lock of ``path``'s folder; clear temporary files killed saves left."""
    with save_lock(path, wait=wait):
        remove_stale(path.parent)
        yield


def check_and_write(path: Path, data: bytes, based_on: bytes | None) -> None:
    """Write ``data`` to ``path`` if the file is still ``based_on`` (None: not there yet).

    Call it holding :func:`folder_locked`; otherwise another writer may come between the
    check and the write.
    """
    current = read_or_none(path)
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


def read_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def conflict_copy_name(path: Path, moment: dt.datetime, attempt: int = 1) -> str:
    """``NAME.conflict-20240410-093000.toml.txt``: beside the issue, never read as one.

    The ``.txt`` keeps it out of the archive (discovery reads ``*.toml`` only), so a copy
    never shows as a second issue; renaming it to ``.toml`` makes it one again. The name
    is cut to fit the file system's 255 bytes.
    """
    tail = f".conflict-{moment:%Y%m%d-%H%M%S}" + (f"-{attempt}" if attempt > 1 else "")
    tail += ".toml.txt"
    return fit_name(path.stem, tail)


def fit_name(stem: str, tail: str, limit: int = NAME_MAX) -> str:
    """``stem + tail``, the stem cut (by whole characters) so the name fits ``limit`` bytes."""
    room = limit - len(tail.encode("utf-8"))
    while len(stem.encode("utf-8")) > room:
        stem = stem[:-1]
    return stem + tail

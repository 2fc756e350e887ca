"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The temporary file is ``.~tmp-<8 hex>`` in the target's folder: hidden (discovery skips
it), short (a target whose name fits also fits its temporary file), and of one pattern,
so that one left by a killed process can be found and removed (:func:`remove_stale`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path

from bulletin_tui.errors import BulletinError

#: Temporary files of this program: today's pattern, and the one before it
#: (``.NAME.1a2b3c4d.tmp``), which older versions may have left behind.
TEMPORARY = re.compile(r"\.~tmp-[0-9a-f]{8}|\..+\.[0-9a-f]{8}\.tmp")
#: A temporary file older than this is left over from a process that died.
STALE_AFTER = 60.0


class ReadOnlyFileError(BulletinError):
    """The file to replace has no write permission: it is left as it is."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is read-only (no write permission); nothing was written")


def writable(status: os.stat_result, path: Path) -> bool:
    """Whether a file may be replaced: it has a write bit, and this user may write it.

    The mode bits count even for root (whom ``os.access`` always lets write), so that
    ``chmod 444`` protects a file from every user of the program.
    """
    has_write_bit = bool(status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return has_write_bit and os.access(path, os.W_OK)


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then put it in place.

    ``exclusive`` puts it in place only if nothing is at ``path`` yet (``FileExistsError``
    otherwise), with no window for another writer; else ``os.replace`` swaps it in,
    keeping the replaced file's mode (and owner, where the system permits) and refusing
    a read-only file (:class:`ReadOnlyFileError`). An ``OSError`` names ``path``, never
    the temporary file.
    """
    path = Path(path)
    replaced = None if exclusive else _status_or_none(path)
    if replaced is not None and not writable(replaced, path):
        raise ReadOnlyFileError(path)
    # os.urandom, not secrets: secrets imports hmac and OpenSSL, and every command that
    # lists the archive imports this module
    temporary = path.with_name(f".~tmp-{os.urandom(4).hex()}")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replaced is not None:
            _keep_mode_and_owner(temporary, replaced)
        if exclusive:
            _link_new(temporary, path)
        else:
            os.replace(temporary, path)
        _fsync_folder(path.parent)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "already exists", str(path)) from None
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error
    finally:
        temporary.unlink(missing_ok=True)


def remove_stale(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove this program's temporary files in ``folder`` older than :data:`STALE_AFTER`.

    Call it holding the folder's save lock (:mod:`bulletin_tui.locking`): then no save of
    ours is writing in the folder, and an old temporary file is one a killed process left.
    """
    now = time.time() if now is None else now
    removed = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(".") and TEMPORARY.fullmatch(entry.name)):
                continue
            try:
                status = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(status.st_mode) and now - status.st_mtime > STALE_AFTER:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except FileNotFoundError:
                continue  # another process removed it first
            except PermissionError:
                continue  # another user's, in a folder with the sticky bit: theirs to remove
    return removed


def _status_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _keep_mode_and_owner(temporary: Path, replaced: os.stat_result) -> None:
    if hasattr(os, "chown"):
        # Only root may give a file away: otherwise the new file is the writer's own.
        with contextlib.suppress(PermissionError):
            os.chown(temporary, replaced.st_uid, replaced.st_gid)
    os.chmod(temporary, stat.S_IMODE(replaced.st_mode))


def _link_new(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then replace (a narrow race remains,
        # closed by the archive's save lock).
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

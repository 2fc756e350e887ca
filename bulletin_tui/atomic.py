"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then put it in place.

    ``exclusive`` puts it in place only if nothing is at ``path`` yet (``FileExistsError``
    otherwise), with no window for another writer; else ``os.replace`` swaps it in.
    """
    # os.urandom, not secrets: secrets imports hmac and OpenSSL, and every command that
    # lists the archive imports this module
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if exclusive:
            _link_new(temporary, path)
        else:
            os.replace(temporary, path)
        _fsync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _link_new(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then replace (a narrow race remains).
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

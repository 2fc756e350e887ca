"""Text that is safe to print: control characters shown as visible escapes.

A file name or a message can hold ``ESC ] 0 ; … BEL`` (sets the window title) or
``ESC [2J`` (clears the screen). Everything the command line prints and the screen
shows passes through :func:`visible`, so such characters appear as ``\\x1b`` instead of
acting on the terminal.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePath

# C0 and C1 controls, DEL, lone surrogates (a file name's bytes that were not UTF-8),
# the Unicode line and paragraph separators, and the bidirectional overrides and
# isolates (they reorder what follows them on screen).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: object) -> str:
    """``text`` (or a path) with every control character written as ``\\xNN`` or ``\\uNNNN``."""
    if isinstance(text, PurePath):
        text = os.fspath(text)
    shown = str(text)
    return _UNSAFE.sub(_escape, shown) if _UNSAFE.search(shown) else shown


def storable(path: str) -> bool:
    """Whether a path can be written as UTF-8 text (a name whose bytes are not UTF-8
    cannot: the index cache and JSON hold text)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

"""The ``bulletin`` console script: opens the reader at once when that is all it is asked.

``bulletin`` and ``bulletin --archive DIR [--lang zh|en]`` (what people type many times a
day) start the reader without loading the command line (click and every command's
module); anything else, ``--help`` included, goes to :mod:`bulletin_tui.cli`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_LANGUAGES = ("zh", "en")


def default_archive() -> Path:
    """``$BULLETIN_ARCHIVE``, else ``./issues`` when it exists, else the user data folder."""
    if env := os.environ.get("BULLETIN_ARCHIVE"):
        return Path(env)
    if Path("issues").is_dir():
        return Path("issues")
    import platformdirs

    return Path(platformdirs.user_data_dir("bulletin_tui", appauthor=False)) / "issues"


def reader_options(args: list[str]) -> dict[str, str] | None:
    """``{"archive": …, "lang": …}`` when ``args`` only open the reader; else None."""
    found: dict[str, str] = {}
    rest = list(args)
    if rest[:1] == ["open"]:
        rest = rest[1:]
    while rest:
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        if name not in ("--archive", "--lang") or name[2:] in found:
            return None
        if not has_value:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or (name == "--lang" and value not in _LANGUAGES):
            return None  # the command line says what is wrong
        found[name[2:]] = value
    return found


def main() -> None:
    """Entry point of the ``bulletin`` console script."""
    options = reader_options(sys.argv[1:])
    if options is None or "_BULLETIN_COMPLETE" in os.environ:  # shell completion is click's
        from bulletin_tui.cli import main as command_line

        command_line()
        return
    from bulletin_tui.tui.i18n import choose_language

    choose_language(options.get("lang"))
    from bulletin_tui.archive import Archive
    from bulletin_tui.tui.app import run

    run(Archive(Path(options["archive"]) if "archive" in options else default_archive()))

"""``bulletin.toml`` at the archive root: points per item for each series, unit aliases, and
the inbox folder's name."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bulletin_tui.archive import SETTINGS_FILE
from bulletin_tui.errors import IssueFileError
from bulletin_tui.tomlfile import KeyLines, decode_issue_bytes

#: The inbox of submissions (来稿) at the archive root, unless ``[inbox] folder`` says otherwise.
INBOX_FOLDER = "inbox"


@dataclass(frozen=True)
class Settings:
    """``[score]``: points per adopted item by series (default 1); ``[aliases]``: unit names;
    ``[inbox] folder``: the inbox folder's name at the archive root."""

    scores: dict[str, float] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    inbox: str = INBOX_FOLDER

    def points(self, series: str) -> float:
        """Points an item adopted by ``series`` earns."""
        return self.scores.get(series, 1)

    def unit(self, source: str) -> str:
        """The one name a unit is counted under."""
        return self.aliases.get(source, source)


def load_settings(root: Path) -> tuple[Settings, IssueFileError | None]:
    """The archive's settings, or the defaults and the error that made them unusable."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return Settings(), None
    try:
        text = decode_issue_bytes(path.read_bytes(), path)
        data = tomllib.loads(text)
    except IssueFileError as error:
        return Settings(), error
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if "(at line " in message:
            line = int(message.split("(at line ")[1].split(",")[0])
            message = message.split(" (at line ")[0]
        return Settings(), IssueFileError(path, line, f"TOML syntax error: {message}")
    lines = KeyLines(text)
    scores = data.get("score", {})
    aliases = data.get("aliases", {})
    for name, table in (("score", scores), ("aliases", aliases)):
        if not isinstance(table, dict):
            return Settings(), IssueFileError(
                path, lines.line_of((name,)), f"{name} must be a table"
            )
    for series, points in scores.items():
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
            reason = f"score for “{series}” must be a number of 0 or more, not {points!r}"
            return Settings(), IssueFileError(path, lines.line_of(("score", series)), reason)
    for name, target in aliases.items():
        if not isinstance(target, str) or not target.strip():
            reason = f"alias for “{name}” must be a unit's name in quotes, not {target!r}"
            return Settings(), IssueFileError(path, lines.line_of(("aliases", name)), reason)
    inbox = data.get("inbox", {})
    folder = inbox.get("folder", INBOX_FOLDER) if isinstance(inbox, dict) else None
    if not _plain_folder_name(folder):
        reason = f"inbox folder must be a folder name in quotes (no / or \\), not {folder!r}"
        return Settings(), IssueFileError(path, lines.line_of(("inbox", "folder")), reason)
    return Settings(dict(scores), dict(aliases), folder), None


def _plain_folder_name(name: object) -> bool:
    """One folder right under the archive: not hidden, no separators, not ``..``."""
    return (
        isinstance(name, str)
        and name.strip() == name
        and bool(name)
        and not name.startswith(".")
        and not any(char in name for char in "/\\:")
    )


def inbox_folder(root: Path) -> Path:
    """The inbox folder of the archive at ``root`` (``inbox/`` unless the settings say)."""
    return root / load_settings(root)[0].inbox

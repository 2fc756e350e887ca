"""``bulletin.toml`` at the archive root: points per item for each series, unit aliases."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from bulletin_tui.archive import SETTINGS_FILE, read_file
from bulletin_tui.errors import IssueFileError
from bulletin_tui.tomlfile import KeyLines, decode_issue_bytes, parse_toml

#: The most points one adopted item may earn: far above any office's scheme, and small
#: enough that no sum of them overflows or loses the units.
MAX_SCORE = 1000


@dataclass(frozen=True)
class Settings:
    """``[score]``: points per adopted item by series (default 1); ``[aliases]``: unit names."""

    scores: dict[str, float] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def points(self, series: str) -> float:
        """Points an item adopted by ``series`` earns."""
        return self.scores.get(series, 1)

    def unit(self, source: str) -> str:
        """The one name a unit is counted under."""
        return self.aliases.get(source, source)


def load_settings(root: Path) -> tuple[Settings, IssueFileError | None]:
    """The archive's settings, or the defaults and the error that made them unusable."""
    path = root / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return Settings(), None
    try:
        text = decode_issue_bytes(read_file(path), path)
        data = parse_toml(text, path)
    except IssueFileError as error:
        return Settings(), error
    lines = KeyLines(text)
    scores = data.get("score", {})
    aliases = data.get("aliases", {})
    for name, table in (("score", scores), ("aliases", aliases)):
        if not isinstance(table, dict):
            return Settings(), IssueFileError(
                path, lines.line_of((name,)), f"{name} must be a table"
            )
    for series, points in scores.items():
        if not _is_score(points):
            shown = repr(points) if not isinstance(points, int) or points < 10**30 else "that"
            reason = f"score for “{series}” must be a number from 0 to {MAX_SCORE}, not {shown}"
            return Settings(), IssueFileError(path, lines.line_of(("score", series)), reason)
    for name, target in aliases.items():
        if not isinstance(target, str) or not target.strip():
            reason = f"alias for “{name}” must be a unit's name in quotes, not {target!r}"
            return Settings(), IssueFileError(path, lines.line_of(("aliases", name)), reason)
    return Settings(dict(scores), dict(aliases)), None


def _is_score(points: object) -> bool:
    """A finite number from 0 to :data:`MAX_SCORE` (nan, inf and 400 digits are not)."""
    if isinstance(points, bool) or not isinstance(points, (int, float)):
        return False
    if isinstance(points, float) and not math.isfinite(points):
        return False
    return 0 <= points <= MAX_SCORE  # an int of any length compares without overflow

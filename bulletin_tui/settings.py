"""``bulletin.toml`` at the archive root: points per item for each series, unit aliases."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bulletin_tui.archive import SETTINGS_FILE
from bulletin_tui.errors import IssueFileError
from bulletin_tui.tomlfile import KeyLines, decode_issue_bytes


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
    return Settings(dict(scores), dict(aliases)), None


@dataclass(frozen=True)
class LintSettings:
    """``[lint]``: rules switched ``off``, the longest headline (``title_max``, characters);
    ``[lint.terms]``: the office's own ``"wrong" = "right"`` terms."""

    off: frozenset[str] = frozenset()
    title_max: int = 40
    terms: dict[str, str] = field(default_factory=dict)


def load_lint_settings(root: Path) -> tuple[LintSettings, IssueFileError | None]:
    """The proofreading settings of the archive, or the defaults and what made them unusable.

    Kept apart from :func:`load_settings` so that a mistake under ``[lint]`` never stops
    statistics, and the other way round. Rule ids in ``off`` are checked by the linter.
    """
    path = root / SETTINGS_FILE
    if not path.is_file():
        return LintSettings(), None
    try:
        text = decode_issue_bytes(path.read_bytes(), path)
        data = tomllib.loads(text)
    except IssueFileError as error:
        return LintSettings(), error
    except tomllib.TOMLDecodeError as error:
        return LintSettings(), IssueFileError(path, None, f"TOML syntax error: {error}")
    lint = data.get("lint", {})
    lines = KeyLines(text)

    def problem(where: tuple[str, ...], reason: str) -> tuple[LintSettings, IssueFileError]:
        return LintSettings(), IssueFileError(path, lines.line_of(where), reason)

    if not isinstance(lint, dict):
        return problem(("lint",), "lint must be a table ([lint])")
    off = lint.get("off", [])
    if not isinstance(off, list) or not all(isinstance(rule, str) for rule in off):
        return problem(("lint", "off"), "lint.off must be a list of rule ids in quotes")
    title_max = lint.get("title_max", 40)
    if isinstance(title_max, bool) or not isinstance(title_max, int) or title_max < 1:
        reason = f"lint.title_max must be a whole number of 1 or more, not {title_max!r}"
        return problem(("lint", "title_max"), reason)
    terms = lint.get("terms", {})
    if not isinstance(terms, dict):
        return problem(("lint", "terms"), 'lint.terms must be a table of "wrong" = "right"')
    for wrong, right in terms.items():
        if not isinstance(right, str) or not wrong.strip():
            reason = f"the term “{wrong}” must map to the right form in quotes, not {right!r}"
            return problem(("lint", "terms", wrong), reason)
    return LintSettings(frozenset(off), title_max, dict(terms)), None

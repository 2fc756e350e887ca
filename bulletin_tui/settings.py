"""``bulletin.toml`` at the archive root: points per item for each series, unit aliases, and
the inbox folder's name."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from bulletin_tui.archive import INBOX_FOLDER, SETTINGS_FILE, read_file
from bulletin_tui.errors import IssueFileError
from bulletin_tui.tomlfile import KeyLines, decode_issue_bytes, parse_toml

#: The most points one adopted item may earn: far above any office's scheme, and small
#: enough that no sum of them overflows or loses the units.
MAX_SCORE = 1000

#: The inbox of submissions (来稿) at the archive root, unless ``[inbox] folder`` says otherwise.


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
    try:
        read = read_settings_file(path)
    except IssueFileError as error:
        return Settings(), error
    if read is None:
        return Settings(), None
    data, lines = read
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
    inbox = data.get("inbox", {})
    folder = inbox.get("folder", INBOX_FOLDER) if isinstance(inbox, dict) else None
    if not _plain_folder_name(folder):
        reason = f"inbox folder must be a folder name in quotes (no / or \\), not {folder!r}"
        return Settings(), IssueFileError(path, lines.line_of(("inbox", "folder")), reason)
    return Settings(dict(scores), dict(aliases), folder), None


def _is_score(points: object) -> bool:
    """A finite number from 0 to :data:`MAX_SCORE` (nan, inf and 400 digits are not)."""
    if isinstance(points, bool) or not isinstance(points, (int, float)):
        return False
    if isinstance(points, float) and not math.isfinite(points):
        return False
    return 0 <= points <= MAX_SCORE  # an int of any length compares without overflow


def read_settings_file(path: Path) -> tuple[dict, KeyLines] | None:
    """The parsed settings file and its key lines; None when there is none. Read as issue
    files are (a regular file of bounded size, TOML this program can edit); every part of
    the settings (scores, proofreading, layout) reads it through here."""
    if not path.exists() and not path.is_symlink():
        return None
    text = decode_issue_bytes(read_file(path), path)
    return parse_toml(text, path), KeyLines(text)


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
    try:
        read = read_settings_file(path)
    except IssueFileError as error:
        return LintSettings(), error
    if read is None:
        return LintSettings(), None
    data, lines = read
    lint = data.get("lint", {})

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

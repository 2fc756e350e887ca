"""What a rule finds: a spot in a field's text, and where that field stands in the archive."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Rule:
    """A rule's id (as ``--rules`` and ``[lint] off`` name it), severity and message.

    ``zh`` and ``en`` say what the rule is; they may hold ``{placeholders}`` that a spot's
    ``values`` fill in.
    """

    id: str
    severity: str
    zh: str
    en: str
    fixable: bool

    def message(self, language: str, values: dict[str, Any] | None = None) -> str:
        """The message in ``language`` (``zh`` or ``en``), with the spot's details."""
        text = self.en if language == "en" else self.zh
        return text.format(**values) if values else text


@dataclass(frozen=True)
class Spot:
    """One finding inside a field's text: ``offset`` and ``length`` in characters of the
    text as stored; ``fix`` the text that replaces that span, or None when no fix is safe."""

    rule: Rule
    offset: int
    length: int
    fix: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """A spot, and the issue, item and field it is in."""

    path: Path
    issue: str  # the issue's heading, e.g. 工作动态 2024年第5期
    section: str
    title: str  # the item's headline; "" for the issue's own fields
    field: str  # title | body | source, or a header field (series, publisher, number)
    text: str  # the field's whole text, for excerpts and fixes
    spot: Spot
    section_index: int | None = None
    item_index: int | None = None

    @property
    def rule(self) -> Rule:
        """The rule that found it."""
        return self.spot.rule

    @property
    def severity(self) -> str:
        """``error`` or ``warning``."""
        return self.spot.rule.severity

    def message(self, language: str) -> str:
        """What is wrong, in ``language``."""
        return self.spot.rule.message(language, self.spot.values)

    def excerpt(self, around: int = 12) -> tuple[str, str, str]:
        """(before, the spot, after): the spot with up to ``around`` characters each side,
        on its own line of the field, line breaks shown as spaces."""
        text, start = self.text, self.spot.offset
        end = start + self.spot.length
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        before = text[max(line_start, start - around) : start]
        after = text[end : min(line_end, end + around)]
        if start - around > line_start:
            before = "…" + before
        if end + around < line_end:
            after += "…"
        return before, text[start:end].replace("\n", " "), after

    def as_dict(self, language: str) -> dict[str, Any]:
        """The finding as ``bulletin lint --json`` prints it."""
        before, spot, after = self.excerpt()
        return {
            "path": str(self.path),
            "issue": self.issue,
            "section": self.section,
            "title": self.title,
            "field": self.field,
            "offset": self.spot.offset,
            "length": self.spot.length,
            "rule": self.rule.id,
            "severity": self.severity,
            "message": self.message(language),
            "excerpt": before + spot + after,
            "fix": self.spot.fix,
        }

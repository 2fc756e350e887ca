"""Proofreading an issue: every field's text through the rules that are switched on."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin_tui.archive import IssueHeader
from bulletin_tui.errors import BulletinError
from bulletin_tui.model import Issue
from bulletin_tui.proofread.archive_rules import ARCHIVE_RULES, ArchiveFacts
from bulletin_tui.proofread.findings import Finding, Rule, Spot
from bulletin_tui.proofread.rules import (
    ELLIPSIS,
    FULL_WIDTH,
    HALF_WIDTH,
    HEADLINE_END,
    PARAGRAPH_END,
    QUOTE_ORDER,
    REPEATED,
    SPACE,
    TITLE_LENGTH,
    UNPAIRED,
    ellipses,
    full_width_alphanumerics,
    half_width_punctuation,
    headline_end,
    pairs,
    paragraph_end,
    repeated_punctuation,
    spaces,
    title_length,
)
from bulletin_tui.proofread.terms import TERM, TermList
from bulletin_tui.settings import LintSettings
from bulletin_tui.stats import Entry
from bulletin_tui.tomlfile import KeyLines, decode_issue_bytes, issue_from_data, parse_issue

#: Every rule by id, in the order the documentation lists them.
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (HALF_WIDTH, SPACE, UNPAIRED, QUOTE_ORDER, REPEATED, PARAGRAPH_END, HEADLINE_END,
                 FULL_WIDTH, ELLIPSIS, TERM, TITLE_LENGTH, *ARCHIVE_RULES)
}  # fmt: skip

#: The rule functions over one field, with the ids of the rules each may report.
_FUNCTIONS = (
    ({HALF_WIDTH.id}, half_width_punctuation),
    ({SPACE.id}, spaces),
    ({UNPAIRED.id, QUOTE_ORDER.id}, pairs),
    ({REPEATED.id}, repeated_punctuation),
    ({ELLIPSIS.id}, ellipses),
    ({PARAGRAPH_END.id}, paragraph_end),
    ({HEADLINE_END.id}, headline_end),
    ({FULL_WIDTH.id}, full_width_alphanumerics),
)
#: The issue's own fields that are proofread, besides each item's title, body and source.
HEADER_FIELDS = ("series", "publisher")
ITEM_FIELDS = ("title", "body", "source")


class LintError(BulletinError):
    """A rule id that does not exist (in ``--rules`` or ``[lint] off``)."""


def check_rule_ids(ids: Iterable[str], where: str) -> None:
    """Refuse a rule id no rule has, naming where it was given."""
    unknown = sorted(set(ids) - RULES.keys())
    if unknown:
        raise LintError(f"{where} names no rule “{unknown[0]}” (the rules: {', '.join(RULES)})")


class Linter:
    """The rules switched on for an archive: all, less ``[lint] off``, or only ``only``."""

    def __init__(self, settings: LintSettings | None = None, only: Iterable[str] | None = None):
        settings = settings or LintSettings()
        check_rule_ids(settings.off, "[lint] off in bulletin.toml")
        enabled = set(RULES)
        if only is not None:
            only = set(only)
            check_rule_ids(only, "--rules")
            enabled = only
        self.enabled = frozenset(enabled - settings.off)
        self.title_max = settings.title_max
        self.terms = TermList(settings.terms) if TERM.id in self.enabled else None
        self._functions = [function for ids, function in _FUNCTIONS if ids & self.enabled]

    def field(self, text: str, kind: str) -> list[Spot]:
        """Every spot in one field's ``text`` (``kind``: title, body, source, series…)."""
        spots: list[Spot] = []
        for function in self._functions:
            spots += function(text, kind)
        if self.terms is not None:
            spots += self.terms.check(text, kind)
        if TITLE_LENGTH.id in self.enabled:
            spots += title_length(text, kind, self.title_max)
        if len(self._functions) < len(_FUNCTIONS):
            spots = [spot for spot in spots if spot.rule.id in self.enabled]
        return sorted(spots, key=lambda spot: (spot.offset, spot.rule.id))

    def fixed(self, text: str, kind: str) -> str:
        """``text`` with every fixable spot fixed; fixing again until nothing is left to fix
        (removing a space can bring two marks together), at most a few rounds."""
        for _ in range(4):
            spots = [spot for spot in self.field(text, kind) if spot.fix is not None]
            if not spots:
                break
            text = apply_fixes(text, spots)
        return text

    def issue(
        self, path: Path, data: dict[str, Any], issue: Issue, facts: ArchiveFacts | None = None
    ) -> list[Finding]:
        """Every finding in one issue: ``data`` is its file as tomllib read it (the text as
        stored), ``issue`` the same file as the model (for its heading)."""
        heading = issue.heading
        findings: list[Finding] = []
        header = data["issue"]
        for name in HEADER_FIELDS:
            text = header.get(name, "")
            for spot in self.field(text, name) if text else ():
                findings.append(Finding(path, heading, "", "", name, text, spot))
        if facts is not None and DUPLICATE_NUMBER_ID in self.enabled:
            for spot in facts.number_spots(path, IssueHeader.of(issue)):
                findings.append(Finding(path, heading, "", "", "number", str(issue.number), spot))
        for s, section in enumerate(data.get("section", [])):
            name = section.get("name", "")
            for i, item in enumerate(section.get("item", [])):
                title = item["title"]
                for key in ITEM_FIELDS:
                    text = item.get(key, "")
                    spots = self.field(text, key) if text else []
                    if facts is not None:
                        spots += self._archive_spots(facts, path, key, text)
                    for spot in spots:
                        findings.append(Finding(path, heading, name, title, key, text, spot, s, i))
        return findings

    def _archive_spots(self, facts: ArchiveFacts, path: Path, key: str, text: str) -> list[Spot]:
        if key == "title" and DUPLICATE_TITLE_ID in self.enabled:
            return facts.title_spots(path, text)
        if key == "source" and UNKNOWN_UNIT_ID in self.enabled:
            return facts.source_spots(path, text)
        return []


DUPLICATE_TITLE_ID, UNKNOWN_UNIT_ID, DUPLICATE_NUMBER_ID = (rule.id for rule in ARCHIVE_RULES)


def apply_fixes(text: str, spots: Iterable[Spot]) -> str:
    """``text`` with the fixes of ``spots`` put in; of overlapping spots the first wins."""
    pieces: list[str] = []
    position = 0
    for spot in sorted(spots, key=lambda spot: spot.offset):
        if spot.fix is None or spot.offset < position:
            continue
        pieces += [text[position : spot.offset], spot.fix]
        position = spot.offset + spot.length
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class ReadIssue:
    """One issue file as the linter reads it: its bytes, its data as stored, the model."""

    path: Path
    raw: bytes
    data: dict[str, Any]
    issue: Issue

    @property
    def header(self) -> IssueHeader:
        """Series, number and date."""
        return IssueHeader.of(self.issue)

    def entries(self) -> Iterator[Entry]:
        """Every item, as the archive-wide rules count them."""
        issue = self.issue
        for section in issue.sections:
            for item in section.items:
                yield Entry(self.path, issue.series, issue.number, issue.date, section.name,
                            item.title, item.source)  # fmt: skip


def read_for_lint(path: Path) -> ReadIssue:
    """Read an issue file once with tomllib: the stored text for the rules, the model to
    make sure the file is valid (a broken file raises :class:`IssueFileError`)."""
    raw = path.read_bytes()
    text = decode_issue_bytes(raw, path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        parse_issue(text, path)  # raises the error with its line and reason
        raise
    return ReadIssue(path, raw, data, issue_from_data(data, path, KeyLines(text)))

"""Warnings that need the whole archive: a headline used before, a unit never seen before
that looks like a known one, two issues of one series with the same number."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bulletin_tui.archive import IssueHeader
from bulletin_tui.proofread.findings import WARNING, Rule, Spot
from bulletin_tui.stats import Entry, suggest_aliases

DUPLICATE_TITLE = Rule(
    "duplicate-title", WARNING,
    "标题已在 {where} 用过",
    "the headline was already used in {where}", False,
)  # fmt: skip
UNKNOWN_UNIT = Rule(
    "unknown-unit", WARNING,
    "来源单位“{unit}”以前没有出现过，是否就是“{known}”？",
    "the source “{unit}” has not been seen before; is it “{known}”?", False,
)  # fmt: skip
DUPLICATE_NUMBER = Rule(
    "duplicate-number", WARNING,
    "{series}{year}第{number}期与 {where} 期号重复",
    "{series} {year} number {number} is also {where}", False,
)  # fmt: skip

ARCHIVE_RULES = (DUPLICATE_TITLE, UNKNOWN_UNIT, DUPLICATE_NUMBER)


def _age(header: IssueHeader, path: Path) -> tuple:
    """Oldest first: by date, then number, then path; undated issues count as oldest."""
    return (header.date or dt.date.min, header.number or 0, str(path))


@dataclass
class ArchiveFacts:
    """What the archive-wide rules compare an issue with, gathered once for the archive."""

    first_use: dict[str, tuple[tuple, Path]] = field(default_factory=dict)
    unit_issues: dict[str, set[Path]] = field(default_factory=lambda: defaultdict(set))
    likely_unit: dict[str, str] = field(default_factory=dict)
    numbered: dict[tuple[str, int | None, int], list[Path]] = field(
        default_factory=lambda: defaultdict(list)
    )
    known_units: frozenset[str] = frozenset()

    @classmethod
    def gather(
        cls,
        headers: Iterable[tuple[Path, IssueHeader]],
        entries: Iterable[Entry],
        aliases: dict[str, str] | None = None,
    ) -> ArchiveFacts:
        """From every issue's header and every item (the index cache holds both)."""
        facts = cls()
        ages: dict[Path, tuple] = {}
        for path, header in headers:
            ages[path] = _age(header, path)
            if header.number is not None:
                year = header.date.year if header.date else None
                facts.numbered[(header.series, year, header.number)].append(path)
        for paths in facts.numbered.values():
            paths.sort(key=lambda path: ages[path])
        units: list[str] = []
        for entry in entries:
            age = ages.get(entry.path) or _age(entry.header, entry.path)
            seen = facts.first_use.get(entry.title)
            if seen is None or age < seen[0]:
                facts.first_use[entry.title] = (age, entry.path)
            if entry.source:
                facts.unit_issues[entry.source].add(entry.path)
                units.append(entry.source)
        facts.likely_unit = dict(suggest_aliases(units))
        aliases = aliases or {}
        facts.known_units = frozenset(aliases) | frozenset(aliases.values())
        return facts

    def title_spots(self, path: Path, title: str) -> list[Spot]:
        """The headline, when an older issue used it first."""
        seen = self.first_use.get(title)
        if seen is None or seen[1] is path or seen[1] == path:
            return []
        return [Spot(DUPLICATE_TITLE, 0, len(title), None, {"where": seen[1].name})]

    def source_spots(self, path: Path, source: str) -> list[Spot]:
        """The source, when no other issue has it and it looks like a unit that others have."""
        known = self.likely_unit.get(source)
        if known is None or source in self.known_units:
            return []
        issues = self.unit_issues.get(source, set())
        if len(issues) > 1 or (issues and path not in issues):  # hashing, then one __eq__
            return []  # other issues have it: not new
        return [Spot(UNKNOWN_UNIT, 0, len(source), None, {"unit": source, "known": known})]

    def number_spots(self, path: Path, header: IssueHeader) -> list[Spot]:
        """The issue number, when another issue of the series has it in the same year."""
        if header.number is None:
            return []
        year = header.date.year if header.date else None
        others = [
            p for p in self.numbered.get((header.series, year, header.number), []) if p != path
        ]
        if not others:
            return []
        shown_year = f"{year}年" if year else ""
        values = {"series": header.series, "year": shown_year, "number": header.number,
                  "where": others[0].name}  # fmt: skip
        return [Spot(DUPLICATE_NUMBER, 0, len(str(header.number)), None, values)]

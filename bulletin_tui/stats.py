"""Adoption statistics (信息采用统计): items and points per unit, section, month or series."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bulletin_tui.archive import IssueFile, IssueHeader
from bulletin_tui.settings import Settings

GROUPINGS = ("source", "section", "month", "series")
UNDATED = "undated"
TOWNSHIP = "township"
DEPARTMENT = "department"

_TOWNSHIP = re.compile(r"(乡|镇|街道|街道办|街道办事处|乡政府|镇政府)$")


@dataclass(frozen=True)
class Entry:
    """One item as statistics see it: where it appeared and who sent it (the index cache
    holds these for every item, so counting never loads whole issues)."""

    path: Path
    series: str
    number: int | None
    date: dt.date | None
    section: str
    title: str
    source: str
    submission: str = ""  # the inbox submission the item was adopted from, if any

    @property
    def header(self) -> IssueHeader:
        """The header of the issue the item appeared in."""
        return IssueHeader(self.series, self.number, self.date)


def entries_of(issues: Iterable[IssueFile]) -> Iterator[Entry]:
    """Every item of whole issues, as an :class:`Entry`."""
    for issue_file in issues:
        issue = issue_file.issue
        for section in issue.sections:
            for item in section.items:
                yield Entry(issue_file.path, issue.series, issue.number, issue.date,
                            section.name, item.title, item.source, item.submission)  # fmt: skip


@dataclass(frozen=True)
class Adopted:
    """One adopted item: what statistics count."""

    entry: Entry
    unit: str  # the source, after aliases
    points: float


@dataclass(frozen=True)
class Sent:
    """A submission (来稿) no issue holds: counted as submitted, not as adopted."""

    unit: str  # the ``from`` unit, after aliases
    received: dt.date


@dataclass(frozen=True)
class Row:
    """A line of the ranking. ``submitted`` (报送) counts the adopted items and the
    submissions not adopted; ``rate`` (采用率) is adopted / submitted."""

    key: str
    items: int
    score: float
    submitted: int = 0

    @property
    def rate(self) -> float:
        """Adopted items per submission (0 when nothing was submitted)."""
        return self.items / self.submitted if self.submitted else 0.0

    def as_dict(self) -> dict[str, object]:
        """``{"key", "items", "score", "submitted", "rate"}``, as ``--json`` prints it."""
        score = int(self.score) if float(self.score).is_integer() else round(self.score, 4)
        return {"key": self.key, "items": self.items, "score": score,
                "submitted": self.submitted, "rate": round(self.rate, 4)}  # fmt: skip


def unit_class(unit: str) -> str:
    """Townships and streets (乡, 镇, 街道) rank apart from county departments."""
    return TOWNSHIP if _TOWNSHIP.search(unit) else DEPARTMENT


def adopted_items(
    entries: Iterable[Entry],
    settings: Settings,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    series: str | None = None,
) -> Iterator[Adopted]:
    """Every item of the matching issues. A dated range leaves undated issues out."""
    for entry in entries:
        if series is not None and entry.series != series:
            continue
        if date_from is not None or date_to is not None:
            if entry.date is None:
                continue
            if date_from is not None and entry.date < date_from:
                continue
            if date_to is not None and entry.date > date_to:
                continue
        yield Adopted(entry, settings.unit(entry.source), settings.points(entry.series))


def not_adopted(
    submissions: Iterable[tuple[str, str, dt.date]],
    adopted_ids: Container[str],
    settings: Settings,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Iterator[Sent]:
    """The submissions ``(id, from unit, received)`` that no issue holds, received in the
    range. (An adopted one is counted through its item, under the item's source.)"""
    for submission_id, unit, received in submissions:
        if submission_id in adopted_ids:
            continue
        if (date_from is not None and received < date_from) or (
            date_to is not None and received > date_to
        ):
            continue
        yield Sent(settings.unit(unit), received)


def sent_key(sent: Sent, by: str) -> str | None:
    """What a submission not adopted counts under; None for a section or series, which
    it never had."""
    if by == "source":
        return sent.unit
    if by == "month":
        return f"{sent.received.year:04d}-{sent.received.month:02d}"
    return None


def key_of(adopted: Adopted, by: str) -> str:
    """What an item is counted under when grouping ``by`` source, section, month or series."""
    if by == "source":
        return adopted.unit
    if by == "section":
        return adopted.entry.section
    if by == "month":
        date = adopted.entry.date
        return f"{date.year:04d}-{date.month:02d}" if date else UNDATED
    if by == "series":
        return adopted.entry.series
    raise ValueError(f"cannot group by {by!r}; choose one of {', '.join(GROUPINGS)}")


def ranking(
    entries: Iterable[Adopted], by: str, sent: Iterable[Sent] = (), *, by_rate: bool = False
) -> list[Row]:
    """Items, points and submissions per key, highest score first (or highest rate first),
    then most items, then by key. Every adopted item counts as submitted too."""
    items: dict[str, int] = defaultdict(int)
    score: dict[str, float] = defaultdict(float)
    submitted: dict[str, int] = defaultdict(int)
    for entry in entries:
        key = key_of(entry, by)
        items[key] += 1
        score[key] += entry.points
        submitted[key] += 1
    for one in sent:
        key = sent_key(one, by)
        if key is not None:
            submitted[key] += 1
    rows = [Row(key, items[key], score[key], submitted[key]) for key in submitted]
    return sorted(rows, key=partial(_order, by_rate=by_rate))


def _order(row: Row, *, by_rate: bool) -> tuple:
    first = row.rate if by_rate else row.score
    return (-first, -row.items, row.key)


def suggest_aliases(units: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (name, likely the same unit as) by the usual variants: with or without the
    county prefix 县, 办 for 办公室, with or without 局 / 办. Suggestions only."""
    counts: dict[str, int] = defaultdict(int)
    for unit in units:
        counts[unit] += 1
    groups: dict[str, list[str]] = defaultdict(list)
    for unit in counts:
        groups[_stem(unit)].append(unit)
    pairs = []
    for names in groups.values():
        if len(names) < 2:
            continue
        target = sorted(names, key=lambda name: (-counts[name], len(name), name))[0]
        pairs += [(name, target) for name in sorted(names) if name != target]
    return sorted(pairs)


def _stem(unit: str) -> str:
    stem = unit.removeprefix("县")
    if stem.endswith("办公室"):
        stem = stem[:-3] + "办"
    return stem.removesuffix("局").removesuffix("办") or unit


def ranked(rows: list[Row], *, by_rate: bool = False) -> Iterator[tuple[int, Row]]:
    """Rows with their rank; equal score (or rate) and items share a rank (1, 1, 3)."""
    rank = 0
    previous: tuple[float, int] | None = None
    for position, row in enumerate(rows, 1):
        now = (row.rate if by_rate else row.score, row.items)
        if now != previous:
            rank, previous = position, now
        yield rank, row

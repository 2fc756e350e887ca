"""Proofreading an issue: every field's text through the rules that are switched on."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from bulletin_tui import tomlparse
from bulletin_tui.archive import IssueHeader, read_file
from bulletin_tui.errors import BulletinError, ModelError
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
    SEPARATOR,
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
        return self.fields([text], kind).get(0, [])

    def fields(self, texts: Sequence[str], kind: str) -> dict[int, list[Spot]]:
        """The spots of ``texts``, fields of one kind, by the number of the field (fields
        without any are left out). Each rule runs once over them all, joined by a separator
        line: the cost of a call is paid once, not once a field."""
        found: dict[int, list[Spot]] = {}
        if not texts:
            return found
        joined = SEPARATOR.join(texts)
        starts = list(accumulate((len(text) + len(SEPARATOR) for text in texts[:-1]), initial=0))
        spots: list[Spot] = []
        for function in self._functions:
            spots += function(joined, kind)
        if self.terms is not None:
            spots += self.terms.check(joined, kind)
        enabled = self.enabled
        for spot in spots:
            if spot.rule.id not in enabled:
                continue
            number = bisect_right(starts, spot.offset) - 1
            offset = spot.offset - starts[number]
            if offset + spot.length > len(texts[number]):
                continue  # on a separator line
            if offset != spot.offset:
                spot = Spot(spot.rule, offset, spot.length, spot.fix, spot.values)
            found.setdefault(number, []).append(spot)
        if kind == "title":  # these look at the whole headline, so one at a time
            for number, text in enumerate(texts):
                more = []
                if HEADLINE_END.id in enabled:
                    more += headline_end(text, kind)
                if TITLE_LENGTH.id in enabled and len(text) > self.title_max:
                    more += title_length(text, kind, self.title_max)
                if more:
                    found.setdefault(number, []).extend(more)
        for spots_of_field in found.values():
            if len(spots_of_field) > 1:
                spots_of_field.sort(key=lambda spot: (spot.offset, spot.rule.id))
        return found

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
        """Every finding in one issue: ``data`` is its file as the parser read it (the text as
        stored), ``issue`` the same file as the model (for its heading)."""
        return self.issues([ReadIssue(path, b"", data, issue)], facts)

    def issues(self, read: Sequence[ReadIssue], facts: ArchiveFacts | None = None) -> list[Finding]:
        """Every finding in each of ``read``, issue by issue, field by field, in order."""
        # The fields of one kind go through the rules in one run (see :meth:`fields`).
        # ``items`` holds (issue, section, item, section name, headline) of every item;
        # ``owners`` says whose each text is: an item's number, or for the issue's own
        # fields the issue's.
        items: list[tuple[int, int, int, str, str]] = []
        texts: dict[str, list[str]] = {kind: [] for kind in (*HEADER_FIELDS, *ITEM_FIELDS)}
        owners: dict[str, list[int]] = {kind: [] for kind in texts}
        for number, issue in enumerate(read):
            header = issue.data["issue"]
            for name in HEADER_FIELDS:
                if text := header.get(name, ""):
                    texts[name].append(text)
                    owners[name].append(number)
            for s, section in enumerate(issue.data.get("section", ())):
                name = section.get("name", "")
                for i, item in enumerate(section.get("item", ())):
                    title = item["title"]
                    owners["title"].append(len(items))
                    items.append((number, s, i, name, title))
                    texts["title"].append(title)
                    if body := item["body"]:
                        texts["body"].append(body)
                        owners["body"].append(len(items) - 1)
                    if source := item.get("source"):
                        texts["source"].append(source)
                        owners["source"].append(len(items) - 1)
        found: dict[tuple[int, int, int, int], _Field] = {}
        for kind, texts_of_kind in texts.items():
            for k, spots in self.fields(texts_of_kind, kind).items():
                owner = owners[kind][k]
                found[_key(kind, owner, items)] = _Field(kind, texts_of_kind[k], owner, spots)
        if facts is not None:
            self._add_archive_spots(facts, read, items, texts, owners, found)
        findings: list[Finding] = []
        headings: dict[int, str] = {}
        for key in sorted(found):
            field = found[key]
            issue = read[key[0]]
            heading = headings.get(key[0])
            if heading is None:
                heading = headings[key[0]] = issue.issue.heading
            section, title, section_index, item_index = "", "", None, None
            if field.kind in ITEM_FIELDS:
                _, section_index, item_index, section, title = items[field.owner]
            for spot in field.spots:
                findings.append(Finding(issue.path, heading, section, title, field.kind,
                                        field.text, spot, section_index, item_index))  # fmt: skip
        return findings

    def _add_archive_spots(
        self,
        facts: ArchiveFacts,
        read: Sequence[ReadIssue],
        items: list[tuple[int, int, int, str, str]],
        texts: dict[str, list[str]],
        owners: dict[str, list[int]],
        found: dict[tuple[int, int, int, int], _Field],
    ) -> None:
        """The archive-wide rules' spots, after the spots of the field's own text."""

        def add(kind: str, text: str, owner: int, spots: list[Spot]) -> None:
            key = _key(kind, owner, items)
            if key in found:
                found[key].spots.extend(spots)
            else:
                found[key] = _Field(kind, text, owner, spots)

        if DUPLICATE_NUMBER_ID in self.enabled:
            for number, issue in enumerate(read):
                spots = facts.number_spots(issue.path, issue.header)
                if spots and issue.issue.number is not None:
                    add("number", str(issue.issue.number), number, spots)
        checks = ((DUPLICATE_TITLE_ID, "title", facts.title_spots),
                  (UNKNOWN_UNIT_ID, "source", facts.source_spots))  # fmt: skip
        for rule_id, kind, spots_of in checks:
            if rule_id not in self.enabled:
                continue
            for text, owner in zip(texts[kind], owners[kind], strict=True):
                if spots := spots_of(read[items[owner][0]].path, text):
                    add(kind, text, owner, spots)


@dataclass
class _Field:
    """One field's text and the spots found in it; ``owner`` is its item's number (or,
    for the issue's own fields, its issue's)."""

    kind: str
    text: str
    owner: int
    spots: list[Spot]


#: Where each field is listed: the issue's own fields first, then each item's.
_PLACE = {kind: place for place, kind in enumerate((*HEADER_FIELDS, "number"))} | {
    kind: place for place, kind in enumerate(ITEM_FIELDS)
}


def _key(kind: str, owner: int, items: list[tuple[int, int, int, str, str]]) -> tuple:
    """(issue, section, item, place) of a field: the order findings are listed in. The
    issue's own fields have section -1."""
    if kind in ITEM_FIELDS:
        number, section, item = items[owner][:3]
        return (number, section, item, _PLACE[kind])
    return (owner, -1, -1, _PLACE[kind])


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
    """One issue file as the linter reads it: its bytes, its data as stored (what the rules
    read, with offsets in the text as stored), and its header as the model."""

    path: Path
    raw: bytes
    data: dict[str, Any]
    issue: Issue  # the header only (no sections): the heading, series, number, date

    @property
    def header(self) -> IssueHeader:
        """Series, number and date."""
        return IssueHeader.of(self.issue)

    def entries(self) -> Iterator[Entry]:
        """Every item, as the archive-wide rules count them."""
        issue = self.issue
        for section in self.data.get("section", []):
            name = section.get("name", "")
            for item in section.get("item", []):
                yield Entry(self.path, issue.series, issue.number, issue.date, name,
                            item["title"], item.get("source", ""))  # fmt: skip


def read_for_lint(path: Path, raw: bytes | None = None) -> ReadIssue:
    """Read an issue file (or ``raw``, the bytes it would hold) with the TOML parser, once. A file
    whose data has not the shape of an issue is read again as the model reads it, which
    raises :class:`IssueFileError` with the line and reason; ``bulletin check`` remains the
    full validation."""
    raw = read_file(path) if raw is None else raw
    text = decode_issue_bytes(raw, path)
    try:
        data = tomlparse.loads(text)
    except (ValueError, RecursionError):  # the syntax, a number or nesting beyond bounds
        parse_issue(text, path)  # raises the error with its line and reason
        raise
    header = _header_if_well_shaped(data)
    if header is None:
        issue = issue_from_data(data, path, KeyLines(text))  # raises if the file is broken
        header = Issue(issue.series, issue.number, issue.total, issue.date, issue.publisher)
    return ReadIssue(path, raw, data, header)


def _header_if_well_shaped(data: dict[str, Any]) -> Issue | None:
    """The header as the model, when every table and text field the rules read is there
    with the right type; None otherwise (the model's reader then says what is wrong)."""
    header = data.get("issue")
    if data.get("format", 1) != 1 or not isinstance(header, dict):
        return None
    sections = data.get("section", [])
    if not isinstance(sections, list):
        return None
    for section in sections:
        if not isinstance(section, dict) or not isinstance(section.get("name", ""), str):
            return None
        items = section.get("item", [])
        if not isinstance(items, list):
            return None
        for item in items:
            if not (isinstance(item, dict) and isinstance(item.get("title"), str)
                    and isinstance(item.get("body"), str)
                    and isinstance(item.get("source", ""), str)):  # fmt: skip
                return None
    try:
        return Issue(header.get("series"), header.get("number"), header.get("total"),
                     header.get("date"), header.get("publisher", ""))  # fmt: skip
    except ModelError:
        return None

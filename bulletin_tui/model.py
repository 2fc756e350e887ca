"""The bulletin as data: ``Issue``, ``Distribution``, ``Section``, ``Item``.

Every object checks its invariants when it is made, so an invalid issue cannot exist:
required fields present, single-line fields without line breaks, no control characters
anywhere. All the rules live in this module; errors name the field they are about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bulletin_tui.bounds import MAX_COPIES, MAX_NUMBER, MAX_TOTAL
from bulletin_tui.errors import ModelError

#: Characters that end a line: never allowed inside a single-line field or a paragraph.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def is_control(char: str, *, allow_tab: bool = False) -> bool:
    """C0 (but tab where allowed), DEL and C1 controls, and lone surrogates."""
    code = ord(char)
    if char == "\t":
        return not allow_tab
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


# One pass in C finds the first character that breaks a rule; Python then says which rule.
_NOT_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_NOT_IN_PARAGRAPH = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def check_line(name: str, value: object, *, required: bool = False) -> None:
    """A single-line text field: a string, no line break, no control character."""
    if not isinstance(value, str):
        raise ModelError(name, f"must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise ModelError(name, "is required", "required")
    if bad := _NOT_IN_LINE.search(value):
        char = bad.group()
        if char in LINE_BREAKS:
            raise ModelError(name, "must be a single line (it has a line break)", "line_break")
        raise ModelError(name, f"has a control character ({_describe(char)})", "control",
                         char=_describe(char))  # fmt: skip


def check_paragraph(name: str, value: object) -> None:
    """A body paragraph: one line of text, tabs allowed, not blank."""
    if not isinstance(value, str):
        raise ModelError(name, f"must be text, not {type(value).__name__}")
    if not value.strip():
        raise ModelError(name, "is empty", "required")
    if bad := _NOT_IN_PARAGRAPH.search(value):
        char = bad.group()
        if char in LINE_BREAKS:
            raise ModelError(
                name, "must be one line (paragraphs are separated by a blank line)", "line_break"
            )
        raise ModelError(name, f"has a control character ({_describe(char)})", "control",
                         char=_describe(char))  # fmt: skip


def _check_count(name: str, value: object, most: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(name, f"must be a whole number, not {type(value).__name__}")
    if not 1 <= value <= most:
        shown = f"{value:,}" if abs(value) < 10**30 else "a number that long"
        raise ModelError(name, f"must be from 1 to {most:,}, not {shown}", "out_of_range",
                         most=f"{most:,}", value=shown)  # fmt: skip


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Body text as typed or stored → paragraphs: every line with text is one paragraph."""
    return tuple(line for line in text.splitlines() if line.strip())


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs → body text, one blank line between them (the stored form)."""
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Item:
    """One submitted item (条目): headline, body paragraphs, and the unit it came from.

    ``submission`` is the id of the inbox submission (来稿) the item was adopted from, if
    any: what makes that submission count as adopted.
    """

    title: str
    body: tuple[str, ...]
    source: str = ""
    author: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    submission: str = field(default="", kw_only=True)

    def __post_init__(self) -> None:
        check_line("title", self.title, required=True)
        check_line("source", self.source)
        check_line("author", self.author)
        check_line("submission", self.submission)
        if self.author.strip() and not self.source.strip():
            raise ModelError(
                "author", "needs a source (the unit the person belongs to)", "author_without_source"
            )
        if isinstance(self.body, str) or not isinstance(self.body, tuple):
            raise ModelError("body", "must be a tuple of paragraphs")
        if not self.body:
            raise ModelError("body", "is required", "required")
        for number, paragraph in enumerate(self.body, 1):
            check_paragraph(f"body paragraph {number}", paragraph)

    @property
    def body_text(self) -> str:
        """The body as stored: paragraphs separated by one blank line."""
        return join_paragraphs(self.body)


@dataclass(frozen=True)
class Section:
    """A section (栏目) and its items in order; ``name`` is ``""`` for an unnamed one."""

    name: str
    items: tuple[Item, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_line("section name", self.name)
        if not isinstance(self.items, tuple):
            raise ModelError("section items", "must be a tuple")


@dataclass(frozen=True)
class Distribution:
    """A distribution line of the footer: ``本期发：县委常委，副县长。``."""

    label: str
    recipients: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_line("distribution label", self.label, required=True)
        if not isinstance(self.recipients, tuple):
            raise ModelError("distribution recipients", "must be a tuple")
        for number, recipient in enumerate(self.recipients, 1):
            check_line(f"distribution recipient {number}", recipient, required=True)


@dataclass(frozen=True)
class Issue:
    """One issue (期) of a bulletin series: header, sections and footer.

    ``extra`` holds keys of ``[issue]`` that this program does not know, ``file_extra``
    unknown keys at the top of the file; both are kept so that nothing is lost.
    """

    series: str
    number: int | None = None
    total: int | None = None
    date: dt.date | None = None
    publisher: str = ""
    copies: int | None = None
    distribution: tuple[Distribution, ...] = ()
    sections: tuple[Section, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    file_extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_line("series", self.series, required=True)
        _check_count("number", self.number, MAX_NUMBER)
        _check_count("total", self.total, MAX_TOTAL)
        _check_count("copies", self.copies, MAX_COPIES)
        if self.date is not None and (
            not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime)
        ):
            raise ModelError("date", "must be a date (YYYY-MM-DD) without a time")
        check_line("publisher", self.publisher)
        if not isinstance(self.sections, tuple) or not isinstance(self.distribution, tuple):
            raise ModelError("sections", "sections and distribution must be tuples")
        seen: set[str] = set()
        for section in self.sections:
            if section.name in seen:
                shown = f"“{section.name}”" if section.name else "without a name"
                raise ModelError("sections", f"there are two sections {shown}", "two_sections",
                                 name=section.name)  # fmt: skip
            seen.add(section.name)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of the issue, in order."""
        return tuple(item for section in self.sections for item in section.items)

    def section_named(self, name: str) -> Section | None:
        """The section called ``name``, or ``None``."""
        return next((s for s in self.sections if s.name == name), None)

    @property
    def heading(self) -> str:
        """How the issue is named in lists: ``工作动态 2024年第5期``."""
        parts = [self.series]
        if self.date is not None and self.number is not None:
            parts.append(f"{self.date.year}年第{self.number}期")
        elif self.number is not None:
            parts.append(f"第{self.number}期")
        elif self.date is not None:
            parts.append(self.date.isoformat())
        return " ".join(parts)

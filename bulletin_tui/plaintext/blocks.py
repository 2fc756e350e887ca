"""One walk of an ``Issue`` into typed blocks, shared by every export format.

Each writer (plain text, Markdown, Word, PDF) is a small class with one method per block
kind, as mistune's renderers are: the order of things, the run-in choice and the
attribution are decided here once, and how each looks is the writer's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from bulletin_tui.model import Issue, Item
from bulletin_tui.plaintext.common import attribution, chinese_date, format_distribution


@dataclass(frozen=True)
class Masthead:
    """报头: the series, 第N期（总第N期）, the office and the date (each may be empty)."""

    KIND: ClassVar[str] = "masthead"
    series: str
    numbers: str
    office: str
    date: str


@dataclass(frozen=True)
class Rule:
    """A rule: ``masthead`` under the 报头 (red in print), ``footer`` above the 版记."""

    KIND: ClassVar[str] = "rule"
    place: str


@dataclass(frozen=True)
class SectionHeading:
    """【栏目】 on its own line."""

    KIND: ClassVar[str] = "section"
    name: str


@dataclass(frozen=True)
class Headline:
    """An item's headline on its own line (not emitted when headlines run in)."""

    KIND: ClassVar[str] = "headline"
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``lead`` is a run-in headline, ``attribution`` closes the item."""

    KIND: ClassVar[str] = "paragraph"
    text: str
    lead: str = ""
    attribution: str = ""

    @property
    def opens_item(self) -> bool:
        """A run-in headline starts an item, as a headline block does."""
        return bool(self.lead)


@dataclass(frozen=True)
class DistributionLine:
    """``报：`` / ``本期发：`` … with its recipients; ``text`` is the line as printed."""

    KIND: ClassVar[str] = "distribution"
    label: str
    recipients: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Copies:
    """The last line of the 版记: the office and ``共印N份``."""

    KIND: ClassVar[str] = "copies"
    office: str
    count: int


Block = Masthead | Rule | SectionHeading | Headline | Paragraph | DistributionLine | Copies


def numbers_line(issue: Issue) -> str:
    """``第5期（总第168期）``, or what of it the issue has."""
    numbers = ""
    if issue.number is not None:
        numbers += f"第{issue.number}期"
    if issue.total is not None:
        numbers += f"（总第{issue.total}期）"
    return numbers


def item_blocks(item: Item, *, run_in: bool = False) -> Iterator[Headline | Paragraph]:
    """An item: its headline (or the headline run into the first paragraph), then the body."""
    if not run_in:
        yield Headline(item.title)
    last = len(item.body) - 1
    for index, text in enumerate(item.body):
        yield Paragraph(
            text,
            lead=item.title if run_in and index == 0 else "",
            attribution=attribution(item) if index == last else "",
        )


def issue_blocks(issue: Issue, *, run_in: bool = False) -> Iterator[Block]:
    """The whole issue in print order: masthead, rule, sections and items, rule, 版记."""
    date = chinese_date(issue.date) if issue.date is not None else ""
    yield Masthead(issue.series, numbers_line(issue), issue.publisher, date)
    yield Rule("masthead")
    for number, section in enumerate(issue.sections):
        if section.name or number:
            yield SectionHeading(section.name)
        for item in section.items:
            yield from item_blocks(item, run_in=run_in)
    yield Rule("footer")
    for line in issue.distribution:
        yield DistributionLine(line.label, line.recipients, format_distribution(line))
    if issue.copies is not None:
        yield Copies(issue.publisher, issue.copies)


Output = TypeVar("Output")


class Writer(Generic[Output]):
    """A format: one method per block kind (named by ``Block.KIND``), and ``finish``."""

    NAME: ClassVar[str] = ""

    def render(self, blocks: Sequence[Block] | Iterator[Block]) -> Output:
        """Hand each block to its method, then return what ``finish`` makes of them."""
        for block in blocks:
            getattr(self, block.KIND)(block)
        return self.finish()

    def finish(self) -> Output:
        """The finished document."""
        raise NotImplementedError

    def masthead(self, block: Masthead) -> None:
        raise NotImplementedError

    def rule(self, block: Rule) -> None:
        raise NotImplementedError

    def section(self, block: SectionHeading) -> None:
        raise NotImplementedError

    def headline(self, block: Headline) -> None:
        raise NotImplementedError

    def paragraph(self, block: Paragraph) -> None:
        raise NotImplementedError

    def distribution(self, block: DistributionLine) -> None:
        raise NotImplementedError

    def copies(self, block: Copies) -> None:
        raise NotImplementedError


def block_data(block: Block) -> dict[str, Any]:
    """A block as plain data (``kind`` plus its fields), for the Typst template."""
    from dataclasses import asdict

    return {"kind": block.KIND, **asdict(block)}

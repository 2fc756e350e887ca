"""``Issue`` → the circulation form: plain text (optionally hard-wrapped), Markdown, JSON.

Wrapped text follows the Chinese line-breaking rules of :func:`bulletin_tui.cjk.wrap`,
and is laid out so that importing it gives back the same issue: paragraphs open with two
ideographic spaces and continue flush left, items are separated by a blank line.
"""

from __future__ import annotations

import json
import re

from bulletin_tui.cjk import display_width, wrap
from bulletin_tui.model import Issue, Item, is_control
from bulletin_tui.plaintext.blocks import (
    Copies,
    DistributionLine,
    Headline,
    Masthead,
    Paragraph,
    Rule,
    SectionHeading,
    Writer,
    issue_blocks,
    item_blocks,
    numbers_line,
)
from bulletin_tui.plaintext.common import INDENT, RULE_CHAR, chinese_date

FORMATS = ("text", "markdown", "json")
DEFAULT_RULE = 40


def _fit(text: str, width: int | None, *, no_orphan: bool = False) -> list[str]:
    return [text] if width is None else wrap(text, width, no_orphan=no_orphan)


def masthead_lines(issue: Issue, width: int | None) -> list[str]:
    """Series; 第N期（总第N期）; office and date on one line (two when it is too wide)."""
    lines = [issue.series]
    if numbers := numbers_line(issue):
        lines.append(numbers)
    office = [part for part in (issue.publisher,) if part]
    if issue.date is not None:
        office.append(chinese_date(issue.date))
    joined = INDENT.join(office)
    if office and (width is None or display_width(joined) <= width):
        lines.append(joined)
    else:
        lines += office
    return [piece for line in lines for piece in _fit(line, width)]


def _centred(line: str, width: int) -> str:
    return " " * max(0, (width - display_width(line)) // 2) + line


class TextWriter(Writer[str]):
    """The circulation form: hard-wrapped by Chinese rules when a width is given.

    A headline never ends on a line of one character, a short attribution moves whole to
    the next line rather than splitting, and the masthead is centred over the rule.
    """

    NAME = "text"

    def __init__(self, width: int | None = None) -> None:
        self.width = width
        self.lines: list[str] = []
        self._item_open = False

    def finish(self) -> str:
        return without_controls("\n".join(self.lines) + "\n")

    def _fit(self, text: str, *, no_orphan: bool = False) -> list[str]:
        return _fit(text, self.width, no_orphan=no_orphan)

    def _start_item(self) -> None:
        if self._item_open:
            self.lines.append("")
        self._item_open = True

    def masthead(self, block: Masthead) -> None:
        room = self.width or DEFAULT_RULE
        for line in (block.series, block.numbers):
            self.lines += [_centred(piece, room) for piece in self._fit(line) if line]
        parts = [part for part in (block.office, block.date) if part]
        gap = room - display_width("".join(parts))
        if len(parts) == 2 and gap >= display_width(INDENT):
            self.lines.append(parts[0] + " " * gap + parts[1])  # office left, date right
        else:
            self.lines += [piece for part in parts for piece in self._fit(part)]

    def rule(self, block: Rule) -> None:
        if block.place == "footer":
            self.lines.append("")
        self.lines.append(RULE_CHAR * (self.width or DEFAULT_RULE))

    def section(self, block: SectionHeading) -> None:
        self.lines += ["", f"【{block.name}】"]
        self._item_open = False

    def headline(self, block: Headline) -> None:
        self._start_item()
        self.lines += self._fit(block.text, no_orphan=True)

    def paragraph(self, block: Paragraph) -> None:
        if block.opens_item:
            self._start_item()
        text = INDENT + (f"{block.lead}\u3000" if block.lead else "") + block.text
        self.lines += self._body_lines(text, block.attribution)

    def _body_lines(self, text: str, attribution: str) -> list[str]:
        lines = self._fit(text + attribution)
        if self.width is None or not attribution or lines[-1].endswith(attribution):
            return lines
        # The attribution was split (``（县`` / ``人社局）``): when it fits on a line of its
        # own, it goes there whole.
        if display_width(attribution) > self.width:
            return lines
        return [*self._fit(text), attribution]

    def distribution(self, block: DistributionLine) -> None:
        self.lines += self._fit(block.text)

    def copies(self, block: Copies) -> None:
        self.lines.append(f"（共印{block.count}份）")


def item_lines(item: Item, width: int | None, *, run_in: bool) -> list[str]:
    """Headline and body; the attribution closes the last paragraph."""
    writer = TextWriter(width)
    for block in item_blocks(item, run_in=run_in):
        getattr(writer, block.KIND)(block)
    return writer.lines


def export_text(issue: Issue, *, width: int | None = None, run_in: bool = False) -> str:
    """The issue as circulated: masthead, rule, sections and items, rule, footer."""
    return TextWriter(width).render(issue_blocks(issue, run_in=run_in))


# -- Markdown ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup, so the text shows exactly as written."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-+=>.)])", r"\\\1", m.group(2)), text)


class MarkdownWriter(Writer[str]):
    """``#`` the issue (series and numbers), ``##`` each section, headlines in bold."""

    NAME = "markdown"

    def __init__(self) -> None:
        self.out: list[str] = []
        self._footer_open = False

    def finish(self) -> str:
        return without_controls("\n".join(self.out).rstrip("\n") + "\n")

    def masthead(self, block: Masthead) -> None:
        title = " ".join(part for part in (block.series, block.numbers) if part)
        self.out += [f"# {escape_markdown(title)}", ""]
        if details := "\u3000\u3000".join(p for p in (block.office, block.date) if p):
            self.out += [escape_markdown(details), ""]

    def rule(self, block: Rule) -> None:
        """Markdown draws the footer's rule only when a footer line follows."""

    def section(self, block: SectionHeading) -> None:
        if block.name:
            self.out += [f"## {escape_markdown(block.name)}", ""]

    def headline(self, block: Headline) -> None:
        self.out += [f"**{escape_markdown(block.text)}**", ""]

    def paragraph(self, block: Paragraph) -> None:
        lead = f"**{escape_markdown(block.lead)}**\u3000" if block.lead else ""
        self.out += [lead + escape_markdown(block.text + block.attribution), ""]

    def _open_footer(self) -> None:
        if not self._footer_open:
            self.out += ["---", ""]
            self._footer_open = True

    def distribution(self, block: DistributionLine) -> None:
        self._open_footer()
        self.out.append(escape_markdown(block.text) + "  ")

    def copies(self, block: Copies) -> None:
        self._open_footer()
        self.out += [f"（共印{block.count}份）", ""]


def export_markdown(issue: Issue, *, run_in: bool = False) -> str:
    """The issue as Markdown: escaped so that it shows exactly as written."""
    return MarkdownWriter().render(issue_blocks(issue, run_in=run_in))


def export_json(issue: Issue) -> str:
    """The format-1 document as JSON (dates as ISO strings)."""
    from bulletin_tui.tomlfile import issue_to_data, json_default

    return (
        json.dumps(issue_to_data(issue), ensure_ascii=False, indent=2, default=json_default) + "\n"
    )


def export(
    issue: Issue, fmt: str = "text", *, width: int | None = None, run_in: bool = False
) -> str:
    """The issue in ``fmt`` (text, markdown or json)."""
    if fmt == "text":
        return export_text(issue, width=width, run_in=run_in)
    if fmt == "markdown":
        return export_markdown(issue, run_in=run_in)
    if fmt == "json":
        return export_json(issue)
    raise ValueError(f"unknown export format {fmt!r}")


def without_controls(text: str) -> str:
    """Output never carries a control character (line breaks and tabs excepted)."""
    return "".join(c for c in text if c in "\n\t" or not is_control(c))


def encode(text: str, *, encoding: str = "utf-8", crlf: bool = False) -> bytes:
    """Bytes to write: UTF-8 or GB18030 (which holds every Unicode character), LF or CRLF."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return text.encode(encoding)

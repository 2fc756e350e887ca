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
from bulletin_tui.plaintext.common import (
    INDENT,
    RULE_CHAR,
    attribution,
    chinese_date,
    format_distribution,
)

FORMATS = ("text", "markdown", "json")
DEFAULT_RULE = 40


def _fit(text: str, width: int | None) -> list[str]:
    return [text] if width is None else wrap(text, width)


def masthead_lines(issue: Issue, width: int | None) -> list[str]:
    """Series; 第N期（总第N期）; office and date on one line (two when it is too wide)."""
    lines = [issue.series]
    numbers = ""
    if issue.number is not None:
        numbers += f"第{issue.number}期"
    if issue.total is not None:
        numbers += f"（总第{issue.total}期）"
    if numbers:
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


def item_lines(item: Item, width: int | None, *, run_in: bool) -> list[str]:
    """Headline and body; the attribution closes the last paragraph."""
    paragraphs = list(item.body)
    paragraphs[-1] += attribution(item)
    lines: list[str] = []
    if run_in:
        paragraphs[0] = f"{item.title}\u3000{paragraphs[0]}"
    else:
        lines += _fit(item.title, width)
    for paragraph in paragraphs:
        lines += _fit(INDENT + paragraph, width)
    return lines


def export_text(issue: Issue, *, width: int | None = None, run_in: bool = False) -> str:
    """The issue as circulated: masthead, rule, sections and items, rule, footer."""
    rule = RULE_CHAR * (width or DEFAULT_RULE)
    lines = [*masthead_lines(issue, width), rule]
    for number, section in enumerate(issue.sections):
        lines.append("")
        if section.name or number:
            lines.append(f"【{section.name}】")
        for index, item in enumerate(section.items):
            if index:
                lines.append("")
            lines += item_lines(item, width, run_in=run_in)
    lines += ["", rule]
    for line in issue.distribution:
        lines += _fit(format_distribution(line), width)
    if issue.copies is not None:
        lines.append(f"（共印{issue.copies}份）")
    return without_controls("\n".join(lines) + "\n")


# -- Markdown ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup, so the text shows exactly as written."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-+=>.)])", r"\\\1", m.group(2)), text)


def export_markdown(issue: Issue) -> str:
    """``#`` the issue, ``##`` each section, headlines in bold, paragraphs as paragraphs."""
    out = [f"# {escape_markdown(issue.heading)}", ""]
    details = [line for line in masthead_lines(issue, None)[1:]]
    if details:
        out += ["  \n".join(escape_markdown(line) for line in details), ""]
    for section in issue.sections:
        if section.name:
            out += [f"## {escape_markdown(section.name)}", ""]
        for item in section.items:
            out += [f"**{escape_markdown(item.title)}**", ""]
            paragraphs = list(item.body)
            paragraphs[-1] += attribution(item)
            for paragraph in paragraphs:
                out += [escape_markdown(paragraph), ""]
    if issue.distribution or issue.copies is not None:
        out += ["---", ""]
        out += [escape_markdown(format_distribution(line)) + "  " for line in issue.distribution]
        if issue.copies is not None:
            out.append(f"（共印{issue.copies}份）")
        out.append("")
    return without_controls("\n".join(out).rstrip("\n") + "\n")


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
        return export_markdown(issue)
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

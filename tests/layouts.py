"""Lay an issue out as text the way PDF extraction delivers it (for property tests)."""

from __future__ import annotations

import random
import re

from bulletin_tui.cjk import HAN, char_width
from bulletin_tui.model import Issue
from bulletin_tui.plaintext.common import attribution, format_distribution
from bulletin_tui.plaintext.exporter import masthead_lines

_UNBREAKABLE = re.compile(r"[A-Za-z0-9.%]+|.", re.S)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap by display width; Latin words and numbers are never split; a space that
    would start a line stays at the end of the previous one (a word gap at the wrap)."""
    lines: list[str] = []
    line, used = "", 0
    for token in _UNBREAKABLE.findall(text):
        size = sum(char_width(c) for c in token)
        if token == " " or used + size <= width or not line:
            line += token
            used += size
        else:
            lines.append(line)
            line, used = token, size
    if line:
        lines.append(line)
    return lines


def insert_spacing(text: str, rnd: random.Random) -> str:
    """Spaces between digits/Latin and Chinese, as extraction inserts them (not always)."""
    pattern = f"(?<=[A-Za-z0-9%])(?=[{HAN}])|(?<=[{HAN}])(?=[A-Za-z0-9])"
    return re.sub(pattern, lambda _: " " if rnd.random() < 0.7 else "", text)


def item_lines(issue: Issue, width: int) -> list[str]:
    """The sections and items, wrapped: run-in headline, later paragraphs indented."""
    lines: list[str] = []
    for section in issue.sections:
        if section.name:
            lines.append(f"【{section.name}】")
        for item in section.items:
            paragraphs = list(item.body)
            paragraphs[0] = f"{item.title} {paragraphs[0]}"
            paragraphs[-1] += attribution(item)
            for number, paragraph in enumerate(paragraphs):
                indent = "\u3000\u3000" if number else ""
                lines += wrap(indent + paragraph, width)
    return lines


def shows_hard_wrap(lines: list[str]) -> bool:
    """Do enough lines stop mid-sentence for a reader to see that the text was wrapped?"""
    mid_sentence = [line for line in lines if not line.endswith(("。", "）", "】", "。”"))]
    return len(mid_sentence) >= 0.15 * len(lines)


def pdf_text(issue: Issue, width: int, rnd: random.Random, *, blank_lines: bool) -> str:
    """Header, 【sections】, run-in headlines, hard wrap, page-break spaces, digit spacing."""
    lines: list[str] = []
    if issue.number or issue.total or issue.date or issue.publisher:
        lines += [*masthead_lines(issue, None), "━" * 20]
    lines += item_lines(issue, width)
    for line in issue.distribution:
        lines += wrap(format_distribution(line), width)
    if issue.copies is not None:
        lines.append(f"（共印{issue.copies}份）")
    out: list[str] = []
    page = rnd.randint(12, 40)  # lines a page
    for number, line in enumerate(lines):
        line = insert_spacing(line, rnd)
        if number and number % page == 0:
            out.append(" " + line)  # a page break: no blank line, a stray leading space
            continue
        if blank_lines and out:
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"

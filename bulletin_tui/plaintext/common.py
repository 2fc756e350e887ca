"""Shared pieces of plain bulletin text: labels, dates, distribution lines, the export form."""

from __future__ import annotations

import datetime as dt
import re

from bulletin_tui.model import Distribution, Item

INDENT = "\u3000\u3000"
RULE_CHAR = "━"
DISTRIBUTION_LABELS = ("本期发", "抄送", "抄报", "报送", "分送", "主送", "印发", "报", "送", "发")

#: A date as bulletins write it: ``2024年6月18日``, ``2024 年 5 月 31 日``, ``2024-06-18``.
DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-./](\d{1,2})[-./](\d{1,2})"
)


def parse_date(text: str) -> dt.date | None:
    """``2024-06-18``, ``2024年6月18日``, ``2024 年 5 月 31 日`` → a date; else ``None``."""
    match = DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups() if group is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def chinese_date(date: dt.date) -> str:
    """``2024年4月10日``, as bulletins print it."""
    return f"{date.year}年{date.month}月{date.day}日"


def parse_distribution(text: str) -> Distribution | None:
    """``本期发：县委常委，副县长。`` → label and recipients; ``None`` if it is not one.

    Recipients are split on the full-width comma only: ``、`` joins parts of one
    recipient (``各乡（镇）政府、街道办事处主要领导``). The final ``。`` is dropped.
    """
    match = re.match(r"^\s*([^：:，。\s]{1,8})\s*[：:]\s*(.*?)\s*$", text)
    if not match:
        return None
    label, rest = match.groups()
    rest = rest.removesuffix("。").strip()
    recipients = tuple(part.strip() for part in re.split(r"[，,]", rest) if part.strip())
    return Distribution(label, recipients)


def format_distribution(line: Distribution) -> str:
    """``本期发：县委常委，副县长。``."""
    return f"{line.label}：{'，'.join(line.recipients)}。" if line.recipients else f"{line.label}："


def attribution(item: Item) -> str:
    """``（县水利局 张华）``, or ``""`` when the item names no unit."""
    inside = " ".join(part for part in (item.source, item.author) if part)
    return f"（{inside}）" if inside else ""

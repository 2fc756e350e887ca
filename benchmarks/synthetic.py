"""Synthetic bulletins built from the sample's own vocabulary, with a fixed seed."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path

from bulletin_tui.archive import Archive
from bulletin_tui.cjk import char_width
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.plaintext import import_bytes

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_f8a72244530b702c.txt"
SECTIONS = ["助企服务", "民生保障", "安全生产", "乡村振兴", "营商环境", "基层治理", "生态环保"]
UNITS = ["开发区", "城市管理局", "教体局", "公路事业发展中心", "潭龙街道", "交通运输局", "司寨乡",
         "县水利局", "县政府办", "东屯镇"]  # fmt: skip


def timings(action: Callable[[], object], repeat: int = 5, *, warm_up: bool = False) -> list[float]:
    """Seconds for each of ``repeat`` runs of ``action`` (after one untimed run if asked)."""
    if warm_up:
        action()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return runs


def sample_items() -> list[tuple[str, str]]:
    """(headline, body) pairs of the sample, the material synthetic text is cut from."""
    issue = import_bytes(SAMPLE.read_bytes(), series="工作动态").issue
    return [(item.title, "".join(item.body)) for item in issue.items]


def hard_wrap(text: str, columns: int) -> list[str]:
    """Wrap as a PDF extraction does: every line full; a space at a wrap ends the line."""
    lines, line, used = [], "", 0
    for char in text:
        width = char_width(char)
        if used + width > columns and line and char != " ":
            lines.append(line)
            line, used = "", 0
        line += char
        used += width
    return [*lines, line] if line else lines


def pdf_like_bulletin(items: int, seed: int = 1) -> str:
    """A bulletin of ``items`` items in the sample's layout: 【sections】, run-in
    headlines, hard wrap at 56 columns, a blank line after every line."""
    rnd = random.Random(seed)
    material = sample_items()
    lines: list[str] = []
    per_section = max(1, items // len(SECTIONS))
    for number in range(items):
        if number % per_section == 0 and number // per_section < len(SECTIONS):
            lines.append(f"【{SECTIONS[number // per_section]}】")
        title, body = rnd.choice(material)
        lines += hard_wrap(f"{title} {body}（{rnd.choice(UNITS)}）", 56)
    lines += hard_wrap(
        "本期发：县委常委，县人大正副主任，副县长，各乡（镇）政府、街道办事处主要领导。", 56
    )
    return "\n\n".join(lines) + "\n"


def make_archive(folder: Path, count: int, seed: int = 1) -> Archive:
    """``count`` issues of 3–5 sections with 2–3 items each, bodies cut from the sample."""
    rnd = random.Random(seed)
    material = sample_items()
    archive = Archive(folder)
    start = dt.date(2015, 1, 1)
    numbers: dict[tuple[str, int], int] = {}
    for number in range(count):
        sections = []
        for name in rnd.sample(SECTIONS, rnd.randint(3, 5)):
            items = []
            for index in range(rnd.randint(2, 3)):
                title, body = rnd.choice(material)
                body = (body + rnd.choice(material)[1])[: rnd.randint(250, 500)]
                items.append(Item(f"{title}（{number}-{index}）", (body,),
                                  rnd.choice(UNITS)))  # fmt: skip
            sections.append(Section(name, tuple(items)))
        series = rnd.choice(["工作动态", "政务信息", "督查专报"])
        date = start + dt.timedelta(days=number * 2)
        # numbered from 1 in each series each year: the archive refuses a number twice
        numbers[series, date.year] = numbers.get((series, date.year), 0) + 1
        issue = Issue(series=series, number=numbers[series, date.year], date=date,
                      publisher="中共延津县委办公室", sections=tuple(sections))  # fmt: skip
        archive.create(issue)
    return archive

"""Hypothesis strategies for realistic bulletins, cut from the sample's own vocabulary."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from bulletin_tui.model import Distribution, Issue, Item, Section

from .conftest import SAMPLE_TEXT

VOCABULARY = "".join(
    sorted({c for c in SAMPLE_TEXT.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"})
)
han = st.text(st.sampled_from(VOCABULARY), min_size=2, max_size=8)
# Numbers and Latin words stand between Chinese words, never two in a row.
ascii_word = st.sampled_from(["12345", "2024年", "1.4亿", "PPP", "206%", "“智慧课堂”"])
token = st.one_of(han, han, st.tuples(ascii_word, han).map("".join))


def phrase(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.tuples(han, st.lists(token, min_size=min_size, max_size=max_size), han).map(
        lambda parts: parts[0] + "".join(parts[1]) + parts[2]
    )


sentence = st.lists(phrase(1, 4), min_size=1, max_size=4).map(lambda parts: "，".join(parts) + "。")
paragraph = st.lists(sentence, min_size=1, max_size=4).map("".join)
UNITS = ["开发区", "城市管理局", "县水利局", "公路事业发展中心", "潭龙街道", "司寨乡", "县政府办"]


def items(sources: st.SearchStrategy[str]) -> st.SearchStrategy[Item]:
    """Items with a run-in-able headline, a body of some length, a unit and maybe a person."""
    return st.builds(
        lambda title, body, source, author: Item(title, body, source, author if source else ""),
        title=phrase(1, 4),
        body=st.lists(paragraph, min_size=1, max_size=3)
        .map(tuple)
        .filter(lambda b: len("".join(b)) > 50),
        source=sources,
        author=st.sampled_from(["", "", "张华", "汪文莉"]),
    )


RECIPIENTS = [
    "县委常委",
    "县人大正副主任",
    "副县长",
    "县直各单位负责人",
    "各乡（镇）政府、街道办事处主要领导",
]
distributions = st.lists(
    st.builds(Distribution, label=st.sampled_from(["本期发", "报", "送", "发"]),
              recipients=st.lists(st.sampled_from(RECIPIENTS), min_size=1, max_size=5).map(tuple)),
    max_size=2, unique_by=lambda d: d.label,
)  # fmt: skip


@st.composite
def issues(draw: st.DrawFn, sources: st.SearchStrategy[str] | None = None) -> Issue:
    units = st.sampled_from(UNITS) if sources is None else sources
    named = draw(st.booleans())
    names = draw(st.lists(st.sampled_from(["助企服务", "民生保障", "安全生产", "乡村振兴"]),
                          min_size=1, max_size=3, unique=True)) if named else [""]  # fmt: skip
    sections = tuple(
        Section(
            name,
            tuple(draw(st.lists(items(units), min_size=1, max_size=3))),
        )
        for name in names
    )
    masthead = draw(st.booleans())
    return Issue(
        series=draw(st.sampled_from(["工作动态", "工作简报", "政务信息", "督查专报"])),
        number=draw(st.none() | st.integers(1, 60)) if masthead else None,
        total=draw(st.none() | st.integers(1, 999)) if masthead else None,
        date=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
        if masthead
        else None,
        publisher=draw(st.sampled_from(["", "中共延津县委办公室", "县人民政府办公室"]))
        if masthead
        else "",
        copies=draw(st.none() | st.integers(1, 500)),
        distribution=tuple(draw(distributions)),
        sections=sections,
    )

"""The plain-text export's print rules: no lone last character in a headline, whole short
attributions, a centred masthead; Markdown names the issue number once."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin_tui.cjk import display_width, wrap
from bulletin_tui.model import Item, Section
from bulletin_tui.plaintext import export_markdown, export_text, import_text

from .conftest import small_issue


def with_item(item: Item):
    return dataclasses.replace(small_issue(), sections=(Section("民生保障", (item,)),))


def test_a_headline_never_ends_with_one_character_on_a_line():
    title = "县人社局多措并举推进就业工作会"  # 15 characters: 14 + 1 at width 28
    assert wrap(title, 28)[-1] == "会"  # what the plain rule does
    issue = with_item(Item(title, ("正文。",), "县人社局"))
    for width in (20, 28):
        lines = export_text(issue, width=width).splitlines()
        start = lines.index("【民生保障】") + 1
        headline = lines[start : start + 2]
        assert "".join(headline) == title
        assert all(len(line) >= 2 for line in headline), headline
        assert all(display_width(line) <= width for line in headline)
    assert import_text(export_text(issue, width=28)).issue == issue


def test_a_short_attribution_moves_whole_to_the_next_line():
    body = "全县新增就业岗位千余个。"  # 4 + 24 columns: only （县 would fit after it
    assert wrap(f"\u3000\u3000{body}（县人社局）", 32)[-1] == "人社局）"  # the plain rule
    issue = with_item(Item("标题", (body,), "县人社局"))
    lines = export_text(issue, width=32).splitlines()
    assert "（县人社局）" in lines
    assert not any(line.endswith("（县") for line in lines)
    assert import_text(export_text(issue, width=32)).issue == issue


def test_an_attribution_longer_than_a_line_still_wraps():
    item = Item("标题", ("正文。",), "县人力资源和社会保障局就业服务中心", "张华")
    text = export_text(with_item(item), width=20)
    assert "".join(text.split()).count("县人力资源和社会保障局就业服务中心张华") == 1
    assert all(display_width(line) <= 20 for line in text.splitlines())


@pytest.mark.parametrize("width", [None, 24, 40, 60])
def test_the_masthead_is_centred_in_the_width(width):
    lines = export_text(small_issue(), width=width).splitlines()
    room = width or 40
    for line in lines[:2]:
        text = line.lstrip(" ")
        left = len(line) - len(text)
        assert left == (room - display_width(text)) // 2
    assert lines[0].strip() == "工作动态"


def test_office_left_and_date_right_when_they_fit():
    line = export_text(small_issue(), width=40).splitlines()[2]
    assert line.startswith("中共延津县委办公室")
    assert line.endswith("2024年4月10日")
    assert display_width(line) == 40


def test_markdown_names_the_number_once():
    markdown = export_markdown(small_issue())
    assert markdown.count("第5期") == 1
    assert markdown.startswith("# 工作动态 第5期（总第168期）\n")


@given(
    title=st.text(alphabet="县人社局推进就业工作会议召开", min_size=2, max_size=60),
    width=st.integers(min_value=10, max_value=80),
)
def test_no_headline_of_han_characters_ends_with_one_alone(title, width):
    lines = wrap(title, width, no_orphan=True)
    assert "".join(lines) == title
    assert all(display_width(line) <= width for line in lines)
    assert len(lines[-1]) >= 2


@given(
    source=st.text(alphabet="县人社局水利城管街道", min_size=1, max_size=8),
    body=st.text(alphabet="全县新增就业岗位千余个，", min_size=1, max_size=80),
    width=st.integers(min_value=20, max_value=60),
)
def test_a_short_attribution_is_never_split(source, body, width):
    issue = with_item(Item("标题", (body + "。",), source))
    lines = export_text(issue, width=width).splitlines()
    assert any(f"（{source}）" in line for line in lines)

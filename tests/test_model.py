"""The model's invariants: what may not exist is refused, naming the field."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin_tui.errors import ModelError
from bulletin_tui.model import Distribution, Issue, Item, Section, split_paragraphs


def test_required_fields_are_required():
    with pytest.raises(ModelError, match="series"):
        Issue(series=" ")
    with pytest.raises(ModelError, match="title"):
        Item(title="", body=("正文",))
    with pytest.raises(ModelError, match="body"):
        Item(title="标题", body=())


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("title", lambda v: Item(title=v, body=("正文",))),
        ("source", lambda v: Item(title="标题", body=("正文",), source=v)),
        ("author", lambda v: Item(title="标题", body=("正文",), author=v)),
        ("series", lambda v: Issue(series=v)),
        ("publisher", lambda v: Issue(series="工作动态", publisher=v)),
        ("section name", lambda v: Section(name=v)),
        ("distribution label", lambda v: Distribution(label=v)),
    ],
)
@pytest.mark.parametrize("bad", ["一\n二", "一\r二", "一\u2028二", "一\t二", "一\x1b[31m二"])
def test_single_line_fields_refuse_breaks_and_controls(field, make, bad):
    with pytest.raises(ModelError) as caught:
        make(bad)
    assert caught.value.field == field


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ud800"])
def test_body_refuses_control_characters(bad):
    with pytest.raises(
        ModelError, match=r"body paragraph 2: (has a control character|must be one line)"
    ):
        Item(title="标题", body=("第一段", f"第二{bad}段"))


def test_body_allows_tabs_but_not_line_breaks_inside_a_paragraph():
    assert Item(title="标题", body=("表\t格",)).body == ("表\t格",)
    with pytest.raises(ModelError, match="body paragraph 1"):
        Item(title="标题", body=("一\n二",))


def test_numbers_and_dates_are_checked():
    with pytest.raises(ModelError, match="number"):
        Issue(series="工作动态", number=0)
    with pytest.raises(ModelError, match="number"):
        Issue(series="工作动态", number=True)
    with pytest.raises(ModelError, match="date"):
        Issue(series="工作动态", date=dt.datetime(2024, 1, 1, 8, 0))


def test_section_names_are_unique():
    with pytest.raises(ModelError, match="two sections"):
        Issue(series="工作动态", sections=(Section("民生"), Section("民生")))


def test_an_author_needs_a_source():
    with pytest.raises(ModelError, match="author: needs a source"):
        Item(title="标题", body=("正文",), author="张华")


def test_split_paragraphs_takes_each_line_with_text():
    assert split_paragraphs("第一段\n\n第二段\n第三段\n\n\n") == ("第一段", "第二段", "第三段")


def test_heading_names_the_issue():
    assert Issue(series="工作动态", number=5, date=dt.date(2024, 4, 10)).heading == (
        "工作动态 2024年第5期"
    )

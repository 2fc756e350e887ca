"""Reading issue files: every kind of broken file is located; saving then loading is exact."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_tui.errors import IssueFileError, ModelError
from bulletin_tui.model import (
    MAX_COPIES,
    MAX_NUMBER,
    MAX_TOTAL,
    Distribution,
    Issue,
    Item,
    Section,
)
from bulletin_tui.tomledit import IssueDocument
from bulletin_tui.tomlfile import KeyLines, parse_issue, read_issue

GOOD = """\
# 工作动态 2024年第5期
format = 1

[issue]
series = "工作动态"
number = 5
date = 2024-04-10

[[section]]
name = "助企服务"

[[section.item]]
title = "标题一"
source = "开发区"
body = \"\"\"
第一段

[issue]
title = "不是键"\"\"\"

[[section.item]]
title = "标题二"
source = "教体局"
body = \"\"\"
正文\"\"\"
"""


def test_a_good_file_reads_into_the_model():
    issue = parse_issue(GOOD, "good.toml")
    assert issue.series == "工作动态"
    assert issue.date == dt.date(2024, 4, 10)
    first, second = issue.sections[0].items
    assert first.body == ("第一段", "[issue]", 'title = "不是键"')
    assert second.source == "教体局"


def test_key_lines_step_over_multiline_strings():
    lines = KeyLines(GOOD)
    assert lines.line_of(("issue", "number")) == 6
    assert lines.line_of(("section", 0, "item", 1, "title")) == 22
    assert lines.line_of(("section", 0, "item", 1, "nothing")) == 21


def broken(text: str) -> IssueFileError:
    with pytest.raises(IssueFileError) as caught:
        parse_issue(text, "issues/bad.toml")
    return caught.value


def test_syntax_error_has_line_and_column():
    error = broken('format = 1\n[issue]\nseries = "工作动态\n')
    assert error.line == 3
    assert error.column is not None
    assert "TOML syntax error" in error.reason
    assert str(error).startswith(f"issues/bad.toml:3:{error.column}: ")


def test_missing_issue_table():
    error = broken('format = 1\n\n[[section]]\nname = "x"\n')
    assert error.reason == "has no [issue] table"
    assert error.line == 1


def test_missing_series_points_at_the_issue_table():
    error = broken("format = 1\n\n[issue]\nnumber = 5\n")
    assert error.line == 3
    assert "no series" in error.reason


def test_wrong_type_points_at_the_key():
    error = broken('format = 1\n\n[issue]\nseries = "工作动态"\nnumber = "五"\n')
    assert error.line == 5
    assert error.reason == "number must be a whole number, not '五'"


def test_unknown_format():
    error = broken('format = 2\n\n[issue]\nseries = "工作动态"\n')
    assert error.line == 1
    assert "format 2 is not known" in error.reason


def test_quoted_date_is_refused_with_a_hint():
    error = broken('[issue]\nseries = "x"\ndate = "2024-04-10"\n')
    assert error.line == 3
    assert "2024-04-10" in error.reason


def test_model_rule_broken_in_an_item_points_at_its_key():
    text = GOOD.replace('title = "标题二"', 'title = "标题\\n二"')
    error = broken(text)
    assert error.line == 22
    assert error.reason.startswith("section 1, item 2: title")


def test_item_without_body():
    error = broken(
        '[issue]\nseries = "x"\n\n[[section]]\nname = "a"\n\n[[section.item]]\ntitle = "t"\n'
    )
    assert error.line == 7
    assert "body is required" in error.reason


def test_not_utf8_is_broken_with_its_line():
    with pytest.raises(IssueFileError) as caught:
        read_issue('[issue]\nseries = "工作动态"\n'.encode("gb18030"), "gbk.toml")
    assert caught.value.line == 2
    assert "UTF-8" in caught.value.reason


# -- save → load over any text ---------------------------------------------------------------
SPECIAL = ['"', "'", "\\", '"""', "'''", "[bold]", "[/]", "#", "=", "\U0001f600", "“", "　", " "]
CJK_WORD = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4
)
ANY_CHARACTER = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="\u2028\u2029"
)


def texts(*, tab: bool = False, required: bool = False) -> st.SearchStrategy[str]:
    """Text a field may hold: CJK, quotes, backslashes, TOML and Rich syntax, any letter."""
    chunk = st.one_of(
        st.sampled_from([*SPECIAL, "\t"] if tab else SPECIAL),
        st.text(ANY_CHARACTER, max_size=6),
        CJK_WORD,
    )
    text = st.lists(chunk, max_size=6).map("".join)
    if required:
        text = st.tuples(CJK_WORD, text).map("".join)
    return text


items = st.builds(
    lambda title, body, source, author: Item(title, body, source, author if source.strip() else ""),
    title=texts(required=True),
    body=st.lists(texts(tab=True, required=True), min_size=1, max_size=3).map(tuple),
    source=texts(),
    author=texts(),
)
sections = st.builds(Section, name=texts(), items=st.lists(items, max_size=3).map(tuple))
issues = st.builds(
    Issue,
    series=texts(required=True),
    number=st.none() | st.integers(1, MAX_NUMBER),
    total=st.none() | st.integers(1, MAX_TOTAL),
    date=st.none() | st.dates(),
    publisher=texts(),
    copies=st.none() | st.integers(1, MAX_COPIES),
    distribution=st.lists(
        st.builds(
            Distribution,
            label=texts(required=True),
            recipients=st.lists(texts(required=True), max_size=3).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    sections=st.lists(sections, max_size=3, unique_by=lambda s: s.name).map(tuple),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(issues)
def test_save_then_load_gives_the_same_issue(issue):
    text = IssueDocument.new(issue).text()
    assert parse_issue(text, "x.toml") == issue


@settings(max_examples=100)
@given(issues, items)
def test_adding_an_item_to_a_saved_file_keeps_everything(issue, item):
    document = IssueDocument(IssueDocument.new(issue).text())
    name = "新栏目" + "".join(s.name for s in issue.sections)
    document.add_item(name, item)
    loaded = document.issue()
    assert loaded.sections[:-1] == issue.sections
    assert loaded.sections[-1] == Section(name, (item,))


@given(st.sampled_from(["\x00", "\x1b", "\x7f", "\x9b", "\r"]))
def test_text_with_control_characters_is_refused_before_anything_is_written(bad):
    with pytest.raises(ModelError):
        Item(title=f"标题{bad}", body=("正文",))

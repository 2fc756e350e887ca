"""Export: the circulation form, Chinese line breaking, Markdown, encodings, round trips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_tui.cjk import NO_LINE_END, NO_LINE_START, display_width, wrap
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.plaintext import (
    encode,
    escape_markdown,
    export,
    export_markdown,
    export_text,
    import_bytes,
    import_text,
)

from .conftest import SAMPLE_TEXT, small_issue
from .strategies import UNITS, issues

DATA = Path(__file__).parent / "data"


def test_golden_text():
    assert export_text(small_issue()) == (DATA / "small_issue.txt").read_text(encoding="utf-8")


def test_golden_text_wrapped_run_in():
    expected = (DATA / "small_issue_w24_runin.txt").read_text(encoding="utf-8")
    assert export_text(small_issue(), width=24, run_in=True) == expected


@pytest.mark.parametrize("run_in", [False, True])
@pytest.mark.parametrize("width", [None, 20, 23, 30, 41, 56, 80])
def test_the_sample_exported_and_imported_again_is_the_same(width, run_in):
    imported = import_bytes(
        SAMPLE_TEXT.read_bytes(), series="工作动态", number=5, publisher="中共延津县委办公室"
    ).issue
    again = import_text(export_text(imported, width=width, run_in=run_in))
    assert again.warnings == ()
    assert again.issue == imported


def lines_of(text: str) -> list[str]:
    return text.split("\n")[:-1]


def test_wrap_keeps_numbers_words_dashes_and_ellipses_whole():
    text = "共完成1234套，完成率206%，贷款1.4亿元，建PPP项目——成效显著……（县水利局 张华）"
    for width in range(10, 40):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert all(display_width(line) <= width for line in lines)
        for token in ("1234", "206%", "1.4", "PPP", "——", "……"):
            assert any(token in line for line in lines), (width, lines)
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        assert not any(line[-1] in NO_LINE_END for line in lines)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    issues(sources=st.sampled_from([*UNITS, ""])),
    st.integers(20, 80) | st.none(),
    st.booleans(),
)
def test_any_issue_any_width_wraps_by_the_rules_and_imports_back(issue, width, run_in):
    text = export_text(issue, width=width, run_in=run_in)
    for line in lines_of(text):
        if width is not None:
            assert display_width(line) <= width, line
        if line:
            assert line[0] not in NO_LINE_START, line
            assert line[-1] not in NO_LINE_END, line
    if width is not None:
        unbroken = "".join(line.lstrip("\u3000") for line in lines_of(text))
        for paragraph in (p for item in issue.items for p in item.body):
            for number in re.findall(r"[0-9][0-9.%]*", paragraph):
                assert any(number in line for line in lines_of(text)), number
            assert paragraph in unbroken
    assert import_text(text).issue == issue


def test_markdown_escapes_what_would_be_markup():
    item = Item("标题*粗体*_斜体_", ("正文 # 不是标题，[链接](x) `代码` <b>",
                                     "1. 不是列表", "- 也不是"), "开发区")  # fmt: skip
    issue = Issue(series="工作动态", sections=(Section("栏目[1]", (item,)),))
    markdown = export_markdown(issue)
    assert "## 栏目\\[1\\]" in markdown
    assert "**标题\\*粗体\\*\\_斜体\\_**" in markdown
    assert "正文 \\# 不是标题，\\[链接\\](x) \\`代码\\` \\<b\\>" in markdown
    assert "\n1\\. 不是列表\n" in markdown
    assert "\n\\- 也不是（开发区）\n" in markdown


def test_escape_markdown_of_plain_chinese_is_unchanged():
    assert escape_markdown("县开发区全力做好企业项目融资服务保障，完成率206%。") == (
        "县开发区全力做好企业项目融资服务保障，完成率206%。"
    )


def test_json_export_is_the_document():
    import json

    document = json.loads(export(small_issue(), "json"))
    assert document["issue"]["date"] == "2024-04-10"
    assert document["section"][1]["item"][1]["author"] == "张华"


def test_gb18030_and_crlf_bytes():
    text = export_text(small_issue(), width=30)
    data = encode(text, encoding="gb18030", crlf=True)
    assert data.decode("gb18030") == text.replace("\n", "\r\n")
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "县开发区".encode("gb18030") in data
    assert import_bytes(data).issue == small_issue()


def test_gb18030_holds_characters_outside_gbk():
    issue = Issue(
        series="工作动态", sections=(Section("", (Item("𠀀字与😀", ("正文。",), "单位"),)),)
    )
    data = encode(export_text(issue), encoding="gb18030")
    assert "𠀀字与😀" in data.decode("gb18030")


def test_control_characters_never_reach_the_output():
    issue = small_issue()
    item = issue.sections[0].items[0]
    object.__setattr__(item, "title", "标题\x1b[31m红\x07")  # past the model's own check
    for fmt in ("text", "markdown"):
        output = export(issue, fmt)
        assert "\x1b" not in output
        assert "\x07" not in output
        assert "标题[31m红" in output.replace("\\", "")

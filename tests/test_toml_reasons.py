"""A broken file's TOML syntax error, said in the screen's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_tui.errors import IssueFileError
from bulletin_tui.tomlfile import parse_issue
from bulletin_tui.tui.explain import file_reason
from bulletin_tui.tui.i18n import choose_language

pytestmark = pytest.mark.usefixtures("chinese")

HEADER = 'format = 1\n[issue]\nseries = "工作动态"\nnumber = 5\ndate = 2024-04-10\n'


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (HEADER + "publisher 县委办公室\n", "TOML 语法错误：键的后面缺少“=”"),
        (HEADER + "[[section]\n", "TOML 语法错误：表数组名的后面缺少“]]”"),
        (HEADER + 'publisher = "县委办公室" 多写\n', "TOML 语法错误：一条内容写完后应当换行"),
        (HEADER + "publisher = 县委办公室\n", "TOML 语法错误：值无效（文字要加英文双引号"),
        (HEADER + 'publisher = "县委办公室', "TOML 语法错误：字符串缺少结尾的引号"),
        (HEADER + 'publisher = "县委办公室\n', "TOML 语法错误：字符串里有不允许的字符 '\\n'"),
        (HEADER + "[issue]\n", "TOML 语法错误：表 ('issue',) 声明了两次"),
        (HEADER + "number = 6\n", "TOML 语法错误：同一个键写了两次"),
        (HEADER.replace("2024-04-10", "2024-02-30"), "TOML 语法错误：日期或时间无效"),
    ],
)
def test_a_syntax_error_is_said_in_chinese_and_kept_in_english(text, said):
    with pytest.raises(IssueFileError) as caught:
        parse_issue(text, Path("坏文件.toml"))
    english = caught.value.reason
    assert english.startswith("TOML syntax error: ")
    assert file_reason(caught.value).startswith(said)
    choose_language("en")
    assert file_reason(caught.value) == english  # the parser's own sentence


def test_a_reason_not_recognized_is_shown_as_it_is():
    error = IssueFileError("a.toml", 3, "TOML syntax error: something new in a later parser")
    assert file_reason(error) == error.reason
    other = IssueFileError("a.toml", 3, "section 1: name: is required")
    assert file_reason(other) == other.reason

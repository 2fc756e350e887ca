"""Edits of an existing file change the edited part and nothing else, byte for byte."""

from __future__ import annotations

import difflib
import os
import subprocess

import pytest

from bulletin_tui.model import Distribution, Item
from bulletin_tui.tomledit import EditError, IssueDocument

HAND_WRITTEN = '''\
# 工作动态 2024年第5期 — 县委办编
format = 1
generator = "hand"   # a key this program does not know

# 报头
[issue]
series = "工作动态"   # 报头名称
number = 5
editor = "张三"

[[section]]
name = "助企服务"  # 栏目

# 第一条
[[section.item]]
title = "A1"
source = "开发区"
reviewed = true
body = """
甲"""

# 第二条
[[section.item]]
title = "A2"
source = "教体局"
body = """
乙"""

# 民生栏目
[[section]]
name = "民生保障"

[[section.item]]
title = "B1"
source = "潭龙街道"
body = """
丙"""
'''

NEW_ITEM = Item(title="新条目", body=("新正文第一段", "第二段"), source="司寨乡")


def diff(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines taken out of ``old`` and the lines put into ``new``."""
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old.splitlines()[a1:a2]
            added += new.splitlines()[b1:b2]
    return removed, added


def edited(change) -> str:
    document = IssueDocument(HAND_WRITTEN)
    change(document)
    document.issue()  # whatever an edit writes must read back
    return document.text()


def test_loading_and_writing_without_edits_is_byte_identical():
    assert IssueDocument(HAND_WRITTEN).text() == HAND_WRITTEN


def test_add_item_to_the_first_section_only_inserts_its_block():
    text = edited(lambda d: d.add_item("助企服务", NEW_ITEM))
    block = (
        '\n[[section.item]]\ntitle = "新条目"\nsource = "司寨乡"\n'
        'body = """\n新正文第一段\n\n第二段"""\n'
    )
    after_a2 = HAND_WRITTEN.index('乙"""\n') + len('乙"""\n')
    assert text == HAND_WRITTEN[:after_a2] + block + HAND_WRITTEN[after_a2:]


def test_add_item_to_a_new_section_appends_it_at_the_end():
    text = edited(lambda d: d.add_item("安全生产", NEW_ITEM))
    assert text.startswith(HAND_WRITTEN)
    assert text[len(HAND_WRITTEN) :].startswith(
        '\n[[section]]\nname = "安全生产"\n\n[[section.item]]'
    )


def test_replace_item_changes_only_the_changed_lines():
    a1 = IssueDocument(HAND_WRITTEN).issue().sections[0].items[0]
    changed = Item(title="A1 改", body=a1.body, source="县开发区", extra=a1.extra)
    text = edited(lambda d: d.replace_item(0, 0, changed))
    assert diff(HAND_WRITTEN, text) == (
        ['title = "A1"', 'source = "开发区"'],
        ['title = "A1 改"', 'source = "县开发区"'],
    )
    assert "reviewed = true" in text


def test_remove_item_takes_its_block_and_its_own_comment_only():
    text = edited(lambda d: d.remove_item(0, 1))
    block = '\n# 第二条\n[[section.item]]\ntitle = "A2"\nsource = "教体局"\nbody = """\n乙"""\n'
    assert block in HAND_WRITTEN
    assert text == HAND_WRITTEN.replace(block, "")


def test_remove_the_last_item_of_a_section_leaves_the_section():
    issue = IssueDocument(HAND_WRITTEN)
    issue.remove_item(1, 0)
    assert [s.name for s in issue.issue().sections] == ["助企服务", "民生保障"]
    assert issue.issue().sections[1].items == ()


def test_move_item_within_and_across_sections_carries_its_comment():
    document = IssueDocument(HAND_WRITTEN)
    document.move_item(0, 1, 0, 0)
    text = document.text()
    assert text.index("# 第二条") < text.index('title = "A2"') < text.index('title = "A1"')
    document.move_item(0, 0, 1, 1)
    issue = document.issue()
    assert [i.title for i in issue.sections[0].items] == ["A1"]
    assert [i.title for i in issue.sections[1].items] == ["B1", "A2"]
    assert sorted(document.text().splitlines()) == sorted(HAND_WRITTEN.splitlines())


def test_rename_section_keeps_its_comment():
    text = edited(lambda d: d.rename_section(0, "优化营商环境"))
    assert diff(HAND_WRITTEN, text) == (
        ['name = "助企服务"  # 栏目'],
        ['name = "优化营商环境"  # 栏目'],
    )


def test_reorder_sections_moves_whole_blocks():
    document = IssueDocument(HAND_WRITTEN)
    document.move_section(1, 0)
    assert [s.name for s in document.issue().sections] == ["民生保障", "助企服务"]
    assert sorted(document.text().splitlines()) == sorted(HAND_WRITTEN.splitlines())
    assert document.text().index("# 民生栏目") < document.text().index('name = "民生保障"')


def test_duplicate_section_names_are_refused():
    document = IssueDocument(HAND_WRITTEN)
    with pytest.raises(EditError, match="already a section"):
        document.rename_section(1, "助企服务")
    with pytest.raises(EditError, match="already a section"):
        document.add_section("民生保障")


def test_header_edit_keeps_the_comment_above_issue_and_the_unknown_key():
    document = IssueDocument(HAND_WRITTEN)
    issue = document.issue()
    from dataclasses import replace

    document.set_header(replace(issue, number=6, distribution=(Distribution("本期发", ("甲",)),)))
    text = document.text()
    removed, added = diff(HAND_WRITTEN, text)
    assert removed == ["number = 5"]
    assert added[0] == "number = 6"
    assert "# 报头\n[issue]\n" in text
    assert 'editor = "张三"\n' in text
    assert 'generator = "hand"   # a key this program does not know' in text
    assert document.issue().distribution == (Distribution("本期发", ("甲",)),)


def test_items_added_in_two_clones_to_different_sections_merge_without_conflict(tmp_path):
    """The file layout keeps concurrent additions to different sections apart for git."""

    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}  # fmt: skip

    def git(*args, cwd=tmp_path):
        env = {**os.environ, **identity}
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)

    origin = tmp_path / "origin"
    origin.mkdir()
    git("init", "-q", "-b", "main", cwd=origin)
    (origin / "issue.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    git("add", ".", cwd=origin)
    git("commit", "-qm", "issue", cwd=origin)
    for name, section in (("one", "助企服务"), ("two", "民生保障")):
        git("clone", "-q", str(origin), name)
        clone = tmp_path / name
        document = IssueDocument((clone / "issue.toml").read_text(encoding="utf-8"))
        document.add_item(section, Item(f"{name}的条目", (f"{name}正文",), "开发区"))
        (clone / "issue.toml").write_text(document.text(), encoding="utf-8")
        git("commit", "-qam", name, cwd=clone)
    one = tmp_path / "one"
    git("pull", "-q", "--no-rebase", str(tmp_path / "two"), "main", cwd=one)
    merged = IssueDocument((one / "issue.toml").read_text(encoding="utf-8")).issue()
    assert [i.title for i in merged.sections[0].items][-1] == "one的条目"
    assert [i.title for i in merged.sections[1].items][-1] == "two的条目"

"""Composing in the app, with the files on disk held to account."""

from __future__ import annotations

import asyncio
import datetime as dt
import stat
from pathlib import Path

import pytest
from textual import events

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.model import Distribution, Item
from bulletin_tui.tomlfile import parse_issue
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.conflict import ConflictScreen
from bulletin_tui.tui.screens.issue_form import IssueForm
from bulletin_tui.tui.screens.item_form import ItemForm
from bulletin_tui.tui.widgets.issue_tree import IssueTree

from .conftest import small_issue
from .pilot import started

COMMENT = "# 本期由综合科汇总\n"


pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    created = archive.create(small_issue())
    created.path.write_bytes(COMMENT.encode() + created.raw)
    return archive


@pytest.fixture
def path(archive: Archive) -> Path:
    return archive.root / "工作动态-2024-005.toml"


def make_app(archive: Archive, tmp_path: Path) -> BulletinApp:
    return BulletinApp(archive, watch_interval=0, drafts=Drafts(tmp_path / "drafts"))


async def fill(pilot, **fields: str) -> None:
    form = pilot.app.screen
    assert isinstance(form, ItemForm)
    for name, value in fields.items():
        if name == "body":
            form.query_one("#body").text = value
        else:
            form.query_one(f"#{name}").value = value
    await pilot.pause()


def select(app: BulletinApp, title: str) -> None:
    tree = app.query_one(IssueTree)
    node = next(n for n in tree._all_nodes() if getattr(n.data, "title", None) == title)
    tree.move_cursor(node)


async def test_a_new_item_is_saved_in_its_section_and_the_rest_of_the_file_is_kept(
    archive, path, tmp_path
):
    before = path.read_text(encoding="utf-8")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        assert app.focused.id == "title"  # the first empty required field
        assert app.screen.query_one("#section").value == "助企服务"
        await fill(pilot, title="县水利局开展防汛演练", body="第一段，“引号”。\n\n第二段[bold]。",
                   source="县水利局", author="张华")  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        assert app.reader_text.startswith("县水利局开展防汛演练\n")
    saved = archive.load(path)
    section = saved.issue.section_named("助企服务")
    assert section.items[-1] == Item("县水利局开展防汛演练", ("第一段，“引号”。", "第二段[bold]。"),
                                     "县水利局", "张华")  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert text.startswith(COMMENT)
    start = text.index('\n[[section.item]]\ntitle = "县水利局开展防汛演练"')
    end = text.index('\n[[section]]\nname = "民生保障"')
    assert text[:start] + text[end:] == before  # only the new block was added
    assert list((tmp_path / "drafts").glob("*.json")) == []


async def test_our_own_save_is_not_announced_as_a_change_on_disk(archive, path, tmp_path):
    app = BulletinApp(archive, watch_interval=0.05, drafts=Drafts(tmp_path / "drafts"))
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, title="自己保存的条目", body="正文。", source="县水利局")
        await pilot.press("ctrl+s")
        for _ in range(10):  # the watcher looks several times meanwhile
            await asyncio.sleep(0.05)
            await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert not any("已在磁盘上更改" in m for m in messages), messages
        path.write_text(path.read_text(encoding="utf-8") + "# 别人改的\n", encoding="utf-8")
        for _ in range(20):
            await asyncio.sleep(0.05)
            await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("已在磁盘上更改" in m for m in messages), messages


async def test_an_invalid_form_writes_nothing_and_says_why(archive, path, tmp_path):
    before = path.read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, title="只有标题")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert str(form.query_one("#body-error").render()) == "必填"
        assert str(form.query_one("#source-error").render()) == "必填"
        assert str(form.query_one("#title-error").render()) == ""
        assert app.focused.id == "body"
    assert path.read_bytes() == before


async def test_edit_delete_move_and_undo(archive, path, tmp_path):
    original = path.read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        select(app, "县城市管理局整治窨井盖")
        await pilot.press("e")
        assert app.screen.query_one("#title").value == "县城市管理局整治窨井盖"
        await fill(pilot, title="县城市管理局整治窨井盖（改）", body="改后的正文。")
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = archive.load(path).issue.section_named("民生保障").items[0]
        assert (edited.title, edited.body, edited.source) == (
            "县城市管理局整治窨井盖（改）", ("改后的正文。",), "城市管理局",
        )  # fmt: skip
        await pilot.press("alt+up")  # first of 民生保障 → last of 助企服务
        await pilot.pause()
        issue = archive.load(path).issue
        assert [i.title for i in issue.section_named("助企服务").items][-1] == edited.title
        assert app.query_one(IssueTree).cursor_node.data.title == edited.title
        await pilot.press("alt+down")
        await pilot.pause()
        assert archive.load(path).issue.section_named("民生保障").items[0].title == edited.title
        select(app, "潭龙街道提升热线质效")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert len(archive.load(path).issue.items) == 3
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert [i.title for i in archive.load(path).issue.items] == [
            "县开发区做好融资服务", "县城市管理局整治窨井盖（改）",
        ]  # fmt: skip
        for _ in range(4):  # delete, move down, move up, edit
            await pilot.press("u")
            await pilot.pause()
        assert path.read_bytes() == original
        await pilot.press("u")  # nothing left
    assert path.read_bytes() == original


async def test_undo_refuses_when_the_file_changed_since(archive, path, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        select(app, "潭龙街道提升热线质效")
        await pilot.press("d", "y")
        await pilot.pause()
        theirs = path.read_bytes() + "# 别人加的\n".encode()
        path.write_bytes(theirs)
        await pilot.press("u")
        await pilot.pause()
    assert path.read_bytes() == theirs


async def test_new_issue_prefills_number_office_and_distribution(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("A")
        form = app.screen
        assert isinstance(form, IssueForm)
        year = dt.date.today().year
        expected_number = "6" if year == 2024 else "1"
        assert form.query_one("#series").value == "工作动态"
        assert form.query_one("#number").value == expected_number
        assert form.query_one("#date").value == dt.date.today().isoformat()
        assert form.query_one("#publisher").value == "中共延津县委办公室"
        assert form.query_one("#total").value == "169"
        assert form.query_one("#distribution").text == (
            "本期发：县委常委，各乡（镇）政府、街道办事处主要领导。"
        )
        form.query_one("#date").value = "2024-05-10"
        form.prefill()
        await pilot.press("ctrl+s")
        await pilot.pause()
    created = archive.load(archive.root / "工作动态-2024-006.toml").issue
    assert (created.number, created.total, created.date) == (6, 169, dt.date(2024, 5, 10))
    assert created.distribution == (
        Distribution("本期发", ("县委常委", "各乡（镇）政府、街道办事处主要领导")),
    )


@pytest.mark.parametrize("choice", ["reapply", "copy"])
async def test_a_file_changed_under_the_app_offers_a_choice_and_loses_nothing(
    archive, path, tmp_path, choice
):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, title="我的新条目", body="我的正文。", source="县水利局")
        other = archive.load(path)
        theirs_item = Item("别人的条目", ("别人的正文。",), "教体局")
        archive.edit(other, lambda d: d.add_item("民生保障", theirs_item))
        theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.click(f"#{choice}")
        await pilot.pause()
    titles = [i.title for i in archive.load(path).issue.items]
    if choice == "reapply":
        assert "别人的条目" in titles
        assert "我的新条目" in titles
    else:
        assert path.read_bytes() == theirs
        [copy] = list(archive.root.glob("*.conflict-*.toml.txt"))
        assert archive.files() == [path]  # the copy is not a second issue
        copied = [i.title for i in parse_issue(copy.read_text("utf-8"), copy).items]
        assert "我的新条目" in copied
        assert "别人的条目" not in copied


async def test_a_draft_survives_the_app_stopping_and_is_offered_again(archive, path, tmp_path):
    before = path.read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, title="没来得及保存", body="打到一半的正文")
    assert path.read_bytes() == before
    assert len(list((tmp_path / "drafts").glob("*.json"))) == 1
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#title").value == "没来得及保存"
        assert form.query_one("#body").text == "打到一半的正文"
        await fill(pilot, source="县水利局")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert archive.load(path).issue.items[1].title == "没来得及保存"
    assert list((tmp_path / "drafts").glob("*.json")) == []


async def test_cancel_asks_when_something_was_typed_and_drops_the_draft(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, title="写了又不要")
        app.screen.keep_draft()
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
    assert list((tmp_path / "drafts").glob("*.json")) == []


async def test_pasting_chinese_text(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        form = app.screen
        body = form.query_one("#body")
        body.focus()
        body.post_message(
            events.Paste("第一段：聚焦重点企业，\x07摸排融资需求。\r\n\r\n第二段：共帮助9家企业。")
        )
        await pilot.pause()
        assert body.text == "第一段：聚焦重点企业，摸排融资需求。\n\n第二段：共帮助9家企业。"
        title = form.query_one("#title")
        title.focus()
        app.post_message(events.Paste("县教体局全力打造数字化校园再获全省教育系统网络安全称\n号"))
        await pilot.pause()
        assert title.value == "县教体局全力打造数字化校园再获全省教育系统网络安全称号"


async def test_the_body_opens_in_the_external_editor(archive, tmp_path, monkeypatch):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\n\\n编辑器里加的一段。" >> "$1"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await fill(pilot, body="原来的正文。")
        app.screen.query_one("#body").focus()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#body").text == "原来的正文。\n\n编辑器里加的一段。"

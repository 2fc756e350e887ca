"""Very long items: shown in part and laid out off the UI thread, so the reader stays
answerable to keys."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from bulletin_tui.archive import Archive
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.tui import render
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.widgets.issue_tree import LABEL_KEPT, IssueTree

from .pilot import settle

SENTENCE = "聚焦辖区内重点企业，实现送贷上门。"  # 17 characters
BIG_BODY = SENTENCE * 62_000  # a paragraph of about a million characters


pytestmark = pytest.mark.usefixtures("chinese")


def archive_with(tmp_path: Path, first: Item) -> Archive:
    archive = Archive(tmp_path / "issues")
    short = Item("短条目", ("短正文。",), "教体局")
    archive.create(Issue(series="工作动态", number=5, date=dt.date(2024, 4, 10),
                         sections=(Section("助企服务", (first, short)),)))  # fmt: skip
    return archive


def shown(app: BulletinApp) -> str:
    """What the reader pane draws now (not what it would lay out)."""
    return str(app.query_one("#content", Static).render())


async def laid_out(app: BulletinApp, pilot) -> str:
    """What the reader draws once a layout running apart has arrived (bounded wait)."""
    for _ in range(1000):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if shown(app) != "正在排版……":
            return shown(app)
    raise AssertionError("the layout never arrived")


async def test_a_megabyte_item_opens_in_part_and_keys_move_the_tree_while_it_is_laid_out(
    tmp_path, monkeypatch
):
    archive = archive_with(tmp_path, Item("很长的条目", (BIG_BODY,), "开发区"))
    release = threading.Event()
    laying_out = threading.Event()
    original = render.item_text

    def held(item: Item, width: int):
        if len(item.body_text) > render.BODY_SHOWN:
            laying_out.set()
            assert release.wait(20), "the test never released the layout"
        return original(item, width)

    monkeypatch.setattr(render, "item_text", held)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.loaded.wait()
        for _ in range(500):  # until the long item is being laid out (bounded)
            if laying_out.is_set():
                break
            await pilot.pause(0.01)
        assert laying_out.is_set()
        assert shown(app) == "正在排版……"
        await pilot.press("j")  # answered while the layout runs
        await pilot.pause()
        tree = app.query_one(IssueTree)
        assert tree.cursor_node.data.title == "短条目"
        assert shown(app).startswith("短条目")
        release.set()
        await settle(app, pilot)
        assert shown(app).startswith("短条目")  # the late layout does not replace it
        await pilot.press("k")
        text = await laid_out(app, pilot)
        assert text.startswith("很长的条目\n　　" + SENTENCE)
        assert f"只显示前 {render.BODY_SHOWN} 字，共 {len(BIG_BODY)} 字" in text
        assert len(text) < render.BODY_SHOWN * 2


async def test_a_headline_of_a_million_characters_is_cut_in_the_tree_and_the_reader(tmp_path):
    title = "超长标题" * 250_000
    archive = archive_with(tmp_path, Item(title, ("正文。",), "开发区"))
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tree = app.query_one(IssueTree)
        assert tree.cursor_node.data.title == title
        assert len(tree.cursor_node.label.plain) == LABEL_KEPT + 1
        text = await laid_out(app, pilot)
        assert f"只显示前 {render.HEADLINE_SHOWN} 字，共 {len(title)} 字" in text
        assert text.endswith("正文。（开发区）")
        await pilot.press("j")
        await pilot.pause()
        assert tree.cursor_node.data.title == "短条目"


def test_a_section_of_many_long_items_shows_the_first_and_says_how_many_are_left():
    long_item = Item("长条目", (SENTENCE * 2_000,), "开发区")  # 34,000 characters each
    section = Section("助企服务", tuple(long_item for _ in range(5)))
    text = render.section_text(section, 80).plain
    assert text.count("长条目") == 2  # 10,500 characters shown of each; the page has 20,000
    assert "以下 3 条未显示" in text

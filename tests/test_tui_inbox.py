"""Submissions in the app: the 来稿 node, y to adopt through the item form, r to decline."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.inbox import take_in
from bulletin_tui.inbox.store import Inbox
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.decline import NoteScreen
from bulletin_tui.tui.screens.help import HelpScreen
from bulletin_tui.tui.screens.item_form import ItemForm
from bulletin_tui.tui.widgets.issue_tree import IssueTree, ItemTarget

from .conftest import small_issue
from .test_composer import make_app

WATER = (
    "县水利局扎实推进冬春农田水利建设\n县水利局　张华\n"
    "　　入冬以来，完成投资1.2亿元。\n　　新打机井126眼。\n"
)
TOWN = "城关镇开展安全生产大检查\n　　共排查隐患12处[bold]。\n（城关镇）\n"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """One issue, and two submissions in the inbox."""
    choose_language("zh")
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    files = []
    for name, text in (("water.txt", WATER), ("town.txt", TOWN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    take_in(Inbox(archive), files, received=dt.date(2024, 4, 8))
    return archive


async def settle(app: BulletinApp, pilot) -> None:
    await app.loaded.wait()
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def open_first_submission(app: BulletinApp, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("g", "enter", "j")
    await pilot.pause()


def issue_file(archive: Archive) -> Path:
    return archive.root / "工作动态-2024-005.toml"


async def test_the_inbox_node_counts_the_new_submissions(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert app.tree_labels()[0] == "来稿  2 篇待处理"
        await pilot.press("g", "enter", "j")
        await pilot.pause()
        labels = app.tree_labels()
        assert labels[1:3] == ["城关镇开展安全生产大检查  城关镇",
                               "县水利局扎实推进冬春农田水利建设  县水利局"]  # fmt: skip
        # the reader shows the submission as it would print, markup as text
        assert "城关镇开展安全生产大检查\n　　共排查隐患12处[bold]。（城关镇）" in app.reader_text
        assert "20240408-002" in app.reader_text


async def test_y_adopts_through_the_item_form(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first_submission(app, pilot)
        await pilot.press("j")  # the water submission
        await pilot.pause()
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"采用来稿", "不用来稿"} <= shown  # in the footer while a submission is selected
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#title").value == "县水利局扎实推进冬春农田水利建设"
        assert form.query_one("#author").value == "张华"
        form.query_one("#section").value = "水利建设"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ItemForm)
        assert app.tree_labels()[0] == "来稿  1 篇待处理"
    issue = archive.load(issue_file(archive)).issue
    [item] = issue.section_named("水利建设").items
    assert item.submission == "20240408-001"
    assert item.body == ("入冬以来，完成投资1.2亿元。", "新打机井126眼。")
    assert 'submission = "20240408-001"' in issue_file(archive).read_text(encoding="utf-8")


async def test_r_declines_with_a_note(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first_submission(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"ok", "enter")
        await settle(app, pilot)
        assert app.tree_labels()[0] == "来稿  1 篇待处理"
        # the cursor moved on to the next new submission
        assert app.query_one(IssueTree).cursor_node.data.id == "20240408-001"
    text = (archive.root / "inbox" / "20240408-002.toml").read_text(encoding="utf-8")
    assert 'status = "declined"' in text
    assert 'note = "ok"' in text


async def test_escape_declines_nothing_and_the_keys_are_in_the_help(archive, tmp_path):
    app = make_app(archive, tmp_path)
    before = (archive.root / "inbox" / "20240408-002.toml").read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_submission(app, pilot)
        await pilot.press("r", "escape")
        await pilot.pause()
        assert app.tree_labels()[0] == "来稿  2 篇待处理"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listing = app.screen.listing.plain
        assert "y" in listing
        assert "采用来稿" in listing
        assert "不用来稿" in listing
    assert (archive.root / "inbox" / "20240408-002.toml").read_bytes() == before


async def test_without_an_inbox_folder_there_is_no_node_and_y_does_nothing(tmp_path):
    choose_language("zh")
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    before = issue_file(archive).read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert not app.tree_labels()[0].startswith("来稿")
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "采用来稿" not in shown
        await pilot.press("y", "r")
        await pilot.pause()
        assert not isinstance(app.screen, (ItemForm, NoteScreen))
    assert issue_file(archive).read_bytes() == before


async def test_a_submission_taken_in_meanwhile_appears_in_the_tree(archive, tmp_path):
    app = BulletinApp(archive, watch_interval=0.1, drafts=Drafts(tmp_path / "drafts"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        (tmp_path / "third.txt").write_text(TOWN.replace("城关镇", "东屯镇"), encoding="utf-8")
        take_in(Inbox(archive), [tmp_path / "third.txt"], received=dt.date(2024, 4, 9))
        for _ in range(60):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if app.tree_labels()[0] == "来稿  3 篇待处理":
                break
        assert app.tree_labels()[0] == "来稿  3 篇待处理"


async def test_an_adopted_item_edited_into_another_section_keeps_its_submission(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first_submission(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        app.screen.query_one("#section").value = "甲"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        target = ItemTarget(issue_file(archive), "甲", "城关镇开展安全生产大检查")
        app.open_item(target)
        await pilot.pause()
        assert app.query_one(IssueTree).cursor_node.data.submission == "20240408-002"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#section").value = "乙"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.tree_labels()[0] == "来稿  1 篇待处理"
    issue = archive.load(issue_file(archive)).issue
    assert issue.section_named("甲") is None or not issue.section_named("甲").items
    assert [i.submission for i in issue.section_named("乙").items] == ["20240408-002"]


async def test_declining_what_was_adopted_meanwhile_says_so_in_the_screen_language(
    archive, tmp_path
):
    from bulletin_tui.inbox.adopting import adopt

    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first_submission(app, pilot)
        chosen = app.query_one(IssueTree).cursor_node.data.id
        # another window adopts it while this one still lists it as new
        adopt(Inbox(archive), chosen, issue_file(archive), "民生保障")
        before = (archive.root / "inbox" / f"{chosen}.toml").read_bytes()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        notices = [str(notice.message) for notice in app._notifications]
        assert any(
            f"来稿 {chosen} 已采用在 工作动态-2024-005.toml" in notice
            and "先删去那里的条目" in notice
            for notice in notices
        ), notices
    assert (archive.root / "inbox" / f"{chosen}.toml").read_bytes() == before

"""The defects found walking the app as a new user, each held by a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.item_form import ItemForm

from .conftest import small_issue


@pytest.fixture(autouse=True)
def chinese():
    choose_language("zh")
    yield
    choose_language("zh")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    return archive


def make_app(archive: Archive, tmp_path: Path) -> BulletinApp:
    return BulletinApp(archive, watch_interval=0, drafts=Drafts(tmp_path / "drafts"))


async def started(app: BulletinApp, pilot) -> None:
    await app.loaded.wait()
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def kept_drafts(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "drafts").glob("*.json"))


async def leave_a_draft(archive: Archive, tmp_path: Path) -> None:
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#title").value = "打到一半的标题"
        await pilot.pause()
    assert len(kept_drafts(tmp_path)) == 1


# 1: the restore question loses nothing by habit -------------------------------------------


async def test_enter_on_the_restore_question_restores_the_draft(archive, tmp_path):
    await leave_a_draft(archive, tmp_path)
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.focused.label) == "恢复"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert app.screen.query_one("#title").value == "打到一半的标题"


async def test_escape_on_the_restore_question_keeps_the_draft_for_next_time(archive, tmp_path):
    await leave_a_draft(archive, tmp_path)
    before = kept_drafts(tmp_path)[0].read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ItemForm, ConfirmScreen))
        await pilot.press("a")  # asked again, and the draft is still there
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
    [draft] = kept_drafts(tmp_path)
    assert draft.read_bytes() == before

"""What people look at, as SVG snapshots (pytest-textual-snapshot), in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.widgets.issue_tree import IssueTree

SAMPLE_ISSUE = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"
SIZES = [(80, 24), (140, 45)]


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> BulletinApp:
    """The bundled issue and a broken file, in a folder named the same in every run."""
    choose_language("zh")
    monkeypatch.chdir(tmp_path)
    folder = Path("issues")
    folder.mkdir()
    (folder / SAMPLE_ISSUE.name).write_bytes(SAMPLE_ISSUE.read_bytes())
    (folder / "broken.toml").write_text('[issue]\nseries = "工作动态"\nnumber = "五"\n')
    app = BulletinApp(Archive(folder), watch_interval=0, drafts=Drafts(tmp_path / "drafts"))
    app.sub_title = "issues"  # the title bar's full path differs in every run
    return app


async def loaded(pilot) -> None:
    await pilot.app.loaded.wait()
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def go(key: str):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        tree = pilot.app.query_one(IssueTree)
        if key == "issue":
            tree.move_cursor_to_line(0)
        elif key == "broken":
            tree.move_cursor_to_line(tree.last_line)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["item", "issue", "broken"])
def test_views(snap_compare, app, view, size):
    assert snap_compare(app, terminal_size=size, run_before=go(view))


def test_statistics_screen(snap_compare, app):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


@pytest.mark.parametrize("errors", [False, True], ids=["empty", "errors"])
def test_item_form(snap_compare, app, errors):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        if errors:
            pilot.app.screen.query_one("#title").value = "只有标题"
            await pilot.press("ctrl+s")
            await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 45), run_before=run_before)

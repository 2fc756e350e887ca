"""The import dialog: what was found is shown before anything is written, then imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.import_dialog import ImportScreen
from bulletin_tui.tui.widgets.issue_tree import IssueTree

SMALL_ISSUE_TEXT = Path(__file__).parent / "data" / "small_issue.txt"


@pytest.fixture(autouse=True)
def chinese():
    choose_language("zh")
    yield
    choose_language("zh")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder (the working one) holding 第6期 as text and a .pdf that is not a PDF."""
    folder = tmp_path / "to-import"
    folder.mkdir()
    text = SMALL_ISSUE_TEXT.read_text(encoding="utf-8")
    text = text.replace("第5期（总第168期）", "第6期（总第169期）").replace("4月10日", "4月17日")
    (folder / "第6期.txt").write_text(text, encoding="utf-8")
    (folder / "not-a-pdf.pdf").write_text("这不是PDF文件", encoding="utf-8")
    (folder / "notes.md").write_text("不导入", encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def make_app(archive: Archive, tmp_path: Path) -> BulletinApp:
    return BulletinApp(archive, watch_interval=0, drafts=Drafts(tmp_path / "drafts"))


async def started(app: BulletinApp, pilot) -> None:
    await app.loaded.wait()
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def settle(app: BulletinApp, pilot) -> None:
    """Let the import and reload workers finish (the file tree's loader never does)."""
    for _ in range(3):
        busy = [w for w in app.workers if w.group in ("import", "load")]
        if busy:  # (an empty list would wait for every worker)
            await app.workers.wait_for_complete(busy)
        await pilot.pause(0.05)


def rows(screen: ImportScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_the_table_shows_the_issue_before_anything_is_written_then_imports(
    archive: Archive, folder: Path, tmp_path: Path
):
    before = sorted(archive.root.rglob("*.toml"))
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await pilot.click("#preview")
        await settle(app, pilot)
        found = {row[0]: row for row in rows(screen)}
        assert set(found) == {"第6期.txt", "not-a-pdf.pdf"}  # notes.md is not offered
        assert found["第6期.txt"][1:5] == ["工作动态", "第6期", "2024-04-17", "3"]
        assert found["第6期.txt"][6].startswith("→ ")
        assert "not" in found["not-a-pdf.pdf"][6]
        assert "PDF" in found["not-a-pdf.pdf"][6]
        assert sorted(archive.root.rglob("*.toml")) == before  # nothing written yet
        await pilot.click("#import")
        await settle(app, pilot)
        assert app.screen is app.screen_stack[0]
        new = sorted(set(archive.root.rglob("*.toml")) - set(before))
        assert len(new) == 1  # the issue, and nothing for the file that is not a PDF
        assert archive.load(new[0]).issue.number == 6
        tree = app.query_one(IssueTree)
        assert any("第6期" in label for label in app.tree_labels())
        assert tree.issue_of(tree.cursor_node).path == new[0]
        assert "县开发区做好融资服务" in app.reader_text


async def test_an_existing_issue_is_skipped_or_replaced_as_chosen(
    archive: Archive, folder: Path, tmp_path: Path
):
    (folder / "第5期.txt").write_text(SMALL_ISSUE_TEXT.read_text(encoding="utf-8"), "utf-8")
    (folder / "第6期.txt").unlink()
    (folder / "not-a-pdf.pdf").unlink()
    existing = sorted(archive.root.rglob("*.toml"))
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        await pilot.click("#preview")
        await settle(app, pilot)
        assert "already exists" in rows(screen)[0][6]
        assert screen.query_one("#import", Button).disabled
        await pilot.click("#force")
        await settle(app, pilot)
        assert rows(screen)[0][6].startswith("→ ")
        await pilot.click("#skip")  # clears replace: they contradict each other
        await settle(app, pilot)
        assert not screen.query_one("#force").value
        assert "skipped" in rows(screen)[0][6]
        assert sorted(archive.root.rglob("*.toml")) == existing


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_buttons_fit_a_small_terminal(
    archive: Archive, folder: Path, tmp_path: Path, language: str
):
    choose_language(language)
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        for button in screen.query(Button):
            region = button.region
            assert region.area, button.id
            assert screen.region.contains_region(region), button.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]

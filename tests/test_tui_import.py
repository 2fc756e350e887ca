"""The import dialog: what was found is shown before anything is written, then imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.import_dialog import DocumentTree, ImportScreen
from bulletin_tui.tui.widgets.issue_tree import IssueTree

from .pilot import started

SMALL_ISSUE_TEXT = Path(__file__).parent / "data" / "small_issue.txt"


pytestmark = pytest.mark.usefixtures("chinese")


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
        screen = await previewed(app, pilot, press="#preview")
        found = {row[0]: row for row in rows(screen)}
        assert set(found) == {"第6期.txt", "not-a-pdf.pdf"}  # notes.md is not offered
        assert found["第6期.txt"][1:5] == ["工作动态", "第6期", "2024-04-17", "3"]
        assert found["第6期.txt"][6].startswith("→ ")
        assert found["not-a-pdf.pdf"][6].startswith("不是 PDF 文件")
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
        screen = await previewed(app, pilot, press="#preview")
        assert "已存在" in rows(screen)[0][6]
        assert screen.query_one("#import", Button).disabled
        await pilot.click("#force")
        await settle(app, pilot)
        assert rows(screen)[0][6].startswith("→ ")
        await pilot.click("#skip")  # clears replace: they contradict each other
        await settle(app, pilot)
        assert not screen.query_one("#force").value
        assert rows(screen)[0][6].startswith("已跳过")
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


def squeezed(text: str) -> str:
    return "".join(text.split())


def shown_text(widget) -> str:
    """What the widget shows on screen, its lines joined, without any space (so that
    where the lines were wrapped does not matter)."""
    lines = widget.render_lines(widget.region.reset_offset)
    return squeezed("".join(line.text for line in lines))


async def previewed(app: BulletinApp, pilot, *, press: str = "ctrl+r") -> ImportScreen:
    """Start, open the dialog and preview the folder: with ``ctrl+r`` (no tabbing to the
    button), or the button when ``press`` is ``#preview``."""
    await started(app, pilot)
    await pilot.press("i")
    await settle(app, pilot)
    if press.startswith("#"):
        await pilot.click(press)
    else:
        await pilot.press(press)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    return screen


async def select_row(screen: ImportScreen, pilot, name: str) -> None:
    names = [row[0] for row in rows(screen)]
    screen.query_one(DataTable).move_cursor(row=names.index(name))
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_reasons_are_chinese_on_the_chinese_screen_and_read_whole_below_the_table(
    archive: Archive, folder: Path, tmp_path: Path, size: tuple[int, int]
):
    (folder / "第5期.txt").write_text(SMALL_ISSUE_TEXT.read_text(encoding="utf-8"), "utf-8")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await previewed(app, pilot)
        found = {row[0]: row for row in rows(screen)}
        assert found["not-a-pdf.pdf"][6].startswith("不是 PDF 文件")
        assert "already" not in found["第5期.txt"][6]
        assert "已存在" in found["第5期.txt"][6]
        table = screen.query_one(DataTable)
        assert table.has_focus  # the rows are what to read after a preview
        detail = screen.query_one("#detail")
        assert screen.region.contains_region(detail.region)
        # the first row that is not written is selected, and its reason is there whole
        assert found[rows(screen)[table.cursor_row][0]][6]
        await select_row(screen, pilot, "第5期.txt")
        said = shown_text(detail)
        assert "勾选“替换已有的期”" in said  # the dialog's option, not --force
        assert "--force" not in said
        assert squeezed(str(archive.root / "工作动态-2024-005.toml")) in said
        await select_row(screen, pilot, "not-a-pdf.pdf")
        assert shown_text(detail) == squeezed(
            "not-a-pdf.pdf 不是 PDF 文件（文件开头不是 PDF 格式）"
        )


async def test_reasons_and_warnings_are_english_on_the_english_screen(
    archive: Archive, folder: Path, tmp_path: Path
):
    choose_language("en")
    text = SMALL_ISSUE_TEXT.read_text(encoding="utf-8").replace("（开发区）", "")
    (folder / "第5期.txt").write_text(text, "utf-8")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await previewed(app, pilot)
        found = {row[0]: row for row in rows(screen)}
        assert found["not-a-pdf.pdf"][6] == "is not a PDF (it does not start as one)"
        await select_row(screen, pilot, "第5期.txt")
        said = shown_text(screen.query_one("#detail"))
        assert squeezed("already exists: check “Replace existing issues”") in said
        assert squeezed("Warning: no attribution (source) for the item") in said


async def test_warnings_are_said_in_chinese_under_the_table(
    archive: Archive, folder: Path, tmp_path: Path
):
    text = (folder / "第6期.txt").read_text(encoding="utf-8").replace("（开发区）", "")
    (folder / "第6期.txt").write_text(text, "utf-8")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await previewed(app, pilot)
        await select_row(screen, pilot, "第6期.txt")
        said = shown_text(screen.query_one("#detail"))
        assert said.startswith("将写入")
        assert "提示：条目“县开发区做好融资服务”没有署名（来源）" in said


async def test_ctrl_s_imports_what_the_preview_showed(
    archive: Archive, folder: Path, tmp_path: Path
):
    before = set(archive.root.rglob("*.toml"))
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")  # before the archive is read: the dialog waits for nothing
        await settle(app, pilot)
        await pilot.press("ctrl+s")  # nothing previewed: nothing written
        await settle(app, pilot)
        assert set(archive.root.rglob("*.toml")) == before
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is app.screen_stack[0]
    assert len(set(archive.root.rglob("*.toml")) - before) == 1


async def test_marked_files_are_ticked_in_the_tree_and_named_from_its_folder(
    archive: Archive, folder: Path, tmp_path: Path
):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        tree = screen.query_one(DocumentTree)
        names = [node.data.path.name for node in tree.root.children]
        assert names == ["not-a-pdf.pdf", "第6期.txt"]
        await pilot.press("down", "enter", "down", "enter")  # both files marked
        await pilot.pause()
        shown = squeezed("".join(line.text for line in tree.render_lines(tree.region.reset_offset)))
        assert "✓📄not-a-pdf.pdf" in shown
        assert "✓📄第6期.txt" in shown
        chosen = str(screen.query_one("#chosen").render())
        assert chosen == "将读取：not-a-pdf.pdf、第6期.txt"
        await pilot.press("enter")  # unmarked again
        await pilot.pause()
        shown = squeezed("".join(line.text for line in tree.render_lines(tree.region.reset_offset)))
        assert "✓📄第6期.txt" not in shown
        assert str(screen.query_one("#chosen").render()) == "将读取：not-a-pdf.pdf"


async def test_the_english_screen_numbers_issues_in_english(
    archive: Archive, folder: Path, tmp_path: Path
):
    choose_language("en")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await previewed(app, pilot)
        found = {row[0]: row for row in rows(screen)}
        assert found["第6期.txt"][2] == "No. 6"

"""The editor's day (issue 17): what a new user hit in the reader and the composer,
each driven through the app with the screen or the file on disk held to account."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.edits import MoveItem
from bulletin_tui.tomledit import EditError, IssueDocument
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.item_form import ItemForm
from bulletin_tui.tui.screens.stats import StatsScreen
from bulletin_tui.tui.widgets.issue_tree import IssueTree
from bulletin_tui.tui.widgets.reader import Reader

SAMPLE_ISSUE = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"


@pytest.fixture(autouse=True)
def chinese():
    choose_language("zh")
    yield
    choose_language("zh")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the checked-in sample issue, as a person wrote it (blank lines and all)."""
    folder = tmp_path / "issues"
    folder.mkdir()
    return Path(shutil.copy(SAMPLE_ISSUE, folder))


def make_app(root: Path, tmp_path: Path) -> BulletinApp:
    return BulletinApp(Archive(root), watch_interval=0, drafts=Drafts(tmp_path / "drafts"))


async def started(app: BulletinApp, pilot) -> None:
    await app.loaded.wait()
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def select(app: BulletinApp, title: str) -> None:
    tree = app.query_one(IssueTree)
    node = next(n for n in tree._all_nodes() if getattr(n.data, "title", None) == title)
    tree.move_cursor(node)


# 8: moving an item there and back leaves the bytes as they were ---------------------------


def test_moving_any_item_either_way_and_back_is_byte_identical(sample):
    text = sample.read_text(encoding="utf-8")
    issue = IssueDocument(text).issue()
    moves = 0
    for section in issue.sections:
        for item in section.items:
            for step in (-1, 1):
                document = IssueDocument(text)
                move = MoveItem(section.name, item.title, step)
                try:
                    move.apply(document)
                except EditError:  # only the very first and last cannot move
                    continue
                back = IssueDocument(document.text())
                MoveItem(*move.landing(back.issue()), -step).apply(back)
                assert back.text() == text, (section.name, item.title, step)
                moves += 1
    assert moves == 2 * len(issue.items) - 2


async def test_alt_down_then_alt_up_in_the_app_leaves_the_file_as_it_was(sample, tmp_path):
    original = sample.read_bytes()
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select(app, "县开发区全力做好企业项目融资服务保障")  # alone in its section
        await pilot.press("alt+down")
        await pilot.pause()
        assert sample.read_bytes() != original
        await pilot.press("alt+up")
        await pilot.pause()
        assert sample.read_bytes() == original
        select(app, "县城市管理局多措并举推进窨井盖专项整治工作")
        await pilot.press("alt+down", "alt+up")
        await pilot.pause()
        assert sample.read_bytes() == original


# 7: the delete confirmation starts on 取消 ------------------------------------------------


async def test_enter_in_the_delete_confirmation_keeps_the_item(sample, tmp_path):
    original = sample.read_bytes()
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select(app, "县教体局全力打造数字化校园再获全省教育系统网络安全称号")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused.id == "no"
        assert str(app.focused.label) == "取消"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert sample.read_bytes() == original


# 15: g / G wherever j / k work -------------------------------------------------------------


async def test_g_and_capital_g_go_to_the_top_and_bottom_of_the_reader(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        tree = app.query_one(IssueTree)
        tree.move_cursor(tree.root.children[0])  # the whole issue: longer than the pane
        await pilot.pause()
        await pilot.press("tab")
        reader = app.query_one(Reader)
        assert app.focused is reader
        assert reader.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert reader.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert reader.scroll_y == 1


# 1: the statistics screen after switching the grouping -----------------------------------


def drawn(widget) -> list[str]:
    """The lines a widget draws, as text."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def open_statistics(app: BulletinApp, pilot) -> StatsScreen:
    await started(app, pilot)
    await pilot.press("s")
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()
    assert isinstance(app.screen, StatsScreen)
    return app.screen


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_switching_the_grouping_draws_whole_names_and_bars(sample, tmp_path, size):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_statistics(app, pilot)
        table = screen.query_one("#ranking")
        screen.query_one("#by").focus()
        for name in ("民生保障", "2024-04", "工作动态"):  # 单位 → 栏目 → 月份 → 刊物
            await pilot.press("enter", "down", "enter")
            for _ in range(3):
                await pilot.pause()
            lines = drawn(table)
            assert any(name in line and "████" in line for line in lines), lines


# 17: the archive's full path in the title bar ------------------------------------------


async def test_the_title_bar_shows_the_archive_s_full_path(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(sample.parent.parent)
    app = make_app(Path("issues"), tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        header = app.query_one("HeaderTitle")
        assert str(sample.parent) in str(header.render())


def test_the_readme_says_which_python_and_where_the_reader_writes():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "Python ≥ 3.11" in readme
    assert "--archive ~/bulletins" in readme
    assert "BULLETIN_ARCHIVE" in readme


# 6: the item form ------------------------------------------------------------------------


def screen_lines(app: BulletinApp) -> list[str]:
    """The active screen as drawn, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_typing_after_a_goes_into_the_headline_not_over_the_section(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select(app, "县城市管理局多措并举推进窨井盖专项整治工作")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ItemForm)
        await pilot.press("县", "水", "利")
        assert form.query_one("#section").value == "民生保障"
        assert form.query_one("#title").value == "县水利"


async def test_the_edit_form_does_not_select_its_text_for_typing_over(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select(app, "县教体局全力打造数字化校园再获全省教育系统网络安全称号")
        await pilot.press("e")
        await pilot.press("县")
        title = app.screen.query_one("#title").value
        assert title == "县教体局全力打造数字化校园再获全省教育系统网络安全称号县"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_form_shows_its_own_keys_and_its_counts_in_sight(sample, tmp_path, size):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("a", "县", "水")
        lines = screen_lines(app)
        footer = lines[-1]
        assert "保存" in footer
        assert "取消" in footer
        assert "退出" not in footer
        assert "复制本条" not in footer
        assert any("标题 2 字 · 正文 0 字" in line for line in lines)

"""The defects found walking the app as a new user, each held by a test."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.drafts import Drafts
from bulletin_tui.model import Item, Section
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.item_form import ItemForm
from bulletin_tui.tui.screens.search import SearchScreen
from bulletin_tui.tui.widgets.issue_tree import IssueTree

from .conftest import small_issue
from .pilot import screen_lines, started

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    return archive


def make_app(archive: Archive, tmp_path: Path) -> BulletinApp:
    return BulletinApp(archive, watch_interval=0, drafts=Drafts(tmp_path / "drafts"))


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


# 2: an issue with named sections takes no item without a section ---------------------------


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_add_with_a_blank_section_to_an_issue_with_named_sections_is_refused(archive):
    [path] = archive.files()
    before = path.read_bytes()
    result = run("add", str(path), "--archive", str(archive.root), "--section", " ",
                 "--title", "无栏目", "--source", "开发区", "--body", "正文。")  # fmt: skip
    assert result.exit_code == 1
    assert "give the section a name" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_an_issue_without_sections_still_takes_items_in_its_unnamed_section(tmp_path):
    archive = Archive(tmp_path / "issues")
    plain = replace(small_issue(), sections=(Section("", (Item("头条", ("正文。",), "开发区"),)),))
    created = archive.create(plain)
    result = run("add", str(created.path), "--archive", str(archive.root), "--section", "",
                 "--title", "第二条", "--source", "开发区", "--body", "又一段。")  # fmt: skip
    assert result.exit_code == 0, result.output
    [section] = archive.load(created.path).issue.sections
    assert (section.name, [i.title for i in section.items]) == ("", ["头条", "第二条"])


async def test_the_item_form_asks_for_a_section_when_the_issue_has_named_ones(archive, tmp_path):
    [path] = archive.files()
    before = path.read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        typed = {"section": "", "title": "无栏目", "body": "正文。", "source": "开发区"}
        for name, value in typed.items():
            widget = form.query_one(f"#{name}")
            if name == "body":
                widget.text = value
            else:
                widget.value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "请填写栏目" in str(form.query_one("#section-error").render())
    assert path.read_bytes() == before


# 3 and 10: reopening the search, and n after Esc -------------------------------------------


@pytest.fixture
def two_issues(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue(4, dt.date(2024, 3, 10)))
    archive.create(small_issue(5))
    return archive


async def search_for(app: BulletinApp, pilot, *keys: str) -> SearchScreen:
    await pilot.press("slash")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_reopened_search_has_the_old_query_selected_for_typing_over(two_issues, tmp_path):
    app = make_app(two_issues, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await search_for(app, pilot, *"窨井盖", "enter")
        await pilot.press("enter")  # open the first result
        await pilot.pause()
        screen = await search_for(app, pilot)
        query = screen.query_one("#query")
        assert app.focused is query
        assert query.selected_text == "窨井盖"
        await pilot.press(*"热线")
        assert query.value == "热线"


async def test_n_steps_through_the_results_of_a_search_closed_with_escape(two_issues, tmp_path):
    app = make_app(two_issues, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await search_for(app, pilot, *"窨井盖", "enter")
        await pilot.press("escape")
        await pilot.pause()
        tree = app.query_one(IssueTree)
        await pilot.press("n")
        await pilot.pause()
        assert tree.cursor_node.data.title == "县城市管理局整治窨井盖"
        assert tree.issue_of(tree.cursor_node).issue.number == 5
        await pilot.press("n")
        await pilot.pause()
        assert tree.issue_of(tree.cursor_node).issue.number == 4


# 4: the screenshot lands in a folder that exists, and says where ----------------------------


async def test_the_palette_screenshot_saves_where_there_is_no_downloads_folder(
    archive, tmp_path, monkeypatch
):
    import platformdirs

    from bulletin_tui.tui.palette import commands

    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(tmp_path / "nowhere"))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_app(archive, tmp_path)
    shown: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        monkeypatch.setattr(app, "notify", lambda message, **_: shown.append(message))
        [command] = [c for c in commands(app, app.screen) if c.title == "截屏"]
        command.callback()
        for _ in range(20):
            await pilot.pause(0.05)
            if shown:
                break
    [saved] = list(here.glob("*.svg"))
    assert "<svg" in saved.read_text(encoding="utf-8")
    assert shown == [f"截屏已存到 {saved}"]


# 6: the proofreading hints are in sight while the headline is typed ------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_form_s_problems_are_in_sight_while_typing_the_headline(archive, tmp_path, size):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#title").focus()
        await pilot.press(*"县水利局")
        form.query_one("#title").insert_text_at_cursor("开展防汛演练。")  # as typed
        await pilot.pause()
        assert app.focused is form.query_one("#title")
        assert any("标题末尾不用“。”" in line for line in screen_lines(app))


# 7: labels whole at 80 columns -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh", ["退出", "帮助", "新增条目", "修改", "删除", "搜索", "命令面板"]),
        ("en", ["Quit", "Help", "New item", "Edit", "Delete", "Search", "Commands"]),
    ],
)
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_main_footer_shows_whole_labels(archive, tmp_path, language, labels, size):
    choose_language(language)
    app = make_app(archive, tmp_path)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        footer = screen_lines(app)[-1]
        for label in labels:
            assert f" {label} " in footer + " ", (label, footer)


SAMPLE_ISSUE = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"


@pytest.fixture
def bundled(tmp_path: Path) -> Archive:
    """The checked-in sample issue (one proofreading finding, one series)."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    shutil.copy(SAMPLE_ISSUE, folder)
    return Archive(folder)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_english_statistics_filters_stay_whole(bundled, tmp_path, size):
    choose_language("en")
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        top = screen_lines(app)[1:5]
        assert any("All series" in line for line in top), top
        assert any("2024-01-01" in line and "2024-12-31" in line for line in top), top


async def test_the_proofreading_message_is_whole_at_80_columns(bundled, tmp_path):
    choose_language("en")
    app = make_app(bundled, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = screen_lines(app)[2:6]  # the table's, not the detail under it
        # the message wraps in its column: every word of it is in the table
        words = ["half-width", "“,”", "in", "Chinese", "text;", "use", "the", "full-width", "“，”"]
        assert all(any(word in row for row in rows) for word in words), rows


async def test_the_english_form_counts_name_both_numbers(archive, tmp_path):
    choose_language("en")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert any("Characters: headline 0 · body 0" in line for line in screen_lines(app))


# 9: English on the English screen; the command line's lint speaks English ------------------


async def test_the_english_screen_names_issues_in_english(archive, tmp_path):
    choose_language("en")
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        assert app.tree_labels()[0] == "工作动态 2024 No. 5"
        screen = await search_for(app, pilot, *"窨井盖", "enter")
        cells = screen.query_one("#hits").get_row_at(0)
        assert str(cells[0]) == "工作动态 2024 No. 5"


def test_lint_speaks_english_unless_asked_for_chinese(bundled, monkeypatch):
    monkeypatch.delenv("BULLETIN_LANG", raising=False)
    english = run("lint", "--archive", str(bundled.root))
    assert "half-width “,” in Chinese text" in english.output
    assert "半角" not in english.output
    monkeypatch.setenv("BULLETIN_LANG", "zh")
    chinese = run("lint", "--archive", str(bundled.root))
    assert "中文里用了半角标点" in chinese.output


# 11: undo puts the cursor back on the item --------------------------------------------------


def select(app: BulletinApp, title: str) -> None:
    tree = app.query_one(IssueTree)
    node = next(n for n in tree._all_nodes() if getattr(n.data, "title", None) == title)
    tree.move_cursor(node)


@pytest.mark.parametrize("key", ["alt+down", "alt+up"])
async def test_undoing_a_move_selects_the_moved_item_where_it_is_again(archive, tmp_path, key):
    [path] = archive.files()
    original = path.read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        title = "县城市管理局整治窨井盖"  # first of 民生保障: down stays, up crosses sections
        select(app, title)
        await pilot.press(key)
        await pilot.pause()
        assert path.read_bytes() != original
        select(app, "县开发区做好融资服务")  # the cursor elsewhere: undo brings it back
        await pilot.press("u")
        await pilot.pause()
        assert path.read_bytes() == original
        node = app.query_one(IssueTree).cursor_node
        assert node.data.title == title
        assert node.parent.data.name == "民生保障"


# 13: bulletin list counts in the right number, without trailing spaces -----------------------


def test_list_says_1_section_and_0_items_with_no_trailing_spaces(tmp_path):
    archive = Archive(tmp_path / "issues")
    one = replace(small_issue(6), sections=(Section("助企服务", ()),))
    archive.create(one)
    archive.create(small_issue(5))
    lines = run("list", "--archive", str(archive.root)).output.splitlines()
    assert lines[0].split()[3:6] == ["1", "section", "0"]
    assert lines[0].split()[6] == "items"
    assert lines[1].split()[3:7] == ["2", "sections", "3", "items"]
    assert all(line == line.rstrip() for line in lines)


# 16: wording ------------------------------------------------------------------------------


async def test_the_palette_titles_say_the_action_and_descriptions_the_key(archive, tmp_path):
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        offered = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert offered["撤销上一次修改"] == "按键 u"
        assert offered["新增条目"] == "按键 a"
        assert offered["新建一期"].startswith("按键 A · ")


async def test_deleting_an_empty_issue_says_it_has_no_items(tmp_path):
    archive = Archive(tmp_path / "issues")
    archive.create(replace(small_issue(), sections=()))
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "中没有条目" in app.screen.question
        assert "0 条" not in app.screen.question


def test_show_names_the_archive_s_full_path_when_given_as_a_dot(archive, monkeypatch):
    monkeypatch.chdir(archive.root)
    result = CliRunner().invoke(cli, ["--archive", ".", "show", "nope"])
    assert result.exit_code == 1
    assert f"(nor in the archive {archive.root})" in result.output


# 8: an empty section can be deleted ---------------------------------------------------------


def select_section(app: BulletinApp, name: str) -> None:
    tree = app.query_one(IssueTree)
    node = next(n for n in tree._all_nodes() if getattr(n.data, "name", None) == name
                and isinstance(n.data, Section))  # fmt: skip
    tree.move_cursor(node)


async def test_d_deletes_an_empty_section_and_u_brings_it_back(tmp_path):
    archive = Archive(tmp_path / "issues")
    issue = small_issue()
    created = archive.create(replace(issue, sections=(*issue.sections, Section("新栏目", ()))))
    path = created.path
    original = path.read_bytes()
    app = make_app(archive, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select_section(app, "新栏目")
        await pilot.press("d")
        await pilot.pause()
        assert [s.name for s in archive.load(path).issue.sections] == ["助企服务", "民生保障"]
        await pilot.press("u")
        await pilot.pause()
        assert path.read_bytes() == original
        select_section(app, "民生保障")  # has items: stays, and says why
        await pilot.press("d")
        await pilot.pause()
        assert path.read_bytes() == original
        assert any("请先删除或移走" in n.message for n in app._notifications)

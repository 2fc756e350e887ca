"""The editor's day (issue 17): what a new user hit in the reader and the composer,
each driven through the app with the screen or the file on disk held to account."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.cjk import display_width
from bulletin_tui.drafts import Drafts
from bulletin_tui.edits import MoveItem
from bulletin_tui.plaintext import format_distribution
from bulletin_tui.tomledit import EditError, IssueDocument
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.issue_form import IssueForm
from bulletin_tui.tui.screens.item_form import ItemForm
from bulletin_tui.tui.screens.stats import StatsScreen
from bulletin_tui.tui.widgets.issue_tree import IssueTree
from bulletin_tui.tui.widgets.reader import Reader

from .pilot import screen_lines, started

SAMPLE_ISSUE = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"


pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the checked-in sample issue, as a person wrote it (blank lines and all)."""
    folder = tmp_path / "issues"
    folder.mkdir()
    return Path(shutil.copy(SAMPLE_ISSUE, folder))


def make_app(root: Path, tmp_path: Path) -> BulletinApp:
    return BulletinApp(Archive(root), watch_interval=0, drafts=Drafts(tmp_path / "drafts"))


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


# 4: the new-issue form -------------------------------------------------------------------


async def open_issue_form(app: BulletinApp, pilot, key: str = "A") -> IssueForm:
    await started(app, pilot)
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, IssueForm)
    return app.screen


async def test_a_new_issue_follows_the_newest_of_its_series_and_says_so(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_issue_form(app, pilot)
        form.query_one("#date").value = "2024-05-10"
        await pilot.pause()
        assert form.query_one("#number").value == "6"
        assert "接续 2024年第5期" in str(form.query_one("#number-note").render())
        form.query_one("#date").value = "2025-01-08"  # another year: the numbering restarts
        await pilot.pause()
        assert form.query_one("#number").value == "1"
        note = str(form.query_one("#number-note").render())
        assert "2025年的第一期" in note
        assert "2024年第5期" in note
        form.query_one("#date").value = "2024-06-01"
        await pilot.pause()
        assert form.query_one("#number").value == "6"
        form.query_one("#copies").value = "120"
        await pilot.press("ctrl+s")
        await pilot.pause()
    created = Archive(sample.parent).load(sample.parent / "工作动态-2024-006.toml").issue
    assert (created.number, created.date, created.copies) == (6, dt.date(2024, 6, 1), 120)


async def test_a_new_issue_needs_a_number(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_issue_form(app, pilot)
        form.query_one("#number").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#number-error").render()) == "必填"
    assert sorted(p.name for p in sample.parent.iterdir()) == [sample.name]


async def test_escape_with_typed_text_asks_before_closing_the_issue_form(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_issue_form(app, pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, IssueForm)  # nothing typed: closes at once
        form = await open_issue_form(app, pilot)
        await pilot.press("9")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # 继续编辑 has the focus
        assert app.screen is form
        assert form.query_one("#number").value.endswith("9")


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_distribution_box_never_starts_a_line_with_a_comma(sample, tmp_path, size):
    [line] = Archive(sample.parent).load(sample).issue.distribution
    assert len(format_distribution(line)) > 60  # more than a line of the box
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=size) as pilot:
        form = await open_issue_form(app, pilot)
        box = form.query_one("#distribution")
        box.scroll_visible(animate=False)
        await pilot.pause()
        lines = [line.strip("▊▎ ") for line in drawn(box)]
        shown = [line for line in lines if line]
        assert len(shown) >= 2  # long enough to need more than one line
        assert not any(line.startswith(("，", "、", "。")) for line in shown)
        form.query_one("#date").value = "2024-05-10"
        await pilot.press("ctrl+s")
        await pilot.pause()
    created = Archive(sample.parent).load(sample.parent / "工作动态-2024-006.toml").issue
    assert created.distribution == (line,)


# 5: change or remove an issue in the app ---------------------------------------------------


def select_issue(app: BulletinApp) -> None:
    tree = app.query_one(IssueTree)
    tree.move_cursor(tree.root.children[0])


async def test_e_on_an_issue_edits_its_header_and_keeps_its_items(sample, tmp_path):
    before = Archive(sample.parent).load(sample).issue
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select_issue(app)
        form = await open_issue_form(app, pilot, "e")
        assert form.query_one("#number").value == "5"
        assert form.query_one("#date").value == "2024-04-10"
        form.query_one("#total").value = "170"
        form.query_one("#copies").value = "60"
        form.query_one("#publisher").value = "中共延津县委办公室综合科"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IssueForm)
        assert "综合科" in app.reader_text
    after = Archive(sample.parent).load(sample).issue
    assert (after.total, after.copies, after.publisher) == (170, 60, "中共延津县委办公室综合科")
    assert after.sections == before.sections
    assert after.distribution == before.distribution


async def test_d_on_an_issue_names_it_deletes_it_and_u_brings_it_back(sample, tmp_path):
    original = sample.read_bytes()
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select_issue(app)
        await pilot.press("d")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "2024年第5期 工作动态" in question.question
        assert sample.name in question.question
        await pilot.press("enter")  # 取消 has the focus
        assert sample.read_bytes() == original
        await pilot.press("d", "y")
        await pilot.pause()
        assert not sample.exists()
        assert app.tree_labels() == []
        assert "还没有期刊" in app.reader_text
        await pilot.press("u")
        await pilot.pause()
        assert sample.read_bytes() == original
        assert app.tree_labels()[0] == "2024年第5期 工作动态"


# 3: every message in the screen's language, plural forms right ------------------------------


def notices(app: BulletinApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_an_error_from_the_edits_is_said_in_chinese_on_the_chinese_screen(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select(app, "县开发区全力做好企业项目融资服务保障")  # the very first item
        await pilot.press("alt+up")
        await pilot.pause()
        [message] = notices(app)
        assert message == "未能保存：这一条已在本期的最前或最后"


async def test_an_item_gone_from_the_file_is_said_in_chinese(sample, tmp_path):
    from bulletin_tui.edits import RemoveItem

    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select(app, "潭龙街道提升12345公共服务热线办理质效")
        issue_file = app.listing.issues[0]
        app.save_edit(issue_file, RemoveItem("民生保障", "潭龙街道提升12345公共服务热线办理质效"))
        await pilot.pause()
        app.save_edit(
            app.listing.issues[0], RemoveItem("民生保障", "潭龙街道提升12345公共服务热线办理质效")
        )
        await pilot.pause()
        message = notices(app)[-1]
        assert (
            message
            == "未能保存：条目“潭龙街道提升12345公共服务热线办理质效”【民生保障】已不在文件中"
        )


async def test_english_plural_forms(sample, tmp_path):
    choose_language("en")
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        labels = app.tree_labels()
        assert "助企服务  1 item" in labels
        assert "民生保障  4 items" in labels
        select(app, "县开发区全力做好企业项目融资服务保障")
        await pilot.press("alt+up")
        await pilot.pause()
        assert notices(app)[-1] == "Not saved: the item is already at the edge of the issue"


def test_every_error_key_raised_below_the_screen_has_both_languages():
    import re

    from bulletin_tui.tui.i18n import CATALOGUE

    root = Path(__file__).parent.parent / "bulletin_tui"
    keys: set[str] = set()
    for path in root.rglob("*.py"):
        if "tui" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        keys |= {f"error_{key}" for key in re.findall(r'key="(\w+)"', text)}
        model = r'ModelError\(\s*[^,]+,\s*f?"[^"]*",\s*"(\w+)"'
        keys |= {f"reason_{key}" for key in re.findall(model, text)}
    assert "error_item_gone" in keys
    assert "reason_required" in keys
    missing = sorted(key for key in keys if key not in CATALOGUE)
    assert missing == []
    for key in keys:
        zh, en = CATALOGUE[key]
        assert re.search("[\u4e00-\u9fff]", zh), key
        assert not re.search("[a-z]{3,}", zh.replace("{", " {").split("{")[0]), key
        assert en.isascii() or "“" in en, key


def test_every_english_count_has_its_plural_forms():
    from bulletin_tui.tui.i18n import CATALOGUE, t

    for key, (_zh, en) in CATALOGUE.items():
        if "{count}" in en and "{count} item" in en:
            assert "|" in en, key
    choose_language("en")
    assert t("items_count", count=1) == "1 item"
    assert t("items_count", count=2) == "2 items"
    assert t("search_count", count=1) == "1 item found"
    choose_language("zh")
    assert t("items_count", count=1) == "1 条"


# 9: copy an issue or a section; say when tmux may not pass the clipboard on ---------------


async def test_c_copies_the_issue_or_the_section_in_circulation_form(sample, tmp_path, monkeypatch):
    from bulletin_tui.plaintext import export

    monkeypatch.delenv("TMUX", raising=False)
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        select_issue(app)
        await pilot.press("c")
        assert app.clipboard == export(app.listing.issues[0].issue, "text")
        assert notices(app)[-1] == "已复制整期“2024年第5期 工作动态”"
        tree = app.query_one(IssueTree)
        section = next(n for n in tree._all_nodes() if getattr(n.data, "name", None) == "安全生产")
        tree.move_cursor(section)
        await pilot.press("c")
        copied = app.clipboard
        assert copied.startswith("【安全生产】\n\n县交通运输局")
        assert "（司寨乡）" in copied
        assert "县城市管理局" not in copied
        assert notices(app)[-1] == "已复制栏目“安全生产”（2 条）"


async def test_inside_tmux_the_copy_message_says_what_tmux_needs(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("c")
        assert "set-clipboard" in notices(app)[-1]


# 13: the search snippet is centred on the match and in sight --------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_result_shows_its_match_on_screen(sample, tmp_path, size):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"安全", "enter")
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        table = app.screen.query_one("#hits")
        lines = [line for line in drawn(table) if "2024年第5期" in line]
        assert len(lines) == 4
        city = next(line for line in lines if "县城市管理局" in line)  # 安全 only in its body
        assert "公共安全隐患" in city
        assert all(line.count("安全") >= 1 for line in lines)
        assert all(display_width(line.rstrip()) <= size[0] for line in lines)


# 14: the command palette in the screen's language, with every action ------------------------


async def test_the_palette_offers_every_action_in_chinese(sample, tmp_path):
    from bulletin_tui.tui.screens.help import KEYS

    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for english in ("Keys", "Maximize", "Screenshot", "Theme", "Quit"):
            assert english not in titles
        for wanted in ("新增条目", "新建一期", "搜索", "信息采用统计", "导出本期", "撤销上一次修改",
                       "修改本条或报头", "删除本条或整期", "复制（传阅格式）", "按键说明", "退出",
                       "配色", "截屏", "校对本期", "转到：2024年第5期 工作动态"):  # fmt: skip
            assert wanted in titles, wanted
        # every key of the help screen but moving about has its command
        actions = {"key_add", "help_edit", "help_delete", "key_move", "key_new_issue", "key_undo",
                   "key_search", "key_step", "key_stats", "key_export", "key_import", "help_copy",
                   "key_help", "key_quit", "key_proofread", "key_adopt", "key_decline"}  # fmt: skip
        movement = {"key_down", "key_up", "key_top", "key_bottom", "key_toggle", "key_switch",
                    "key_palette"}  # fmt: skip
        assert {what for _, what in KEYS} == actions | movement
        footer = screen_lines(app)[-1]
        assert "命令面板" in footer
        assert "palette" not in footer
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "搜索命令" in "\n".join(screen_lines(app))
        await pilot.press(*"新建一期")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IssueForm)


async def test_the_statistics_screen_shows_its_own_keys_not_the_reader_s(sample, tmp_path):
    app = make_app(sample.parent, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_statistics(app, pilot)
        footer = screen_lines(app)[-1]
        assert "返回" in footer
        assert "导出 CSV" in footer
        assert "新增条目" not in footer
        await pilot.press("a", "e", "d")
        await pilot.pause()
        assert app.screen is screen


# 16: the reader on an archive given as "." --------------------------------------------------


async def test_the_reader_reads_and_writes_an_archive_given_as_dot(sample, tmp_path, monkeypatch):
    from bulletin_tui.edits import RemoveItem

    monkeypatch.chdir(sample.parent)
    app = BulletinApp(Archive(Path(".")), watch_interval=0.05, drafts=Drafts(tmp_path / "d"))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        assert app.tree_labels()[0] == "2024年第5期 工作动态"
        assert app.save_edit(
            app.listing.issues[0], RemoveItem("安全生产", "司寨乡扎实推动安全生产工作走深走实")
        )
        for _ in range(5):
            await pilot.pause(0.05)
        assert not any("已在磁盘上更改" in message for message in notices(app))
    assert "司寨乡扎实推动" not in sample.read_text(encoding="utf-8")

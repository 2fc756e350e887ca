"""The reader app, driven by keys, with assertions on the tree, the reader and the files."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.cjk import display_width
from bulletin_tui.model import Item, Section
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.export import ExportScreen
from bulletin_tui.tui.screens.help import KEYS, HelpScreen
from bulletin_tui.tui.widgets.issue_tree import IssueTree
from bulletin_tui.tui.widgets.progress import BuildProgress

from .conftest import small_issue
from .pilot import screen_lines, started

INJECTED_TITLE = "[bold]注入[/bold]标题"
INJECTED_BODY = "正文含[link=https://example.com]链接[/link]、[/]与[red]红色，原样显示。"


pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """An older and a newer issue, and a broken file."""
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue(number=4, date=dt.date(2024, 3, 10)))
    newer = small_issue(number=5, date=dt.date(2024, 4, 10))
    injected = Section("注入测试", (Item(INJECTED_TITLE, (INJECTED_BODY,), "开发区"),))
    archive.create(replace(newer, sections=(*newer.sections, injected)))
    (archive.root / "broken.toml").write_text('[issue]\nseries = "工作动态"\nnumber = "五"\n')
    return archive


async def open_statistics(app: BulletinApp, pilot):
    """Start, press ``s`` and wait for the counting (done off screen, from the cache)."""
    from bulletin_tui.tui.screens.stats import StatsScreen

    await started(app, pilot)
    await pilot.press("s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, StatsScreen)
    return app.screen


def cursor_data(app: BulletinApp):
    return app.query_one(IssueTree).cursor_node.data


async def test_start_opens_the_newest_issue_and_shows_its_first_item(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        labels = app.tree_labels()
        assert labels[0] == "2024年第5期 工作动态"
        assert labels[1:4] == ["助企服务  1 条", "县开发区做好融资服务", "民生保障  2 条"]
        assert "2024年第4期 工作动态" in labels
        assert labels[-2:] == ["无法读取的文件", "✗ broken.toml"]
        assert cursor_data(app).title == "县开发区做好融资服务"
        assert (
            app.reader_text
            == "县开发区做好融资服务\n　　聚焦重点企业。\n　　共帮助9家企业。（开发区）"
        )
        assert app.focused is app.query_one(IssueTree)


async def test_moving_through_the_tree_updates_the_reader(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("j")
        assert app.reader_text.startswith("【民生保障】\n\n县城市管理局整治窨井盖\n")
        await pilot.press("down")
        assert app.reader_text.startswith("县城市管理局整治窨井盖\n　　搭建智慧平台。")
        await pilot.press("k", "k", "k", "k")
        reader = app.reader_text
        assert reader.split("\n")[0].strip() == "工作动态"
        assert "第5期（总第168期）" in reader
        assert "本期发：县委常委，各乡（镇）政府、街道办事处主要领导。" in reader
        assert "（共印80份）" in reader
        await pilot.press("G")
        assert cursor_data(app).path.name == "broken.toml"
        assert "broken.toml" in app.reader_text
        assert "第 3 行" in app.reader_text
        assert "number must be a whole number, not '五'" in app.reader_text
        await pilot.press("g")
        assert cursor_data(app).issue.number == 5


async def test_help_lists_every_key_and_closes(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.listing.plain.splitlines()
        for (keys, _), line in zip(KEYS, shown, strict=False):
            assert line.startswith(keys)
        assert any("复制本条" in line for line in shown)
        assert len(shown) == len(KEYS) + 1  # and the mouse
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_markup_in_content_is_shown_exactly_as_written(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(app, pilot)
        assert INJECTED_TITLE in app.tree_labels()
        tree = app.query_one(IssueTree)
        node = next(n for n in tree._all_nodes() if getattr(n.data, "title", "") == INJECTED_TITLE)
        tree.move_cursor(node)
        await pilot.pause()
        assert app.reader_text.startswith(INJECTED_TITLE + "\n")
        assert INJECTED_BODY.replace("，", "") in app.reader_text.replace("\n", "").replace(
            "，", ""
        )


async def test_a_file_changed_on_disk_updates_the_tree_and_keeps_the_selection(archive):
    app = BulletinApp(archive, watch_interval=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("j", "j")  # 县城市管理局整治窨井盖
        selected = cursor_data(app).title
        newest = archive.load(archive.root / "工作动态-2024-005.toml")
        archive.edit(
            newest, lambda d: d.add_item("民生保障", Item("新增条目", ("新正文。",), "司寨乡"))
        )
        for _ in range(40):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if "新增条目" in app.tree_labels():
                break
        assert "新增条目" in app.tree_labels()
        assert "民生保障  3 条" in app.tree_labels()
        assert cursor_data(app).title == selected
        (archive.root / "工作动态-2024-004.toml").write_text("[issue\n", encoding="utf-8")
        for _ in range(40):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if "✗ 工作动态-2024-004.toml" in app.tree_labels():
                break
        assert "✗ 工作动态-2024-004.toml" in app.tree_labels()
        assert "2024年第4期 工作动态" not in app.tree_labels()


async def test_copy_puts_the_item_in_circulation_form_on_the_clipboard(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("c")
        assert (
            app.clipboard
            == "县开发区做好融资服务\n　　聚焦重点企业。\n　　共帮助9家企业。（开发区）\n"
        )


async def test_export_dialog_writes_the_issue_and_asks_before_replacing(
    archive, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("x")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#width").value = "30"
        await pilot.click("#ok")
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = tmp_path / "工作动态-2024-005.txt"
        written = target.read_text(encoding="utf-8")
        assert written.splitlines()[0].strip() == "工作动态"
        assert max(display_width(line) for line in written.splitlines()) <= 30
        target.write_text("别人的文件", encoding="utf-8")
        await pilot.press("x")
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.press("n")  # keep it
        await app.workers.wait_for_complete()
        assert target.read_text(encoding="utf-8") == "别人的文件"
        await pilot.press("x")
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.press("y")  # replace it
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8").lstrip().startswith("工作动态\n")


async def test_command_palette_offers_the_apps_commands(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "转到：2024年第4期 工作动态" in titles
        assert "导出本期" in titles
        assert "按键说明" in titles
        assert any("Quit" in title or "退出" in title for title in titles)
        older = next(f for f in app.listing.issues if f.issue.number == 4)
        app.go_to(older.path)
        await pilot.pause()
        assert cursor_data(app) == older


async def test_the_reader_keeps_up_with_a_resized_terminal(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("k", "k")  # the whole issue
        wide = app.reader_text
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        narrow = app.reader_text
        assert narrow != wide
        width = app.query_one("#reader").scrollable_content_region.width
        assert max(display_width(line) for line in narrow.splitlines()) <= width


async def test_english_labels(archive):
    choose_language("en")
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert "助企服务  1 item" in app.tree_labels()
        assert "Broken files" in app.tree_labels()


async def test_a_missing_archive_folder_is_explained(tmp_path):
    app = BulletinApp(Archive(tmp_path / "nowhere"), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert "nowhere" in app.reader_text
        assert "不存在" in app.reader_text


async def test_statistics_screen_ranks_and_drills_down_to_an_item(archive):
    from bulletin_tui.tui.screens.stats import StatsScreen

    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statistics(app, pilot)
        assert isinstance(screen, StatsScreen)
        # two issues: 开发区 3 items (2 + the injected one), 城市管理局 2, 潭龙街道 2
        assert screen.ranking_text[0][:4] == ["1", "开发区", "3", "3"]
        assert [row[1] for row in screen.ranking_text] == ["开发区", "城市管理局", "潭龙街道"]
        screen.query_one("#by").value = "section"
        await pilot.pause()
        assert screen.ranking_text[0][:4] == ["1", "民生保障", "4", "4"]
        screen.query_one("#by").value = "source"
        await pilot.pause()
        await pilot.press("down", "enter")  # 城市管理局
        items = screen.query_one("#items")
        assert items.display
        assert items.row_count == 2
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
        assert app.reader_text.startswith("县城市管理局整治窨井盖\n")
        assert cursor_data(app).title == "县城市管理局整治窨井盖"


async def test_statistics_with_a_date_range_and_back_with_escape(archive):
    from bulletin_tui.tui.screens.stats import StatsScreen

    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statistics(app, pilot)
        screen.query_one("#from").value = "2024-04-01"
        screen.refresh_ranking()
        await pilot.pause()
        assert screen.ranking_text[0][:4] == ["1", "开发区", "2", "2"]
        screen.query_one("#from").value = "2030-01-01"
        screen.refresh_ranking()
        await pilot.pause()
        assert "没有采用的条目" in screen.ranking_text[0][1]
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_search_lists_results_jumps_to_the_item_and_steps_with_n(archive):
    from bulletin_tui.tui.render import MATCH
    from bulletin_tui.tui.screens.search import SearchScreen
    from bulletin_tui.tui.widgets.reader import Reader

    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"窨井盖", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [h.number for h in screen.hits] == [5, 4]
        assert {h.title for h in screen.hits} == {"县城市管理局整治窨井盖"}
        await pilot.press("down", "enter")  # the older one
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert cursor_data(app).title == "县城市管理局整治窨井盖"
        tree = app.query_one(IssueTree)
        assert tree.issue_of(tree.cursor_node).issue.number == 4
        shown = app.query_one(Reader)._layout(80)
        start = shown.plain.index("窨井盖")
        assert any(span.style == MATCH and span.start == start for span in shown.spans)
        await pilot.press("n")
        await pilot.pause()
        assert tree.issue_of(tree.cursor_node).issue.number == 5
        await pilot.press("N")
        await pilot.pause()
        assert tree.issue_of(tree.cursor_node).issue.number == 4


async def test_an_issue_gets_its_sections_and_items_when_first_opened(archive):
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        older = next(n for n in app.query_one(IssueTree).root.children
                     if n.data is not None and getattr(n.data, "issue", None)
                     and n.data.issue.number == 4)  # fmt: skip
        assert len(older.children) == 0  # not built until needed
        app.query_one(IssueTree).move_cursor(older)
        await pilot.press("space")
        await pilot.pause()
        labels = app.tree_labels()
        start = labels.index("2024年第4期 工作动态")
        assert labels[start + 1 : start + 3] == ["助企服务  1 条", "民生保障  2 条"]


async def test_a_cold_build_shows_its_progress_under_the_tree_then_removes_it(archive, monkeypatch):
    shown: list[tuple[int, int, bool]] = []
    original = BulletinApp._progress

    def watch(app: BulletinApp, done: int, total: int) -> None:
        original(app, done, total)
        shown.append((done, total, bool(app.query(BuildProgress))))

    monkeypatch.setattr(BulletinApp, "_progress", watch)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        files = len(archive.files())
        assert shown[0] == (1, files, True)  # the bar appears with the first file read
        assert shown[-1][:2] == (files, files)  # and goes once every file is in
        assert not app.query(BuildProgress)
        assert app.tree_labels()[0] == "2024年第5期 工作动态"


async def test_search_lists_the_newest_results_and_says_when_there_are_more(archive, monkeypatch):
    from bulletin_tui.tui.screens import search as search_screen

    monkeypatch.setattr(search_screen, "SEARCH_SHOWN", 2)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("slash", *"县", "enter")  # in all five items
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert [h.number for h in screen.hits] == [5, 5]
        assert "只列出最新的 2 条" in str(screen.query_one("#summary").render())
        query = screen.query_one("#query")
        query.value = "窨井盖"
        query.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.hits) == 2
        assert str(screen.query_one("#summary").render()) == "找到 2 条"


async def test_a_cut_label_puts_its_ellipsis_right_after_the_text(tmp_path):
    archive = Archive(tmp_path / "issues")
    # the same headline, and one a column longer: one of the two is cut where a wide
    # character does not fit before the …
    headlines = (
        "县公路事业发展中心闻“絮”而动开展安全宣传",
        "a县公路事业发展中心闻“絮”而动开展宣传",
    )
    issue = small_issue()
    items = tuple(Item(title, ("正文。",), "公路中心") for title in headlines)
    archive.create(replace(issue, sections=(Section("安全生产", items),)))
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        rows = [row for row in screen_lines(app) if "县公路" in row and "…" in row]
        assert len(rows) == 2, screen_lines(app)  # the two items in the tree
        for row in rows:
            label = row[: row.index("…") + 1]  # the tree's pane comes first on the row
            assert not label.endswith(" …"), row  # never “闻 …”, a gap before the mark

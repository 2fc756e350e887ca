"""Start-up from the index cache: the newest issue on screen before any file is checked,
then the screen follows the files; the cache never decides what a save overwrites."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.index import Index
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.screens.conflict import ConflictScreen
from bulletin_tui.tui.widgets import issue_tree
from bulletin_tui.tui.widgets.issue_tree import IssueTree

from .conftest import small_issue
from .pilot import settle

OLD_TITLE = "县开发区做好融资服务"
NEW_TITLE = "县开发区融资服务又有新进展"


pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue(number=4, date=dt.date(2024, 3, 10)))
    archive.create(small_issue(number=5, date=dt.date(2024, 4, 10)))
    return archive


class HeldCheck:
    """Holds the check of the files against the cache until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        original = Index.stamps

        def held(index: Index):
            self.started.set()
            assert self.release.wait(20), "the test never released the check"
            return original(index)

        monkeypatch.setattr(Index, "stamps", held)

    async def wait_started(self, pilot) -> None:
        for _ in range(500):
            if self.started.is_set():
                return
            await pilot.pause(0.01)
        raise AssertionError("the check of the files never started")


def newest_path(archive: Archive) -> Path:
    return next(path for path in archive.files() if "005" in path.name)


def change_first_title(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(OLD_TITLE.encode(), NEW_TITLE.encode()))


async def test_the_newest_issue_is_shown_before_the_files_are_checked_then_as_it_is_now(
    archive, monkeypatch
):
    Index(archive).refresh()  # the cache knows the archive from an earlier run
    change_first_title(newest_path(archive))  # then the file changed, the reader closed
    held = HeldCheck(monkeypatch)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await held.wait_started(pilot)
        await pilot.pause()
        # what the cache knows, while the check has not even listed the files
        assert app.tree_labels()[:4] == [
            "2024年第5期 工作动态",
            "助企服务  1 条",
            OLD_TITLE,
            "民生保障  2 条",
        ]
        assert app.reader_text.startswith(OLD_TITLE)
        held.release.set()
        await settle(app, pilot)
        # the check read the changed file; the screen follows it
        labels = app.tree_labels()
        assert NEW_TITLE in labels
        assert OLD_TITLE not in labels
        assert NEW_TITLE in app.reader_text


async def test_the_first_item_is_laid_out_once_at_the_width_of_its_pane(archive, monkeypatch):
    # The reader learns its width only when the first frame is laid out: the item is laid
    # out then, for that width, not at a guess first and again once the frame is drawn.
    from bulletin_tui.tui import render

    Index(archive).refresh()
    held = HeldCheck(monkeypatch)
    widths: list[int] = []
    original = render.item_text

    def item_text(item, width):
        widths.append(width)
        return original(item, width)

    monkeypatch.setattr(render, "item_text", item_text)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await held.wait_started(pilot)
        await pilot.pause()
        assert app.reader_text.startswith(OLD_TITLE)
        reader_width = app.query_one("#reader").scrollable_content_region.width
        assert set(widths) == {reader_width - 1}  # one column kept free beside the text
        held.release.set()
        await settle(app, pilot)


async def test_a_save_from_what_the_cache_showed_refuses_when_the_file_changed(
    archive, monkeypatch
):
    Index(archive).refresh()
    path = newest_path(archive)
    change_first_title(path)
    changed = path.read_bytes()
    held = HeldCheck(monkeypatch)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await held.wait_started(pilot)
        await pilot.pause()
        assert app.reader_text.startswith(OLD_TITLE)  # the cache's version is selected
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)  # not a silent overwrite
        assert path.read_bytes() == changed
        await pilot.press("escape")
        held.release.set()
        await settle(app, pilot)
    assert path.read_bytes() == changed


async def test_a_cold_start_shows_the_newest_issues_before_the_build_ends(archive, monkeypatch):
    from bulletin_tui import index as index_module

    for number in range(6, 12):  # newer issues, written last
        archive.create(small_issue(number=number, date=dt.date(2024, 4, number + 10)))
    monkeypatch.setattr(index_module, "WRITE_EVERY", 3)
    seen_while_building: list[list[str]] = []
    original = BulletinApp._progress

    def watch(app: BulletinApp, done: int, total: int) -> None:
        original(app, done, total)
        if done < total:
            seen_while_building.append(app.tree_labels())

    monkeypatch.setattr(BulletinApp, "_progress", watch)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.tree_labels()[0] == "2024年第11期 工作动态"
        assert len([label for label in app.tree_labels() if "期" in label]) == 8
    # the most recently written files are read first, and shown once in the cache
    assert any(labels[:1] == ["2024年第11期 工作动态"] for labels in seen_while_building)


async def test_a_long_archive_fills_the_tree_in_batches_and_finds_an_old_issue(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(issue_tree, "FIRST_BATCH", 3)
    monkeypatch.setattr(issue_tree, "LATER_BATCH", 2)
    archive = Archive(tmp_path / "issues")
    for number in range(1, 11):
        archive.create(small_issue(number=number, date=dt.date(2024, 1, number)))
    (archive.root / "broken.toml").write_text('[issue]\nseries = "工作动态"\nnumber = "五"\n')
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tree = app.query_one(IssueTree)
        for _ in range(20):
            if not tree.filling:
                break
            await pilot.pause()
        issues = [n.data.issue.number for n in tree.root.children if n.data is not None]
        assert issues == list(range(10, 0, -1))  # every issue, newest first
        assert tree.root.children[-1].data is None  # the broken files' group stays last
        await pilot.press("G")
        await pilot.pause()
        assert "broken.toml" in str(tree.cursor_node.label)


async def test_going_to_an_issue_not_yet_in_the_tree_adds_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(issue_tree, "FIRST_BATCH", 2)
    monkeypatch.setattr(IssueTree, "_add_later", lambda tree, root: None)  # batches held back
    archive = Archive(tmp_path / "issues")
    oldest = archive.create(small_issue(number=1, date=dt.date(2024, 1, 1)))
    for number in range(2, 6):
        archive.create(small_issue(number=number, date=dt.date(2024, 1, number)))
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tree = app.query_one(IssueTree)
        assert len(tree.root.children) == 2
        assert tree.filling
        app.go_to(oldest.path)
        await pilot.pause()
        await pilot.pause()
        assert tree.cursor_node.data.path == oldest.path
        assert len(tree.root.children) == 5
        assert not tree.filling

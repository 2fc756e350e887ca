"""The conflict dialog: what the other program changed, all three choices on screen, and a
copy that never becomes a second issue; ``bulletin check`` warns about same issues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.drafts import Drafts
from bulletin_tui.model import Item
from bulletin_tui.tomlfile import parse_issue
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.conflict import ConflictScreen, their_change

from .conftest import small_issue
from .pilot import screen_lines, started
from .test_composer import fill

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def path(archive: Archive) -> Path:
    return archive.root / "工作动态-2024-005.toml"


async def open_conflict(app: BulletinApp, pilot, archive: Archive, path: Path) -> None:
    """Type a new item, let another program add one to the file, then save."""
    await started(app, pilot)
    await pilot.press("a")
    await fill(pilot, title="我的新条目", body="我的正文。", source="县水利局")
    theirs = Item("别人加的条目", ("别人的正文。",), "教体局")
    archive.update(path, lambda document: document.add_item("民生保障", theirs))
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ConflictScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_dialog_shows_their_change_and_every_button_whole(
    archive, path, tmp_path, size, language
):
    choose_language(language)
    app = BulletinApp(archive, watch_interval=0, drafts=Drafts(tmp_path / "drafts"))
    async with app.run_test(size=size) as pilot:
        await open_conflict(app, pilot, archive, path)
        shown = "\n".join(screen_lines(app))
        assert '+title = "别人加的条目"' in shown
        assert '+source = "教体局"' in shown
        dialog = app.screen.query_one("#dialog").region
        for button in app.screen.query("Button"):
            label = str(button.label)
            assert label in shown
            assert button.region.right <= dialog.right
            assert button.content_region.width >= cell_len(label)
        assert dialog.right <= size[0]
        assert dialog.bottom <= size[1]


async def test_save_a_copy_writes_a_file_that_is_not_a_second_issue(archive, path, tmp_path):
    app = BulletinApp(archive, watch_interval=0, drafts=Drafts(tmp_path / "drafts"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_conflict(app, pilot, archive, path)
        theirs = path.read_bytes()
        await pilot.click("#copy")
        await pilot.pause()
        [copy] = list(archive.root.glob("*.conflict-*.toml.txt"))
        notices = [str(notice.message) for notice in app._notifications]
        assert any(str(copy) in notice and ".toml" in notice for notice in notices)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sum("工作动态" in label for label in app.tree_labels()) == 1
    assert path.read_bytes() == theirs
    copied = [item.title for item in parse_issue(copy.read_text("utf-8"), copy).items]
    assert "我的新条目" in copied
    assert "别人加的条目" not in copied
    assert [f.path for f in archive.scan().issues] == [path]
    result = CliRunner().invoke(cli, ["check", "--archive", str(archive.root)])
    assert result.exit_code == 0
    assert "warning" not in result.output


def test_their_change_is_short_and_shown_as_text():
    before = b'title = "a"\n'
    now = b'title = "[bold]b[/]\x1b[2J"\n' + b"".join(b"x = %d\n" % n for n in range(20))
    shown = their_change(before, now, limit=4)
    lines = shown.plain.splitlines()
    assert lines[:2] == ['-title = "a"', '+title = "[bold]b[/]\\x1b[2J"']
    assert len(lines) == 5
    assert lines[-1] == "……另有 18 行改动"
    assert their_change(before, None).plain == "（文件已被删除）"


def test_check_warns_when_two_files_hold_the_same_issue(archive, path):
    twin = archive.root / "2024" / "copy.toml"
    twin.parent.mkdir()
    twin.write_bytes(path.read_bytes())
    Archive(archive.root).create(small_issue(number=5, date=None))  # no year: no clash
    result = CliRunner().invoke(cli, ["check", "--archive", str(archive.root)])
    assert result.exit_code == 0
    assert f"{twin}: warning: 工作动态 2024年第5期 is also in {path}" in result.output
    assert "3 files checked, 0 broken, 1 warning" in result.output
    result = CliRunner().invoke(cli, ["check", "--archive", str(archive.root), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    [warning] = report["warnings"]
    assert warning["paths"] == [str(twin), str(path)]
    assert (warning["series"], warning["year"], warning["number"]) == ("工作动态", 2024, 5)

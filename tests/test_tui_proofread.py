"""Proofreading in the app: the ``v`` panel, going to a spot, fixing and undoing, and the
item form's live problems; with the file on disk held to account."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive
from bulletin_tui.drafts import Drafts
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.screens.item_form import ItemForm
from bulletin_tui.tui.screens.proofread import SPOT, ProofreadScreen
from bulletin_tui.tui.widgets.live_problems import LiveProblems
from bulletin_tui.tui.widgets.reader import Reader

from .pilot import started

BUNDLED = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"
COMMENT = "# 本期由综合科汇总\n"


pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "issues"
    folder.mkdir()
    path = folder / BUNDLED.name
    path.write_bytes(COMMENT.encode() + BUNDLED.read_bytes())
    return path


async def open_panel(app: BulletinApp, pilot) -> ProofreadScreen:
    await pilot.press("v")
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()
    assert isinstance(app.screen, ProofreadScreen)
    return app.screen


def make_app(path: Path, tmp_path: Path) -> BulletinApp:
    return BulletinApp(Archive(path.parent), watch_interval=0, drafts=Drafts(tmp_path / "d"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_v_lists_the_issues_problems_and_enter_shows_the_spot_in_the_reader(
    path, tmp_path, size
):
    app = make_app(path, tmp_path)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        panel = await open_panel(app, pilot)
        assert [(f.rule.id, f.title) for f in panel.findings] == [
            ("half-width-punct", "县教体局全力打造数字化校园再获全省教育系统网络安全称号")
        ]
        detail = str(panel.query_one("#detail").render())
        assert "中文里用了半角标点“,”，应为全角“，”" in detail
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, ProofreadScreen)
        shown_text = app.reader_text.replace("\n", "")
        assert shown_text.startswith("县教体局全力打造数字化校园再获全省教育系统网络安全称号")
        reader = app.query_one(Reader)
        shown = reader._layout(reader._width)
        marked = [shown.plain[span.start : span.end] for span in shown.spans if span.style == SPOT]
        assert marked == [","]


async def test_f_fixes_through_the_save_path_and_u_puts_the_bytes_back(path, tmp_path):
    before = path.read_bytes()
    app = make_app(path, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        panel = await open_panel(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        after = path.read_text(encoding="utf-8")
        assert "新形态，开展" in after
        assert "新形态,开展" not in after
        assert after.startswith(COMMENT)
        assert after == before.decode("utf-8").replace("新形态,开展", "新形态，开展")
        assert panel.findings == []  # the panel shows the file as it is now
        assert "本期未发现问题" in str(panel.query_one("#detail").render())
        await pilot.press("u")
        await pilot.pause()
        assert path.read_bytes() == before
        assert [f.rule.id for f in panel.findings] == ["half-width-punct"]


async def test_f_on_a_problem_without_a_safe_fix_changes_nothing(tmp_path):
    folder = tmp_path / "issues"
    folder.mkdir()
    path = folder / "a.toml"
    shutil.copy(BUNDLED, path)
    text = path.read_text(encoding="utf-8").replace(
        "有效缓解企业资金压力。", "有效缓解企业资金压力"
    )
    path.write_text(text, encoding="utf-8")
    app = make_app(path, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        panel = await open_panel(app, pilot)
        assert next(f.rule.id for f in panel.findings) == "paragraph-end"
        await pilot.press("f")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == text
        assert any("没有可靠的自动修正" in n.message for n in app._notifications)


async def test_the_item_form_shows_the_problems_of_what_is_typed(path, tmp_path):
    app = make_app(path, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        problems = form.query_one(LiveProblems)
        assert problems.problems == []
        form.query_one("#title").value = "县水利局开展防汛演练。"
        form.query_one("#body").text = "2024 年,共开展演练3次"
        await pilot.pause()
        assert problems.problems == [
            "标题：开展防汛演练。  标题末尾不用“。”",
            "正文：2024 年,共开展演  中文之间或中文与数字、字母之间不留空格",
            "正文：2024 年,共开展演练3  中文里用了半角标点“,”，应为全角“，”",
            "正文：共开展演练3次  段末缺少句末标点（。！？等）",
        ]
        assert "标题末尾不用“。”" in str(problems.render())
        form.query_one("#title").value = "县水利局开展防汛演练"
        form.query_one("#body").text = "2024年，共开展演练3次。"
        await pilot.pause()
        assert problems.problems == []

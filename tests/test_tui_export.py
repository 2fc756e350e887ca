"""The export dialog: every format, run-in and CRLF, folder and name, the path shown first."""

from __future__ import annotations

import docx
import pypdfium2
import pytest
from textual.widgets import Checkbox, Input, Select, Static

from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language
from bulletin_tui.tui.screens.export import ExportScreen

from .pilot import started
from .test_cli_export import TEST_FONTS
from .test_documents import assert_in_order, expected_sequence

STEM = "工作动态-2024-005"


async def open_dialog(app, pilot) -> ExportScreen:
    await started(app, pilot)
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def export_with(app, pilot, **fields) -> None:
    screen = await open_dialog(app, pilot)
    for selector, value in fields.items():
        widget = screen.query_one(f"#{selector}")
        widget.value = value
        await pilot.pause()
    await pilot.click("#ok")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_dialog_proposes_the_settings_folder_and_shows_the_full_path(
    archive, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    (archive.root / "bulletin.toml").write_text(
        TEST_FONTS + f'\n[export]\nfolder = "{out}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(app, pilot)
        shown = str(screen.query_one("#path").render())
        assert str(out / f"{STEM}.txt") in shown
        screen.query_one("#format").value = "pdf"
        await pilot.pause()
        assert screen.query_one("#name").value == f"{STEM}.pdf"
        assert str(out / f"{STEM}.pdf") in str(screen.query_one("#path").render())
        assert screen.query_one("#width").disabled
        await pilot.click("#ok")
        await app.workers.wait_for_complete()
        await pilot.pause()
    pdf = pypdfium2.PdfDocument((out / f"{STEM}.pdf").read_bytes())
    assert_in_order("".join(p.get_textpage().get_text_range() for p in pdf), expected_sequence())
    assert not (tmp_path / f"{STEM}.pdf").exists()


async def test_word_with_run_in_from_the_dialog(archive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await export_with(app, pilot, format="docx", run_in=True)
    word = docx.Document(str(tmp_path / f"{STEM}.docx"))
    assert any(p.text.startswith("县开发区做好融资服务\u3000") for p in word.paragraphs)
    assert not any(p.style.name == "标题" for p in word.paragraphs)


async def test_text_with_crlf_gb18030_into_a_chosen_folder_and_name(archive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "发文"
    folder.mkdir()
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await export_with(
            app, pilot, crlf=True, encoding="gb18030", folder=str(folder), name="本期.txt"
        )
    data = (folder / "本期.txt").read_bytes()
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "潭龙街道提升热线质效" in data.decode("gb18030")


async def test_a_missing_folder_is_said_in_the_dialog_and_nothing_is_written(
    archive, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_dialog(app, pilot)
        screen.query_one("#folder").value = str(tmp_path / "nowhere")
        await pilot.pause()  # the field's change (which clears its message) first
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is screen
        said = str(screen.query_one("#folder_error").render())
        assert "nowhere" in said
        assert "不存在" in said
    assert list(tmp_path.glob("**/*.txt")) == []


@pytest.fixture
def language():
    yield
    choose_language("zh")


def shown_whole(screen: ExportScreen, widget) -> bool:
    """The widget has an area on screen, and all of it lies inside the screen."""
    return bool(widget.region.area) and screen.region.contains_region(widget.region)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_field_and_button_is_in_sight_with_messages_shown(
    archive, tmp_path, monkeypatch, language, lang, size
):
    """The buttons sat below the fold at 80×24; with every message showing, all fits."""
    choose_language(lang)
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=size) as pilot:
        screen = await open_dialog(app, pilot)
        screen.query_one("#folder", Input).value = str(tmp_path / ("很深的文件夹名" * 8))
        await pilot.pause()  # (a change clears the field's message: so the messages after)
        for field in ("width", "folder", "name"):
            screen.show_error(field, "一句很长的提示，" * 12)
        await pilot.pause()
        for widget in (
            *screen.query("Select, Input, Checkbox, Button"),
            *screen.query(".row Label"),
        ):
            assert shown_whole(screen, widget), widget
        for error in screen.query(".field-error"):
            assert shown_whole(screen, error), error.id
        assert shown_whole(screen, screen.query_one("#path"))
        labels = [str(label.render()) for label in screen.query(".row Label")]
        assert all(label.strip() for label in labels)  # none cut to nothing


async def test_focus_goes_down_the_fields_in_order_then_to_the_buttons(
    archive, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(app, pilot)
        order = [screen.focused.id]
        for _ in range(8):
            await pilot.press("tab")
            order.append(screen.focused.id)
    assert order == [
        "format",
        "run_in",
        "width",
        "encoding",
        "crlf",
        "folder",
        "name",
        "ok",
        "cancel",
    ]


async def test_ctrl_s_exports_from_any_field_and_escape_cancels(archive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(app, pilot)
        await pilot.press("tab", "space")  # run-in, toggled without the mouse
        assert screen.query_one("#run_in", Checkbox).value
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is not screen
        assert (tmp_path / f"{STEM}.txt").exists()
        await open_dialog(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_the_width_message_stands_under_the_width_and_only_for_text(
    archive, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(app, pilot)
        await pilot.press("tab", "tab", "5", "enter")
        await pilot.pause()
        width_error = screen.query_one("#width_error", Static)
        assert "10" in str(width_error.render())
        assert width_error.display
        assert not screen.query_one("#folder_error").display
        width = screen.query_one("#width", Input)
        assert width.region.y < width_error.region.y < screen.query_one("#folder").region.y
        assert screen.focused is width
        assert list(tmp_path.glob("*.txt")) == []
        screen.query_one("#format", Select).value = "docx"  # no width in Word: no message
        await pilot.pause()
        assert not width_error.display
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (tmp_path / f"{STEM}.docx").exists()  # the stale width did not stop it

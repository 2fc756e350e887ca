"""The export dialog: every format, run-in and CRLF, folder and name, the path shown first."""

from __future__ import annotations

import docx
import pypdfium2

from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.screens.export import ExportScreen

from .test_cli_export import TEST_FONTS
from .test_documents import assert_in_order, expected_sequence
from .test_tui import started

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
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is screen
        assert "nowhere" in str(screen.query_one("#error").render())
        assert "不存在" in str(screen.query_one("#error").render())
    assert list(tmp_path.glob("**/*.txt")) == []

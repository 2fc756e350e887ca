"""``bulletin export``: documents in the current folder, --force, clear refusals, [layout]."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pypdfium2
import pytest
from click.testing import CliRunner

from bulletin_tui.cli import cli
from bulletin_tui.documents import pdf_writer
from bulletin_tui.documents.layout import load_document_settings
from bulletin_tui.errors import IssueFileError

from .test_documents import FONTS, assert_in_order, expected_sequence

ISSUE = "工作动态-2024-005"
TEST_FONTS = f"""
[layout]
font_paths = ["{FONTS}"]

[layout.fonts]
masthead = ["Bulletin Test Serif"]
headline = ["Bulletin Test Serif"]
section = ["Bulletin Test Serif"]
body = ["Bulletin Test Serif"]
page_number = ["Bulletin Test Serif"]
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def here(archive, tmp_path, monkeypatch) -> Path:
    """The current folder, empty, beside an archive of one issue printed in the test font."""
    (archive.root / "bulletin.toml").write_text(TEST_FONTS, encoding="utf-8")
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def export(archive, *args: str):
    return run("export", ISSUE, "--archive", str(archive.root), *args)


def test_pdf_without_output_goes_to_the_issue_name_here_and_prints_the_path(archive, here):
    result = export(archive, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{ISSUE}.pdf\n"
    pdf = (here / f"{ISSUE}.pdf").read_bytes()
    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))
    assert_in_order(text, expected_sequence())
    assert result.stderr == ""  # every font was found: nothing stood in


def test_docx_without_output_goes_here_and_follows_run_in(archive, here):
    result = export(archive, "--format", "docx", "--run-in")
    assert result.exit_code == 0, result.output
    word = docx.Document(str(here / f"{ISSUE}.docx"))
    assert not any(p.style.name == "标题" for p in word.paragraphs)
    assert any(p.text.startswith("县开发区做好融资服务\u3000") for p in word.paragraphs)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "text"])
def test_an_existing_file_is_replaced_only_with_force(archive, here, fmt):
    target = here / "out.bin"
    target.write_bytes(b"keep me")
    result = export(archive, "--format", fmt, "-o", str(target))
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert target.read_bytes() == b"keep me"
    assert export(archive, "--format", fmt, "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes() != b"keep me"


def test_a_missing_folder_is_one_sentence_and_nothing_is_written(archive, here):
    result = export(archive, "--format", "pdf", "-o", "no/such/folder/x.pdf")
    assert result.exit_code == 1
    assert result.stderr == (
        "bulletin: cannot write no/such/folder/x.pdf: the folder no/such/folder does not exist\n"
    )
    assert list(here.iterdir()) == []


def test_width_is_bounded_and_help_says_so(archive, here):
    assert export(archive, "--width", "9").exit_code == 2
    assert export(archive, "--width", "1001").exit_code == 2
    assert "10 to 1000" in " ".join(run("export", "--help").output.split())


def test_a_missing_font_is_named_on_stderr(archive, here):
    settings = TEST_FONTS.replace('body = ["Bulletin Test Serif"]', 'body = "仿宋_GB2312"')
    (archive.root / "bulletin.toml").write_text(settings, encoding="utf-8")
    result = export(archive, "--format", "pdf")
    assert result.exit_code == 0
    assert "stands in for 仿宋_GB2312 (body)" in result.stderr


def test_no_chinese_font_exits_1_saying_how_to_get_one_and_writes_nothing(
    archive, here, monkeypatch
):
    # A machine without a single CJK font: Typst sees only its own Latin fonts.
    monkeypatch.setattr(
        pdf_writer, "available_families", lambda *a, **k: {"Libertinus Serif": set()}
    )
    result = export(archive, "--format", "pdf")
    assert result.exit_code == 1
    assert "fonts-noto-cjk" in result.stderr
    assert "font_paths" in result.stderr
    assert list(here.iterdir()) == []


def test_a_bad_layout_value_is_reported_with_path_and_line(archive, here):
    (archive.root / "bulletin.toml").write_text(
        '[layout]\nchars_per_line = 28\nheadline = "left"\n', encoding="utf-8"
    )
    result = export(archive, "--format", "docx")
    assert result.exit_code == 1
    assert "bulletin.toml:3: layout.headline must be" in result.stderr
    assert list(here.iterdir()) == []


def test_layout_settings_are_read_and_checked(tmp_path):
    (tmp_path / "bulletin.toml").write_text(
        "[layout]\nlines_per_page = 20\nmasthead_color = '#cc0000'\nfont_paths = ['fonts']\n"
        "[layout.margins]\ntop = 30\n[layout.fonts]\nbody = '楷体'\n[export]\nfolder = 'out'\n",
        encoding="utf-8",
    )
    settings = load_document_settings(tmp_path)
    layout = settings.layout
    assert layout.lines_per_page == 20
    assert layout.masthead_color == "#CC0000"
    assert layout.margins.top == 30
    assert layout.margins.left == 28
    assert layout.font_paths == (tmp_path / "fonts",)
    assert layout.fonts.body[0] == "楷体"
    assert "Noto Serif CJK SC" in layout.fonts.body  # one name keeps the fallbacks
    assert settings.export_folder == tmp_path / "out"
    for text, line, reason in (
        ("[layout]\nlines_per_page = 0\n", 2, "from 5 to 60"),
        ("[layout.sizes]\nbody = 'big'\n", 2, "must be a number"),
        ("[layout]\n\nmasthead_color = 'red'\n", 3, "like"),
        ("[layout]\npaper = 'A3'\n", 2, "unknown key paper"),
        ("[layout.fonts]\nbody = []\n", 2, "font name or a list"),
    ):
        (tmp_path / "bulletin.toml").write_text(text, encoding="utf-8")
        with pytest.raises(IssueFileError, match=reason) as caught:
            load_document_settings(tmp_path)
        assert caught.value.line == line


def test_as_a_real_process_pdf_goes_to_a_file_and_never_to_the_terminal(archive, here):
    result = subprocess.run(
        [sys.executable, "-m", "bulletin_tui", "export", ISSUE, "--format", "pdf",
         "--archive", str(archive.root)],
        capture_output=True, cwd=here, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == f"{ISSUE}.pdf\n"
    assert (here / f"{ISSUE}.pdf").read_bytes().startswith(b"%PDF-")


def test_layout_run_in_is_the_default_and_no_run_in_overrides_it(archive, here):
    (archive.root / "bulletin.toml").write_text('[layout]\nheadline = "run-in"\n', encoding="utf-8")
    assert export(archive, "--format", "docx", "-o", "a.docx").exit_code == 0
    assert export(archive, "--format", "docx", "-o", "b.docx", "--no-run-in").exit_code == 0
    styles = {name: [p.style.name for p in docx.Document(str(here / name)).paragraphs]
              for name in ("a.docx", "b.docx")}  # fmt: skip
    assert "标题" not in styles["a.docx"]
    assert styles["b.docx"].count("标题") == 3

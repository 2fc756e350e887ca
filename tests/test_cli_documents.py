"""``bulletin import`` over Word files, PDFs and folders of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.pdfgen import canvas

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from tests.conftest import small_issue
from tests.docmaker import write_pdf, write_plain_docx, write_styled_docx


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three issues as a PDF, a styled and a plain Word file, in a folder and a subfolder."""
    found = tmp_path / "past"
    (found / "2024").mkdir(parents=True)
    write_pdf(found / "2024" / "第5期.pdf", small_issue(5))
    write_styled_docx(found / "第6期.docx", small_issue(6, dt.date(2024, 4, 20)))
    write_plain_docx(found / "第7期.docx", small_issue(7, dt.date(2024, 4, 30)))
    (found / "notes.md").write_text("not a bulletin", encoding="utf-8")  # not looked at
    return found


def bad_files(where: Path) -> dict[str, str]:
    """Each kind of bad file, and what the import must say about it."""
    (where / "fake.pdf").write_text("工作动态", encoding="utf-8")
    whole = write_pdf(where / "whole.tmp", small_issue(9)).read_bytes()
    (where / "whole.tmp").unlink()
    (where / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    locked = canvas.Canvas(str(where / "locked.pdf"), encrypt="secret")
    locked.drawString(100, 700, "x")
    locked.save()
    scan = canvas.Canvas(str(where / "scan.pdf"))
    scan.rect(50, 50, 400, 600, fill=1)
    scan.save()
    (where / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (where / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return {
        "fake.pdf": "is not a PDF",
        "cut.pdf": "damaged or incomplete PDF",
        "locked.pdf": "protected",
        "scan.pdf": "no text layer",
        "old.doc": "save it as .docx",
        "broken.docx": "damaged Word file",
    }


def test_a_folder_imports_every_document_in_it(tmp_path: Path, folder: Path):
    archive = tmp_path / "issues"
    result = run("import", str(folder), "--archive", str(archive))
    assert result.exit_code == 0, result.output
    issues = Archive(archive).scan().issues
    assert sorted(i.issue.number for i in issues) == [5, 6, 7]
    for issue_file in issues:
        want = small_issue(issue_file.issue.number, issue_file.issue.date)
        assert issue_file.issue.sections == want.sections
        assert issue_file.issue.distribution == want.distribution
    table = result.stdout
    for name in ("第5期.pdf", "第6期.docx", "第7期.docx", "工作动态-2024-006.toml"):
        assert name in table
    assert "3 written, 0 failed, 3 files" in table
    assert "notes.md" not in table


def test_bad_files_in_a_folder_are_listed_and_the_rest_imported(tmp_path: Path, folder: Path):
    said = bad_files(folder)
    archive = tmp_path / "issues"
    result = run("import", str(folder), "--archive", str(archive))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    flat = " ".join(result.stdout.split())
    errors = result.stderr.splitlines()
    for name, sentence in said.items():
        assert name in flat
        assert any(name in error and sentence in error for error in errors), name
    assert len(Archive(archive).files()) == 3
    assert "3 written, 6 failed, 9 files" in result.stdout


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("fake.pdf", "is not a PDF"),
        ("cut.pdf", "is a damaged or incomplete PDF and cannot be read"),
        ("locked.pdf", "is a protected (encrypted) PDF"),
        ("scan.pdf", "has no text layer (a scanned PDF?); OCR is not offered"),
        ("old.doc", "save it as .docx"),
        ("broken.docx", "is a damaged Word file (.docx)"),
    ],
)
def test_one_bad_file_is_one_sentence_and_nothing_written(tmp_path: Path, name, sentence):
    bad_files(tmp_path)
    good = write_pdf(tmp_path / "good.pdf", small_issue())
    archive = tmp_path / "issues"
    result = run("import", str(good), str(tmp_path / name), "--archive", str(archive))
    assert result.exit_code == 1
    assert sentence in result.stderr
    assert len([line for line in result.stderr.splitlines() if line]) == 1
    assert not archive.exists()


def test_dry_run_json_is_a_list_for_several_inputs_and_a_document_for_one(
    tmp_path: Path, folder: Path
):
    archive = tmp_path / "issues"
    several = run("import", str(folder), "--dry-run", "--json", "--archive", str(archive))
    assert several.exit_code == 0
    documents = json.loads(several.stdout)
    assert sorted(d["issue"]["number"] for d in documents) == [5, 6, 7]
    word = str(folder / "第6期.docx")
    one = run("import", word, "--dry-run", "--json", "--archive", str(archive))
    assert json.loads(one.stdout)["issue"]["number"] == 6
    assert not archive.exists()


def test_existing_issues_are_kept_skipped_or_replaced(tmp_path: Path, folder: Path):
    archive = tmp_path / "issues"
    run("import", str(folder), "--archive", str(archive))
    target = archive / "工作动态-2024-005.toml"
    target.write_text(target.read_text(encoding="utf-8") + "# 手工修改\n", encoding="utf-8")
    edited = target.read_bytes()
    again = run("import", str(folder), "--archive", str(archive))
    assert again.exit_code == 1
    assert "工作动态-2024-005.toml already exists; use --force" in again.stderr
    assert target.read_bytes() == edited
    skipped = run("import", str(folder), "--archive", str(archive), "--skip-existing")
    assert skipped.exit_code == 0
    assert "skipped" in skipped.stdout
    assert target.read_bytes() == edited
    forced = run("import", str(folder), "--archive", str(archive), "--force")
    assert forced.exit_code == 0
    assert "手工修改" not in target.read_text(encoding="utf-8")


def test_a_masthead_without_number_or_date_is_named_and_clashes_are_refused(tmp_path: Path):
    plain = dataclasses.replace(small_issue(), number=None, date=None, total=None)
    write_pdf(tmp_path / "a.pdf", plain)
    write_plain_docx(tmp_path / "b.docx", plain)
    archive = tmp_path / "issues"
    result = run("import", str(tmp_path), "--archive", str(archive))
    assert result.exit_code == 1
    assert "a.pdf: the masthead names no issue number (第N期) or date" in result.stderr
    assert "b.docx would be the same issue file as" in result.stderr
    assert "a.pdf (工作动态.toml)" in result.stderr
    assert [path.name for path in Archive(archive).files()] == ["工作动态.toml"]


def test_import_runs_as_a_real_process(tmp_path: Path, folder: Path):
    archive = tmp_path / "issues"
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_tui", "import", str(folder / "第7期.docx"),
         "--archive", str(archive)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == archive / "工作动态-2024-007.toml"

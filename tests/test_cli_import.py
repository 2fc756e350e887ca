"""``bulletin import`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cjk import display_width
from bulletin_tui.cli import cli

from .conftest import SAMPLE_TEXT

HEADER = ["--series", "工作动态", "--number", "5", "--date", "2024-04-10",
          "--publisher", "中共延津县委办公室"]  # fmt: skip


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_import_writes_the_issue_and_prints_its_path(tmp_path):
    folder = tmp_path / "issues"
    result = run("import", str(SAMPLE_TEXT), "--archive", str(folder), *HEADER)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == folder / "工作动态-2024-005.toml"
    issue = Archive(folder).load(path).issue
    assert (issue.series, issue.number, issue.publisher) == ("工作动态", 5, "中共延津县委办公室")
    assert len(issue.items) == 7
    assert result.stderr == ""


def test_the_bundled_issue_is_the_sample_imported_as_the_readme_says(tmp_path):
    bundled = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"
    run("import", str(SAMPLE_TEXT), "--archive", str(tmp_path), *HEADER)
    assert (tmp_path / bundled.name).read_bytes() == bundled.read_bytes()


def test_dry_run_json_prints_the_document_and_writes_nothing(tmp_path):
    folder = tmp_path / "issues"
    result = run("import", str(SAMPLE_TEXT), "--dry-run", "--json", "--archive", str(folder),
                 "--series", "工作动态")  # fmt: skip
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["format"] == 1
    assert [s["name"] for s in document["section"]] == ["助企服务", "民生保障", "安全生产"]
    assert not folder.exists()


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    folder = tmp_path / "issues"
    run("import", str(SAMPLE_TEXT), "--archive", str(folder), *HEADER)
    target = folder / "工作动态-2024-005.toml"
    target.write_text(target.read_text(encoding="utf-8") + "# 手工修改\n", encoding="utf-8")
    edited = target.read_bytes()
    again = run("import", str(SAMPLE_TEXT), "--archive", str(folder), *HEADER)
    assert again.exit_code == 1
    assert "already exists; use --force" in again.stderr
    assert target.read_bytes() == edited
    forced = run("import", str(SAMPLE_TEXT), "--archive", str(folder), *HEADER, "--force")
    assert forced.exit_code == 0
    assert b"# \xe6\x89\x8b" not in target.read_bytes()


def test_warnings_go_to_stderr_and_bad_files_stop_everything(tmp_path):
    folder = tmp_path / "issues"
    guess = tmp_path / "guess.txt"
    guess.write_text(
        "【栏目】\n县开发区做好融资服务 聚焦重点企业，摸排融资需求。\n", encoding="utf-8"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("import", str(guess), str(empty), "--series", "工作动态", "--archive", str(folder))
    assert result.exit_code == 1
    assert "warning" in result.stderr
    assert "no attribution" in result.stderr
    assert "empty.txt is empty" in result.stderr
    assert "Traceback" not in result.output
    assert not folder.exists()


def test_gb18030_from_standard_input_and_unknown_encodings(tmp_path):
    data = SAMPLE_TEXT.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030")
    result = run("import", "-", "--dry-run", "--series", "工作动态", input=data)
    assert result.exit_code == 0
    assert "3 sections, 7 items" in result.stdout
    assert run("import", "-", "--encoding", "no-such", input=data).exit_code == 2
    wrong = run("import", "-", "--encoding", "ascii", "--series", "x", input=data)
    assert wrong.exit_code == 1
    assert "is not valid ascii" in wrong.stderr


def test_export_to_stdout_and_to_a_file(tmp_path):
    folder = tmp_path / "issues"
    run("import", str(SAMPLE_TEXT), "--archive", str(folder), *HEADER)
    shown = run("export", "工作动态-2024-005", "--archive", str(folder), "--width", "30")
    assert shown.exit_code == 0
    # too wide for 30 columns together, the office and the date take a line each
    lines = shown.stdout.splitlines()
    assert [line.strip() for line in lines[:4]] == [
        "工作动态",
        "第5期",
        "中共延津县委办公室",
        "2024年4月10日",
    ]
    assert lines[4].startswith("━")
    assert max(display_width(line) for line in shown.stdout.splitlines()) == 30
    target = tmp_path / "out.txt"
    written = run("export", "工作动态-2024-005", "--archive", str(folder), "--encoding", "gb18030",
                  "--crlf", "--run-in", "-o", str(target))  # fmt: skip
    assert written.exit_code == 0
    data = target.read_bytes()
    assert data.decode("gb18030").lstrip(" ").startswith("工作动态\r\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    markdown = run("export", "工作动态-2024-005", "--archive", str(folder), "--format", "markdown")
    assert markdown.stdout.startswith("# 工作动态 第5期\n")


def test_export_usage_errors(tmp_path):
    folder = tmp_path / "issues"
    run("import", str(SAMPLE_TEXT), "--archive", str(folder), *HEADER)
    for bad in (["--encoding", "latin-1"], ["--width", "3"], ["--format", "rtf"]):
        result = run("export", "工作动态-2024-005", "--archive", str(folder), *bad)
        assert result.exit_code == 2, bad

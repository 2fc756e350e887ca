"""Every command works with ``--archive .``, a relative path and a symlinked archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli

from .conftest import SAMPLE_TEXT, small_issue

NAME = "工作动态-2024-005.toml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(params=["dot", "relative", "symlink"])
def archive_arg(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The ``--archive`` argument as a user types it, with the archive holding one issue."""
    real = tmp_path / "real" / "issues"
    Archive(real).create(small_issue())
    if request.param == "dot":
        monkeypatch.chdir(real)
        return "."
    if request.param == "relative":
        monkeypatch.chdir(real.parent.parent)
        return "real/issues"
    link = tmp_path / "linked"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return "linked"


READING = [
    ("list",),
    ("list", "--json"),
    ("show", NAME),
    ("show", NAME, "--json"),
    ("check",),
    ("search", "窨井盖"),
    ("search", "窨井盖", "--json"),
    ("stats",),
    ("stats", "--csv"),
    ("export", NAME, "--format", "markdown"),
]


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_reading_commands_work_with_any_spelling_of_the_archive(archive_arg, command):
    result = run(*command, "--archive", archive_arg)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    if command[0] in ("list", "search", "stats", "show", "export"):
        assert "工作动态" in result.output or "城市管理局" in result.output


def test_list_names_each_issue_once_with_the_path_as_given(archive_arg):
    result = run("list", "--archive", archive_arg)
    assert result.exit_code == 0, result.output
    assert result.output.count(NAME) == 1


def test_writing_commands_work_with_any_spelling_of_the_archive(archive_arg, tmp_path):
    new = run("new", "--archive", archive_arg, "--series", "工作动态", "--number", "6",
              "--date", "2024-05-10")  # fmt: skip
    assert new.exit_code == 0, new.output
    created = Path(new.output.strip())
    added = run("add", created.name, "--archive", archive_arg, "--section", "综合",
                "--title", "新的一条", "--source", "县水利局", "--body", "正文。")  # fmt: skip
    assert added.exit_code == 0, added.output
    imported = run("import", str(SAMPLE_TEXT), "--archive", archive_arg, "--series", "工作动态",
                   "--number", "9", "--date", "2024-09-01")  # fmt: skip
    assert imported.exit_code == 0, imported.output
    listed = run("list", "--archive", archive_arg)
    assert listed.exit_code == 0, listed.output
    assert "新的一条" in run("search", "新的一条", "--archive", archive_arg).output
    assert len(listed.output.strip().splitlines()) == 3

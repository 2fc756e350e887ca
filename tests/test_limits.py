"""Bounded work: numeric options and settings within stated bounds, section look-ups in
constant time, so no input makes a command crash, run away or print what is not JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from tomlkit.container import Container

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.settings import load_settings
from bulletin_tui.tomledit import IssueDocument

from .conftest import small_issue
from .pilot import started


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def archive(tmp_path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    return archive


def strict_json(text: str):
    """JSON as the standard has it: NaN and Infinity are not."""

    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    ("score", "shown"),
    [("9" * 400, "that"), ("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"), ("1001", "1001")],
)
def test_a_bad_score_is_reported_with_path_and_line_and_stats_go_on(archive, score, shown):
    settings = archive.root / "bulletin.toml"
    settings.write_text(f'# scores\n[score]\n"工作动态" = {score}\n', encoding="utf-8")
    _, problem = load_settings(archive.root)
    assert problem is not None
    assert (problem.path, problem.line) == (settings, 3)
    assert problem.reason == f"score for “工作动态” must be a number from 0 to 1000, not {shown}"
    result = run("stats", "--json", "--archive", str(archive.root))
    assert result.exit_code == 0
    assert f"{settings}:3: score for “工作动态”" in result.stderr
    rows = strict_json(result.stdout)
    assert {row["key"]: row["score"] for row in rows} == {"开发区": 1, "城市管理局": 1,
                                                          "潭龙街道": 1}  # fmt: skip


@pytest.mark.parametrize(
    "text", ["[score]\nx = " + "[" * 500 + "]" * 500 + "\n", "[score]\nx = " + "7" * 5000 + "\n"]
)
def test_settings_that_would_crash_the_parser_are_reported(archive, text):
    (archive.root / "bulletin.toml").write_text(text, encoding="utf-8")
    _, problem = load_settings(archive.root)
    assert problem is not None
    assert "bulletin.toml" in str(problem.path)
    assert run("stats", "--archive", str(archive.root)).exit_code == 0


def test_json_output_never_holds_nan(archive):
    path = next(archive.root.glob("*.toml"))
    text = path.read_text(encoding="utf-8").replace("[issue]\n", "[issue]\nweight = nan\n")
    path.write_text(text, encoding="utf-8")
    shown = strict_json(run("show", str(path), "--json").stdout)
    assert shown["issue"]["weight"] == "nan"
    assert math.isnan(archive.load(path).issue.extra["weight"])  # the file keeps its value


def test_export_width_is_bounded_and_says_so(archive):
    issue = str(next(archive.root.glob("*.toml")))
    for width in ("9", "1001", "100000000", str(2**62)):
        result = run("export", issue, "--width", width)
        assert result.exit_code == 2
        assert "is not in the range 10<=x<=1000" in result.output
    assert run("export", issue, "--width", "1000").exit_code == 0
    assert "[10<=x<=1000]" in run("export", "--help").output


def test_an_empty_output_name_is_one_clear_sentence(archive, tmp_path):
    issue = str(next(archive.root.glob("*.toml")))
    result = run("export", issue, "-o", "")
    assert result.exit_code == 2
    assert "give a file name to write to (it is empty)" in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize(
    ("command", "option", "most"),
    [("new", "--number", 9999), ("new", "--total", 999999), ("new", "--copies", 1000000),
     ("import", "--number", 9999), ("import", "--total", 999999)],
)  # fmt: skip
def test_numeric_options_are_bounded_and_say_so(tmp_path, command, option, most):
    assert f"[1<=x<={most}]" in run(command, "--help").output
    args = ["--archive", str(tmp_path / "a"), "--series", "工作动态", option, str(most + 1)]
    if command == "import":
        (tmp_path / "in.txt").write_text("【栏目】\n标题\n　　正文。（开发区）\n", encoding="utf-8")
        args.insert(0, str(tmp_path / "in.txt"))
    result = run(command, *args)
    assert result.exit_code == 2
    assert f"is not in the range 1<=x<={most}" in result.output
    assert not (tmp_path / "a").exists()


def lookups_to_build(sections: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many keys tomlkit looks up while a document of ``sections`` sections is built."""
    issue = Issue("工作动态", sections=tuple(
        Section(f"栏目{n}", (Item(f"标题{n}", ("正文。",), "开发区"),)) for n in range(sections)
    ))  # fmt: skip
    count = 0
    original = Container.item

    def counted(self, key):
        nonlocal count
        count += 1
        return original(self, key)

    with monkeypatch.context() as patch:
        patch.setattr(Container, "item", counted)
        IssueDocument.new(issue)
    return count


def test_building_a_document_is_linear_in_its_sections(monkeypatch):
    """Ten times the sections, about ten times the look-ups (a walk of every section for
    each one, as before, gave a hundred times)."""
    small, large = lookups_to_build(30, monkeypatch), lookups_to_build(300, monkeypatch)
    assert large / small < 12


async def test_the_export_dialog_bounds_the_width(archive, tmp_path, monkeypatch):
    from bulletin_tui.tui.app import BulletinApp
    from bulletin_tui.tui.i18n import choose_language
    from bulletin_tui.tui.screens.export import ExportScreen

    choose_language("en")
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await started(app, pilot)
            await pilot.press("x")
            assert isinstance(app.screen, ExportScreen)
            for width in ("9", "1001", "100000000"):
                app.screen.query_one("#width").value = width
                await pilot.pause()  # the field's change (which clears its message) first
                await pilot.click("#ok")
                await pilot.pause()
                assert isinstance(app.screen, ExportScreen)  # still open, nothing written
                shown = str(app.screen.query_one("#width_error").render())
                assert shown == "The width must be a whole number from 10 to 1000"
            assert not list(tmp_path.glob("*.txt"))
    finally:
        choose_language("zh")


def test_import_reads_no_more_than_an_issue_file_may_hold(tmp_path):
    from bulletin_tui.archive import MAX_FILE_BYTES

    big = tmp_path / "big.txt"
    big.write_bytes("【栏目】\n标题\n　　正文。（开发区）\n".encode() + b" " * MAX_FILE_BYTES)
    reasons = {str(big): "is larger than 10 MB"}
    if Path("/dev/zero").exists():
        reasons["/dev/zero"] = "is not a regular file (a pipe, device or folder is never read)"
    for name, reason in reasons.items():
        result = run("import", name, "--series", "工作动态", "--archive", str(tmp_path / "a"))
        assert result.exit_code == 1
        assert f"bulletin: {name} {reason}; nothing was imported" in result.output
    assert not (tmp_path / "a").exists()

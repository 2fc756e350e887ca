"""No control character from a file name or a message reaches the terminal: the command
line and the screen show ``ESC ] 0 ; … BEL`` and ``ESC [2J`` as visible escapes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.i18n import choose_language, t
from bulletin_tui.tui.widgets.issue_tree import IssueTree
from bulletin_tui.visible import visible

from .conftest import small_issue
from .pilot import started

TITLE = "\x1b]0;PWNED\x07"  # sets the window title
CLEAR = "\x1b[2J"  # clears the screen
BROKEN_NAME = f"broken{TITLE}{CLEAR}.toml"
UNDATED_NAME = f"undated{CLEAR}.toml"
UNDATED = 'format = 1\n[issue]\nseries = "工作简报"\n\n[[section]]\nname = ""\n\n' \
    '[[section.item]]\ntitle = "无期号的一条"\nbody = "正文。"\nsource = "开发区"\n'  # fmt: skip
SHOWN_BROKEN = "broken\\x1b]0;PWNED\\x07\\x1b[2J.toml"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="control characters in file names")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def hostile_archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    (archive.root / BROKEN_NAME).write_text("format = 1\n[issue\n", encoding="utf-8")
    (archive.root / UNDATED_NAME).write_text(UNDATED, encoding="utf-8")
    return archive


def assert_escaped(text: str) -> None:
    assert "\x1b" not in text
    assert "\x07" not in text


def test_visible_escapes_controls_and_keeps_the_rest():
    assert visible("工作动态【助企】 [bold] “引号”\u3000") == "工作动态【助企】 [bold] “引号”\u3000"
    assert visible(TITLE + CLEAR) == "\\x1b]0;PWNED\\x07\\x1b[2J"
    assert visible("a\tb\nc\x85d\u202ee") == "a\\x09b\\x0ac\\x85d\\u202ee"
    assert visible(Path(os.fsdecode(b"bad\xff.toml"))) == "bad\\xff.toml"


@POSIX_ONLY
def test_list_check_and_errors_print_names_with_escapes(tmp_path):
    archive = hostile_archive(tmp_path)
    folder = str(archive.root)
    listed = run("list", "--archive", folder)
    assert_escaped(listed.output)
    assert f"broken: {folder}/{SHOWN_BROKEN}:2" in listed.output
    assert "undated\\x1b[2J.toml" in listed.output
    checked = run("check", "--archive", folder)
    assert_escaped(checked.output)
    assert f"{folder}/{SHOWN_BROKEN}:2: TOML syntax error" in checked.output
    shown = run("show", f"missing{CLEAR}", "--archive", folder)
    assert shown.exit_code == 1
    assert_escaped(shown.output)
    assert "there is no issue file missing\\x1b[2J" in shown.output
    found = run("search", "无期号", "--archive", folder)
    assert_escaped(found.output)
    counted = run("stats", "--archive", folder)
    assert_escaped(counted.output)


@POSIX_ONLY
def test_json_output_escapes_what_json_itself_leaves_raw(tmp_path):
    archive = hostile_archive(tmp_path)
    (archive.root / "c1\x9b2J.toml").write_text("nope", encoding="utf-8")
    listed = run("list", "--json", "--archive", str(archive.root))
    assert_escaped(listed.stdout)
    assert "\x9b" not in listed.stdout
    paths = [broken["path"] for broken in json.loads(listed.stdout)["broken"]]
    assert str(archive.root / BROKEN_NAME) in paths  # the escapes decode to the real name
    assert str(archive.root / "c1\x9b2J.toml") in paths


@POSIX_ONLY
def test_import_warnings_name_the_file_with_escapes(tmp_path):
    source = tmp_path / f"来稿{CLEAR}.txt"
    source.write_text("【助企服务】\n县开发区做好融资服务\n　　聚焦重点企业。\n", encoding="utf-8")
    done = run("import", str(source), "--series", "工作动态", "--dry-run")
    assert done.exit_code == 0, done.output
    assert_escaped(done.output)
    assert "来稿\\x1b[2J.txt" in done.output


def test_screen_strings_escape_their_values():
    choose_language("en")
    try:
        assert_escaped(t("saved", path=f"/a/{BROKEN_NAME}"))
        assert SHOWN_BROKEN in t("saved", path=f"/a/{BROKEN_NAME}")
    finally:
        choose_language("zh")


@POSIX_ONLY
async def test_the_tree_and_the_reader_show_escapes(tmp_path):
    choose_language("zh")
    archive = hostile_archive(tmp_path)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        labels = app.tree_labels()
        assert f"✗ {SHOWN_BROKEN}" in labels
        assert "undated\\x1b[2J.toml" in labels
        for label in labels:
            assert_escaped(label)
        await pilot.press("G")
        assert app.query_one(IssueTree).cursor_node.data.path.name == BROKEN_NAME
        assert SHOWN_BROKEN in app.reader_text
        assert_escaped(app.reader_text)


def test_import_drops_control_characters_with_a_warning_and_writes_the_rest(tmp_path):
    """What the README says: C0 controls (but tab and line breaks), DEL and C1 are the one
    thing an import drops, with a warning; the import succeeds."""
    source = tmp_path / "in.txt"
    source.write_text(
        f"【助企服务】\n县开发区\x07做好{CLEAR}融资服务\n　　聚焦\x7f重点\x9b企业。（开发区）\n",
        encoding="utf-8",
    )
    done = run("import", str(source), "--series", "工作动态", "--archive", str(tmp_path / "a"))
    assert done.exit_code == 0, done.output
    assert "warning: " in done.stderr
    assert "removed 4 control characters" in done.stderr
    written = Path(done.stdout.strip()).read_text(encoding="utf-8")
    assert 'title = "县开发区做好[2J融资服务"' in written
    assert all(char not in written for char in "\x07\x1b\x7f\x9b")


def test_the_inbox_listing_shows_a_broken_submission_s_name_escaped(tmp_path):
    from click.testing import CliRunner

    from bulletin_tui.cli import cli

    inbox = tmp_path / "issues" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "evil\x1b]0;pwned\x07.toml").write_text("not toml [", encoding="utf-8")
    result = CliRunner().invoke(cli, ["inbox", "list", "--archive", str(tmp_path / "issues")])
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "evil\\x1b]0;pwned\\x07.toml" in result.output

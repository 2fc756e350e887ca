"""One bad file never stops the archive: each hostile file is a broken file (path, reason),
listed and never written, while list, search, stats and check go on for the others."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import MAX_FILE_BYTES, Archive, read_file
from bulletin_tui.cli import cli
from bulletin_tui.errors import IssueFileError, ModelError
from bulletin_tui.model import MAX_COPIES, MAX_NUMBER, MAX_TOTAL, Issue
from bulletin_tui.tomledit import IssueDocument
from bulletin_tui.tomlfile import MAX_DEPTH, parse_issue

from .conftest import small_issue
from .pilot import started

HEADER = 'format = 1\n\n[issue]\nseries = "工作动态"\n'
ITEM = '\n[[section]]\nname = "助企服务"\n\n[[section.item]]\ntitle = "标题"\nbody = "正文。"\n'
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="links, pipes and devices")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def text_file(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


# name → how to make it (a file or link at the given path)
HOSTILE: dict[str, Callable[[Path], None]] = {
    "number 2^63": text_file(HEADER + "number = 9223372036854775808\n" + ITEM),
    "total 2^63 - 1": text_file(HEADER + "total = 9223372036854775807\n" + ITEM),
    "copies 10^30": text_file(HEADER + f"copies = {10**30}\n" + ITEM),
    "arrays 500 deep": text_file(HEADER + "deep = " + "[" * 500 + "]" * 500 + "\n" + ITEM),
    "tables 5000 deep": text_file(HEADER + ITEM + "[" + ".".join(["t"] * 5000) + "]\n"),
    "inline tables 300 deep": text_file(HEADER + "x = " + "{a=" * 300 + "1" + "}" * 300 + "\n"),
    "5000 digits": text_file(HEADER + "huge = " + "7" * 5000 + "\n" + ITEM),
    "format 1.0": text_file(HEADER.replace("format = 1", "format = 1.0") + ITEM),
    "too big": lambda path: path.write_bytes(
        (HEADER + ITEM).encode() + b"#" * MAX_FILE_BYTES + b"\n"
    ),
}
HOSTILE_POSIX: dict[str, Callable[[Path], None]] = {
    "dangling link": lambda path: path.symlink_to(path.parent / "nothing-here.toml"),
    "link loop": lambda path: path.symlink_to(path),
    "link to a folder": lambda path: (
        (path.parent / "a-folder").mkdir(),
        path.symlink_to(path.parent / "a-folder"),
    ),
    "named pipe": _fifo,
    "link to /dev/zero": lambda path: path.symlink_to("/dev/zero"),
}
REASONS = {
    "number 2^63": "number: must be from 1 to 9,999",
    "total 2^63 - 1": "total: must be from 1 to 999,999",
    "copies 10^30": "copies: must be from 1 to 1,000,000",
    "arrays 500 deep": "nests tables or arrays more than 32 deep",
    "tables 5000 deep": "nests tables or arrays more than 32 deep",
    "inline tables 300 deep": "nests tables or arrays more than 32 deep",
    "5000 digits": "has a number with thousands of digits",
    "format 1.0": "format 1.0 is not known",
    "too big": "is larger than 10 MB",
    "dangling link": "is a symbolic link to nothing",
    "link loop": "is a loop of symbolic links",
    "link to a folder": "is a folder",
    "named pipe": "is not a regular file",
    "link to /dev/zero": "is not a regular file",
}


def good_archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue())
    return archive


def assert_the_rest_still_works(folder: Path, bad: Path, reason: str) -> None:
    checked = run("check", "--json", "--archive", str(folder))
    assert checked.exit_code == 1, checked.output
    broken = json.loads(checked.stdout)["broken"]
    assert [(b["path"], reason in b["reason"]) for b in broken] == [(str(bad), True)]
    listed = run("list", "--json", "--archive", str(folder))
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert [issue["series"] for issue in data["issues"]] == ["工作动态"]
    assert [b["path"] for b in data["broken"]] == [str(bad)]
    found = run("search", "窨井盖", "--json", "--archive", str(folder))
    assert found.exit_code == 0, found.output
    assert [hit["title"] for hit in json.loads(found.stdout)] == ["县城市管理局整治窨井盖"]
    counted = run("stats", "--json", "--archive", str(folder))
    assert counted.exit_code == 0, counted.output
    units = {row["key"] for row in json.loads(counted.stdout)}
    assert units == {"开发区", "城市管理局", "潭龙街道"}


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_is_broken_and_everything_else_works(tmp_path, kind):
    archive = good_archive(tmp_path)
    bad = archive.root / "hostile.toml"
    HOSTILE[kind](bad)
    before = bad.read_bytes()
    assert_the_rest_still_works(archive.root, bad, REASONS[kind])
    assert bad.read_bytes() == before  # listed, never written
    added = run("add", str(bad), "--archive", str(archive.root), "--section", "助企服务",
                "--title", "新标题", "--source", "开发区", "--body", "正文。")  # fmt: skip
    assert added.exit_code == 1
    assert REASONS[kind] in added.output
    assert "Traceback" not in added.output
    assert bad.read_bytes() == before


@POSIX_ONLY
@pytest.mark.parametrize("kind", HOSTILE_POSIX)
def test_a_link_pipe_or_device_is_broken_and_everything_else_works(tmp_path, kind):
    archive = good_archive(tmp_path)
    bad = archive.root / "hostile.toml"
    HOSTILE_POSIX[kind](bad)
    assert_the_rest_still_works(archive.root, bad, REASONS[kind])
    assert archive.scan().broken[0].error.line is None


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero"])
@pytest.mark.parametrize("command", [["list"], ["check"], ["search", "企业"], ["stats"]])
def test_a_pipe_or_device_never_hangs_a_command(tmp_path, kind, command):
    archive = good_archive(tmp_path)
    HOSTILE_POSIX[kind](archive.root / "pipe.toml")
    env = {**os.environ, "BULLETIN_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_tui", *command, "--archive", str(archive.root)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == (1 if command == ["check"] else 0), done.stderr
    assert "pipe.toml" in done.stdout + done.stderr or command[0] in ("search", "stats")


@POSIX_ONLY
def test_a_name_that_is_not_utf8_is_a_broken_file_shown_escaped(tmp_path):
    archive = good_archive(tmp_path)
    name = os.fsdecode(b"bad\xff\x1b[2J.toml")
    (archive.root / name).write_text(HEADER + ITEM, encoding="utf-8")
    checked = run("check", "--archive", str(archive.root))
    assert checked.exit_code == 1
    assert "bad\\xff\\x1b[2J.toml: has a name that is not UTF-8" in checked.output
    listed = run("list", "--archive", str(archive.root))
    assert listed.exit_code == 0, listed.output
    assert "\x1b" not in listed.output
    assert "bad\\xff" in listed.output
    as_json = json.loads(run("list", "--json", "--archive", str(archive.root)).stdout)
    assert os.fsencode(as_json["broken"][0]["path"]).endswith(b"bad\xff\x1b[2J.toml")
    assert run("stats", "--archive", str(archive.root)).exit_code == 0
    assert run("search", "窨井盖", "--archive", str(archive.root)).exit_code == 0


@POSIX_ONLY
def test_a_folder_that_cannot_be_read_is_a_broken_file(tmp_path, monkeypatch):
    archive = good_archive(tmp_path)
    closed = archive.root / "closed"
    closed.mkdir()
    (closed / "x.toml").write_text(HEADER + ITEM, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # root may read any folder: refuse this one as the system would
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listing = archive.scan()
    assert [issue.header.series for issue in listing.issues] == ["工作动态"]
    [broken] = listing.broken
    assert broken.path == closed
    assert broken.error.reason == "is a folder that cannot be read (permission denied)"
    listed = json.loads(run("list", "--json", "--archive", str(archive.root)).stdout)
    assert [b["path"] for b in listed["broken"]] == [str(closed)]


@POSIX_ONLY
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_and_folder_are_broken_files(tmp_path):
    archive = good_archive(tmp_path)
    (archive.root / "closed").mkdir()
    (archive.root / "closed" / "x.toml").write_text(HEADER + ITEM, encoding="utf-8")
    (archive.root / "private.toml").write_text(HEADER + ITEM, encoding="utf-8")
    os.chmod(archive.root / "private.toml", 0)
    os.chmod(archive.root / "closed", 0)
    try:
        checked = run("check", "--archive", str(archive.root))
        assert "closed: is a folder that cannot be read" in checked.output
        assert "private.toml: cannot be read (permission denied)" in checked.output
        assert run("list", "--archive", str(archive.root)).exit_code == 0
    finally:
        os.chmod(archive.root / "closed", 0o755)


def test_read_file_refuses_what_is_not_a_small_regular_file(tmp_path):
    (tmp_path / "ok.toml").write_bytes(b"x" * 10)
    assert read_file(tmp_path / "ok.toml", limit=10) == b"x" * 10
    (tmp_path / "big.toml").write_bytes(b"x" * 11)
    with pytest.raises(IssueFileError, match="larger than"):
        read_file(tmp_path / "big.toml", limit=10)
    with pytest.raises(IssueFileError, match="is a folder"):
        read_file(tmp_path)
    with pytest.raises(IssueFileError, match="cannot be read"):
        read_file(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("field", "most"), [("number", MAX_NUMBER), ("total", MAX_TOTAL), ("copies", MAX_COPIES)]
)
def test_the_model_bounds_numbers(field, most):
    assert getattr(Issue("工作动态", **{field: most}), field) == most
    for wrong in (0, most + 1, 2**63, 10**5000):
        with pytest.raises(ModelError, match=f"{field}: must be from 1 to"):
            Issue("工作动态", **{field: wrong})


def test_the_reader_names_the_line_of_a_number_out_of_bounds():
    with pytest.raises(IssueFileError) as raised:
        parse_issue(HEADER + "copies = 1000001\n" + ITEM, "x.toml")
    assert (raised.value.line, raised.value.reason) == (
        5, "copies: must be from 1 to 1,000,000, not 1,000,001"
    )  # fmt: skip


def test_format_must_be_the_integer_1():
    assert parse_issue(HEADER + ITEM, "x.toml").series == "工作动态"
    for wrong in ("1.0", "true", '"1"'):
        with pytest.raises(IssueFileError, match="is not known"):
            parse_issue(HEADER.replace("format = 1", f"format = {wrong}") + ITEM, "x.toml")


def test_what_check_accepts_the_edit_path_can_write():
    """Nesting up to the limit is read, edited and read back; one level more is refused."""
    for levels, accepted in ((MAX_DEPTH, True), (MAX_DEPTH + 1, False)):
        # the document is one level, [issue] another, the inline tables the others
        nested = "{a=" * (levels - 2) + "1" + "}" * (levels - 2)
        text = HEADER + f"x = {nested}\n" + ITEM
        if not accepted:
            with pytest.raises(IssueFileError, match="more than 32 deep"):
                parse_issue(text, "x.toml")
            continue
        issue = parse_issue(text, "x.toml")
        document = IssueDocument(text)
        document.add_item("助企服务", issue.items[0])
        assert len(parse_issue(document.text(), "x.toml").items) == 2


@POSIX_ONLY
async def test_the_reader_lists_hostile_files_as_broken_and_quits(tmp_path):
    from bulletin_tui.tui.app import BulletinApp
    from bulletin_tui.tui.i18n import choose_language

    choose_language("zh")
    archive = good_archive(tmp_path)
    for kind in ("named pipe", "link to /dev/zero", "dangling link", "link loop"):
        HOSTILE_POSIX[kind](archive.root / f"{kind.replace('/', '')}.toml")
    HOSTILE["arrays 500 deep"](archive.root / "deep.toml")
    (archive.root / os.fsdecode(b"bad\xff.toml")).write_text(HEADER + ITEM, encoding="utf-8")
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        labels = app.tree_labels()
        assert labels[0] == "2024年第5期 工作动态"
        broken = labels[labels.index("无法读取的文件") + 1 :]
        assert sorted(broken) == sorted(
            f"✗ {name}"
            for name in ("bad\\xff.toml", "dangling link.toml", "deep.toml",
                         "link loop.toml", "link to devzero.toml", "named pipe.toml")
        )  # fmt: skip
        await pilot.press("q")
    assert app.return_code == 0

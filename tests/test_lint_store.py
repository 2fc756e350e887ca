"""``bulletin lint`` of a whole archive through the lint cache: the same findings as from
the files, with offsets in the text as stored, and a file changed on disk linted as it is."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui import sharing
from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.proofread import Linter, store
from bulletin_tui.proofread.check import read_for_lint

BUNDLED = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"

# Paragraphs separated by single newlines and a blank line holding spaces: the model
# (and the index cache) rejoin them with one blank line, so offsets would move if the
# text were not the stored one.
HAND_WRITTEN = '''format = 1
[issue]
series = "政务信息"
number = 7
date = 2024-05-20
publisher = "县政府办公室"

[[section]]
name = "综合"

[[section.item]]
title = "县里召开会议。"
source = "县发改委"
body = """
第一段写完了
第二段有个半角逗号,在这里。
\x20\x20\x20
第三段也没有句号"""
'''


def lint_json(folder: Path, *more: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["lint", "--archive", str(folder), "--json", *more],
                                catch_exceptions=False)  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def from_the_files(folder: Path) -> list[tuple]:
    """What the linter finds reading every file itself (no cache, no archive facts)."""
    read = [read_for_lint(path) for path in Archive(folder).files() if path.name != "broken.toml"]
    return sorted((str(f.path), f.field, f.spot.offset, f.spot.length, f.rule.id)
                  for f in Linter().issues(read))  # fmt: skip


def field_rules(findings: list[dict]) -> list[tuple]:
    archive_wide = {"duplicate-title", "unknown-unit", "duplicate-number", "broken-file"}
    return sorted((f["path"], f["field"], f["offset"], f["length"], f["rule"])
                  for f in findings if f["rule"] not in archive_wide)  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / BUNDLED.name)
    (folder / "政务信息-2024-007.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    (folder / "broken.toml").write_text("format = 1\n[issue\n", encoding="utf-8")
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the lint cache had to parse during a test."""
    paths: list[Path] = []

    def counted(path: Path, raw: bytes | None = None):
        paths.append(path)
        return read_for_lint(path, raw)

    monkeypatch.setattr(store, "read_for_lint", counted)
    return paths


def test_a_warm_cache_gives_exactly_the_findings_of_a_cold_run(folder, parsed):
    cold = lint_json(folder)
    assert len(parsed) == 3
    parsed.clear()
    warm = lint_json(folder)
    assert parsed == [folder / "broken.toml"]  # not kept: a broken file is read every time
    assert warm == cold
    assert field_rules(warm) == from_the_files(folder)
    assert {f["rule"] for f in warm} >= {"broken-file", "half-width-punct", "headline-end"}


def test_offsets_from_the_cache_are_in_the_text_as_stored(folder, parsed):
    lint_json(folder)
    parsed.clear()
    findings = lint_json(folder)
    assert parsed == [folder / "broken.toml"]
    stored = "第一段写完了\n第二段有个半角逗号,在这里。\n   \n第三段也没有句号"
    comma = next(f for f in findings if f["rule"] == "half-width-punct"
                 and f["path"].endswith("007.toml"))  # fmt: skip
    assert stored[comma["offset"]] == ","
    assert comma["offset"] == 16  # 17 in the paragraphs as the model rejoins them


def test_a_file_changed_after_the_cache_was_built_is_linted_as_it_is_now(folder, parsed):
    lint_json(folder)
    path = folder / "政务信息-2024-007.toml"
    before = path.stat()
    path.write_text(HAND_WRITTEN.replace("逗号,在这里。", "逗号。在这里,"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert path.stat().st_size == before.st_size  # only the modification time tells
    parsed.clear()
    findings = lint_json(folder)
    assert sorted(parsed) == [folder / "broken.toml", path]
    comma = next(f for f in findings if f["rule"] == "half-width-punct"
                 and f["path"] == str(path))  # fmt: skip
    assert comma["offset"] == len("第一段写完了\n第二段有个半角逗号。在这里")
    assert field_rules(findings) == from_the_files(folder)


def test_new_and_removed_files_are_seen(folder, parsed):
    lint_json(folder)
    (folder / "政务信息-2024-007.toml").unlink()
    (folder / "more.toml").write_text(HAND_WRITTEN.replace("number = 7", "number = 8"),
                                      encoding="utf-8")  # fmt: skip
    parsed.clear()
    findings = lint_json(folder)
    assert sorted(parsed) == [folder / "broken.toml", folder / "more.toml"]
    assert not any(f["path"].endswith("007.toml") for f in findings)
    assert field_rules(findings) == from_the_files(folder)


def test_a_damaged_cache_is_rebuilt_and_the_findings_stay_right(folder, tmp_path, parsed):
    cold = lint_json(folder)
    caches = list((tmp_path / "index-cache").glob("*.lint.sqlite"))
    assert len(caches) == 1
    with sqlite3.connect(caches[0]) as db:  # a row that is not what the linter wrote
        db.execute("UPDATE files SET document = '{\"head\": 1}'")
    parsed.clear()
    assert lint_json(folder) == cold
    assert len(parsed) == 3
    caches[0].write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{caches[0]}{suffix}").unlink(missing_ok=True)
    parsed.clear()
    assert lint_json(folder) == cold
    assert len(parsed) == 3
    parsed.clear()
    assert lint_json(folder) == cold
    assert parsed == [folder / "broken.toml"]


def test_without_a_writable_cache_folder_lint_reads_the_files(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("BULLETIN_CACHE", str(blocker / "cache"))
    assert field_rules(lint_json(folder)) == from_the_files(folder)


def test_fix_reads_the_real_file_not_the_cache(folder):
    lint_json(folder)
    path = folder / "政务信息-2024-007.toml"
    before = path.stat()
    # the same size and modification time, another text: only the file itself knows
    path.write_text(HAND_WRITTEN.replace("半角逗号,在这里", "半角分号;在这里"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = CliRunner().invoke(cli, ["lint", "--archive", str(folder), "--fix", "--dry-run"],
                                catch_exceptions=False)  # fmt: skip
    assert "+第二段有个半角分号；在这里。" in result.output


def with_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Helper processes from two files on, two of them on any machine."""
    monkeypatch.setattr(sharing, "PARALLEL_FROM", 2)
    monkeypatch.setattr(sharing, "cores", lambda: 2)


def test_files_parsed_by_helper_processes_are_what_this_one_parses(folder, monkeypatch, parsed):
    fifo = folder / "pipe.toml"
    os.mkfifo(fifo)  # never opened for reading by a blocking call: a broken file at once
    files = [str(path) for path in sorted(folder.iterdir())]
    here = dict(store.document_of(file) for file in files)
    parsed.clear()
    with_helpers(monkeypatch)
    there = dict(sharing.each_shared(store.__name__, "document_of", [(f,) for f in files]))
    assert parsed == []  # every file parsed by a helper
    assert there.keys() == here.keys() == set(files)
    for file in files:
        if isinstance(here[file], str):
            assert there[file] == here[file]
        else:  # an error comes back whole: where and why
            assert type(there[file]) is type(here[file])
            assert (there[file].path, there[file].line, there[file].reason) == (
                here[file].path, here[file].line, here[file].reason)  # fmt: skip
    assert "not a regular file" in here[str(fifo)].reason


def test_a_first_lint_parsed_by_helpers_finds_what_one_process_finds(folder, monkeypatch, parsed):
    for number in range(8, 14):  # more files than the threshold set below
        text = HAND_WRITTEN.replace("number = 7", f"number = {number}")
        (folder / f"政务信息-2024-{number:03d}.toml").write_text(text, encoding="utf-8")
    one_process = lint_json(folder, "--rules", "half-width-punct,headline-end,paragraph-end")
    for cache in Path(os.environ["BULLETIN_CACHE"]).glob("*.lint.sqlite"):
        cache.unlink()
    with_helpers(monkeypatch)
    parsed.clear()
    several = lint_json(folder, "--rules", "half-width-punct,headline-end,paragraph-end")
    assert parsed == []  # the helpers parsed every file
    assert several == one_process
    assert any(f["rule"] == "broken-file" for f in several)
    with sqlite3.connect(next(Path(os.environ["BULLETIN_CACHE"]).glob("*.lint.sqlite"))) as db:
        kept = db.execute("SELECT count(*) FROM files").fetchone()[0]
    assert kept == 8  # every file but the broken one, from the helpers too


@pytest.mark.parametrize("helpers", [False, True], ids=["one process", "helpers"])
def test_nesting_and_numbers_beyond_bounds_are_broken_files_not_a_crash(
    folder, monkeypatch, helpers
):
    (folder / "deep.toml").write_text("a = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    (folder / "long.toml").write_text(f"format = {'9' * 5000}\n", encoding="utf-8")
    if helpers:
        with_helpers(monkeypatch)
    findings = lint_json(folder)
    broken = {Path(f["path"]).name: f["message"] for f in findings if f["rule"] == "broken-file"}
    assert set(broken) == {"broken.toml", "deep.toml", "long.toml"}
    assert "32" in broken["deep.toml"]  # the model's bound on nesting, as check says
    assert any(f["rule"] == "half-width-punct" for f in findings)  # the others linted


def test_when_no_helper_can_be_started_this_process_parses_every_file(
    folder, tmp_path, monkeypatch, parsed
):
    one_process = lint_json(folder)
    for cache in Path(os.environ["BULLETIN_CACHE"]).glob("*.lint.sqlite"):
        cache.unlink()
    with_helpers(monkeypatch)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    parsed.clear()
    assert lint_json(folder) == one_process
    assert len(parsed) == 3  # here, in the helpers' stead

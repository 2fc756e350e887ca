"""Concurrent writers as real processes: every reported save is in the file, and a new
file has exactly one writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_concurrent_saves import ADDS, IMPORTED, race, run_writers, writer_env
from bulletin_tui.archive import Archive

from .conftest import small_issue


@pytest.mark.parametrize(("writers", "count"), [(2, 15), (4, 6)])
def test_concurrent_adds_all_land(tmp_path: Path, writers: int, count: int):
    archive = Archive(tmp_path / "issues")
    path = archive.create(small_issue()).path
    before = len(archive.load(path).issue.items)
    arguments = [[str(archive.root), path.name, f"w{w}", str(count)] for w in range(writers)]
    lines = run_writers(ADDS, arguments, writer_env(tmp_path))
    reported = {line.split()[1] for line in lines if line.startswith("saved ")}
    refused = [line for line in lines if not line.startswith("saved ")]
    present = [item.title for item in archive.load(path).issue.items][before:]
    assert refused == []
    assert len(reported) == writers * count
    assert sorted(present) == sorted(reported)
    # each writer's items stay in the order it added them
    for w in range(writers):
        mine = [title for title in present if title.startswith(f"w{w}-")]
        assert mine == [f"w{w}-{number}" for number in range(count)]
    assert sorted(p.name for p in archive.root.iterdir()) == [path.name]


def test_concurrent_imports_to_one_target_have_exactly_one_winner(tmp_path: Path):
    source = tmp_path / "bulletin.txt"
    source.write_text(IMPORTED, encoding="utf-8")
    folder = tmp_path / "issues"
    env = writer_env(tmp_path)
    for _round in range(3):
        results = race(["import", "--archive", str(folder), str(source)], 2, env)
        [target] = list(folder.glob("*.toml"))
        winners = [text for status, text in results if status == 0]
        losers = [text for status, text in results if status != 0]
        assert len(winners) == 1, results
        assert winners[0].startswith(f"{target} |")
        assert len(losers) == 1
        assert f"bulletin: {target} already exists; use --force to replace it" in losers[0]
        target.unlink()


def test_concurrent_new_issues_of_one_number_make_exactly_one_file(tmp_path: Path):
    folder = tmp_path / "issues"
    command = ["new", "--archive", str(folder), "--series", "工作动态", "--number", "6",
               "--date", "2024-05-10"]  # fmt: skip
    results = race(command, 3, writer_env(tmp_path))
    winners = [text for status, text in results if status == 0]
    losers = [text for status, text in results if status != 0]
    assert len(winners) == 1, results
    assert len(losers) == 2
    assert all("already exists" in text for text in losers)
    assert [str(p) for p in folder.glob("*.toml")] == [winners[0].split(" |")[0]]

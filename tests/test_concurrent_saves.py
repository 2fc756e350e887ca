"""Concurrent writers as real processes: every reported save is in the file, and a new
file has exactly one writer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_tui.archive import Archive

from .conftest import small_issue
from .test_cli import subprocess_env

#: One writer: runs ``bulletin add`` COUNT times (each a process of its own) and prints
#: "saved TITLE" or "refused TITLE: MESSAGE" for each.
ADDS = """
import subprocess, sys
archive, issue, tag, count = sys.argv[1:5]
for number in range(int(count)):
    title = f"{tag}-{number}"
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_tui", "add", "--archive", archive, issue,
         "--section", "民生保障", "--title", title, "--source", "县局", "--body", "正文。"],
        capture_output=True, text=True,
    )
    verdict = "saved" if done.returncode == 0 else "refused"
    print(verdict, title, done.stderr.strip().replace("\\n", " "), flush=True)
"""


def run_writers(script: str, arguments: list[list[str]], env: dict[str, str]) -> list[str]:
    """Start every writer at once, wait for all (bounded), return their output lines."""
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for args in arguments
    ]
    lines = []
    for writer in writers:
        out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
        lines += out.splitlines()
    return lines


@pytest.mark.parametrize(("writers", "count"), [(2, 15), (4, 6)])
def test_concurrent_adds_all_land(tmp_path: Path, writers: int, count: int):
    archive = Archive(tmp_path / "issues")
    path = archive.create(small_issue()).path
    before = len(archive.load(path).issue.items)
    arguments = [[str(archive.root), path.name, f"w{w}", str(count)] for w in range(writers)]
    lines = run_writers(ADDS, arguments, subprocess_env(tmp_path))
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


#: One writer: waits for the word "go" on stdin, then runs one command and prints its
#: exit status and output.
ONE_COMMAND = """
import subprocess, sys
sys.stdin.readline()
done = subprocess.run([sys.executable, "-m", "bulletin_tui", *sys.argv[1:]],
                      capture_output=True, text=True)
print(done.returncode, done.stdout.strip(), "|", done.stderr.strip(), flush=True)
"""


def race(command: list[str], writers: int, env: dict[str, str]) -> list[tuple[int, str]]:
    """Start ``writers`` processes, then let them all run ``command`` at the same moment."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", ONE_COMMAND, *command],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(writers)
    ]
    for process in started:
        process.stdin.write("go\n")
        process.stdin.flush()
    results = []
    for process in started:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        status, _, text = out.strip().partition(" ")
        results.append((int(status), text))
    return results


def test_concurrent_imports_to_one_target_have_exactly_one_winner(tmp_path: Path):
    source = tmp_path / "bulletin.txt"
    source.write_text(
        "工作动态\n2024年第6期\n【民生保障】\n县城市管理局整治窨井盖\n搭建智慧平台。（城市管理局）\n",
        encoding="utf-8",
    )
    folder = tmp_path / "issues"
    env = subprocess_env(tmp_path)
    for _round in range(3):
        results = race(["import", "--archive", str(folder), str(source)], 2, env)
        [target] = list(folder.glob("*.toml"))
        winners = [text for status, text in results if status == 0]
        losers = [text for status, text in results if status != 0]
        assert len(winners) == 1, results
        assert winners[0].startswith(f"{target} |")
        assert len(losers) == 1
        assert losers[0].endswith(f"bulletin: {target} already exists; use --force to replace it")
        target.unlink()


def test_concurrent_new_issues_never_share_a_file(tmp_path: Path):
    folder = tmp_path / "issues"
    command = ["new", "--archive", str(folder), "--series", "工作动态", "--number", "6",
               "--date", "2024-05-10"]  # fmt: skip
    results = race(command, 3, subprocess_env(tmp_path))
    assert [status for status, _ in results] == [0, 0, 0]
    paths = sorted(text.split(" |")[0] for _, text in results)
    assert len(set(paths)) == 3  # each process reported a file of its own
    assert sorted(str(p) for p in folder.glob("*.toml")) == paths

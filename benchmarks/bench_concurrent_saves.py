"""Concurrent writers, as real processes: saves reported against items present, and the
cost of the save lock.

1. P writers each run ``bulletin add`` N times (every run a process of its own) on one
   issue: how many saves each reported, how many items the file holds after. Before the
   save lock, 2 × 50 reported 148 and kept 50; 4 × 25 reported 80 and kept 57.
2. R rounds of two ``bulletin import`` runs, without ``--force``, of one bulletin to one
   target at the same moment: rounds with exactly one winner (before: 5 of 20).
3. One save (``Archive.update``, lock and stale-file sweep included) against the same
   check and replace without the lock, in a folder of 1 and of F issue files.

Run: ``python benchmarks/bench_concurrent_saves.py [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.synthetic import timings
from bulletin_tui.archive import Archive
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.saving import check_and_write

#: One writer: runs ``bulletin add`` COUNT times (each a process of its own) and prints
#: "saved TITLE" or "refused TITLE MESSAGE" for each.
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

#: One writer: waits for a line on stdin, runs one ``bulletin`` command, prints its exit
#: status, its output and its errors.
ONE_COMMAND = """
import subprocess, sys
sys.stdin.readline()
done = subprocess.run([sys.executable, "-m", "bulletin_tui", *sys.argv[1:]],
                      capture_output=True, text=True)
print(done.returncode, done.stdout.strip(), "|", done.stderr.strip(), flush=True)
"""

#: A bulletin of one item, as text to import.
IMPORTED = (
    "工作动态\n2024年第6期\n【民生保障】\n县城市管理局整治窨井盖\n搭建智慧平台。（城市管理局）\n"
)


def writer_env(home: Path) -> dict[str, str]:
    """The environment of a writer: no archive of the user's, caches under ``home``."""
    env = dict(os.environ)
    env.pop("BULLETIN_ARCHIVE", None)
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               BULLETIN_CACHE=str(home / "cache"))  # fmt: skip
    return env


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
        out, err = writer.communicate(timeout=600)
        if writer.returncode != 0:
            raise RuntimeError(err)
        lines += out.splitlines()
    return lines


def race(command: list[str], writers: int, env: dict[str, str]) -> list[tuple[int, str]]:
    """Start ``writers`` processes, then let them all run ``command`` at the same moment;
    each one's exit status and ``output | errors``."""
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
        if process.returncode != 0:
            raise RuntimeError(err)
        status, _, text = out.strip().partition(" ")
        results.append((int(status), text))
    return results


def one_issue(number: int = 5) -> Issue:
    item = Item("县开发区做好融资服务", ("聚焦重点企业。",), "开发区")
    return Issue(series="工作动态", number=number, sections=(Section("民生保障", (item,)),))


def concurrent_adds(folder: Path, writers: int, count: int) -> dict[str, float]:
    archive = Archive(folder / f"adds-{writers}x{count}")
    path = archive.create(one_issue()).path
    arguments = [[str(archive.root), path.name, f"w{w}", str(count)] for w in range(writers)]
    start = time.perf_counter()
    lines = run_writers(ADDS, arguments, writer_env(folder))
    seconds = time.perf_counter() - start
    reported = {line.split()[1] for line in lines if line.startswith("saved ")}
    present = {item.title for item in archive.load(path).issue.items}
    return {
        "reported": len(reported),
        "refused": sum(not line.startswith("saved ") for line in lines),
        "present": len(reported & present),
        "lost": len(reported - present),
        "seconds": seconds,
    }


def concurrent_imports(folder: Path, rounds: int) -> dict[str, int]:
    source = folder / "bulletin.txt"
    source.write_text(IMPORTED, encoding="utf-8")
    target_folder = folder / "imports"
    one_winner = 0
    for _ in range(rounds):
        results = race(["import", "--archive", str(target_folder), str(source)], 2,
                       writer_env(folder))  # fmt: skip
        one_winner += sum(status == 0 for status, _ in results) == 1
        shutil.rmtree(target_folder)
    return {"rounds": rounds, "one_winner": one_winner}


def save_cost(folder: Path, siblings: int) -> dict[str, float]:
    archive = Archive(folder / f"save-{siblings}")
    path = archive.create(one_issue()).path
    for number in range(siblings - 1):
        (archive.root / f"other-{number}.toml").write_bytes(path.read_bytes())
    item = Item("基准测试条目", ("正文。",), "单位")

    def locked() -> None:
        archive.update(path, lambda document: document.add_item("民生保障", item))

    def bare() -> None:  # the same read, change and check-and-replace, without the lock
        from bulletin_tui.tomledit import IssueDocument

        raw = path.read_bytes()
        document = IssueDocument(raw.decode("utf-8"))
        document.add_item("民生保障", item)
        check_and_write(path, document.text().encode("utf-8"), based_on=raw)

    locked_ms = statistics.median(timings(locked, 15, warm_up=True)) * 1000
    bare_ms = statistics.median(timings(bare, 15, warm_up=True)) * 1000
    return {"locked_ms": locked_ms, "bare_ms": bare_ms, "ratio": locked_ms / bare_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="import races (default 20)")
    parser.add_argument("--siblings", type=int, default=5000, help="files in the big folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bulletin-concurrent-"))
    try:
        figures = {
            "adds_2x50": concurrent_adds(folder, 2, 50),
            "adds_4x25": concurrent_adds(folder, 4, 25),
            "imports": concurrent_imports(folder, args.rounds),
            "save_1_file": save_cost(folder, 1),
            f"save_{args.siblings}_files": save_cost(folder, args.siblings),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name in ("adds_2x50", "adds_4x25"):
        run = figures[name]
        print(f"{name}: {run['reported']} reported saved, {run['present']} present, "
              f"{run['lost']} lost, {run['refused']} refused ({run['seconds']:.1f} s)")  # fmt: skip
    imports = figures["imports"]
    print(f"imports: {imports['one_winner']} of {imports['rounds']} rounds had exactly one winner")
    for name in ("save_1_file", f"save_{args.siblings}_files"):
        cost = figures[name]
        print(f"{name}: {cost['locked_ms']:.2f} ms with the lock, {cost['bare_ms']:.2f} ms "
              f"without, ratio {cost['ratio']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()

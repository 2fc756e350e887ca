"""A very long item in the reader, as a person sees it in a terminal: from starting
``bulletin`` to the first screen of an item whose body is a megabyte (about 350,000
characters), then how long a key takes to move the tree while that item is on screen;
against the bare Textual app's start and the same reader on an ordinary item.

    python benchmarks/bench_large_item.py [--characters 350000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.startup import bulletin_command, time_bare
from benchmarks.terminal import run_in_terminal
from bulletin_tui.archive import Archive
from bulletin_tui.index import Index
from bulletin_tui.model import Issue, Item, Section

SENTENCE = "聚焦辖区内重点企业，主动对接金融机构，实现送贷上门。"


def make(folder: Path, characters: int) -> Archive:
    """One issue: the long item first, an ordinary one after it."""
    body = (SENTENCE * (characters // len(SENTENCE) + 1))[:characters]
    long_item = Item("很长的条目", (body,), "开发区")
    short = Item("短条目在此", ("短正文。",), "教体局")
    archive = Archive(folder)
    archive.create(Issue(series="工作动态", number=5, date=dt.date(2024, 4, 10),
                         sections=(Section("助企服务", (long_item, short)),)))  # fmt: skip
    return archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=350_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bulletin-large-"))
    try:
        measure(folder, args.characters, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path, characters: int, runs: int) -> None:
    """Time the runs in ``folder`` and print the figures."""
    env = {"BULLETIN_CACHE": str(folder / "cache")}
    archive = make(folder / "issues", characters)
    size = sum(path.stat().st_size for path in archive.files())
    Index(archive, folder / "cache").refresh()  # a warm cache, as every later start has
    command = [*bulletin_command(), "--archive", str(archive.root)]
    waits = {
        "first screen": lambda screen: "　　" + SENTENCE[:6] in screen,
        "key answered": lambda screen: "短正文" in screen,
    }
    firsts, keys, bares = [], [], []
    for _ in range(runs):
        run = run_in_terminal(command, waits, env=env, send={"first screen": b"j"})
        first, answered = run.seen["first screen"], run.seen["key answered"]
        if first is None or answered is None:
            raise SystemExit(f"the reader never showed the item or answered: {run.screen}")
        firsts.append(first)
        keys.append(answered - first)
        bares.append(time_bare("短正文").seen["first item"])
    print(f"{'file':<34}{size / 1e6:>10.2f} MB")
    print(f"{'first screen of the long item':<34}{statistics.median(firsts):>10.3f} s")
    print(f"{'bare Textual app, first text':<34}{statistics.median(bares):>10.3f} s")
    print(f"{'ratio':<34}{statistics.median(firsts) / statistics.median(bares):>10.2f}")
    print(f"{'a key (j) answered after it':<34}{statistics.median(keys):>10.3f} s")


if __name__ == "__main__":
    main()

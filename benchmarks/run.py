"""The archive-at-scale figures, each beside what it is measured against, in one run.

    python benchmarks/run.py --issues 5000 [--json] [--folder DIR]

Builds a synthetic archive (fixed seed) in a temporary folder (or in ``--folder``, kept
and reused by later runs), then measures: the cold index build against a plain
``tomllib`` parse of the same files; the time from starting ``bulletin`` in a terminal
to the newest issue's first item being readable (cache warm, median of 5) against a bare
Textual app with the same widgets, and the reader's peak memory (see
``benchmarks/startup.py``); a cold start's progress bar and first item against the end
of its build; in-process search p50/p95 for 1-, 2- and 4-character and two-term queries;
``bulletin search`` as a whole process against ``grep -rF``; saving one item.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.startup import cold_start, warm_start
from benchmarks.synthetic import make_archive, sample_items, timings
from bulletin_tui.archive import Archive
from bulletin_tui.index import Index
from bulletin_tui.model import Item
from bulletin_tui.search import search

TARGETS = {
    "first_item_ratio": 1.5,
    "cold_build_ratio": 2.5,
    "search_p95_ms": 30,
    "cli_selective_search_ratio": 1.2,
    "save_ms": 50,
    "peak_memory_mb": 250,
}
#: Targets set for an archive of at least so many issues: below it the whole process's
#: fixed start (Python, click: see python_click_start_ms) outweighs a grep of few files.
TARGETS_FROM = {"cli_selective_search_ratio": 20_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--folder", type=Path, help="keep the archive here, and reuse it")
    parser.add_argument("--runs", type=int, default=5, help="starts of each app to time")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="bulletin-bench-"))
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["BULLETIN_CACHE"] = str(cache)
    figures: dict[str, float | None] = {}
    try:
        issues = folder / "issues"
        if args.folder is None or not issues.is_dir():
            make_archive(issues, args.issues)
        archive = Archive(issues)
        files = archive.files()
        figures["files"] = len(files)
        figures["megabytes"] = round(sum(p.stat().st_size for p in files) / 1e6, 1)

        start = time.perf_counter()
        for path in files:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        figures["tomllib_parse_s"] = time.perf_counter() - start
        index = Index(archive, keep_text=True)  # as the reader keeps it
        start = time.perf_counter()
        index.refresh()
        figures["cold_build_s"] = time.perf_counter() - start
        figures["cold_build_ratio"] = figures["cold_build_s"] / figures["tomllib_parse_s"]

        env = {"BULLETIN_CACHE": str(cache)}
        figures.update(warm_start(archive.root, env, args.runs))

        rnd = random.Random(7)
        text = "".join(body for _, body in sample_items())
        words = [w for w in (text[i : i + 4] for i in range(0, len(text) - 4, 7)) if w.isalpha()]
        queries = {
            "1 char": [[w[0]] for w in rnd.sample(words, 20)],
            "2 chars": [[w[:2]] for w in rnd.sample(words, 20)],
            "4 chars": [[w] for w in rnd.sample(words, 20)],
            "two terms": [
                [a[:2], b]
                for a, b in zip(rnd.sample(words, 20), rnd.sample(words, 20), strict=True)
            ],
        }
        index.prepare_search()  # as the reader does once the tree is filled
        worst = 0.0
        for name, terms_list in queries.items():
            runs = [timings(lambda terms=terms: search(index, terms, limit=200), 1)[0] * 1000
                    for terms in terms_list]  # fmt: skip
            runs.sort()
            figures[f"search_{name}_p50_ms"] = statistics.median(runs)
            figures[f"search_{name}_p95_ms"] = runs[int(len(runs) * 0.95) - 1]
            worst = max(worst, figures[f"search_{name}_p95_ms"])
        figures["search_p95_ms"] = worst

        # Two queries for the whole process: a word of the sample (in about a quarter of
        # the items: the synthetic text is cut from one bulletin) and an item's own mark
        # "（N-1）" (one item or a few: the search for a known piece of text).
        bulletin = shutil.which("bulletin") or str(Path(sys.executable).parent / "bulletin")
        for name, query in (("cli", words[3]), ("cli_selective", f"{args.issues // 2}-1")):
            cli_command = [bulletin, "search", query, "--archive", str(archive.root)]
            done = subprocess.run(cli_command, capture_output=True, check=True, text=True)
            figures[f"{name}_hits"] = int(done.stderr.split()[0])
            cli = timings(lambda c=cli_command: subprocess.run(c, capture_output=True, check=True))
            grep_command = ["grep", "-rF", query, str(archive.root)]
            grep = timings(lambda g=grep_command: subprocess.run(g, capture_output=True))
            figures[f"{name}_search_ms"] = statistics.median(cli) * 1000
            figures[f"{name}_grep_ms"] = statistics.median(grep) * 1000
            figures[f"{name}_search_ratio"] = (
                figures[f"{name}_search_ms"] / figures[f"{name}_grep_ms"]
            )
        start_up = [sys.executable, "-c", "import click"]
        figures["python_click_start_ms"] = (
            statistics.median(timings(lambda: subprocess.run(start_up, check=True))) * 1000
        )

        target = Archive(archive.root)
        path = files[len(files) // 2]

        def save() -> None:
            issue_file = target.load(path)
            section = issue_file.issue.sections[0].name
            target.edit(
                issue_file, lambda d: d.add_item(section, Item("基准测试条目", ("正文。",), "单位"))
            )

        figures["save_ms"] = statistics.median(timings(save)) * 1000

        figures.update(cold_start(archive.root, env))
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            shutil.rmtree(cache, ignore_errors=True)

    if args.json:
        rounded = {k: None if v is None else round(v, 3) for k, v in figures.items()}
        print(json.dumps(rounded, indent=2))
        return
    for key, value in figures.items():
        if value is None:
            print(f"{key:<28}{'never':>12}")
            continue
        goal = TARGETS.get(key)
        if goal is not None and figures["files"] < TARGETS_FROM.get(key, 0):
            goal = None  # the target is for a larger archive
        mark = "" if goal is None else ("  ok" if value <= goal else f"  over target {goal}")
        print(f"{key:<28}{value:>12.3f}{mark}")


if __name__ == "__main__":
    main()

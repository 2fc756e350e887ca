"""How long ``bulletin lint`` takes on a whole archive, as a whole process, against a plain
``tomllib`` parse of the same files in a process of its own (the baseline, same run).

Run: ``python benchmarks/bench_lint.py --issues 5000``. The archive is generated in a
temporary folder from the sample's vocabulary with a fixed seed (benchmarks/synthetic.py).
Each command runs ``--repeat`` times, one after the other in turn; the median wall time
(what a person waits for) and the median CPU time (user + system, which a busy machine
disturbs less) are printed with their ratios to the baseline's medians. ``lint, cold``
starts each run without the lint cache (every file parsed, the cache written); ``lint``
and ``lint --json`` run with it as the previous run left it (nothing changed: no file
parsed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.synthetic import make_archive

TARGET_RATIO = 1.5

BASELINE = """
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.toml")):
    tomllib.loads(path.read_bytes().decode("utf-8"))
"""


def measure(command: list[str], before: Callable[[], None] | None = None) -> tuple[float, float]:
    """Wall time and CPU time (the child's user + system) of one run of ``command``."""
    if before is not None:
        before()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--archive", type=Path, help="Lint this archive instead of a new one.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.archive or Path(scratch) / "issues"
        if args.archive is None:
            make_archive(folder, args.issues)
        cache = Path(scratch) / "cache"
        bulletin = ["env", f"BULLETIN_CACHE={cache}", sys.executable, "-m", "bulletin_tui",
                    "lint", "--archive", str(folder)]  # fmt: skip
        runs: dict[str, tuple[list[str], Callable[[], None] | None]] = {
            "tomllib": ([sys.executable, "-c", BASELINE, str(folder)], None),
            "lint, cold": (bulletin, lambda: shutil.rmtree(cache, ignore_errors=True)),
            "lint": (bulletin, None),
            "lint --json": ([*bulletin, "--json"], None),
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(args.repeat):  # in turn: a change in the machine's load touches all
            for name, (command, before) in runs.items():
                times[name].append(measure(command, before))
        figures = {
            name: (median(wall for wall, _ in pairs), median(cpu for _, cpu in pairs))
            for name, pairs in times.items()
        }
        findings = subprocess.run([*bulletin, "--json"], capture_output=True, text=True).stdout
        count = len(json.loads(findings))
    base_wall, base_cpu = figures["tomllib"]
    result = {
        "issues": args.issues if args.archive is None else None,
        "findings": count,
        **{
            name: {
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "wall_ratio": round(wall / base_wall, 2),
                "cpu_ratio": round(cpu / base_cpu, 2),
            }
            for name, (wall, cpu) in figures.items()
        },
        "target_ratio": TARGET_RATIO,
        "load_average": os.getloadavg(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['issues'] or folder} issues, {count} findings, median of {args.repeat},"
        f" load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}"
    )
    for name, (wall, cpu) in figures.items():
        print(f"{name:<13} wall {wall:7.2f} s  ({wall / base_wall:4.2f} ×)   "
              f"cpu {cpu:7.2f} s  ({cpu / base_cpu:4.2f} ×)")  # fmt: skip
    print(f"target: lint ≤ {TARGET_RATIO} × the tomllib parse (wall)")


if __name__ == "__main__":
    main()

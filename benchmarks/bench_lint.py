"""How long ``bulletin lint`` takes on a whole archive, as a whole process, against a plain
``tomllib`` parse of the same files in a process of its own (the baseline, same run).

Run: ``python benchmarks/bench_lint.py --issues 5000``. The archive is generated in a
temporary folder from the sample's vocabulary with a fixed seed (benchmarks/synthetic.py).
Each command runs ``--repeat`` times; the best wall time and the best CPU time (user +
system, which a busy machine disturbs less) are printed with their ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.synthetic import make_archive

TARGET_RATIO = 1.5

BASELINE = """
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.toml")):
    tomllib.loads(path.read_bytes().decode("utf-8"))
"""


def measure(command: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (children's user + system) of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


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
        cache = ["env", f"BULLETIN_CACHE={scratch}/cache"]
        bulletin = [*cache, sys.executable, "-m", "bulletin_tui", "lint", "--archive", str(folder)]
        runs = {
            "tomllib": [sys.executable, "-c", BASELINE, str(folder)],
            "lint": bulletin,
            "lint --json": [*bulletin, "--json"],
        }
        figures = {name: measure(command, args.repeat) for name, command in runs.items()}
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
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['issues'] or folder} issues, {count} findings")
    for name, (wall, cpu) in figures.items():
        print(f"{name:<12} wall {wall:7.2f} s  ({wall / base_wall:4.2f} ×)   "
              f"cpu {cpu:7.2f} s  ({cpu / base_cpu:4.2f} ×)")  # fmt: skip
    print(f"target: lint ≤ {TARGET_RATIO} × the tomllib parse")


if __name__ == "__main__":
    main()

"""How importing scales with the number of sections: 200 against 2,000.

A bulletin of N sections (one item each) goes through ``bulletin import`` (parsed,
written as a new issue file through the TOML edit path, read back). Linear work gives a
ratio near 10 for ten times the sections; the target is at most 12 (finding a section
by walking them all once made 2,000 sections take 14.5 s).
Run: ``python benchmarks/bench_sections.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from click.testing import CliRunner

from benchmarks.synthetic import UNITS, timings
from bulletin_tui.cli import cli


def bulletin_text(sections: int) -> str:
    """``sections`` sections of one item each, as a Word copy would give them."""
    lines = ["工作动态", "第5期", "中共延津县委办公室　　2024年4月10日", "━" * 20]
    for number in range(sections):
        unit = UNITS[number % len(UNITS)]
        lines += [f"【栏目{number + 1}】", f"第{number + 1}项工作取得进展",
                  f"　　围绕第{number + 1}项重点任务，扎实推进各项工作。（{unit}）"]  # fmt: skip
    lines.append("本期发：县委常委，副县长。")
    return "\n".join(lines) + "\n"


def import_once(text_file: Path, archive: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", str(text_file), "--archive", str(archive), "--force"],
        catch_exceptions=False,
    )  # fmt: skip
    if result.exit_code != 0:
        raise SystemExit(f"import failed: {result.output}")


def measure(sections: int, repeat: int, folder: Path) -> dict[str, float | int]:
    text_file = folder / f"sections-{sections}.txt"
    text_file.write_text(bulletin_text(sections), encoding="utf-8")
    archive = folder / f"archive-{sections}"
    runs = timings(lambda: import_once(text_file, archive), repeat, warm_up=True)
    return {"sections": sections, "best_s": min(runs), "median_s": statistics.median(runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small = measure(args.small, args.repeat, Path(folder))
        large = measure(args.large, args.repeat, Path(folder))
    ratio = large["median_s"] / small["median_s"]
    if args.json:
        print(json.dumps({"small": small, "large": large, "ratio": ratio}, indent=2))
        return
    for row in (small, large):
        print(f"{row['sections']:>6} sections: median {row['median_s'] * 1000:8.1f} ms"
              f"  (best {row['best_s'] * 1000:.1f} ms)")  # fmt: skip
    print(
        f"ratio {large['sections'] / small['sections']:.0f}x the sections: {ratio:.2f}"
        " (target: at most 12)"
    )


if __name__ == "__main__":
    main()

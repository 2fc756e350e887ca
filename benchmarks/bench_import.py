"""How long importing plain bulletin text takes: the sample, and a 60-item bulletin.

Prints, for each input, the best and median time of repeated imports and the ratio to a
baseline measured in the same run: decoding the bytes and splitting them into lines
(the least any importer must do). Run: ``python benchmarks/bench_import.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.synthetic import SAMPLE, pdf_like_bulletin, timings
from bulletin_tui.plaintext import import_bytes


def measure(name: str, data: bytes, repeat: int) -> dict[str, float | str | int]:
    result = import_bytes(data, series="工作动态")
    imported = timings(lambda: import_bytes(data, series="工作动态"), repeat, warm_up=True)
    baseline = timings(lambda: data.decode("utf-8").splitlines(), repeat, warm_up=True)
    return {
        "input": name,
        "bytes": len(data),
        "items": len(result.issue.items),
        "import_best_ms": min(imported) * 1000,
        "import_median_ms": statistics.median(imported) * 1000,
        "baseline_median_ms": statistics.median(baseline) * 1000,
        "ratio": statistics.median(imported) / statistics.median(baseline),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [
        measure("sample (7 items)", SAMPLE.read_bytes(), args.repeat),
        measure("synthetic (60 items)", pdf_like_bulletin(60).encode("utf-8"), args.repeat),
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print(f"{'input':<22}{'bytes':>8}{'items':>7}{'best ms':>10}{'median ms':>11}"
          f"{'baseline ms':>13}{'ratio':>9}")  # fmt: skip
    for row in rows:
        print(f"{row['input']:<22}{row['bytes']:>8}{row['items']:>7}"
              f"{row['import_best_ms']:>10.2f}{row['import_median_ms']:>11.2f}"
              f"{row['baseline_median_ms']:>13.3f}{row['ratio']:>9.0f}")  # fmt: skip


if __name__ == "__main__":
    main()

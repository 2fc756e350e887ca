"""How long `bulletin export` takes for a 20-item issue: PDF and Word against plain text.

Each figure is the whole process (`python -m bulletin_tui export …`, start-up included),
as an office editor runs it, measured in the same run: the plain-text export is the
baseline, and the ratios say what the printed layout costs on top (target: PDF ≤ 4 ×
text). Run: ``python benchmarks/bench_export.py [--repeat N] [--json]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

import pypdfium2

from benchmarks.synthetic import SECTIONS, UNITS, sample_items
from bulletin_tui.archive import Archive
from bulletin_tui.model import Distribution, Issue, Item, Section


def twenty_item_issue(seed: int = 1) -> Issue:
    """Four sections of five items, bodies of two to three paragraphs cut from the sample."""
    rnd = random.Random(seed)
    material = sample_items()
    sections = []
    for name in SECTIONS[:4]:
        items = []
        for _ in range(5):
            title, body = rnd.choice(material)
            paragraphs = tuple(rnd.choice(material)[1][:300] for _ in range(rnd.randint(2, 3)))
            items.append(Item(title, (body[:300], *paragraphs[1:]), rnd.choice(UNITS)))
        sections.append(Section(name, tuple(items)))
    return Issue(
        series="工作动态", number=20, total=180, date=dt.date(2024, 10, 8),
        publisher="中共延津县委办公室", copies=80,
        distribution=(Distribution("本期发", ("县委常委", "县人大正副主任", "副县长")),),
        sections=tuple(sections),
    )  # fmt: skip


def run(folder: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bulletin_tui", "export", *args, "--archive", str(folder / "a")],
        check=True, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        issue_file = Archive(folder / "a").create(twenty_item_issue())
        stem = issue_file.path.stem
        figures: dict[str, list[float]] = {"text": [], "docx": [], "pdf": []}
        for _ in range(options.repeat + 1):  # the first round warms the page cache
            for fmt in figures:
                target = f"out.{fmt}"
                figures[fmt].append(run(folder, stem, "--format", fmt, "-o", target, "--force"))
        pages = len(pypdfium2.PdfDocument((folder / "out.pdf").read_bytes()))
    median = {fmt: statistics.median(times[1:]) * 1000 for fmt, times in figures.items()}
    result = {
        "items": len(issue_file.issue.items),
        "text_ms": median["text"],
        "docx_ms": median["docx"],
        "pdf_ms": median["pdf"],
        "docx_ratio": median["docx"] / median["text"],
        "pdf_ratio": median["pdf"] / median["text"],
        "pdf_pages": pages,
    }
    if options.json:
        print(json.dumps(result, indent=2))
        return
    print(f"20-item issue, whole process, median of {options.repeat}:")
    print(f"  text  {median['text']:7.1f} ms  (baseline)")
    print(f"  docx  {median['docx']:7.1f} ms  ratio {result['docx_ratio']:.2f}")
    ratio = result["pdf_ratio"]
    print(f"  pdf   {median['pdf']:7.1f} ms  ratio {ratio:.2f}  (target ≤ 4; {pages} pages)")


if __name__ == "__main__":
    main()

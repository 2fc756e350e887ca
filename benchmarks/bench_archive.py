"""How long reading an archive takes: ``Archive.scan`` against a bare ``tomllib`` parse of
the same files (the baseline, measured in the same run).

Run: ``python benchmarks/bench_archive.py --issues 500``. The archive is generated in a
temporary folder from the sample's vocabulary with a fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import tomllib
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.synthetic import SECTIONS, UNITS, sample_items
from bulletin_tui.archive import Archive
from bulletin_tui.model import Issue, Item, Section


def make_archive(folder: Path, count: int, seed: int = 1) -> Archive:
    """``count`` issues of 3–5 sections with 2–3 items each, bodies cut from the sample."""
    rnd = random.Random(seed)
    material = sample_items()
    archive = Archive(folder)
    start = dt.date(2015, 1, 1)
    for number in range(count):
        sections = []
        for name in rnd.sample(SECTIONS, rnd.randint(3, 5)):
            items = []
            for index in range(rnd.randint(2, 3)):
                title, body = rnd.choice(material)
                items.append(Item(f"{title}（{number}-{index}）", (body[: rnd.randint(200, 400)],),
                                  rnd.choice(UNITS)))  # fmt: skip
            sections.append(Section(name, tuple(items)))
        issue = Issue(series=rnd.choice(["工作动态", "政务信息", "督查专报"]),
                      number=number % 52 + 1, date=start + dt.timedelta(days=number * 2),
                      publisher="中共延津县委办公室", sections=tuple(sections))  # fmt: skip
        archive.create(replace(issue))
    return archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = make_archive(Path(folder), args.issues)
        files = archive.files()
        size = sum(path.stat().st_size for path in files)
        start = time.perf_counter()
        for path in files:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        listing = archive.scan()
        scan = time.perf_counter() - start
    items = sum(len(f.issue.items) for f in listing.issues)
    print(f"{len(files)} files, {items} items, {size / 1e6:.1f} MB")
    print(f"plain tomllib parse   {baseline * 1000:8.0f} ms")
    print(f"Archive.scan          {scan * 1000:8.0f} ms   ratio {scan / baseline:.2f}")


if __name__ == "__main__":
    main()

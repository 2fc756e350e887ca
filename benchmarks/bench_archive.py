"""How long reading an archive takes: ``Archive.scan`` against a bare ``tomllib`` parse of
the same files (the baseline, measured in the same run).

Run: ``python benchmarks/bench_archive.py --issues 500``. The archive is generated in a
temporary folder from the sample's vocabulary with a fixed seed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks.synthetic import make_archive


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

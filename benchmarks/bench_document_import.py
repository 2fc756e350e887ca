"""How long importing a folder of PDFs takes, against the same issues as plain text.

Makes N issues (the bundled one renumbered), writes each as a PDF (reportlab, hard-wrapped,
the maker the tests use) and as the circulation text, then times the whole process
``bulletin import FOLDER --dry-run`` over each folder. Prints seconds, ms per file and
the ratio PDF / text. Run: ``python benchmarks/bench_document_import.py [--files 200]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from bulletin_tui.archive import Archive  # noqa: E402
from bulletin_tui.plaintext import export_text  # noqa: E402
from tests.docmaker import write_pdf  # noqa: E402


def whole_process(folder: Path) -> float:
    """Seconds for ``bulletin import FOLDER --dry-run`` as a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_tui", "import", str(folder), "--dry-run",
         "--archive", str(folder.parent / "archive")],
        capture_output=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode()[-2000:])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    bundled = Archive(ROOT / "issues").scan().issues[0].issue
    with tempfile.TemporaryDirectory() as temp:
        pdfs, texts = Path(temp) / "pdf", Path(temp) / "text"
        pdfs.mkdir()
        texts.mkdir()
        for number in range(1, args.files + 1):
            issue = dataclasses.replace(
                bundled, number=number % 60 + 1, date=dt.date(2000 + number // 60, 1, 1)
            )
            write_pdf(pdfs / f"{number:04d}.pdf", issue)
            (texts / f"{number:04d}.txt").write_text(export_text(issue), encoding="utf-8")
        text_seconds = whole_process(texts)
        pdf_seconds = whole_process(pdfs)
    print(f"{'folder':<8}{'files':>7}{'seconds':>10}{'ms/file':>10}")
    for name, seconds in (("text", text_seconds), ("pdf", pdf_seconds)):
        print(f"{name:<8}{args.files:>7}{seconds:>10.2f}{seconds / args.files * 1000:>10.1f}")
    print(f"ratio pdf/text: {pdf_seconds / text_seconds:.1f}")


if __name__ == "__main__":
    main()

"""Make docs/pdf-page1.png: page 1 of the bundled issue's PDF, as the README shows it.

Run from the repository root: ``python docs/make_pdf_preview.py``. The PDF is made as
``bulletin export issues/工作动态-2024-005.toml --format pdf`` makes it, with the fonts of
the machine (the picture was made with Debian's fonts-noto-cjk standing in for the
conventional 方正小标宋 / 仿宋_GB2312), and page 1 is drawn at 100 dpi by pypdfium2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2

from bulletin_tui.archive import Archive
from bulletin_tui.documents.pdf_writer import export_pdf

ROOT = Path(__file__).parent.parent
DPI = 100


def main() -> None:
    archive = Archive(ROOT / "issues")
    issue = archive.load(archive.resolve("工作动态-2024-005")).issue
    pdf = export_pdf(issue, warn=lambda stand_in: print(stand_in, file=sys.stderr))
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=DPI / 72).to_pil().convert("RGB")
    # A palette of 32 colours keeps the picture small: black text, red masthead, greys.
    image = image.quantize(colors=32)
    target = ROOT / "docs" / "pdf-page1.png"
    image.save(target, optimize=True)
    print(
        f"{target.relative_to(ROOT)}: {image.width}×{image.height}, {target.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()

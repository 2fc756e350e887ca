"""Documents the tests make themselves: PDFs with reportlab, Word files with python-docx.

The PDFs use reportlab's built-in CID font STSong-Light (nothing embedded, half-width
brackets where the text has them) and hard-wrap every line, as offices' PDFs do. Bold is
drawn the way Word prints a font without a bold face: fill and stroke (render mode 2).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bulletin_tui.cjk import char_width
from bulletin_tui.model import Issue
from bulletin_tui.plaintext.common import attribution, format_distribution
from bulletin_tui.plaintext.exporter import masthead_lines
from tests.layouts import wrap

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
LEFT, TOP, BOTTOM = 80.0, 90.0, 80.0
BODY_SIZE = 15.0
COLUMNS = 28  # characters of the body a line


@dataclass(frozen=True)
class Run:
    """Text drawn in one go: bold (fill and stroke) or not, at a size."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class PrintedLine:
    """One line of the page: its runs, indent in characters, centred, font size."""

    runs: tuple[Run, ...]
    indent: int = 0
    centred: bool = False
    size: float = BODY_SIZE
    gap_before: float = 0.0


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap_runs(runs: list[Run], first_width: int, width: int) -> list[tuple[Run, ...]]:
    """Wrap a paragraph made of runs at display widths, keeping each run's boldness."""
    text = "".join(run.text for run in runs)
    flags = [run.bold for run in runs for _ in run.text]
    lines: list[tuple[Run, ...]] = []
    start = 0
    for piece in _wrapped(text, first_width, width):
        pieces: list[Run] = []
        for offset, char in enumerate(piece):
            bold = flags[start + offset]
            if pieces and pieces[-1].bold == bold:
                pieces[-1] = Run(pieces[-1].text + char, bold)
            else:
                pieces.append(Run(char, bold))
        lines.append(tuple(pieces))
        start += len(piece)
    return lines


def _wrapped(text: str, first_width: int, width: int) -> Iterator[str]:
    first = wrap(text, first_width)[0]
    yield first
    rest = text[len(first) :]
    if rest:
        yield from wrap(rest, width)


def issue_lines(issue: Issue, *, run_in: bool = True, letter_spaced: bool = True,
                columns: int = COLUMNS) -> list[PrintedLine]:  # fmt: skip
    """The printed lines of an issue: masthead, sections, items (run-in or headline alone),
    footer."""
    width = columns * 2
    lines: list[PrintedLine] = []
    series = " ".join(issue.series) if letter_spaced else issue.series
    lines.append(PrintedLine((Run(series),), centred=True, size=36))
    for text in masthead_lines(issue, None)[1:]:
        if set(text) <= set("━"):
            continue
        lines.append(PrintedLine((Run(text),), centred=True, gap_before=6))
    lines.append(PrintedLine((Run("━" * (columns - 2)),), gap_before=4))
    for section in issue.sections:
        if section.name:
            lines.append(PrintedLine((Run(f"【{section.name}】", bold=True),), gap_before=8))
        for item in section.items:
            body = list(item.body)
            body[-1] += attribution(item)
            if run_in:
                first = [Run(item.title, bold=True), Run(body[0])]
                for number, runs in enumerate(_wrap_runs(first, width - 4, width)):
                    lines.append(PrintedLine(runs, indent=2 if number == 0 else 0))
                rest = body[1:]
            else:
                for title_line in wrap(item.title, width - 8):
                    lines.append(PrintedLine((Run(title_line),), centred=True, size=17))
                rest = body
            for paragraph in rest:
                for number, runs in enumerate(_wrap_runs([Run(paragraph)], width - 4, width)):
                    lines.append(PrintedLine(runs, indent=2 if number == 0 else 0))
    lines.append(PrintedLine((Run("━" * (columns - 2)),), gap_before=12))
    for line in map(format_distribution, issue.distribution):
        for number, runs in enumerate(_wrap_runs([Run(line)], width - 4, width)):
            lines.append(PrintedLine(runs, indent=1 if number == 0 else 0))
    if issue.copies:
        lines.append(PrintedLine((Run(f"（共印{issue.copies}份）"),), gap_before=4))
    return lines


def make_pdf(lines: list[PrintedLine], *, page_numbers: str = "— {} —",
             running_header: str | None = None, half_width: bool = False) -> bytes:  # fmt: skip
    """Draw the lines on A4 pages with reportlab; a page number at the foot of each page
    and (from page 2) a running header."""
    from reportlab.pdfgen import canvas

    _register_font()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    page = 1
    y = PAGE_HEIGHT - TOP

    def finish_page() -> None:
        pdf.setFont(FONT, 12)
        if page_numbers:
            pdf.drawCentredString(PAGE_WIDTH / 2, BOTTOM - 40, page_numbers.format(page))
        if running_header and page > 1:
            pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - TOP + 40, running_header)

    for line in lines:
        height = line.size * 1.6 + line.gap_before
        if y - height < BOTTOM:
            finish_page()
            pdf.showPage()
            page += 1
            y = PAGE_HEIGHT - TOP
        y -= height
        text = "".join(run.text for run in line.runs)
        if half_width:
            text = text.replace("（", "(").replace("）", ")")
        used = sum(char_width(c) for c in text) * line.size / 2
        x = (PAGE_WIDTH - used) / 2 if line.centred else LEFT + line.indent * line.size
        pdf.saveState()  # the text render mode is graphics state: keep it to this line
        obj = pdf.beginText(x, y)
        obj.setFont(FONT, line.size)
        for run in line.runs:
            chunk = run.text
            if half_width:
                chunk = chunk.replace("（", "(").replace("）", ")")
            obj.setTextRenderMode(2 if run.bold else 0)
            obj.textOut(chunk)
        pdf.drawText(obj)
        pdf.restoreState()
    finish_page()
    pdf.save()
    return out.getvalue()


def write_pdf(path: Path, issue: Issue, **options: object) -> Path:
    """An issue as a reportlab PDF (see :func:`issue_lines` and :func:`make_pdf`)."""
    layout = {k: v for k, v in options.items() if k in ("run_in", "letter_spaced", "columns")}
    drawing = {k: v for k, v in options.items() if k not in layout}
    path.write_bytes(make_pdf(issue_lines(issue, **layout), **drawing))  # type: ignore[arg-type]
    return path


# -- Word -----------------------------------------------------------------------------------


def _bold_run(paragraph: object, text: str, *, bold: bool = True, size: float | None = None,
              font: str | None = None) -> object:  # fmt: skip
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _first_line_chars(paragraph: object, hundredths: int = 200) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), str(hundredths))
    ind.set(qn("w:firstLine"), str(hundredths * 16 // 10 * 2))
    ppr.append(ind)


def write_styled_docx(path: Path, issue: Issue, *, run_in: bool = False) -> Path:
    """A GB/T 9704-style Word file: red centred masthead in a large font, 第N期 and office
    and date, 【栏目】 in bold, headlines in bold (alone and centred, or run into the body),
    bodies indented two characters by the paragraph format (no typed spaces), 版记 in a
    table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _bold_run(head, " ".join(issue.series), bold=False, size=36, font="方正小标宋简体")
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    for text in masthead_lines(issue, None)[1:]:
        line = document.add_paragraph(text)
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("━" * 26)
    for section in issue.sections:
        if section.name:
            _bold_run(document.add_paragraph(), f"【{section.name}】", font="黑体")
        for item in section.items:
            body = list(item.body)
            body[-1] += attribution(item)
            if run_in:
                first = document.add_paragraph()
                _first_line_chars(first)
                _bold_run(first, item.title, font="楷体")
                first.add_run(body[0])
                body = body[1:]
            else:
                title = document.add_paragraph()
                title.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _bold_run(title, item.title, size=18)
            for text in body:
                paragraph = document.add_paragraph(text)
                _first_line_chars(paragraph)
    table = document.add_table(rows=0, cols=1)
    for line in map(format_distribution, issue.distribution):
        table.add_row().cells[0].text = line
    if issue.copies:
        table.add_row().cells[0].text = f"（共印{issue.copies}份）"
    document.save(str(path))
    return path


def write_plain_docx(path: Path, issue: Issue) -> Path:
    """A Word file typed without styles: every line a paragraph, indents as typed
    ideographic spaces, headline on its own line, nothing bold."""
    import docx

    document = docx.Document()
    for text in masthead_lines(issue, None):
        document.add_paragraph(text)
    for section in issue.sections:
        if section.name:
            document.add_paragraph(f"【{section.name}】")
        for item in section.items:
            body = list(item.body)
            body[-1] += attribution(item)
            document.add_paragraph(item.title)
            for text in body:
                document.add_paragraph("\u3000\u3000" + text)
    for line in map(format_distribution, issue.distribution):
        document.add_paragraph(line)
    if issue.copies:
        document.add_paragraph(f"（共印{issue.copies}份）")
    document.save(str(path))
    return path


def add_numbering(document: object, fmt: str = "chineseCounting", text: str = "%1、") -> str:
    """A list definition (one level) in the document's numbering part; returns its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    abstract_id = str(900 + len(numbering.findall(_w("abstractNum"))))
    num_id = str(900 + len(numbering.findall(_w("num"))))
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            "</w:lvl></w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def number_paragraph(paragraph: object, num_id: str) -> None:
    """Put a paragraph in the list ``num_id`` (level 0), as Word's numbering button does."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"


def append_xml(paragraph: object, xml: str) -> None:
    """Append raw WordprocessingML (``w:`` prefix bound) to a paragraph: tracked changes,
    content controls."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    wrapper = parse_xml(f"<w:wrapper {w}>{xml}</w:wrapper>")
    for element in list(wrapper):
        paragraph._p.append(element)  # type: ignore[attr-defined]

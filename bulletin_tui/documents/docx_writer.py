"""The issue as a Word file in the printed layout, through python-docx.

Formatting lives in named styles (正文, 标题, 栏目, 版记, 报头, 期号, 页码) so that an editor
can restyle the document in Word; runs carry only what differs (the bold of a run-in
headline). python-docx leaves several things to the XML, each done here by a recipe:
the East Asian font (``w:rFonts/@w:eastAsia``), the document grid (``w:docGrid``), the
first-line indent in characters (``w:ind/@w:firstLineChars``), the red rule (a paragraph's
bottom border) and the page numbers (a ``PAGE`` field in odd and even footers).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from bulletin_tui.documents.layout import Layout
from bulletin_tui.model import Issue
from bulletin_tui.plaintext.blocks import (
    Copies,
    DistributionLine,
    Headline,
    Masthead,
    Paragraph,
    Rule,
    SectionHeading,
    Writer,
    issue_blocks,
)

TWIPS_PER_PT = 20
#: What follows w:pBdr in a paragraph's properties (CT_PPr's sequence in the schema).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


#: What follows w:framePr in a paragraph's properties.
_AFTER_FRAMEPR = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", *_AFTER_PBDR)


def _child(parent: Any, tag: str) -> Any:
    """``parent``'s first ``tag`` child, appended when missing (for ``w:docGrid``, last in
    ``w:sectPr``)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_east_asian_font(rpr_owner: Any, family: str) -> None:
    """``font.name`` sets only the Latin font; Chinese text uses ``w:rFonts/@w:eastAsia``."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), family)


def set_first_line_chars(style: Any, chars: int, size_pt: float) -> None:
    """A first-line indent of ``chars`` characters (``firstLineChars`` is in hundredths)."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(round(chars * size_pt * TWIPS_PER_PT)))


def set_border(paragraph_format_owner: Any, side: str, size_pt: float, color: str) -> None:
    """A rule drawn as the paragraph's border on ``side`` (``w:sz`` is in eighths of a point)."""
    ppr = paragraph_format_owner.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # Word wants w:pBdr at its place in CT_PPr's sequence, before w:shd … w:jc.
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(round(size_pt * 8)))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), color.lstrip("#"))
    borders.append(edge)


def pin_to_page_foot(style_element: Any, width_mm: float) -> None:
    """Paragraphs of this style sit in one frame at the foot of the 版心 (``w:framePr``):
    the 版记 ends the last page however much text is above it."""
    ppr = style_element.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w:w", str(round(width_mm / 25.4 * 1440))),
        ("w:wrap", "notBeside"),
        ("w:vAnchor", "margin"),
        ("w:hAnchor", "margin"),
        ("w:xAlign", "center"),
        ("w:yAlign", "bottom"),
    ):
        frame.set(qn(name), value)
    ppr.insert_element_before(frame, *_AFTER_FRAMEPR)


def add_page_field(paragraph: Any) -> None:
    """``— N —`` with N a ``PAGE`` field, so Word numbers the pages itself."""
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = paragraph.add_run()
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    end = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    end._r.append(mark)
    paragraph.add_run(" —")


class DocxWriter(Writer[bytes]):
    """Blocks into paragraphs of named styles; the section's page set up once at the start."""

    NAME = "docx"

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.document = Document()
        self._make_styles()
        self._set_up_page()

    # -- page and styles -----------------------------------------------------------------

    def _set_up_page(self) -> None:
        layout = self.layout
        section = self.document.sections[0]
        section.page_width, section.page_height = (
            Mm(layout.PAGE_WIDTH_MM),
            Mm(layout.PAGE_HEIGHT_MM),
        )
        section.top_margin = Mm(layout.margins.top)
        section.bottom_margin = Mm(layout.margins.bottom)
        section.left_margin = Mm(layout.margins.left)
        section.right_margin = Mm(layout.margins.right)
        # The page number sits about 7 mm below the 版心.
        section.footer_distance = Mm(layout.margins.bottom - 7) - Pt(layout.sizes.page_number)
        grid = _child(section._sectPr, "w:docGrid")
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(round(layout.line_pitch_pt * TWIPS_PER_PT)))
        # charSpace: the difference from the body size, in 4096ths of a point.
        grid.set(qn("w:charSpace"), str(round((layout.char_pitch_pt - layout.sizes.body) * 4096)))
        self.document.settings.odd_and_even_pages_header_footer = True
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles["页码"]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
            )
            indent = Pt(layout.sizes.page_number)  # one character in from the edge
            if side == "right":
                paragraph.paragraph_format.right_indent = indent
            else:
                paragraph.paragraph_format.left_indent = indent
            add_page_field(paragraph)

    def _style(self, name: str, font: str, size: float, *, base: str = "正文") -> Any:
        styles = self.document.styles
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name != base:
            style.base_style = styles[base]
        style.next_paragraph_style = style if name == "正文" else styles["正文"]
        style.quick_style = True
        style.font.size = Pt(size)
        set_east_asian_font(style.element, font)
        style.paragraph_format.first_line_indent = None
        return style

    def _make_styles(self) -> None:
        layout, sizes, fonts = self.layout, self.layout.sizes, self.layout.fonts
        # Word and LibreOffice measure the character grid from Normal's size: it must be
        # the body's, or 28 characters a line become 21.
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(sizes.body)
        set_east_asian_font(normal.element, fonts.body[0])
        body = self._style("正文", fonts.body[0], sizes.body, base="Normal")
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.space_before = body.paragraph_format.space_after = Pt(0)
        set_first_line_chars(body, 2, sizes.body)
        headline = self._style("标题", fonts.headline[0], sizes.headline)
        headline.font.bold = True
        headline.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        headline.paragraph_format.keep_with_next = True
        headline.paragraph_format.space_before = Pt(layout.line_pitch_pt / 2)
        self._no_indent(headline)
        section = self._style("栏目", fonts.section[0], sizes.section)
        section.paragraph_format.keep_with_next = True
        section.paragraph_format.space_before = Pt(layout.line_pitch_pt / 2)
        self._no_indent(section)
        masthead = self._style("报头", fonts.masthead[0], sizes.masthead)
        masthead.font.bold = True
        masthead.font.color.rgb = RGBColor.from_string(layout.masthead_color.lstrip("#"))
        masthead.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        masthead.paragraph_format.space_before = Pt(18)
        masthead.paragraph_format.space_after = Pt(18)
        self._no_indent(masthead)
        numbers = self._style("期号", fonts.body[0], sizes.body)
        numbers.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._no_indent(numbers)
        office = self._style("编发", fonts.body[0], sizes.body)
        office.paragraph_format.space_after = Pt(12)
        self._no_indent(office)
        # The red rule under the masthead: the office-and-date line's bottom border.
        set_border(office.element, "bottom", layout.rule_width, layout.masthead_color)
        footer = self._style("版记", fonts.body[0], sizes.footer)
        footer.paragraph_format.left_indent = Pt(sizes.footer)
        footer.paragraph_format.right_indent = Pt(sizes.footer)
        footer.paragraph_format.keep_with_next = True
        self._no_indent(footer)
        for side, width in (("top", 1.0), ("bottom", 1.0), ("between", 0.75)):
            set_border(footer.element, side, width, "000000")
        pin_to_page_foot(footer.element, layout.text_width_mm)
        page_number = self._style("页码", fonts.page_number[0], sizes.page_number)
        self._no_indent(page_number)

    @staticmethod
    def _no_indent(style: Any) -> None:
        set_first_line_chars(style, 0, 0)

    # -- blocks --------------------------------------------------------------------------

    def _add(self, text: str, style: str) -> Any:
        return self.document.add_paragraph(text, style=style)

    def masthead(self, block: Masthead) -> None:
        self._add(block.series, "报头")
        if block.numbers:
            self._add(block.numbers, "期号")
        office = self._add(block.office, "编发")
        if block.date:
            # The date flush right on the office's line: a right tab at the 版心's edge.
            office.paragraph_format.tab_stops.add_tab_stop(
                Mm(self.layout.text_width_mm), alignment=2
            )
            office.add_run("\t" + block.date)

    def rule(self, block: Rule) -> None:
        """Both rules are paragraph borders (of 编发 and of 版记), drawn by their styles."""

    def section(self, block: SectionHeading) -> None:
        self._add(f"【{block.name}】", "栏目")

    def headline(self, block: Headline) -> None:
        self._add(block.text, "标题")

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self._add("", "正文")
        if block.lead:
            paragraph.add_run(block.lead + "\u3000").bold = True
        paragraph.add_run(block.text + block.attribution)

    def distribution(self, block: DistributionLine) -> None:
        self._add(block.text, "版记")

    def copies(self, block: Copies) -> None:
        line = self._add(block.office, "版记")
        right = Mm(self.layout.text_width_mm) - Pt(2 * self.layout.sizes.footer)
        line.paragraph_format.tab_stops.add_tab_stop(right, alignment=2)
        line.add_run(f"\t共印{block.count}份")

    def finish(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def export_docx(issue: Issue, layout: Layout | None = None, *, run_in: bool | None = None) -> bytes:
    """The issue as the bytes of a .docx file; ``run_in`` overrides ``layout.headline``."""
    layout = layout or Layout()
    run_in = layout.run_in if run_in is None else run_in
    return DocxWriter(layout).render(issue_blocks(issue, run_in=run_in))

"""The issue as a Word file in the printed layout, through python-docx.

Formatting lives in named styles (正文, 标题, 栏目, 版记, 报头, 期号, 页码) so that an editor
can restyle the document in Word; runs carry only what differs (the bold of a run-in
headline). python-docx leaves several things to the XML, each done here by a recipe:
the East Asian font (``w:rFonts/@w:eastAsia``), the line grid (``w:docGrid``), the
character spacing that puts 28 characters on a line (``w:rPr/w:spacing``), the first-line
indent in characters (``w:ind/@w:firstLineChars``), the red rule (a paragraph's bottom
border), the 版记 frame (``w:framePr``) and the page numbers (a ``PAGE`` field in odd and
even footers).

The grid is a line grid only, and the characters per line come from the body styles'
character spacing: LibreOffice does not squeeze characters into the cells of a
``linesAndChars`` grid as Word does (it gives a 16 pt character two 15.79 pt cells), while
every office suite lays out natural widths plus character spacing alike.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor, Twips

from bulletin_tui.cjk import wrap
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

#: What follows w:pBdr in a paragraph's properties (CT_PPr's sequence in the schema).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


#: CT_RPr's sequence in the schema, from w:spacing on (a new child goes before the later).
_RPR_ORDER = ("w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
              "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
              "w:rPrChange")  # fmt: skip

#: What follows w:framePr in a paragraph's properties.
_AFTER_FRAMEPR = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", *_AFTER_PBDR)


@dataclass(frozen=True)
class Grid:
    """The body's grid in twentieths of a point, as the file states the page: lines
    ``line_pitch`` apart and characters advancing by their size plus ``char_spacing``, both
    rounded down so that the lines per page and the characters per line fit the 版心."""

    line_pitch: int
    char_spacing: int

    @classmethod
    def of(cls, section: Any, layout: Layout, body_size: Length) -> Grid:
        """The grid of ``section``'s 版心 (its page size less its margins) for ``layout``."""
        width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
        height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
        return cls(
            line_pitch=height // layout.lines_per_page,
            char_spacing=width // layout.chars_per_line - body_size.twips,
        )


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


def _run_property(rpr_owner: Any, tag: str) -> Any:
    """``tag`` in the style's ``w:rPr``, added at its place in CT_RPr's sequence."""
    rpr = rpr_owner.get_or_add_rPr()
    found = rpr.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        rpr.insert_element_before(found, *_RPR_ORDER[_RPR_ORDER.index(tag) + 1 :])
    return found


def set_character_spacing(style: Any, twips: int) -> None:
    """Space added after each character (``w:spacing/@w:val``, twentieths of a point;
    negative condenses), which Word, WPS and LibreOffice all apply to natural widths."""
    _run_property(style.element, "w:spacing").set(qn("w:val"), str(twips))


def set_east_asian_language(style: Any, language: str) -> None:
    """The language of the Chinese text (``w:lang/@w:eastAsia``): line-breaking rules, and
    the font a suite picks when the named one is missing (Simplified Chinese glyphs, not
    the Japanese ones of python-docx's template)."""
    _run_property(style.element, "w:lang").set(qn("w:eastAsia"), language)


def set_off_grid(style: Any) -> None:
    """Lines of this style keep their own line spacing rather than whole grid lines
    (``w:snapToGrid w:val="0"``); LibreOffice would give a 22 pt line two of them."""
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_PBDR[_AFTER_PBDR.index("w:snapToGrid") + 1 :])


def set_first_line_chars(style: Any, chars: int, char_advance: Length) -> None:
    """A first-line indent of ``chars`` characters: ``firstLineChars`` (hundredths of a
    character) for Word and WPS, ``firstLine`` (``chars`` advances) for the others."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * char_advance.twips))


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


def pin_to_page_foot(ppr_owner: Any, width_mm: float) -> None:
    """Paragraphs of this style (or this paragraph) sit in one frame at the foot of the
    版心 (``w:framePr``): the 版记 ends the last page however much text is above it."""
    ppr = ppr_owner.get_or_add_pPr()
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
        section = self.document.sections[0]
        self._set_up_page(section)
        normal = self.document.styles["Normal"]
        # Word measures character units (firstLineChars) from Normal's size: the body's.
        normal.font.size = Pt(layout.sizes.body)
        self.grid = Grid.of(section, layout, normal.font.size)
        self._make_styles()
        self._set_up_grid_and_footers(section)

    # -- page and styles -----------------------------------------------------------------

    def _set_up_page(self, section: Any) -> None:
        layout = self.layout
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

    def _set_up_grid_and_footers(self, section: Any) -> None:
        layout = self.layout
        # Lines only: the characters per line come from the body styles' spacing.
        grid = _child(section._sectPr, "w:docGrid")
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(self.grid.line_pitch))
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

    def _style(
        self, name: str, font: str, size: float, *, base: str = "正文", on_grid: bool = False
    ) -> Any:
        """A paragraph style; ``on_grid`` ones keep the body's line pitch and character
        spacing, the others are set in their natural widths on single lines."""
        styles = self.document.styles
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name != base:
            style.base_style = styles[base]
        style.next_paragraph_style = style if name == "正文" else styles["正文"]
        style.quick_style = True
        style.font.size = Pt(size)
        set_east_asian_font(style.element, font)
        style.paragraph_format.first_line_indent = None
        if not on_grid:
            set_character_spacing(style, 0)
            style.paragraph_format.line_spacing = 1.0
        return style

    def _make_styles(self) -> None:
        layout, sizes, fonts, grid = self.layout, self.layout.sizes, self.layout.fonts, self.grid
        normal = self.document.styles["Normal"]
        set_east_asian_font(normal.element, fonts.body[0])
        set_east_asian_language(normal, "zh-CN")
        body = self._style("正文", fonts.body[0], sizes.body, base="Normal", on_grid=True)
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.space_before = body.paragraph_format.space_after = Pt(0)
        # Exactly one grid line a line, and 28 characters of natural width plus spacing.
        body.paragraph_format.line_spacing = Twips(grid.line_pitch)
        set_character_spacing(body, grid.char_spacing)
        set_first_line_chars(body, 2, Emu(body.font.size + Twips(grid.char_spacing)))
        headline = self._style("标题", fonts.headline[0], sizes.headline)
        headline.font.bold = True
        headline.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        headline.paragraph_format.keep_with_next = True
        headline.paragraph_format.space_before = Twips(grid.line_pitch // 2)
        # The body's leading under a 22 pt line, as in the PDF.
        headline.paragraph_format.line_spacing = Emu(
            Pt(sizes.headline) + Twips(grid.line_pitch) - body.font.size
        )
        set_off_grid(headline)
        self._no_indent(headline)
        section = self._style("栏目", fonts.section[0], sizes.section, on_grid=True)
        section.paragraph_format.keep_with_next = True
        section.paragraph_format.space_before = Twips(grid.line_pitch // 2)
        self._no_indent(section)
        masthead = self._style("报头", fonts.masthead[0], sizes.masthead)
        masthead.font.bold = True
        masthead.font.color.rgb = RGBColor.from_string(layout.masthead_color.lstrip("#"))
        masthead.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        masthead.paragraph_format.space_before = Pt(18)
        masthead.paragraph_format.space_after = Pt(18)
        self._no_indent(masthead)
        numbers = self._style("期号", fonts.body[0], sizes.body, on_grid=True)
        numbers.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._no_indent(numbers)
        office = self._style("编发", fonts.body[0], sizes.body, on_grid=True)
        office.paragraph_format.space_after = Pt(12)
        self._no_indent(office)
        # The red rule under the masthead: the office-and-date line's bottom border.
        set_border(office.element, "bottom", layout.rule_width, layout.masthead_color)
        footer = self._style("版记", fonts.body[0], sizes.footer)
        footer.paragraph_format.left_indent = Pt(sizes.footer)
        footer.paragraph_format.right_indent = Pt(sizes.footer)
        footer.paragraph_format.keep_with_next = True
        footer.paragraph_format.line_spacing = Twips(grid.line_pitch)
        self._no_indent(footer)
        for side, width in (("top", 1.0), ("bottom", 1.0), ("between", 0.75)):
            set_border(footer.element, side, width, "000000")
        pin_to_page_foot(footer.element, layout.text_width_mm)
        page_number = self._style("页码", fonts.page_number[0], sizes.page_number)
        self._no_indent(page_number)

    @staticmethod
    def _no_indent(style: Any) -> None:
        set_first_line_chars(style, 0, Twips(0))

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
        """A headline of more than one line is broken by hand, as print does it: Word and
        LibreOffice would leave its last character alone on a line (…整治工 / 作)."""
        per_line = int(self.layout.text_width_mm / 25.4 * 72 // self.layout.sizes.headline)
        lines = wrap(block.text, 2 * per_line, no_orphan=True)  # in display columns
        if max(map(len, _LATIN_RUN.findall(block.text)), default=0) > 2 * per_line:
            lines = [block.text]  # a Latin run wider than a line: Word breaks it, not we
        paragraph = self._add("", "标题")
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self._add("", "正文")
        if block.lead:
            paragraph.add_run(block.lead + "\u3000").bold = True
        paragraph.add_run(block.text + block.attribution)

    def _footer_line(self, text: str) -> Any:
        """A 版记 paragraph, framed in its own properties too: LibreOffice reads a frame
        only there, not from the style."""
        line = self._add(text, "版记")
        pin_to_page_foot(line._p, self.layout.text_width_mm)
        return line

    def distribution(self, block: DistributionLine) -> None:
        self._footer_line(block.text)

    def copies(self, block: Copies) -> None:
        line = self._footer_line(block.office)
        right = Mm(self.layout.text_width_mm) - Pt(2 * self.layout.sizes.footer)
        line.paragraph_format.tab_stops.add_tab_stop(right, alignment=2)
        line.add_run(f"\t共印{block.count}份")

    def _anchor_footer(self) -> None:
        """A one-point paragraph after the 版记: LibreOffice anchors a frame to the
        paragraph that follows it (else to the one before, the body's last, which may
        start a page too early), so the box lands on the last page there as in Word."""
        paragraphs = self.document.paragraphs
        if paragraphs and paragraphs[-1].style.name == "版记":
            self._add("", "正文").paragraph_format.line_spacing = Pt(1)

    def finish(self) -> bytes:
        self._anchor_footer()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


#: A run of Latin letters, digits and ASCII marks: the text export cuts one wider than a
#: line, and a reader would take the break for a space.
_LATIN_RUN = re.compile(r"[!-~]+")


def export_docx(issue: Issue, layout: Layout | None = None, *, run_in: bool | None = None) -> bytes:
    """The issue as the bytes of a .docx file; ``run_in`` overrides ``layout.headline``."""
    layout = layout or Layout()
    run_in = layout.run_in if run_in is None else run_in
    return DocxWriter(layout).render(issue_blocks(issue, run_in=run_in))

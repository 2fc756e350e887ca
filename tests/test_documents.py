"""Word and PDF export read back: text in order, fonts, page, grid, fields, the red masthead."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import docx
import pypdfium2
import pytest
from docx.oxml.ns import qn

from bulletin_tui.documents.docx_writer import export_docx
from bulletin_tui.documents.layout import Fonts, Layout
from bulletin_tui.documents.pdf_writer import NoCjkFontError, choose_fonts, export_pdf
from bulletin_tui.plaintext.common import format_distribution

from .conftest import small_issue

FONTS = Path(__file__).parent / "fonts"
TEST_FAMILY = ("Bulletin Test Serif",)
A4_POINTS = (595.28, 841.89)


def test_layout(**changes) -> Layout:
    """The default layout printed with the committed test font only."""
    fonts = Fonts(*(TEST_FAMILY,) * len(dataclasses.fields(Fonts)))
    return dataclasses.replace(Layout(fonts=fonts, font_paths=(FONTS,)), **changes)


test_layout.__test__ = False  # a helper, not a test


def expected_sequence(issue=None) -> list[str]:
    """Every piece of text the issue prints, in reading order."""
    issue = issue or small_issue()
    pieces = [issue.series, "第5期（总第168期）", issue.publisher, "2024年4月10日"]
    for section in issue.sections:
        pieces.append(f"【{section.name}】")
        for item in section.items:
            pieces.append(item.title)
            pieces += list(item.body)
            pieces.append(item.source)
    pieces += [format_distribution(line) for line in issue.distribution]
    return [*pieces, "共印80份"]


def assert_in_order(text: str, pieces: list[str]) -> None:
    flat = re.sub(r"\s+", "", text)
    position = 0
    for piece in pieces:
        found = flat.find(re.sub(r"\s+", "", piece), position)
        assert found >= 0, f"{piece!r} missing after position {position} in {flat!r}"
        position = found + len(piece)


def pdf_text(pdf: bytes) -> tuple[pypdfium2.PdfDocument, str]:
    document = pypdfium2.PdfDocument(pdf)
    return document, "".join(page.get_textpage().get_text_range() for page in document)


# -- PDF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return export_pdf(small_issue(), test_layout(), system_fonts=False)


def test_pdf_holds_all_the_text_in_reading_order(pdf):
    _, text = pdf_text(pdf)
    assert_in_order(text, expected_sequence())
    assert "— 1 —" in text


def test_pdf_is_a4_and_embeds_its_fonts(pdf):
    document, _ = pdf_text(pdf)
    for page in document:
        assert page.get_size() == pytest.approx(A4_POINTS, abs=0.5)
    assert b"/FontFile" in pdf
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+BulletinTestSerif", pdf), "a subset, embedded"


def red_pixels(image, rows: range) -> int:
    pixels = image.load()
    return sum(
        1
        for y in rows
        for x in range(image.width)
        if (lambda r, g, b: r > 180 and g < 80 and b < 80)(*pixels[x, y][:3])
    )


def test_pdf_first_page_has_the_red_masthead_in_its_top_third(pdf):
    document, _ = pdf_text(pdf)
    image = document[0].render(scale=50 / 72).to_pil().convert("RGB")
    third = image.height // 3
    assert red_pixels(image, range(third)) > 200
    assert red_pixels(image, range(third, image.height)) == 0


def test_pdf_headline_is_larger_than_the_body_and_centred(pdf):
    document, _ = pdf_text(pdf)
    page = document[0].get_textpage()
    text = page.get_text_range()
    sizes = {}
    for word in ("县开发区做好融资服务", "聚焦重点企业"):
        index = text.index(word)
        left, _, _right, top = page.get_charbox(index)
        sizes[word] = (top - page.get_charbox(index)[1], left)
    assert sizes["县开发区做好融资服务"][0] > sizes["聚焦重点企业"][0] * 1.2
    width = A4_POINTS[0]
    headline_left = sizes["县开发区做好融资服务"][1]
    assert headline_left > width * 0.25, "centred, not flush left"


def test_pdf_run_in_puts_the_headline_at_the_start_of_the_body():
    _, text = pdf_text(export_pdf(small_issue(), test_layout(), run_in=True, system_fonts=False))
    assert "县开发区做好融资服务\u3000聚焦重点企业。" in re.sub(r"[\r\n]", "", text)


def test_a_missing_font_is_replaced_and_reported():
    fonts = dataclasses.replace(Fonts(*(TEST_FAMILY,) * 5), body=("Missing Font", *TEST_FAMILY))
    heard: list = []
    pdf = export_pdf(small_issue(), test_layout(fonts=fonts), warn=heard.append, system_fonts=False)
    assert [str(stand_in) for stand_in in heard] == [
        "Bulletin Test Serif stands in for Missing Font (body)"
    ]
    assert_in_order(pdf_text(pdf)[1], expected_sequence())


def test_no_chinese_font_at_all_is_an_error_saying_how_to_get_one():
    with pytest.raises(NoCjkFontError, match=r"fonts-noto-cjk.*font_paths"):
        export_pdf(small_issue(), test_layout(font_paths=()), system_fonts=False)
    with pytest.raises(NoCjkFontError):
        choose_fonts(Fonts(), {"DejaVu Sans"})


# -- Word -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return docx.Document(io.BytesIO(export_docx(small_issue())))


def test_docx_holds_every_piece_in_order_with_named_styles(word):
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[:3] == [
        ("报头", "工作动态"),
        ("期号", "第5期（总第168期）"),
        ("编发", "中共延津县委办公室\t2024年4月10日"),
    ]
    assert ("栏目", "【民生保障】") in paragraphs
    assert ("标题", "潭龙街道提升热线质效") in paragraphs
    assert ("正文", "认真对待群众诉求。（潭龙街道 张华）") in paragraphs
    assert paragraphs[-3:] == [
        ("版记", "本期发：县委常委，各乡（镇）政府、街道办事处主要领导。"),
        ("版记", "中共延津县委办公室\t共印80份"),
        ("正文", ""),  # the 版记 frame's anchor
    ]
    assert_in_order("".join(text for _, text in paragraphs), expected_sequence())


def test_docx_styles_carry_east_asian_fonts_and_first_line_indent(word):
    for name, family in (("正文", "仿宋_GB2312"), ("标题", "方正小标宋简体"), ("栏目", "黑体")):
        fonts = word.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == family
    indent = word.styles["正文"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"


def test_docx_page_is_a4_on_the_grid_with_page_fields(word):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37
    assert round(section.left_margin.mm) == 28
    grid = section._sectPr.find(qn("w:docGrid"))
    # Lines only; the 28 characters a line: tests/test_export_docx_layout.py.
    assert grid.get(qn("w:type")) == "lines"
    assert 575 <= int(grid.get(qn("w:linePitch"))) <= 580  # 22 lines in 225 mm
    assert word.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml
        assert 'w:fldCharType="begin"' in xml


def test_docx_red_rule_is_a_bottom_border(word):
    border = word.styles["编发"].element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "E60012"
    assert int(border.get(qn("w:sz"))) == 18  # 2.25 pt in eighths


def test_docx_run_in_headline_is_a_bold_run():
    word = docx.Document(io.BytesIO(export_docx(small_issue(), run_in=True)))
    first = next(p for p in word.paragraphs if p.style.name == "正文")
    assert first.runs[0].text == "县开发区做好融资服务\u3000"
    assert first.runs[0].bold
    assert not any(p.style.name == "标题" for p in word.paragraphs)


def test_docx_footer_block_is_framed_at_the_foot_of_the_page(word):
    frame = word.styles["版记"].element.pPr.find(qn("w:framePr"))
    assert frame.get(qn("w:yAlign")) == "bottom"
    assert frame.get(qn("w:vAnchor")) == "margin"
    assert word.styles["Normal"].font.size.pt == 16  # the grid is measured from Normal


def test_pdf_prints_typst_markup_in_the_text_as_written():
    body = "#set page(width: 1cm) *重点* _工作_ $x$ [县] \\#"
    issue = dataclasses.replace(
        small_issue(), sections=(small_issue().sections[0].__class__("民生保障", (
            small_issue().items[0].__class__("县人社局推进工作会", (body,), "县人社局"),
        )),),
    )  # fmt: skip
    document, text = pdf_text(export_pdf(issue, test_layout(), system_fonts=False))
    assert re.sub(r"\s", "", body) in re.sub(r"\s", "", text)  # shown, not obeyed
    assert document[0].get_size() == pytest.approx(A4_POINTS, abs=0.5)

"""The readers: PDF and Word files as hinted lines, and bad files as one clear sentence."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from bulletin_tui.documents.reading import DocumentError, Line, read_document
from tests.conftest import small_issue
from tests.docmaker import (
    PrintedLine,
    Run,
    add_numbering,
    append_xml,
    make_pdf,
    number_paragraph,
    write_pdf,
    write_plain_docx,
    write_styled_docx,
)


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


# -- PDF --------------------------------------------------------------------------------------


def test_pdf_lines_carry_indent_size_and_the_run_in_headline(tmp_path: Path) -> None:
    issue = small_issue()
    lines = read_document(write_pdf(tmp_path / "a.pdf", issue))
    masthead = lines[0]
    assert masthead.text.replace(" ", "") == "工作动态"
    assert masthead.size == 36
    assert masthead.centred
    first_item = next(line for line in lines if line.text.startswith("县开发区"))
    assert first_item.indent == pytest.approx(2, abs=0.2)
    assert first_item.run_in == len("县开发区做好融资服务")
    assert first_item.text[first_item.run_in :].startswith("聚焦重点企业")
    section = next(line for line in lines if line.text.startswith("【助企服务"))
    assert section.bold
    assert section.indent == pytest.approx(0, abs=0.2)


def test_pdf_page_numbers_and_running_headers_are_dropped(tmp_path: Path) -> None:
    sentence = "聚焦辖区内重点企业，依托模块化管理机制，组织企业分包责任人深入摸排融资需求"
    body = [PrintedLine((Run(sentence[n % 30 :] + sentence[: n % 30]),)) for n in range(90)]
    for style in ("— {} —", "- {} -", "第{}页"):
        path = tmp_path / "p.pdf"
        path.write_bytes(make_pdf(body, page_numbers=style, running_header="工作动态"))
        lines = read_document(path)
        assert len({line.page for line in lines}) > 2
        assert texts(lines) == [line.runs[0].text for line in body], style


def test_pdf_half_width_brackets_and_centred_headlines(tmp_path: Path) -> None:
    issue = small_issue()
    path = write_pdf(tmp_path / "b.pdf", issue, run_in=False, half_width=True)
    lines = read_document(path)
    headline = next(line for line in lines if line.text == "县城市管理局整治窨井盖")
    assert headline.centred
    assert headline.size is not None
    assert headline.size > 15
    assert any(line.text.endswith("(潭龙街道 张华)") for line in lines)


def test_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("工作动态 第5期", encoding="utf-8")
    with pytest.raises(DocumentError, match="is not a PDF"):
        read_document(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = write_pdf(tmp_path / "whole.pdf", small_issue()).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError, match="damaged or incomplete PDF"):
        read_document(path)


def test_encrypted_pdf_is_called_protected(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    pdf.drawString(100, 700, "hello")
    pdf.save()
    with pytest.raises(DocumentError, match="protected"):
        read_document(path)


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 600, fill=1)  # a page of ink, as a scan is: no characters
    pdf.save()
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(path)


# -- Word -------------------------------------------------------------------------------------


def test_styled_word_file_gives_centred_bold_headlines_and_indents(tmp_path: Path) -> None:
    lines = read_document(write_styled_docx(tmp_path / "s.docx", small_issue()))
    assert lines[0].text == "工 作 动 态"
    assert lines[0].size == 36
    assert lines[0].centred
    headline = next(line for line in lines if line.text == "县开发区做好融资服务")
    assert headline.bold
    assert headline.centred
    body = lines[lines.index(headline) + 1]
    assert body.text == "聚焦重点企业。"
    assert body.indent == 2
    assert body.paragraph_start
    assert not body.bold
    assert texts(lines)[-2:] == [
        "本期发：县委常委，各乡（镇）政府、街道办事处主要领导。",
        "（共印80份）",
    ]


def test_word_run_in_headline_is_measured_by_its_bold_run(tmp_path: Path) -> None:
    lines = read_document(write_styled_docx(tmp_path / "r.docx", small_issue(), run_in=True))
    line = next(line for line in lines if line.text.startswith("潭龙街道"))
    assert line.text[: line.run_in] == "潭龙街道提升热线质效"


def test_plain_word_file_typed_indents(tmp_path: Path) -> None:
    lines = read_document(write_plain_docx(tmp_path / "p.docx", small_issue()))
    body = next(line for line in lines if line.text == "搭建智慧平台。（城市管理局）")
    assert body.indent == 2
    assert not any(line.bold or line.centred for line in lines)


def test_word_tracked_changes_content_controls_tables_and_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    num_id = add_numbering(document)
    for name in ("助企服务", "民生保障"):
        number_paragraph(document.add_paragraph(name), num_id)
    changed = document.add_paragraph("共帮助")
    append_xml(
        changed,
        '<w:ins w:id="1" w:author="甲" w:date="2024-04-01T00:00:00Z"><w:r><w:t>9</w:t></w:r>'
        "</w:ins>"
        '<w:del w:id="2" w:author="甲" w:date="2024-04-01T00:00:00Z"><w:r><w:delText>8'
        "</w:delText></w:r></w:del><w:r><w:t>家企业。</w:t></w:r>",
    )
    control = document.add_paragraph("来源：")
    append_xml(control, "<w:sdt><w:sdtContent><w:r><w:t>开发区</w:t></w:r></w:sdtContent></w:sdt>")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "报：县委"
    table.cell(0, 1).text = "送：县政府"
    document.add_paragraph("（共印5份）")
    document.save(str(tmp_path / "c.docx"))
    assert texts(read_document(tmp_path / "c.docx")) == [
        "一、助企服务",
        "二、民生保障",
        "共帮助9家企业。",
        "来源：开发区",
        "报：县委",
        "送：县政府",
        "（共印5份）",
    ]


def test_broken_word_file(tmp_path: Path) -> None:
    data = write_plain_docx(tmp_path / "w.docx", small_issue()).read_bytes()
    (tmp_path / "broken.docx").write_bytes(data[: len(data) // 3])
    with pytest.raises(DocumentError, match="damaged Word file"):
        read_document(tmp_path / "broken.docx")


@pytest.mark.parametrize("name", ["old.doc", "old.wps", "renamed.docx"])
def test_old_binary_word_files_say_save_as_docx(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DocumentError, match=r"save it as \.docx"):
        read_document(path)


def test_text_file_is_decoded_like_text_import(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("工作动态\n第5期\n".encode("gb18030"))
    assert texts(read_document(path)) == ["工作动态", "第5期"]


def test_a_headline_balanced_by_hand_over_two_lines_is_one_line(tmp_path: Path) -> None:
    document = docx.Document()
    headline = document.add_paragraph()
    headline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first = headline.add_run("县城市管理局多措并举推进窨井盖")
    first.bold = True
    first.add_break()  # Shift+Enter, as offices balance a long headline
    headline.add_run("专项整治工作 Phase\u00a0A").bold = True
    body = document.add_paragraph("第一行\n第二行")  # a break in the body stays a break
    body.paragraph_format.first_line_indent = Pt(32)
    path = tmp_path / "balanced.docx"
    document.save(str(path))
    lines = read_document(path)
    assert lines[0].text == "县城市管理局多措并举推进窨井盖专项整治工作 Phase\u00a0A"
    assert lines[0].bold
    assert lines[0].centred
    assert texts(lines)[1:] == ["第一行", "第二行"]

"""The Word file's layout from its own numbers: 28 characters and 22 lines in the 版心, the
版记 framed at the foot of the page in a way LibreOffice reads as well as Word.

Each test reads the .docx XML back and does the arithmetic an office suite does: a line
holds as many characters as fit at their size plus the style's character spacing.
"""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from docx.oxml.ns import qn

from bulletin_tui.documents.docx_writer import export_docx
from bulletin_tui.documents.layout import Layout, Margins, Sizes

from .conftest import small_issue

LAYOUTS = {
    "default": Layout(),
    "26x20": Layout(chars_per_line=26, lines_per_page=20),
    "15pt, wide margins": Layout(margins=Margins(left=30, right=30), sizes=Sizes(body=15)),
}


def word_file(layout: Layout | None = None, issue=None) -> docx.document.Document:
    return docx.Document(io.BytesIO(export_docx(issue or small_issue(), layout)))


def text_area(document) -> tuple[int, int]:
    """Width and height of the 版心 in twentieths of a point, from w:pgSz less w:pgMar."""
    sect = document.sections[0]._sectPr
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))

    def value(element, name: str) -> int:
        return int(element.get(qn(f"w:{name}")))

    return (
        value(size, "w") - value(margins, "left") - value(margins, "right"),
        value(size, "h") - value(margins, "top") - value(margins, "bottom"),
    )


def inherited(style, *path: str):
    """The element at ``path`` under the style, else under the style it is based on."""
    while style is not None:
        found = style.element.find("/".join(qn(tag) for tag in path))
        if found is not None:
            return found
        style = style.base_style
    return None


def advance(style) -> int:
    """A character's advance in the style: its size (half-points) plus its spacing."""
    size = int(inherited(style, "w:rPr", "w:sz").get(qn("w:val"))) * 10
    spacing = inherited(style, "w:rPr", "w:spacing")
    return size + (int(spacing.get(qn("w:val"))) if spacing is not None else 0)


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_body_lines_hold_the_characters_per_line_and_no_more(layout):
    document = word_file(layout)
    width, _ = text_area(document)
    body = document.styles["正文"]
    step = advance(body)
    chars = layout.chars_per_line
    assert chars * step <= width < (chars + 1) * step
    # The first line: two characters in, then the rest of the line's characters.
    indent = body.element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    first_line = int(indent.get(qn("w:firstLine")))
    assert first_line == 2 * step
    assert first_line + (chars - 2) * step <= width < first_line + (chars - 1) * step


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_body_lines_are_the_grid_pitch_and_the_page_holds_its_lines(layout):
    document = word_file(layout)
    _, height = text_area(document)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    # A line grid only: a character grid would be squeezed by Word and not by LibreOffice.
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:charSpace")) is None
    pitch = int(grid.get(qn("w:linePitch")))
    lines = layout.lines_per_page
    assert lines * pitch <= height < (lines + 1) * pitch
    spacing = document.styles["正文"].element.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == (str(pitch), "exact")


def test_body_sized_styles_share_the_body_advance_and_the_others_are_natural():
    document = word_file()
    width, _ = text_area(document)
    body_step = advance(document.styles["正文"])
    # 16 pt condensed by 0.25 pt: 28 × 15.75 pt = 441 pt of the 442.25 pt 版心; natural
    # widths would give 27 (28 × 16 pt = 448 pt).
    assert body_step == 315
    assert width // 320 == 27
    # Should Word count firstLineChars in natural 16 pt characters, 26 still follow them.
    assert 2 * 320 + 26 * body_step <= width
    for name in ("栏目", "期号", "编发"):
        assert advance(document.styles[name]) == body_step, name
    for name in ("标题", "报头", "版记", "页码"):
        spacing = document.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
        assert spacing.get(qn("w:val")) == "0", name  # not the body's condensing
    headline = document.styles["标题"]
    assert width // advance(headline) == 20  # 2号 characters in their natural width
    # Its own line spacing, not two grid lines a line.
    assert headline.element.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    spacing = headline.element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert int(spacing.get(qn("w:line"))) > int(
        document.sections[0]._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch"))
    )


def test_chinese_text_is_marked_simplified_chinese():
    lang = inherited(word_file().styles["正文"], "w:rPr", "w:lang")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_every_footer_line_carries_the_style_frame_and_an_anchor_follows():
    document = word_file()
    width, _ = text_area(document)
    style_frame = document.styles["版记"].element.pPr.find(qn("w:framePr"))
    lines = [p for p in document.paragraphs if p.style.name == "版记"]
    assert len(lines) == 2
    for line in lines:
        frame = line._p.pPr.find(qn("w:framePr"))
        # LibreOffice reads a frame only from the paragraph, and makes one frame of
        # consecutive paragraphs whose properties are equal: the same frame, no own borders.
        assert frame is not None
        assert dict(frame.attrib) == dict(style_frame.attrib)
        assert line._p.pPr.find(qn("w:pBdr")) is None
    attributes = {k.split("}")[1]: v for k, v in style_frame.attrib.items()}
    assert attributes["vAnchor"] == "margin"
    assert attributes["yAlign"] == "bottom"
    assert abs(int(attributes["w"]) - width) <= 2
    # The paragraph LibreOffice anchors the frame to: after the 版记, so on the last page.
    anchor = document.paragraphs[-1]
    assert document.paragraphs[-2]._p is lines[-1]._p
    assert anchor.text == ""
    assert anchor._p.pPr.find(qn("w:framePr")) is None
    assert anchor.paragraph_format.line_spacing.pt == 1


def test_without_a_footer_there_is_no_anchor():
    issue = dataclasses.replace(small_issue(), distribution=(), copies=None)
    document = word_file(issue=issue)
    assert not any(p.style.name == "版记" for p in document.paragraphs)
    assert document.paragraphs[-1].text == "认真对待群众诉求。（潭龙街道 张华）"


def headline_lines(document, title: str) -> list[str]:
    """The lines of the headline paragraph ``title`` as broken by hand (w:br)."""
    for paragraph in document.paragraphs:
        if paragraph.style.name == "标题" and paragraph.text.replace("\n", "") == title:
            return paragraph.text.split("\n")
    raise AssertionError(f"no headline {title}")


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_long_headline_is_broken_by_hand_without_a_last_character_alone(layout):
    per_line = int(layout.text_width_mm / 25.4 * 72 // layout.sizes.headline)
    one_over = "县城市管理局多措并举推进窨井盖专项整治工作行动取得实效"[: per_line + 1]
    short = "县开发区做好融资服务"
    issue = small_issue()
    sections = (dataclasses.replace(issue.sections[0], items=(
        dataclasses.replace(issue.sections[0].items[0], title=one_over),
        dataclasses.replace(issue.sections[0].items[0], title=short),
    )),)  # fmt: skip
    document = word_file(layout, dataclasses.replace(issue, sections=sections))
    lines = headline_lines(document, one_over)
    assert len(lines) == 2
    assert all(len(line) <= per_line for line in lines)
    assert min(len(line) for line in lines) >= 2  # no character alone on the last line
    assert headline_lines(document, short) == [short]


def test_a_headline_with_a_latin_run_wider_than_a_line_is_left_to_word():
    title = "县开发区推进" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 2 + "工作"
    issue = small_issue()
    sections = (dataclasses.replace(issue.sections[0], items=(
        dataclasses.replace(issue.sections[0].items[0], title=title),
    )),)  # fmt: skip
    document = word_file(None, dataclasses.replace(issue, sections=sections))
    assert headline_lines(document, title) == [title]  # no break inside the run

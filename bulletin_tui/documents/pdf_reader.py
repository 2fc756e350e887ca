"""PDF → hinted lines, with pypdfium2: every character with its position, size and face.

Lines are rebuilt from the characters' baselines. The body's left edge and font size are
the most common ones in the document; a line's indent is measured from that edge in
characters of that size. Page numbers (``— 1 —``, ``- 1 -``, ``第1页``) and running
headers at the top or foot of a page are dropped here, where the position is known.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from bulletin_tui.cjk import is_cjk
from bulletin_tui.documents.reading import DocumentError, Line
from bulletin_tui.reasons import refusal

# pdfium's load errors (FPDF_ERR_*): what each means for the person importing.
_PASSWORD, _SECURITY = 4, 5
# A line is full when the first unit of the next line (a number or Latin word, a character
# with the punctuation that may not start a line) would not have fitted after it.
_UNIT = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/%‰℃-]*|.")
# Centred text stands at least this many body characters from either edge.
_CENTRED_GAP = 3.2
_FILL_STROKE = 2  # text render mode: filled and stroked, how Word prints a synthetic bold
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|hei|黑", re.I)
_PAGE_NUMBER = re.compile(
    r"^[\s—–\-－―─~～·•]*(\d{1,4}|第\s*\d{1,4}\s*页(\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(\s*of\s*\d{1,4})?)[\s—–\-－―─~～·•]*$",
    re.I,
)


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    y: float
    size: float
    face: tuple[str, bool]  # font name, bold
    generated: bool


@dataclass
class _Row:
    """The characters of one printed line of one page."""

    page: int
    width: float
    chars: list[_Char] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def inked(self) -> list[_Char]:
        return [char for char in self.chars if not char.text.isspace()]


def read_pdf(data: bytes, name: str) -> list[Line]:
    """The lines of a PDF's text layer; :class:`DocumentError` when there is none to read."""
    import pypdfium2 as pdfium

    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise refusal(DocumentError, "doc_not_pdf", name=name)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (_PASSWORD, _SECURITY):
            raise refusal(DocumentError, "doc_pdf_protected", name=name) from None
        raise refusal(DocumentError, "doc_pdf_damaged", name=name) from None
    try:
        rows = [row for index in range(len(document)) for row in _page_rows(document, index)]
    except pdfium.PdfiumError:
        raise refusal(DocumentError, "doc_pdf_bad_page", name=name) from None
    finally:
        document.close()
    if not any(row.inked for row in rows):
        raise refusal(DocumentError, "doc_pdf_no_text", name=name)
    rows = _without_page_furniture([row for row in rows if row.inked])
    return _hinted(rows)


def _page_rows(document: object, index: int) -> list[_Row]:
    import pypdfium2.raw as raw

    page = document[index]  # type: ignore[index]
    textpage = page.get_textpage()
    page_width = page.get_width()
    try:
        count = raw.FPDFText_CountChars(textpage)
        faces: dict[int | None, tuple[str, bool]] = {}
        box = raw.FS_RECTF()  # the loose box: the glyph's advance, not its ink
        x, y = ctypes.c_double(), ctypes.c_double()
        rows: list[_Row] = [_Row(index, page_width)]
        for position in range(count):
            code = raw.FPDFText_GetUnicode(textpage, position)
            generated = bool(raw.FPDFText_IsGenerated(textpage, position))
            if code in (10, 13) or code == 0xFFFE:
                if code != 0xFFFE and rows[-1].chars:
                    rows.append(_Row(index, page_width))
                continue
            raw.FPDFText_GetCharOrigin(textpage, position, x, y)
            raw.FPDFText_GetLooseCharBox(textpage, position, box)
            size = raw.FPDFText_GetFontSize(textpage, position)
            char = _Char(
                chr(code), min(box.left, x.value), max(box.right, x.value), y.value, size,
                _face(raw, textpage, position, faces), generated,
            )  # fmt: skip
            current = rows[-1]
            if current.inked and abs(current.inked[-1].y - char.y) > 0.5 * max(size, 1):
                rows.append(_Row(index, page_width))  # a new baseline without a line break char
            if not (char.text.isspace() and not rows[-1].chars):
                rows[-1].chars.append(char)
        return [row for row in rows if row.inked]
    finally:
        textpage.close()
        page.close()


def _face(raw: object, textpage: object, position: int, faces: dict) -> tuple[str, bool]:
    """The font name of the character and whether it is bold (by name, weight or stroke)."""
    obj = raw.FPDFText_GetTextObject(textpage, position)  # type: ignore[attr-defined]
    key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
    if key in faces:
        return faces[key]
    name, bold = "", False
    if obj:
        font = raw.FPDFTextObj_GetFont(obj)  # type: ignore[attr-defined]
        if font:
            buffer = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(font, buffer, 256)  # type: ignore[attr-defined]
            name = buffer.value.decode("latin-1", "replace").split("+")[-1]
            bold = raw.FPDFFont_GetWeight(font) >= 600  # type: ignore[attr-defined]
        mode = raw.FPDFTextObj_GetTextRenderMode(obj)  # type: ignore[attr-defined]
        bold = bold or mode == _FILL_STROKE or bool(_BOLD_NAME.search(name))
    faces[key] = (name, bold)
    return faces[key]


def _without_page_furniture(rows: list[_Row]) -> list[_Row]:
    """Drop page numbers and running headers: the lines at the top or foot of a page (by
    position, whatever order the PDF drew them in) that are a page number, or whose text
    (digits aside) recurs at the edge of other pages, or that stand apart in a smaller font.
    """
    pages: dict[int, list[_Row]] = {}
    for row in rows:
        pages.setdefault(row.page, []).append(row)
    ordered = [sorted(page_rows, key=lambda row: -row.inked[0].y) for page_rows in pages.values()]
    edges = Counter(
        _furniture_key(row)
        for page_rows in ordered
        for row in (page_rows[:1] + page_rows[-1:] if len(page_rows) > 1 else page_rows)
    )
    body_size = _common_size(rows)
    right_edge = max(row.inked[-1].x1 for row in rows)

    def furniture(row: _Row, page_rows: list[_Row], *, top: bool) -> bool:
        if _PAGE_NUMBER.match(row.text.strip()):
            return True
        if len(pages) < 2 or row.page == 0:
            return False
        repeated = edges[_furniture_key(row)] > max(1, len(pages) // 2 - 1) and (
            row.inked[-1].x1 < right_edge - 2 * body_size  # not a full line of the body
        )
        # A small line set apart at the foot is the 版记, not a running footer.
        return repeated or (top and _small_and_apart(row, page_rows, body_size))

    dropped: set[int] = set()
    for page_rows in ordered:
        remaining = list(page_rows)
        for end in (0, -1):  # peel the top, then the foot: at most two lines each
            for _ in range(2):
                if len(remaining) > 1 and furniture(remaining[end], remaining, top=end == 0):
                    dropped.add(id(remaining.pop(end)))
                else:
                    break
    return [row for row in rows if id(row) not in dropped]


def _furniture_key(row: _Row) -> str:
    return re.sub(r"\d+|\s+", "", row.text)


def _small_and_apart(row: _Row, page_rows: list[_Row], body_size: float) -> bool:
    """A line in a smaller font than the body, set apart from the lines next to it."""
    size = median(char.size for char in row.inked)
    if size >= body_size * 0.95 or len(page_rows) < 3:
        return False
    neighbour = page_rows[1] if row is page_rows[0] else page_rows[-2]
    heights = [row.inked[0].y for row in page_rows]
    pitch = median(abs(a - b) for a, b in itertools.pairwise(heights))
    return abs(row.inked[0].y - neighbour.inked[0].y) > 1.5 * pitch


def _common_size(rows: list[_Row]) -> float:
    sizes = Counter(round(char.size, 1) for row in rows for char in row.inked)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _hinted(rows: list[_Row]) -> list[Line]:
    """Lines with indent (in body characters from the body's left edge), size, bold,
    centring and a run-in headline measured against the body's face."""
    body_size = _common_size(rows)
    body_left, body_right = _column(rows, body_size)
    body_face = Counter(char.face for row in rows for char in row.inked).most_common(1)[0][0]
    lines = []
    for index, row in enumerate(rows):
        inked = row.inked
        start, end = inked[0].x0, inked[-1].x1
        size = median(char.size for char in inked)
        gap_left, gap_right = start - body_left, body_right - end
        middle = (start + end) / 2
        following = rows[index + 1] if index + 1 < len(rows) else None
        full = gap_right < max(_first_unit_width(following) + 0.2 * body_size, 0.6 * body_size)
        centred = (
            gap_right > body_size * _CENTRED_GAP
            and gap_left > body_size * _CENTRED_GAP
            and min(abs(middle - (body_left + body_right) / 2), abs(middle - row.width / 2))
            < body_size * 1.5
        )
        lines.append(
            Line(
                text=_row_text(row),
                indent=round(gap_left / body_size, 1),
                bold=all(char.face[1] for char in inked),
                centred=centred,
                size=round(size, 1),
                page=row.page,
                run_in=_run_in(row, body_face),
                full=full,
                space_after=row.chars[-1].text == " " and not row.chars[-1].generated,
            )
        )
    return lines


def _column(rows: list[_Row], body_size: float) -> tuple[float, float]:
    """The left and right edges of the body's text column.

    Left: the leftmost place where at least two lines of body size start (continuation
    lines, section names), so that first-line indents count as indents. Right: where most
    lines of the body end (justified text ends them all there, ragged text its Chinese-only
    lines), when enough do; else where four lines in five end before; for a page of a few
    lines, as far from the page's right edge as the left edge is from the page's left.
    """
    body = [row for row in rows if abs(median(c.size for c in row.inked) - body_size) < 1]
    body = body or rows
    lefts = Counter(round(row.inked[0].x0) for row in body)
    shared = [x for x, count in lefts.items() if count > 1]
    left = float(min(shared) if shared else min(lefts))
    rights = Counter(
        round(row.inked[-1].x1) for row in body if abs(row.inked[0].x0 - left) < body_size * 3
    )
    edge, count = rights.most_common(1)[0] if rights else (0, 0)
    if count >= max(3, len(body) // 10):
        return left, float(edge)
    if len(body) >= 8:
        ends = sorted(rights.elements())
        return left, float(ends[(len(ends) * 4) // 5])
    return left, max(rows[0].width - left, max(row.inked[-1].x1 for row in body))


def _first_unit_width(row: _Row | None) -> float:
    """The width of what the line must start with: a number or Latin word whole, or one
    character with the closing punctuation that may not start a line after it."""
    if row is None:
        return 0.0
    from bulletin_tui.cjk import NO_LINE_START

    inked = row.inked
    text = "".join(char.text for char in inked)
    match = _UNIT.match(text)
    end = match.end() if match else 1
    while end < len(text) and text[end] in NO_LINE_START:
        end += 1
    return inked[end - 1].x1 - inked[0].x0


def _row_text(row: _Row) -> str:
    """The line's text; spaces pdfium made up between two Chinese characters (justified or
    letter-spaced text) are dropped, spaces in the document and next to digits are kept."""
    chars = row.chars
    kept = []
    for index, char in enumerate(chars):
        if char.generated and char.text == " " and 0 < index < len(chars) - 1:
            before, after = chars[index - 1].text, chars[index + 1].text
            if is_cjk(before) and is_cjk(after):
                continue
        kept.append(char.text)
    return "".join(kept).strip()


def _run_in(row: _Row, body_face: tuple[str, bool]) -> int:
    """Characters at the start of the line set in another face than the body (bold, or a
    headline font), when body text follows on the same line."""
    chars = [char for char in row.chars if char.text.strip()]
    count = 0
    for char in chars:
        if char.face == body_face:
            break
        count += 1
    if count == 0 or count == len(chars):
        return 0
    text = _row_text(row)
    # Count in the line's text (which may hold spaces): up to the count-th inked character.
    seen = 0
    for index, char in enumerate(text):
        if not char.isspace():
            seen += 1
        if seen == count:
            return index + 1
    return 0

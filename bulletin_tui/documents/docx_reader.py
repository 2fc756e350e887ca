"""Word (.docx) → hinted lines, one a paragraph, with python-docx and its XML.

The body is walked in document order: paragraphs, tables (cell by cell), content controls
(``w:sdt``) and text boxes. Tracked insertions are kept and deletions dropped (deleted
text is ``w:delText``, moved-away text sits in ``w:moveFrom``), so the lines are the
document as it reads with every change accepted. Automatic numbering (``一、``, ``1.``) is
written out from the numbering definitions, as Word prints it. Bold, size and centring
come from the run, else the paragraph's style chain, else the document defaults.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bulletin_tui.documents.reading import DocumentError, Line
from bulletin_tui.reasons import refusal

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file magic of .doc, .wps, encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SKIPPED = {f"{{{_W}}}{tag}" for tag in ("del", "moveFrom", "rPr", "pPr", "instrText")}
_SKIPPED |= {f"{{{_MC}}}Fallback", f"{{{_W}}}txbxContent"}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{_W}}}{tag}"


def _on(element: Any) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): on, off, or unset (``None``)."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass
class _Style:
    based_on: str | None = None
    bold: bool | None = None
    size: float | None = None
    centred: bool | None = None
    num: tuple[str, int] | None = None
    first_line: float | None = None  # indent of the first line, in characters


@dataclass
class _Styles:
    """Paragraph and character styles, resolved through ``basedOn``, and the defaults."""

    styles: dict[str, _Style] = field(default_factory=dict)
    default_size: float = 10.5
    default_paragraph: str | None = None

    def resolve(self, style_id: str | None, attribute: str) -> Any:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            value = getattr(style, attribute)
            if value is not None:
                return value
            style_id = style.based_on
        return None


def read_docx(data: bytes, name: str) -> list[Line]:
    """The lines of a Word document; :class:`DocumentError` for a file Word files aren't."""
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise refusal(DocumentError, "doc_docx_protected", name=name)
        raise refusal(DocumentError, "doc_ole", name=name)
    import docx
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, EOFError):
        raise refusal(DocumentError, "doc_docx_damaged", name=name) from None
    styles = _read_styles(document)
    numbering = _Numbering(_numbering_element(document), styles)
    reader = _Reader(styles, numbering)
    lines = list(reader.block(document.element.body))
    if not any(line.text.strip() for line in lines):
        raise refusal(DocumentError, "doc_docx_no_text", name=name)
    return lines


def _read_styles(document: Any) -> _Styles:
    found = _Styles()
    try:
        root = document.styles.element
    except (KeyError, ValueError):
        return found
    size = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    if size is not None and size.get(w("val"), "").isdigit():
        found.default_size = int(size.get(w("val"))) / 2
    for element in root.iter(w("style")):
        style_id = element.get(w("styleId"))
        if not style_id:
            continue
        based = element.find(w("basedOn"))
        style = _Style(based.get(w("val")) if based is not None else None)
        rpr, ppr = element.find(w("rPr")), element.find(w("pPr"))
        if rpr is not None:
            style.bold = _on(rpr.find(w("b")))
            style.size = _half_points(rpr.find(w("sz")))
        if ppr is not None:
            style.centred = _centred(ppr)
            style.num = _num(ppr)
            style.first_line = _first_line(ppr, style.size)
        found.styles[style_id] = style
        if element.get(w("type")) == "paragraph" and element.get(w("default")) in ("1", "true"):
            found.default_paragraph = style_id
    return found


def _half_points(element: Any) -> float | None:
    value = element.get(w("val"), "") if element is not None else ""
    return int(value) / 2 if value.isdigit() else None


def _centred(ppr: Any) -> bool | None:
    jc = ppr.find(w("jc"))
    return None if jc is None else jc.get(w("val")) == "center"


def _num(ppr: Any) -> tuple[str, int] | None:
    num = ppr.find(w("numPr"))
    if num is None:
        return None
    num_id = num.find(w("numId"))
    level = num.find(w("ilvl"))
    if num_id is None:
        return None
    level_value = level.get(w("val"), "0") if level is not None else "0"
    return num_id.get(w("val"), "0"), int(level_value) if level_value.isdigit() else 0


def _first_line(ppr: Any, size: float | None) -> float | None:
    """The first line's indent in characters: ``firstLineChars`` (hundredths), else
    ``firstLine`` in twips over the font size, plus the left indent."""
    ind = ppr.find(w("ind"))
    if ind is None:
        return None
    chars = ind.get(w("firstLineChars"))
    if chars and chars.lstrip("-").isdigit():
        return int(chars) / 100
    twips = ind.get(w("firstLine"))
    left = ind.get(w("left")) or ind.get(w("start")) or "0"
    total = 0
    if twips and twips.isdigit():
        total += int(twips)
    if left.lstrip("-").isdigit():
        total += int(left)
    hanging = ind.get(w("hanging"))
    if hanging and hanging.isdigit():
        total -= int(hanging)
    return total / ((size or 16) * 20) if total or twips else None


def _numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


_CHINESE = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _chinese(number: int, digits: str = _CHINESE, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (counting, as numbering prints it)."""
    if number < 10:
        return digits[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):  # fmt: skip
        while number >= value:
            out += letters
            number -= value
    return out


def format_number(number: int, kind: str) -> str:
    """A list number in one of Word's number formats."""
    if kind in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        return _chinese(number)
    if kind in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(number, _LEGAL, "拾")
    if kind == "ideographDigital":
        return "".join(_CHINESE[int(digit)] for digit in str(number))
    if kind == "decimalEnclosedCircle" and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if kind == "upperRoman" else _roman(number)
    if kind == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(digit)) for digit in str(number))
    if kind in ("bullet", "none"):
        return ""
    return str(number)


class _Numbering:
    """Counters for Word's automatic numbering, advanced paragraph by paragraph."""

    def __init__(self, root: Any, styles: _Styles) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for element in root.iter(w("abstractNum")):
            levels = {}
            for level in element.iter(w("lvl")):
                fmt, text, start = (
                    level.find(w("numFmt")),
                    level.find(w("lvlText")),
                    level.find(w("start")),
                )
                levels[int(level.get(w("ilvl"), "0"))] = (
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                    text.get(w("val"), "") if text is not None else "",
                    int(start.get(w("val"), "1")) if start is not None else 1,
                )
            abstract[element.get(w("abstractNumId"), "")] = levels
        for element in root.iter(w("num")):
            ref = element.find(w("abstractNumId"))
            if ref is not None:
                self.levels[element.get(w("numId"), "")] = abstract.get(ref.get(w("val")), {})
        del styles

    def label(self, num: tuple[str, int] | None) -> str:
        """The printed number of the next paragraph in list ``num`` at its level."""
        if num is None or num[0] not in self.levels:
            return ""
        num_id, level = num
        levels = self.levels[num_id]
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        kind, template, _ = levels[level]
        if kind == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            if at not in levels:
                return ""
            count = counters.get(at, levels[at][2])
            return format_number(count, levels[at][0])

        return re.sub(r"%(\d)", value, template)


@dataclass
class _Reader:
    styles: _Styles
    numbering: _Numbering
    page: int = 0
    top_found: bool = False

    def block(self, parent: Any) -> Iterator[Line]:
        """Paragraphs and tables under ``parent`` in order; content controls opened."""
        for child in parent:
            if child.tag == w("p"):
                yield from self.paragraph(child)
            elif child.tag == w("tbl"):
                for row in child.iter(w("tr")):
                    for cell in row.findall(w("tc")):
                        yield from self.block(cell)
            elif child.tag in (w("sdt"), w("customXml"), w("ins"), w("smartTag")):
                content = child.find(w("sdtContent"))
                yield from self.block(content if content is not None else child)

    def paragraph(self, p: Any) -> Iterator[Line]:
        for box in _text_boxes(p):
            yield from self.block(box)
        ppr = p.find(w("pPr"))
        style_id = self.styles.default_paragraph
        own_centred, own_num, own_first = None, None, None
        if ppr is not None:
            style = ppr.find(w("pStyle"))
            if style is not None:
                style_id = style.get(w("val"))
            own_centred, own_num = _centred(ppr), _num(ppr)
            if _on(ppr.find(w("pageBreakBefore"))):
                self.page += 1
        runs = list(_runs(p))
        text = "".join(text for text, _ in runs)
        texts, flags = [], []
        for piece, rpr in runs:
            bold = self._bold(rpr, style_id)
            texts.append(piece)
            flags += [bold] * len(piece)
        sizes = [self._size(rpr, style_id) for piece, rpr in runs if piece.strip()]
        size = max(set(sizes), key=sizes.count) if sizes else self._size(None, style_id)
        if ppr is not None:
            own_first = _first_line(ppr, size)
        num = own_num or self.styles.resolve(style_id, "num")
        label = self.numbering.label(num) if num else ""
        if label:
            text = label + text
            flags = [flags[0] if flags else False] * len(label) + flags
        centred = (
            own_centred if own_centred is not None else self.styles.resolve(style_id, "centred")
        )
        if centred and "\n" in text:
            text, flags = _joined_breaks(text, flags)
        breaks = text.count("\f")
        lines = [part for part in text.replace("\f", "\n").split("\n")]
        start = 0
        for number, part in enumerate(lines):
            part_flags = flags[start : start + len(part)]
            start += len(part) + 1
            stripped = part.strip(" \t\u3000\u00a0")
            if not stripped:
                continue
            lead = part[: len(part) - len(part.lstrip(" \t\u3000\u00a0"))]
            indent = (
                own_first if own_first is not None else self.styles.resolve(style_id, "first_line")
            )
            typed = sum(2 if c in "\u3000\t" else 1 for c in lead) / 2
            inked = [flag for flag, char in zip(part_flags, part, strict=False) if char.strip()]
            yield Line(
                text=stripped,
                indent=(indent or 0) + typed if number == 0 else typed,
                bold=bool(inked) and all(inked),
                centred=bool(centred),
                size=size,
                page=self.page,
                paragraph_start=number == 0,
                run_in=_run_in(stripped, part_flags[len(lead) :]) if number == 0 else 0,
            )
        self.page += breaks

    def _bold(self, rpr: Any, style_id: str | None) -> bool:
        if rpr is not None:
            own = _on(rpr.find(w("b")))
            if own is not None:
                return own
            character = rpr.find(w("rStyle"))
            if character is not None:
                value = self.styles.resolve(character.get(w("val")), "bold")
                if value is not None:
                    return value
        return bool(self.styles.resolve(style_id, "bold"))

    def _size(self, rpr: Any, style_id: str | None) -> float:
        if rpr is not None:
            own = _half_points(rpr.find(w("sz")))
            if own is not None:
                return own
        return self.styles.resolve(style_id, "size") or self.styles.default_size


def _joined_breaks(text: str, flags: list[bool]) -> tuple[str, list[bool]]:
    """A centred paragraph's line breaks taken out (a headline balanced by hand over two
    lines is one headline): between Chinese nothing stands for them, between two Latin
    letters or digits a space."""
    kept_text, kept_flags = [], []
    for position, char in enumerate(text):
        flag = flags[position] if position < len(flags) else False
        if char == "\n":
            before, after = text[position - 1 : position], text[position + 1 : position + 2]
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                continue
            char = " "
        kept_text.append(char)
        kept_flags.append(flag)
    return "".join(kept_text), kept_flags


def _run_in(text: str, flags: list[bool]) -> int:
    """Leading bold characters followed by text that is not bold: a run-in headline."""
    count = 0
    for flag, char in zip(flags, text, strict=False):
        if not flag and char.strip():
            break
        count += 1
    rest = text[count:].strip(" \u3000\t")
    return len(text[:count].rstrip(" \u3000\t")) if count and rest else 0


def _text_boxes(p: Any) -> list[Any]:
    """Text boxes anchored in the paragraph (the current choice, not the VML fallback)."""
    boxes = []
    for box in p.iter(w("txbxContent")):
        if not any(ancestor.tag == f"{{{_MC}}}Fallback" for ancestor in box.iterancestors()):
            boxes.append(box)
    return boxes


def _runs(p: Any) -> Iterator[tuple[str, Any]]:
    """(text, run properties) of every run that counts: insertions, hyperlinks, fields'
    results and inline content controls in; deletions, moved-away text and text boxes
    out. A line break is ``\\n``, a page break ``\\f``."""

    def walk(element: Any) -> Iterator[tuple[str, Any]]:
        for child in element:
            if child.tag in _SKIPPED:
                continue
            if child.tag == w("r"):
                rpr = child.find(w("rPr"))
                for part in child:
                    if part.tag == w("t"):
                        yield part.text or "", rpr
                    elif part.tag == w("tab"):
                        yield "\t", rpr
                    elif part.tag == w("br"):
                        yield ("\f" if part.get(w("type")) == "page" else "\n"), rpr
                    elif part.tag in (w("noBreakHyphen"),):
                        yield "-", rpr
                    elif part.tag == w("sym"):
                        yield chr(int(part.get(w("char"), "20"), 16) & 0xFFFF), rpr
                    elif part.tag not in _SKIPPED:
                        yield from walk(part)
            else:
                yield from walk(child)

    yield from walk(p)

"""Chinese text helpers: display width, text decoding, artefact clean-up, line breaking."""

from __future__ import annotations

import codecs
import re
from functools import cache

from rich.cells import cell_len

from bulletin_tui.errors import BulletinError
from bulletin_tui.reasons import refusal


def char_width(char: str) -> int:
    """Columns a character takes on screen, measured as Rich (and so Textual) draws it."""
    return cell_len(char)


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen (a CJK character is 2).

    The one measure is Rich's: the screen is drawn with it, so wrapping, padding and
    cutting by it agree with what is drawn, also for emoji sequences, variation
    selectors and marks, which a table of single characters gets wrong.
    """
    return cell_len(text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


# -- decoding ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(BulletinError):
    """Bytes that are not text in an encoding this program can tell."""


def _is_common(char: str) -> bool:
    return (
        char.isascii()
        or "\u4e00" <= char <= "\u9fff"  # CJK unified ideographs
        or "\u3000" <= char <= "\u303f"  # CJK punctuation
        or "\uff00" <= char <= "\uffef"  # full-width forms
        or "\u2000" <= char <= "\u206f"  # general punctuation: “” ‘’ — …
        or "\u2500" <= char <= "\u257f"  # box drawing: the rule lines ━━━
        or char == "·"
    )


def _plausible(text: str) -> bool:
    """Does decoded text look like writing rather than bytes forced through a codec?"""
    return not text or sum(map(_is_common, text)) / len(text) >= 0.9


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes, encoding: str | None = None, name: str = "the input") -> str:
    """Bytes of plain text → ``str``: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030.

    ``encoding`` overrides the detection. Binary data and bytes that are not text in any
    of these raise :class:`DecodeError` with one sentence saying so.
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise refusal(DecodeError, "text_unknown_encoding", encoding=encoding) from None
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise refusal(
                DecodeError, "text_not_in_encoding", name=name, encoding=encoding, byte=error.start
            ) from None
        return text.removeprefix("\ufeff")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise refusal(DecodeError, "text_bad_mark", name=name, codec=codec) from None
    if b"\x00" in data:
        raise refusal(DecodeError, "text_binary", name=name)
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    # Not UTF-8: the other encoding Chinese text comes in is GB18030 (and GBK, GB2312 in it).
    text = _try_decode(data, "gb18030")
    if text is None or not _plausible(text):
        raise refusal(DecodeError, "text_encoding_unknown", name=name)
    return text


# -- character classes -------------------------------------------------------------------

#: Han ideographs (the common blocks and the compatibility block).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: CJK punctuation and full-width forms (not U+3000, the ideographic space).
CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"

# The patterns below are compiled when first used: a class spanning the Han blocks takes
# milliseconds to compile, which every start of the reader (that never needs them) paid.


@cache
def _han_char() -> re.Pattern[str]:
    return re.compile(f"[{HAN}]")


@cache
def _cjk_char() -> re.Pattern[str]:
    return re.compile(f"[{HAN}{CJK_PUNCT}]")


@cache
def _inserted_space() -> re.Pattern[str]:
    """Spaces that PDF extraction puts between a run of digits or Latin letters and
    Chinese text (`2024 年`, `1.4 亿`, `PPP 项目`): one side Latin/digit, the other Chinese."""
    return re.compile(
        f"(?<=[A-Za-z0-9%‰℃])[ \u00a0]+(?=[{HAN}{CJK_PUNCT}])"
        f"|(?<=[{HAN}{CJK_PUNCT}])[ \u00a0]+(?=[A-Za-z0-9])"
    )


def is_han(char: str) -> bool:
    """A Chinese character (ideograph)."""
    return bool(_han_char().match(char))


def is_cjk(char: str) -> bool:
    """A Chinese character or a piece of CJK / full-width punctuation."""
    return bool(_cjk_char().match(char))


def remove_inserted_spaces(text: str) -> str:
    """Drop the spaces extraction inserts between digits or Latin letters and Chinese."""
    return _inserted_space().sub("", text)


# -- line breaking (W3C clreq, basic level) ----------------------------------------------

#: Characters that may not start a line: closing brackets and quotes, pause and stop marks.
NO_LINE_START = frozenset("，。、；：？！）》」』〉】〕〗〙〛”’％‰℃·．,.;:?!)]}>%・…—")
#: Characters that may not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("（《「『〈【〔〖〘〚“‘([{<")

# Units that are never split: Latin words and numbers (with decimals, %, thousands),
# runs of the two-em dash —— and the ellipsis ……, and single characters otherwise.
_UNIT = re.compile(r"[A-Za-z0-9]+(?:[.,:/'’-][A-Za-z0-9]+)*%?|—+|…+|.", re.S)
# Spaces glue what surrounds them, except between two Latin words, where a reader joins
# the lines with one space again.
_SPACE = frozenset(" \u3000\u00a0")
#: Emoji skin tones, drawn in one cell pair with the emoji before them; the joiner (ZWJ)
#: makes one picture of the emoji on either side.
_MODIFIERS = frozenset(chr(code) for code in range(0x1F3FB, 0x1F400))
_ZWJ = "\u200d"


def _clusters(text: str) -> list[str]:
    """Split ``text`` into the pieces a line may break between."""
    units = _UNIT.findall(text)
    clusters: list[str] = []
    glue_next = False
    for index, unit in enumerate(units):
        latin_gap = (
            unit == " "
            and clusters
            and clusters[-1][-1:].isascii()
            and clusters[-1][-1:].isalnum()
            and index + 1 < len(units)
            and units[index + 1][:1].isascii()
            and units[index + 1][:1].isalnum()
        )
        if latin_gap:
            clusters[-1] += unit  # the break comes after the space; the reader restores it
            glue_next = False
            continue
        joined = glue_next or unit[0] in NO_LINE_START or unit[0] in _SPACE
        # a mark, variation selector, skin tone or joined emoji belongs to what precedes it
        attach = clusters and (joined or cell_len(unit) == 0 or unit[0] in _MODIFIERS)
        if attach:
            clusters[-1] += unit
        else:
            clusters.append(unit)
        glue_next = unit[-1] in NO_LINE_END or unit[-1] in _SPACE or unit[-1] == _ZWJ
    return clusters


#: Hard-wrap widths the exports accept: narrower holds too little to break by the rules;
#: no page or screen is wider (a width of millions made one export take minutes and
#: gigabytes).
MIN_WIDTH, MAX_WIDTH = 10, 1000


def wrap(text: str, width: int, *, no_orphan: bool = False) -> list[str]:
    """Break ``text`` into lines of at most ``width`` display columns, by Chinese rules.

    No line starts with closing punctuation or ends with opening punctuation; ——, ……,
    numbers and Latin words stay whole. Only a piece wider than the whole line is cut.
    ``no_orphan`` keeps the last line from holding a single character (as print does for
    headlines) by taking the previous line's last piece down with it when that fits.
    """
    lines: list[str] = []
    line, used = "", 0
    for cluster in _clusters(text):
        size = display_width(cluster)
        if line and used + size > width:
            lines.append(line.rstrip(" ") if line.endswith(" ") and line[-2:-1].isalnum() else line)
            line, used = "", 0
        while size > width:  # a piece wider than a line: cut it, as nothing else fits
            head, rest = _cut(cluster, width)
            lines.append(head)
            cluster, size = rest, display_width(rest)
        line += cluster
        used += size
    if line or not lines:
        lines.append(line)
    if no_orphan and len(lines) > 1 and _is_orphan(lines[-1]):
        pieces = _clusters(lines[-2])
        if len(pieces) > 1 and display_width(pieces[-1] + lines[-1]) <= width:
            lines[-2:] = ["".join(pieces[:-1]), pieces[-1] + lines[-1]]
    return lines


def _is_orphan(line: str) -> bool:
    """A line holding one character, closing punctuation aside (``会`` or ``会。``)."""
    return len([c for c in line if c not in NO_LINE_START and c not in _SPACE]) <= 1


def _cut(text: str, width: int) -> tuple[str, str]:
    for index in range(1, len(text) + 1):
        if cell_len(text[:index]) > width:
            return text[: max(1, index - 1)], text[max(1, index - 1) :]
    return text, ""

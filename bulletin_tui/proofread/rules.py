"""The rules over one field's text (GB/T 15834-2011 punctuation, GB/T 15835-2011 numbers).

Each rule is a plain function ``(text, kind) -> list[Spot]``: ``kind`` is the field the
text is (``title``, ``body``, ``source`` or a header field), ``text`` is the field as stored
(a body's paragraphs one a line, separated by blank lines). Offsets count characters of
that text. Rules look only at the characters next to a spot, so that what is right in
Chinese text (``1.4亿``, ``12:30``, ``PPP``, a URL, the list number ``1.``) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bulletin_tui.cjk import CJK_PUNCT, HAN
from bulletin_tui.proofread.findings import ERROR, WARNING, Rule, Spot

#: Chinese text for "touching": ideographs and CJK / full-width punctuation.
CHINESE = HAN + CJK_PUNCT
_CHINESE_CHAR = re.compile(f"[{CHINESE}]")

HALF_WIDTH = Rule(
    "half-width-punct", ERROR,
    "中文里用了半角标点“{char}”，应为全角“{right}”",
    "half-width “{char}” in Chinese text; use the full-width “{right}”", True,
)  # fmt: skip
SPACE = Rule(
    "cjk-space", WARNING,
    "中文之间或中文与数字、字母之间不留空格",
    "no space inside Chinese text, nor between Chinese and digits or Latin letters", True,
)  # fmt: skip
UNPAIRED = Rule(
    "unpaired", ERROR,
    "“{char}”没有配对的“{partner}”",
    "“{char}” has no matching “{partner}” in the paragraph", False,
)  # fmt: skip
QUOTE_ORDER = Rule(
    "quote-order", ERROR,
    "引号前后颠倒，应为“{right}”",
    "quotation marks the wrong way round; use “{right}”", True,
)  # fmt: skip
REPEATED = Rule(
    "repeated-punct", ERROR,
    "标点“{char}”重复",
    "“{char}” repeated", True,
)  # fmt: skip
PARAGRAPH_END = Rule(
    "paragraph-end", WARNING,
    "段末缺少句末标点（。！？等）",
    "the paragraph does not end in sentence-final punctuation (。！？…)", False,
)  # fmt: skip
HEADLINE_END = Rule(
    "headline-end", ERROR,
    "标题末尾不用“{char}”",
    "a headline does not end in “{char}”", True,
)  # fmt: skip
FULL_WIDTH = Rule(
    "full-width-alnum", WARNING,
    "全角数字或字母“{wrong}”，应为半角“{right}”",
    "full-width digits or letters “{wrong}”; use the half-width “{right}”", True,
)  # fmt: skip
ELLIPSIS = Rule(
    "ellipsis", ERROR,
    "省略号应为“……”，不用“{wrong}”",
    "an ellipsis is “……”, not “{wrong}”", True,
)  # fmt: skip
TITLE_LENGTH = Rule(
    "title-length", WARNING,
    "标题 {count} 字，超过 {limit} 字",
    "the headline has {count} characters, more than {limit}", False,
)  # fmt: skip

TextRule = Callable[[str, str], list[Spot]]

# -- half-width punctuation ------------------------------------------------------------

FULL_FORM = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_TOUCHING = re.compile(f"(?<=[{CHINESE}])[,.;:?!()]|[,;:?!()](?=[{CHINESE}])|[.](?=[{HAN}])")
# Where half-width punctuation belongs even next to Chinese: web and e-mail addresses.
_ADDRESS = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# ``1.`` and ``2.`` number the third level of a document's headings (GB/T 9704-2012 7.3.1).
_LIST_NUMBER = re.compile(r"(?:^|(?<=[\s。；：！？“（]))\d{1,3}$")
# A number before a half-width full stop that ends the paragraph: 完成率206%.
_NUMBER_AT_END = re.compile(r"[0-9%‰]\.(?=\s*$)", re.M)


def _addresses(text: str) -> list[tuple[int, int]]:
    if "@" not in text and "www" not in text and "://" not in text:
        return []
    return [match.span() for match in _ADDRESS.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def half_width_punctuation(text: str, kind: str) -> list[Spot]:
    """``, . ; : ? ! ( )`` touching Chinese → ``，。；：？！（）``. A half-width bracket pair
    is changed as a pair, so that ``(1)加强`` becomes ``（1）加强``."""
    candidates = [m.start() for m in _HALF_TOUCHING.finditer(text)]
    candidates += [m.start() + 1 for m in _NUMBER_AT_END.finditer(text)]
    if not candidates:
        return []
    addresses = _addresses(text)
    found: set[int] = set()
    for position in candidates:
        char = text[position]
        if _inside(position, addresses):
            continue
        if char == "." and (
            text[position - 1 : position] == "." or text[position + 1 : position + 2] == "."
        ):
            continue  # part of ... (the ellipsis rule's)
        if char == "." and _LIST_NUMBER.search(text, 0, position):
            continue
        if kind == "title" and char in ",." and not text[position + 1 :].strip():
            continue  # a headline's last character: the headline-end rule's
        found.add(position)
    found |= _partners(text, found)
    return [
        Spot(HALF_WIDTH, position, 1, FULL_FORM[text[position]],
             {"char": text[position], "right": FULL_FORM[text[position]]})
        for position in sorted(found)
    ]  # fmt: skip


def _partners(text: str, found: set[int]) -> set[int]:
    """The other half of each half-width bracket pair one of whose halves was found."""
    if not any(text[position] in "()" for position in found):
        return set()
    partners: set[int] = set()
    stack: list[int] = []
    for position, char in enumerate(text):
        if char == "(":
            stack.append(position)
        elif char == ")" and stack:
            opening = stack.pop()
            if opening in found or position in found:
                partners |= {opening, position}
        elif char == "\n":
            stack.clear()
    return partners


# -- spaces ------------------------------------------------------------------------------

_SPACE_INSIDE = re.compile(
    f"(?<=[{CHINESE}])[ \u00a0\u3000]+(?=[{CHINESE}A-Za-z0-9])"
    f"|(?<=[A-Za-z0-9%])[ \u00a0\u3000]+(?=[{CHINESE}])"
)


def spaces(text: str, kind: str) -> list[Spot]:
    """Spaces between Chinese characters, or between Chinese and digits or Latin letters.

    In a headline an ideographic space or a run of spaces between two Chinese characters
    is a deliberate gap between two phrases; a source may name a person after the unit
    (``县乡村振兴局 汪文莉``). Those are left alone.
    """
    spots = []
    for match in _SPACE_INSIDE.finditer(text):
        gap = match.group()
        start, end = match.span()
        between_chinese = _CHINESE_CHAR.match(text[start - 1]) and _CHINESE_CHAR.match(text[end])
        if between_chinese and kind == "source":
            continue
        if between_chinese and kind == "title" and (len(gap) > 1 or gap == "\u3000"):
            continue
        spots.append(Spot(SPACE, start, end - start, ""))
    return spots


# -- pairs -------------------------------------------------------------------------------

OPENING = {"（": "）", "(": "）", "《": "》", "【": "】", "“": "”", "‘": "’"}
CLOSING = {"）": "（", ")": "（", "》": "《", "】": "【", "”": "“", "’": "‘"}
_KIND = {"(": "（", ")": "）"}  # half-width brackets pair as full-width ones do
_PAIRED = re.compile("[（）()《》【】“”‘’]")
# A number closed by a bracket, as lists number their points: 1）、a）、一）.
_LIST_MARK = re.compile(r"(?:^|(?<=[\s。；：，、]))(?:\d{1,3}|[A-Za-z一二三四五六七八九十]{1,3})$")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with the offset it starts at."""
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def pairs(text: str, kind: str) -> list[Spot]:
    """Brackets and quotes unpaired within a paragraph (or headline), and quotation marks
    the wrong way round. A quotation that runs over paragraphs opens each paragraph with
    “ and closes only at its end (GB/T 15834-2011 4.1.3.4): an unclosed “ is fine when
    the next paragraph opens with “ again."""
    if not _PAIRED.search(text):
        return []
    spots: list[Spot] = []
    lines = [(start, line) for start, line in _lines(text) if line.strip()]
    for number, (start, line) in enumerate(lines):
        following = lines[number + 1][1].lstrip(" \u3000\t") if number + 1 < len(lines) else ""
        spots += _pairs_in_line(line, start, following)
    return spots


def _pairs_in_line(line: str, start: int, following: str) -> list[Spot]:
    open_at: dict[str, list[int]] = {}
    stray_closing: list[int] = []
    for match in _PAIRED.finditer(line):
        char = _KIND.get(match.group(), match.group())
        position = match.start()
        if char in OPENING:
            open_at.setdefault(char, []).append(position)
        elif open_at.get(CLOSING[char]):
            open_at[CLOSING[char]].pop()
        elif not (char == "）" and _LIST_MARK.search(line, 0, position)):
            stray_closing.append(position)
    spots: list[Spot] = []
    unclosed = {char: positions for char, positions in open_at.items() if positions}
    for position in stray_closing:
        char = _KIND.get(line[position], line[position])
        opener = CLOSING[char]
        later = [p for p in unclosed.get(opener, []) if p > position]
        if char in "”’" and later:  # ”…“: the wrong way round
            end = later[0]
            unclosed[opener].remove(end)
            right = opener + line[position + 1 : end] + char
            spots.append(Spot(QUOTE_ORDER, start + position, end - position + 1, right,
                              {"right": opener + "…" + char}))  # fmt: skip
        else:
            spots.append(Spot(UNPAIRED, start + position, 1, None,
                              {"char": line[position], "partner": opener}))  # fmt: skip
    for char, positions in unclosed.items():
        if char in "“‘" and following.startswith(char):
            continue  # the quotation goes on in the next paragraph
        for position in positions:
            spots.append(Spot(UNPAIRED, start + position, 1, None,
                              {"char": line[position], "partner": OPENING[char]}))  # fmt: skip
    return sorted(spots, key=lambda spot: spot.offset)


# -- repeated punctuation, ellipses --------------------------------------------------------

_REPEATED = re.compile("([，、；：])\\1+|(?<!。)。。(?!。)")


def repeated_punctuation(text: str, kind: str) -> list[Spot]:
    """``，，`` ``、、`` ``；；`` ``：：`` ``。。`` → one mark (three 。 are an ellipsis)."""
    return [
        Spot(REPEATED, m.start(), len(m.group()), m.group()[0], {"char": m.group()[0]})
        for m in _REPEATED.finditer(text)
    ]


_ELLIPSIS = re.compile("\\.{3,}|。{3,}|[·・]{3,}|(?<!…)…(?!…)")


def ellipses(text: str, kind: str) -> list[Spot]:
    """``...``, ``。。。``, ``···`` or a lone ``…`` → ``……`` (GB/T 15834-2011 4.11)."""
    spots = []
    addresses = _addresses(text) if "." in text else []
    for match in _ELLIPSIS.finditer(text):
        if _inside(match.start(), addresses):
            continue
        spots.append(Spot(ELLIPSIS, match.start(), len(match.group()), "……",
                          {"wrong": match.group()}))  # fmt: skip
    return spots


# -- ends of paragraphs and headlines --------------------------------------------------------

_FINAL = frozenset("。！？…；：!?.")
_CLOSERS = "”’）》」』】)\"' \u3000\t"
# A heading inside the body stands without a full stop: 一、 （一） 1. 第一，
_SUBHEADING = re.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+[，、]?)"
)


def paragraph_end(text: str, kind: str) -> list[Spot]:
    """A body paragraph that does not end in 。！？…；： (a closing quote or bracket after
    the mark is fine). Headings inside the body (``一、…``) are left alone."""
    if kind != "body":
        return []
    spots = []
    for start, line in _lines(text):
        content = line.rstrip(" \u3000\t")
        if not content:
            continue
        bare = content.rstrip(_CLOSERS)
        if bare and (bare[-1] in _FINAL or content[-1] in _FINAL):
            continue
        if _SUBHEADING.match(line) and len(content) <= 40:
            continue
        spots.append(Spot(PARAGRAPH_END, start + len(content) - 1, 1))
    return spots


def headline_end(text: str, kind: str) -> list[Spot]:
    """A headline ending in 。 or ， (or their half-width forms): the mark is removed."""
    if kind != "title":
        return []
    content = text.rstrip()
    if content and content[-1] in "。，,.":
        if content.endswith("...") or content.endswith("。。。"):
            return []  # an ellipsis
        return [Spot(HEADLINE_END, len(content) - 1, 1, "", {"char": content[-1]})]
    return []


# -- full-width digits and letters ------------------------------------------------------------

_FULL_ALNUM = re.compile("[０-９]+(?:[．：][０-９]+)*|[Ａ-Ｚａ-ｚ]+")
_HALF = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF5B)} | {"．": ".", "：": ":"}
)


def full_width_alphanumerics(text: str, kind: str) -> list[Spot]:
    """``１２００`` ``ＰＰＰ`` → ``1200`` ``PPP`` (GB/T 15835-2011 5.1: half-width digits)."""
    spots = []
    for match in _FULL_ALNUM.finditer(text):
        wrong = match.group()
        right = wrong.translate(_HALF)
        spots.append(Spot(FULL_WIDTH, match.start(), len(wrong), right,
                          {"wrong": wrong, "right": right}))  # fmt: skip
    return spots


def title_length(text: str, kind: str, limit: int) -> list[Spot]:
    """A headline longer than ``limit`` characters (spaces not counted)."""
    if kind != "title":
        return []
    count = sum(not char.isspace() for char in text)
    if count <= limit:
        return []
    return [Spot(TITLE_LENGTH, 0, len(text), None, {"count": count, "limit": limit})]


#: The rules over one field, in the order their findings are listed.
TEXT_RULES: dict[str, TextRule] = {
    HALF_WIDTH.id: half_width_punctuation,
    SPACE.id: spaces,
    UNPAIRED.id: pairs,
    REPEATED.id: repeated_punctuation,
    ELLIPSIS.id: ellipses,
    PARAGRAPH_END.id: paragraph_end,
    HEADLINE_END.id: headline_end,
    FULL_WIDTH.id: full_width_alphanumerics,
}

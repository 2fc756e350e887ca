"""The rules over one field's text (GB/T 15834-2011 punctuation, GB/T 15835-2011 numbers).

Each rule is a plain function ``(text, kind) -> list[Spot]``: ``kind`` is the field the
text is (``title``, ``body``, ``source`` or a header field), ``text`` is the field as stored
(a body's paragraphs one a line, separated by blank lines). Offsets count characters of
that text. Rules look only at the characters next to a spot, so that what is right in
Chinese text (``1.4亿``, ``12:30``, ``PPP``, a URL, the list number ``1.``) is left alone.

For speed the linter runs each rule once over many fields joined by :data:`SEPARATOR` (a
line of its own): so a rule never looks across a line break further than the next line,
and never takes the end of the text for the end of a field.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

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

#: What the linter puts between fields it checks in one run: a line no rule takes for text.
SEPARATOR = "\n\x00\n"

# -- half-width punctuation ------------------------------------------------------------

FULL_FORM = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAN_CHAR = re.compile(f"[{HAN}]")
_ANY_HALF = re.compile("[,.;:?!()]")
# Where half-width punctuation belongs even next to Chinese: web and e-mail addresses.
_ADDRESS = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# ``1.`` and ``2.`` number the third level of a document's headings (GB/T 9704-2012 7.3.1):
# see _list_number_before.
# What may stand before a half-width full stop that ends a paragraph: 完成率206%.
_NUMBER_END = frozenset("0123456789%‰")


def _addresses(text: str) -> list[tuple[int, int]]:
    if "@" not in text and "www" not in text and "://" not in text:
        return []
    return [match.span() for match in _ADDRESS.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``position`` inside one of ``spans`` (in order, not overlapping)?"""
    index = bisect_right(spans, (position, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _list_number_before(text: str, position: int) -> bool:
    """Does a list number (``1`` of ``1.``) stand right before ``position``, at the start
    of a line or after a sentence?"""
    start = position
    while start > 0 and position - start < 4 and text[start - 1].isdigit():
        start -= 1
    if not 1 <= position - start <= 3:
        return False
    return start == 0 or text[start - 1] in " \t\n\u3000。；：！？“（"


def _line_rest_blank(text: str, position: int) -> bool:
    end = text.find("\n", position)
    return not text[position : len(text) if end == -1 else end].strip()


def half_width_punctuation(text: str, kind: str) -> list[Spot]:
    """``, . ; : ? ! ( )`` touching Chinese → ``，。；：？！（）``. A half-width bracket pair
    is changed as a pair, so that ``(1)加强`` becomes ``（1）加强``."""
    candidates = []
    chinese = _CHINESE_CHAR.match
    for match in _ANY_HALF.finditer(text):
        position = match.start()
        before = text[position - 1 : position]
        after = text[position + 1 : position + 2]
        if match.group() == ".":
            # after Chinese, or after a number at the end of a line: 完成率206%.
            touching = (
                (before and chinese(before))
                or (after and _HAN_CHAR.match(after))
                or (before in _NUMBER_END and after in ("", "\n", " ", "\u3000"))
            )
        else:
            touching = (before and chinese(before)) or (after and chinese(after))
        if touching:
            candidates.append(position)
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
        if char == "." and _list_number_before(text, position):
            continue
        if kind == "title" and char in ",." and _line_rest_blank(text, position + 1):
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
    partners: set[int] = set()
    lines_done: set[int] = set()
    for found_at in found:
        if text[found_at] not in "()":
            continue
        line_start = text.rfind("\n", 0, found_at) + 1
        if line_start in lines_done:
            continue
        lines_done.add(line_start)
        line_end = text.find("\n", found_at)
        stack: list[int] = []
        for position in range(line_start, len(text) if line_end == -1 else line_end):
            char = text[position]
            if char == "(":
                stack.append(position)
            elif char == ")" and stack:
                opening = stack.pop()
                if opening in found or position in found:
                    partners |= {opening, position}
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
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return []
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
_APOSTROPHE = re.compile("[A-Za-z]’[A-Za-z]")
# One pass in C for the common case: every pair opens and closes on the same line, in
# order, without nesting one of its own kind (the slow scan below handles the rest).
_PAIR_KINDS = (("（(", "）)"), ("《", "》"), ("【", "】"), ("“", "”"), ("‘", "’"))
# As far as every pair of one kind opens and closes on one line, in order and not nested:
# a match stops at the first mark that breaks this, and only that line is then looked at
# one mark at a time (where nesting is fine). One pass in C over clean text.
_WELL_PAIRED = [
    re.compile(f"[^{a}{b}]*+(?:[{a}][^{a}{b}\n]*+[{b}][^{a}{b}]*+)*+") for a, b in _PAIR_KINDS
]
# A number closed by a bracket, as lists number their points: 1）、a）、一）.
_LIST_MARK = re.compile(r"(?:^|(?<=[\s。；：，、]))(?:\d{1,3}|[A-Za-z一二三四五六七八九十]{1,3})$")


def pairs(text: str, kind: str) -> list[Spot]:
    """Brackets and quotes unpaired within a paragraph (or headline), and quotation marks
    the wrong way round. A quotation that runs over paragraphs opens each paragraph with
    “ and closes only at its end (GB/T 15834-2011 4.1.3.4): an unclosed “ is fine when
    the next paragraph opens with “ again."""
    troubled: set[int] = set()
    for (opening, closing), pattern in zip(_PAIR_KINDS, _WELL_PAIRED, strict=True):
        if not any(mark in text for mark in opening + closing):
            continue  # none of this kind at all: substring tests are the fastest
        position = 0
        while (stop := pattern.match(text, position).end()) < len(text):
            troubled.add(text.rfind("\n", 0, stop) + 1)
            position = text.find("\n", stop)
            if position == -1:
                break
            position += 1
    spots: list[Spot] = []
    for start in sorted(troubled):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        spots += _pairs_in_line(text[start:end], start, _next_line(text, end))
    return spots


def _next_line(text: str, end: int) -> str:
    """The next line with text after the line that ends at ``end``, less its indent."""
    while end < len(text):
        following = text.find("\n", end + 1)
        following = len(text) if following == -1 else following
        line = text[end + 1 : following].lstrip(" \u3000\t")
        if line:
            return line
        end = following
    return ""


def _pairs_in_line(line: str, start: int, following: str) -> list[Spot]:
    open_at: dict[str, list[int]] = {}
    stray_closing: list[int] = []
    for match in _PAIRED.finditer(line):
        char = _KIND.get(match.group(), match.group())
        position = match.start()
        if char == "’" and _APOSTROPHE.fullmatch(line, position - 1, position + 2):
            continue  # an apostrophe in English: China’s
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

_DOUBLED = ("，，", "、、", "；；", "：：", "。。")
_REPEATED = re.compile("([，、；：])\\1+|(?<!。)。。(?!。)")


def repeated_punctuation(text: str, kind: str) -> list[Spot]:
    """``，，`` ``、、`` ``；；`` ``：：`` ``。。`` → one mark (three 。 are an ellipsis)."""
    if not any(doubled in text for doubled in _DOUBLED):  # substring tests: the fastest
        return []
    return [
        Spot(REPEATED, m.start(), len(m.group()), m.group()[0], {"char": m.group()[0]})
        for m in _REPEATED.finditer(text)
    ]


#: (what any such ellipsis holds, the pattern of it): three dots, three 。, middle dots,
#: and a lone … (the right ellipsis is two of them).
_ELLIPSES = (
    ("...", re.compile("\\.{3,}")),
    ("。。。", re.compile("。{3,}")),
    ("···", re.compile("·{3,}")),
    ("・・・", re.compile("・{3,}")),
    ("…", re.compile("…(?<!……)(?!…)")),
)


def ellipses(text: str, kind: str) -> list[Spot]:
    """``...``, ``。。。``, ``···`` or a lone ``…`` → ``……`` (GB/T 15834-2011 4.11)."""
    spots = []
    for sign, pattern in _ELLIPSES:
        if sign not in text:  # a plain substring test: much faster than any pattern
            continue
        addresses = _addresses(text) if sign == "..." else []
        for match in pattern.finditer(text):
            if _inside(match.start(), addresses):
                continue
            spots.append(Spot(ELLIPSIS, match.start(), len(match.group()), "……",
                              {"wrong": match.group()}))  # fmt: skip
    return sorted(spots, key=lambda spot: spot.offset)


# -- ends of paragraphs and headlines --------------------------------------------------------

_FINAL = frozenset("。！？…；：!?.")
# The end of a line whose last character is not a final mark (nor a line break or the
# separator between fields): the search runs from line break to line break in C.
# (The pattern starts with the line break itself, which the search finds fastest.)
_UNFINISHED = re.compile("\n(?<![。！？…；：!?.\n\x00]\n)")
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
    # only the lines whose last character is not a final mark are looked at in Python
    ends = [match.start() for match in _UNFINISHED.finditer(text)]
    if text and text[-1] not in _FINAL:
        ends.append(len(text))
    for end in ends:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        content = line.rstrip(" \u3000\t")
        if not content or content == "\x00":  # a blank line, or between two fields
            continue
        bare = content.rstrip(_CLOSERS)
        if (bare and bare[-1] in _FINAL) or content[-1] in _FINAL:
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

_ANY_FULL_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_FULL_ALNUM = re.compile("[０-９]+(?:[．：][０-９]+)*|[Ａ-Ｚａ-ｚ]+")
_HALF = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF5B)} | {"．": ".", "：": ":"}
)


def full_width_alphanumerics(text: str, kind: str) -> list[Spot]:
    """``１２００`` ``ＰＰＰ`` → ``1200`` ``PPP`` (GB/T 15835-2011 5.1: half-width digits)."""
    if not _ANY_FULL_ALNUM.search(text):
        return []
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

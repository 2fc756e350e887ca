"""Physical lines of extracted text → paragraphs: undoing hard wraps and page breaks.

PDF extraction hard-wraps every line (often with a blank line after each), puts a stray
space at the start of a line where a page broke, and loses most indentation. Word copies
give one paragraph a line. This module tells the two apart and joins wrapped lines back
into paragraphs; it knows nothing of items or sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bulletin_tui.cjk import display_width, is_cjk, remove_inserted_spaces

#: Punctuation that ends a sentence (a line ending with one may end a paragraph).
TERMINAL = "。！？!?；;…"
_CLOSING_QUOTES = "”’」』"
_LEADING = re.compile(r"^[ \t\u3000\u00a0]*")
_GAP = re.compile(r"[ \u3000\u00a0]+")
_ATTRIBUTION = re.compile(r"[（(]([^（）()]{1,40})[）)]$")
_UNIT_SUFFIX = re.compile(
    r"(局|办|委|区|乡|镇|街道|中心|院|所|站|队|部|会|处|室|司|集团|县|市|厂|校|馆|团|社|组|供稿|办公室)$"
)


@dataclass(frozen=True)
class Line:
    """One non-blank physical line: its text without surrounding whitespace, and context."""

    text: str
    indented: bool  # two or more spaces, a tab or an ideographic space before the text
    blank_before: bool  # a blank line stood between this line and the previous one
    space_after: bool  # the line ended with whitespace (a word gap at the wrap)
    lead: int = 0  # display width of the indentation
    # What a document (Word, PDF) knows beyond its text; plain text leaves the defaults.
    start: bool = False  # the document starts a paragraph here
    headline: bool = False  # set apart as a headline: bold, larger or centred
    run_in: int = 0  # leading characters in a headline's face, run into the body
    full: bool | None = None  # the line reaches the right margin (None: judge by width)
    masthead: bool = False  # large text at the top of the first page

    @property
    def width(self) -> int:
        """Columns the line took as printed: indentation, text, no inserted spaces."""
        return self.lead + normalized_width(self.text)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph put back together, and whether its first line was indented."""

    text: str
    indented: bool
    headline: bool = False  # every line of it was set as a headline
    run_in: int = 0  # leading characters of a headline run into the body (from the font)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their indentation; a single leading space is a page-break artefact."""
    lines: list[Line] = []
    blank = False
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u3000\u00a0")
        if not stripped:
            blank = True
            continue
        lead = _LEADING.match(raw).group()
        indented = len(lead) >= 2 or "\u3000" in lead or "\t" in lead
        space_after = raw.rstrip(" \t\u3000\u00a0") != raw
        lead_width = display_width(lead) if indented else 0
        lines.append(Line(stripped, indented, blank and bool(lines), space_after, lead_width))
        blank = False
    return lines


def attribution_at_end(text: str) -> re.Match[str] | None:
    """The ``（开发区）`` that closes an item, if ``text`` ends with one.

    A parenthesis at the end is an attribution when a sentence ended right before it
    (``……资金压力。（开发区）``) or when what it holds reads like a unit's name.
    Parentheses inside a sentence (``产权（管理）单位``) are left alone.
    """
    match = _ATTRIBUTION.search(text)
    if match is None:
        return None
    inside = match.group(1).strip(" \u3000")
    if not inside or re.search(r"[。，；：！？,;:!?]|\d%|^共印", inside) or inside[0].isdigit():
        return None
    if after_sentence(text, match) or (len(inside) >= 2 and _UNIT_SUFFIX.search(inside)):
        return match
    return None


def after_sentence(text: str, match: re.Match[str]) -> bool:
    """Does the attribution follow the end of a sentence (or stand alone)?"""
    before = text[: match.start()].rstrip(" \u3000")
    return not before or before[-1] in TERMINAL


def run_in_split(text: str) -> tuple[str, str] | None:
    """Headline and the rest, split at the first space between Chinese characters or quotes.

    Spaces next to digits or Latin letters (``2024 年``, ``PPP 项目``) are extraction
    artefacts, not the end of a headline. A headline holds no full stop.
    """
    for match in _GAP.finditer(text):
        start, end = match.span()
        if start == 0 or end == len(text):
            continue
        if is_cjk(text[start - 1]) and is_cjk(text[end]):
            headline = text[:start]
            if "。" in headline or display_width(headline) > 120:
                return None
            return headline, text[end:]
    return None


def ends_sentence(text: str) -> bool:
    """``……。`` or ``……。”``: the text stops at the end of a sentence."""
    if text[-1:] in _CLOSING_QUOTES:
        text = text[:-1]
    return text[-1:] in TERMINAL if text else False


def normalized_width(text: str) -> int:
    """Display width of a line as printed, before extraction inserted spaces."""
    return display_width(remove_inserted_spaces(text))


@dataclass(frozen=True)
class Wrapping:
    """How a text was laid out: hard-wrapped at ``width`` columns, or one paragraph a line."""

    wrapped: bool
    width: int
    blank_is_break: bool

    def is_full(self, line: Line) -> bool:
        """Did the line run to the wrap width (so the paragraph goes on)?

        The slack allows for a number or a Latin word pushed to the next line whole,
        and for punctuation kept off the start of a line.
        """
        if line.full is not None:
            return line.full
        return line.width >= self.width - max(6, self.width // 4)


def detect_wrapping(lines: list[Line]) -> Wrapping:
    """Hard wrap shows as many lines of about the same width that stop mid-sentence."""
    widths = sorted(line.width for line in lines)
    if not widths:
        return Wrapping(False, 0, True)
    width = widths[(len(widths) * 3) // 4]
    pairs = max(1, len(lines) - 1)
    blank_is_break = sum(line.blank_before for line in lines[1:]) / pairs < 0.5
    layout = Wrapping(False, width, blank_is_break)
    open_ended = [
        line
        for line in lines
        if layout.is_full(line) and line.text[-1] not in "）)】" and not ends_sentence(line.text)
    ]
    wrapped = len(open_ended) >= max(1, 0.15 * len(lines))
    return Wrapping(wrapped, width, blank_is_break)


def _unclosed_paren(text: str) -> bool:
    tail = text[-40:]
    return tail.count("（") + tail.count("(") > tail.count("）") + tail.count(")")


def _join(left: str, right: str, space: bool) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    if space and is_cjk(left[-1]) and is_cjk(right[0]):
        return f"{left} {right}"
    return left + right


def paragraphs(lines: list[Line], wrapping: Wrapping) -> list[Paragraph]:
    """Join the lines of one section into paragraphs."""
    texts: list[str] = []
    firsts: list[Line] = []
    headlines: list[bool] = []
    previous: Line | None = None
    lines_in_paragraph = 0
    for line in lines:
        if previous is not None:
            joined = texts[-1]
            together = _join(joined, line.text, previous.space_after)
            if not line.start and _unclosed_paren(joined) and attribution_at_end(together[-60:]):
                texts[-1] = together  # an attribution split across two lines
                previous = line
                continue
            if _continues(previous, line, joined, lines_in_paragraph, texts, wrapping):
                texts[-1] = together
                headlines[-1] = headlines[-1] and line.headline
                lines_in_paragraph += 1
                previous = line
                continue
        texts.append(line.text)
        firsts.append(line)
        headlines.append(line.headline)
        lines_in_paragraph = 1
        previous = line
    return [
        Paragraph(text, first.indented, headline, first.run_in)
        for text, first, headline in zip(texts, firsts, headlines, strict=True)
    ]


def _continues(
    previous: Line,
    line: Line,
    paragraph: str,
    lines_in_paragraph: int,
    done: list[str],
    wrapping: Wrapping,
) -> bool:
    if not wrapping.wrapped or line.indented or line.start or line.run_in:
        return False
    if previous.headline != line.headline:
        return False  # a headline set apart by its font never runs on into the body
    if line.headline:
        return not ends_sentence(previous.text)  # a headline wrapped onto two lines
    if wrapping.blank_is_break and line.blank_before:
        return False
    tail = paragraph[-60:]
    attribution = attribution_at_end(tail)
    full = wrapping.is_full(previous)
    if attribution and (after_sentence(tail, attribution) or not full):
        return False
    if full:
        return True
    if ends_sentence(previous.text):
        return False
    # A short line that opens an item and does not end a sentence is a headline alone.
    at_item_start = len(done) == 1 or attribution_at_end(done[-2]) is not None
    alone = lines_in_paragraph == 1 and paragraph == previous.text
    return not (alone and at_item_start and run_in_split(previous.text) is None)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph joined as a reader would: no space inside Chinese text, one
    space between two Latin words."""
    text = ""
    for line in lines:
        text = _join(text, line, False) if text else line
    return text

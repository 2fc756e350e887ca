"""A submitted document → the item it holds: headline, unit, author and body paragraphs.

Submissions come as a Word file, a PDF, plain text or a mail. The document readers of
:mod:`bulletin_tui.documents.reading` turn each into hinted lines (bold, centred, size,
indent); this module groups them into paragraphs and finds, in what offices write:

- the headline: the first paragraph (often bold, centred or larger), a title broken over
  two centred lines joined again;
- the unit and author: a short line under the headline (``县水利局　张华``), a closing
  ``（县水利局供稿）`` / ``（县水利局 张华）``, or label lines anywhere
  (``供稿单位：`` ``报送单位：`` ``撰稿：``); contact lines (``联系电话：``) are left out;
- the body: every other paragraph, as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bulletin_tui.cjk import display_width, remove_inserted_spaces
from bulletin_tui.errors import BulletinError
from bulletin_tui.model import is_control
from bulletin_tui.plaintext.layout import (
    Line,
    attribution_at_end,
    detect_wrapping,
    join_lines,
    paragraphs,
    run_in_split,
    split_lines,
)

_SPACE = " \t\u3000\u00a0"
_UNIT_LABELS = (
    "供稿单位",
    "报送单位",
    "来稿单位",
    "投稿单位",
    "信息来源",
    "供稿",
    "报送",
    "来源",
    "单位",
)
_AUTHOR_LABELS = ("撰稿人", "撰稿", "执笔人", "执笔", "作者", "供稿人", "报送人")
_OTHER_LABELS = ("联系人", "联系电话", "电话", "手机", "邮箱", "审核人", "审核", "签发人", "签发",
                 "审稿", "责任编辑", "编辑", "日期", "报送日期", "报送时间")  # fmt: skip
_LABEL = re.compile(
    "(" + "|".join(sorted(_UNIT_LABELS + _AUTHOR_LABELS + _OTHER_LABELS, key=len, reverse=True))
    + r")[ \u3000]*[：:][ \u3000]*"
)  # fmt: skip
_UNIT_NAME = re.compile(
    r"(局|办|委|区|乡|镇|街道|中心|院|所|站|队|部|会|处|室|司|集团|县|市|厂|校|馆|团|社|组|"
    r"办公室|委员会|政府|公司|银行|支行|分局|管委会|指挥部|医院|学校|村|社区|厅|署|联)$"
)
#: Words that stand before a person's name in a byline: ``通讯员　张华``.
_ROLE = re.compile(r"^(通讯员|记者|撰稿人?|作者|执笔人?|供稿人?)[：:]?")
#: A date alone on a line (a sign-off or a dateline): ``2024年4月8日``, ``2024-04-08``.
_DATE_LINE = re.compile(
    r"^[（(]?\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*[）)]?$"
)
#: Parentheses closing the text, with anything (labels too) inside.
_CLOSING_PARENS = re.compile(r"[（(]([^（）()]{1,60})[）)]$")
_SUBMITTED = re.compile(r"[ \u3000]*(供稿|报送|提供|来稿|撰稿)$")
_SENTENCE = re.compile(r"[。，；！？,;!?]")
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


class IntakeError(BulletinError):
    """A submitted file from which no item can be taken: one sentence saying why."""


class HintedLine(Protocol):
    """What intake reads of a line: the readers' ``Line`` (text and layout hints)."""

    text: str
    indent: float | None
    bold: bool
    centred: bool
    size: float | None
    paragraph_start: bool


@dataclass(frozen=True)
class Block:
    """One paragraph of the document, with what its first line looked like."""

    text: str
    bold: bool = False
    centred: bool = False
    size: float | None = None
    run_in: int = 0  # leading characters set as a headline before the body


@dataclass(frozen=True)
class Draft:
    """What a submitted document holds: the item's fields, not yet checked by the model."""

    title: str
    body: tuple[str, ...]
    source: str = ""
    author: str = ""


def clean(text: str) -> str:
    """Text with its control characters removed (tabs become spaces) and ends trimmed."""
    text = text.replace("\t", " ")
    return "".join(char for char in text if not is_control(char)).strip(_SPACE)


def looks_like_unit(name: str) -> bool:
    """Does ``name`` end as units' names do (局, 办, 镇, 街道, 中心…)?"""
    return bool(name.strip()) and bool(_UNIT_NAME.search(name.strip()))


# -- lines → paragraphs -------------------------------------------------------------------


def blocks_of(lines: Sequence[HintedLine], *, pdf: bool = False) -> list[Block]:
    """Group a document's lines into paragraphs.

    Lines with no hints at all (plain text) are joined as the plain-text importer joins
    them (hard wraps undone, indentation and blank lines as breaks). Hinted lines start a
    paragraph where the document says so, after a blank line, at an indent, or where bold,
    centring or size change. Extraction spaces (``2024 年``) are removed from PDF text.
    """
    hinted = any(
        line.paragraph_start or line.bold or line.centred or line.indent or line.size
        for line in lines
    )
    if not hinted:
        return _plain_blocks("\n".join(line.text for line in lines))
    # Indents are measured from the body's most common left edge, which in a short text
    # may be the indented first lines: a paragraph starts right of the leftmost lines.
    edge = min((line.indent for line in lines if line.indent is not None and not line.centred
                and line.text.strip()), default=0.0)  # fmt: skip
    blocks: list[Block] = []
    texts: list[list[str]] = []
    previous: HintedLine | None = None
    for line in lines:
        text = clean(line.text)
        if pdf:
            text = remove_inserted_spaces(text)
        if not text:
            previous = None
            continue
        starts = (
            previous is None
            or line.paragraph_start
            or (line.indent is not None and line.indent - edge >= 1.5)
            or line.centred
            or previous.centred
            or line.bold != previous.bold
            or abs((line.size or 0) - (previous.size or 0)) > 1
        )
        if starts:
            run_in = getattr(line, "run_in", 0)
            blocks.append(Block("", line.bold, line.centred, line.size, run_in))
            texts.append([])
        texts[-1].append(text)
        previous = line
    return [
        Block(join_lines(parts), block.bold, block.centred, block.size, block.run_in)
        for block, parts in zip(blocks, texts, strict=True)
    ]


def _plain_blocks(text: str) -> list[Block]:
    """Plain text: label lines, the headline (joined when broken over two lines) and a
    byline or dateline under it stand alone; the runs of lines between label lines are
    joined into paragraphs as the plain-text importer joins them (hard wraps undone)."""
    found = split_lines(text)
    texts: list[str] = []
    while found and _labels(found[0].text):  # label lines above the headline
        texts.append(found.pop(0).text)
    if found:
        title = found.pop(0)
        if len(found) > 1 and _second_headline_line(title, found[0], found[1]):
            title = replace(title, text=join_lines([title.text, found.pop(0).text]))
        texts.append(title.text)
    while found and (_byline(found[0].text) or _DATE_LINE.match(found[0].text)):
        texts.append(found.pop(0).text)
    run: list[Line] = []
    for line in [*found, None]:
        if line is not None and not _labels(line.text):
            run.append(line)
            continue
        texts += [paragraph.text for paragraph in paragraphs(run, detect_wrapping(run))]
        run = []
        if line is not None:
            texts.append(line.text)
    return [Block(clean(text)) for text in texts if clean(text)]


def _second_headline_line(first: Line, second: Line, third: Line) -> bool:
    """A headline broken over two lines of plain text: neither line indented nor ending a
    sentence, and a byline or the indented body right after."""
    if first.indented or second.indented or _SENTENCE.search(first.text[-1:] + second.text[-1:]):
        return False
    if _byline(second.text) or _labels(second.text) or _DATE_LINE.match(second.text):
        return False
    if display_width(second.text) > 60:
        return False
    return bool(_byline(third.text)) or third.indented


# -- paragraphs → the item ----------------------------------------------------------------


def _labels(text: str) -> list[tuple[str, str]] | None:
    """``供稿单位：县水利局　撰稿：张华`` → [(label, value), …]; None unless the line is only
    labelled values."""
    matches = list(_LABEL.finditer(text))
    if not matches or matches[0].start() != 0 or display_width(text) > 80:
        return None
    found = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        found.append((match.group(1), text[match.end() : end].strip(_SPACE + "，,；;。")))
    return found


def _unit_and_person(text: str) -> tuple[str, str]:
    """``县水利局 张华`` / ``县水利局供稿`` → unit and author (either may be empty)."""
    text = _SUBMITTED.sub("", text.strip(_SPACE))
    parts = [_ROLE.sub("", part) for part in re.split(f"[{_SPACE}]+", text) if part]
    parts = [part for part in parts if part]
    if not parts:
        return "", ""
    if len(parts) == 1 and _PERSON.match(parts[0]) and not _UNIT_NAME.search(parts[0]):
        return "", parts[0]
    return parts[0], " ".join(parts[1:])


def _byline(text: str) -> tuple[str, str] | None:
    """A line under the headline naming the unit (and person): ``县水利局　张华``,
    ``（县水利局 张华）``. None when the line reads as text rather than a name."""
    inner = text
    if text[:1] in "（(" and text[-1:] in "）)":
        inner = text[1:-1]
    if not inner or _SENTENCE.search(inner) or display_width(inner) > 48:
        return None
    unit, person = _unit_and_person(inner)
    if unit and not _UNIT_NAME.search(unit):
        return None
    if person and not all(_PERSON.match(name) for name in person.split()):
        return None
    return (unit, person) if unit or person else None


def _closing(text: str) -> tuple[str, str, str] | None:
    """The body's last paragraph less a closing ``（县水利局供稿）``: (rest, unit, author)."""
    match = _CLOSING_PARENS.search(text)
    if match is None or not _labels(match.group(1).strip(_SPACE)):
        match = attribution_at_end(text)
    if match is None:
        return None
    inside = match.group(1).strip(_SPACE)
    if labelled := _labels(inside):
        unit, author, _ = _from_labels(labelled)
    else:
        unit, author = _unit_and_person(inside)
    if not unit and not author:
        return None
    return text[: match.start()].strip(_SPACE), unit, author


def _from_labels(found: Iterable[tuple[str, str]]) -> tuple[str, str, bool]:
    unit = author = ""
    for label, value in found:
        if label in _UNIT_LABELS and value:
            unit, more = _unit_and_person(value)
            author = author or more
        elif label in _AUTHOR_LABELS and value:
            author = " ".join(value.replace("、", " ").replace("，", " ").split())
    return unit, author, True


def _headline(blocks: list[Block]) -> tuple[str, list[Block]]:
    """The headline and the blocks after it."""
    first = blocks[0]
    if 0 < first.run_in < len(first.text):
        rest = first.text[first.run_in :].strip(_SPACE)
        return first.text[: first.run_in].strip(_SPACE), [Block(rest), *blocks[1:]]
    title, rest = first.text, blocks[1:]
    if len(blocks) == 1:
        split = run_in_split(first.text)
        if split is None:
            raise IntakeError(f"cannot tell the headline from the body in “{first.text[:30]}…”")
        return split[0], [Block(split[1])]
    # A long headline broken over two centred or bold lines, or a subtitle (——记……).
    while rest and (first.centred or first.bold) and _continues_headline(title, first, rest[0]):
        title = join_lines([title, rest[0].text])
        rest = rest[1:]
    return title, rest


def _continues_headline(title: str, first: Block, block: Block) -> bool:
    same_look = block.centred == first.centred and block.bold == first.bold
    if not same_look or _byline(block.text) or _labels(block.text):
        return False
    return not _SENTENCE.search(title[-1:]) and display_width(block.text) <= 80


def parse_submission(blocks: Sequence[Block], *, subject: str = "") -> Draft:
    """Find headline, unit, author and body among a document's paragraphs.

    ``subject`` (a mail's subject) is the headline when the text is a body alone.
    """
    kept = [block for block in blocks if block.text]
    unit = author = ""
    body: list[Block] = []
    for block in kept:
        if labelled := _labels(block.text):
            found_unit, found_author, _ = _from_labels(labelled)
            unit, author = unit or found_unit, author or found_author
        else:
            body.append(block)
    if not body:
        raise IntakeError("there is no text in it to take as an item")
    if subject and (len(body) == 1 or not _looks_like_title(body[0])):
        title = clean(subject)
    else:
        title, body = _headline(body)
    if body and (byline := _byline(body[0].text)):
        unit, author = unit or byline[0], author or byline[1]
        body = body[1:]
    paragraphs_ = [block.text for block in body]
    while paragraphs_ and _DATE_LINE.match(paragraphs_[0]):  # a dateline under the headline
        paragraphs_ = paragraphs_[1:]
    while paragraphs_ and _DATE_LINE.match(paragraphs_[-1]):  # the date of a sign-off
        paragraphs_ = paragraphs_[:-1]
    signed = _byline(paragraphs_[-1]) if len(paragraphs_) > 1 else None
    if signed and signed[0] and _SENTENCE.search(paragraphs_[-2][-1:]):
        unit, author = signed[0], signed[1] or author  # a sign-off: 县水利局 (张华)
        paragraphs_ = paragraphs_[:-1]
    if paragraphs_:
        if closing := _closing(paragraphs_[-1]):
            rest, found_unit, found_author = closing
            unit, author = found_unit or unit, found_author or author
            paragraphs_ = [*paragraphs_[:-1], rest] if rest else paragraphs_[:-1]
        elif byline := (_byline(paragraphs_[-1]) if paragraphs_[-1][:1] in "（(" else None):
            unit, author = byline[0] or unit, byline[1] or author
            paragraphs_ = paragraphs_[:-1]
    if not paragraphs_:
        raise IntakeError(f"the item “{title[:30]}” has no body text")
    return Draft(title, tuple(paragraphs_), unit, author)


def _looks_like_title(block: Block) -> bool:
    """A paragraph set as a headline: bold, centred or a run-in, or short with no full stop."""
    text = block.text
    return (
        block.bold
        or block.centred
        or bool(block.run_in)
        or (display_width(text) <= 80 and not _SENTENCE.search(text[-1:]))
    )

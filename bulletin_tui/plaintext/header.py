"""The masthead (报头) and the footer (报尾) of a bulletin in plain text.

Each recogniser takes one line and returns what it found plus the text it consumed,
so that the importer can prove no character went missing.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from bulletin_tui.plaintext.common import DATE, DISTRIBUTION_LABELS, parse_date

_NUMERAL = r"[0-9〇零一二三四五六七八九十百两]+"
_TOTAL = re.compile(rf"[（(]\s*总\s*第\s*({_NUMERAL})\s*期\s*[）)]")
_YEAR_NUMBER = re.compile(rf"(\d{{4}})\s*年\s*第\s*({_NUMERAL})\s*期")
_NUMBER = re.compile(rf"第\s*({_NUMERAL})\s*期")
_COPIES = re.compile(r"[（(]?\s*共印\s*(\d+)\s*份\s*[）)]?")
_RULE = re.compile(r"^[━—─\-=＝_~～·•*]{3,}$")
_SERIES = re.compile(
    r"^[^\s，。、；：:,.0-9]{0,12}"
    r"(动态|简报|信息|快报|通讯|专报|要情|摘报|参阅|通报|周报|月报|快讯|要报|简讯|专刊|增刊)$"
)
_OFFICE = re.compile(r"(办公室|委员会|政府|委|办|局|部|中心|厅|处|院)(编印|编|主办|印发)?$")
_NOTE = re.compile(r"(内部资料|注意保存|内部刊物|机密|秘密|请勿外传|仅供参考)")
_LABEL = re.compile(r"^(" + "|".join(DISTRIBUTION_LABELS) + r")\s*[：:]\s*")
_LETTER_SPACED = re.compile(r"^\S(?:[ \u3000]+\S)+$")

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


def numeral(text: str) -> int:
    """``12`` or ``十二`` / ``一百零八`` → 12 / 108."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def is_rule(text: str) -> bool:
    """A rule line of the masthead or footer (━━━, ———, ───)."""
    return bool(_RULE.match(re.sub(r"\s+", "", text)))


def copies_in(text: str) -> re.Match[str] | None:
    """``（共印80份）`` anywhere in a line."""
    return _COPIES.search(text)


def distribution_label(text: str) -> re.Match[str] | None:
    """``本期发：`` / ``报：`` / ``抄送：`` … at the start of a line."""
    return _LABEL.match(text)


@dataclass
class Masthead:
    """What the header lines said, and every piece of text they used up."""

    series: str = ""
    number: int | None = None
    total: int | None = None
    date: dt.date | None = None
    publisher: str = ""
    copies: int | None = None
    notes: list[str] = field(default_factory=list)
    consumed: list[str] = field(default_factory=list)

    def take(self, line: str, first: bool, *, strict: bool = False) -> bool:
        """Read one line into the masthead; ``False`` (changing nothing) if it is not one.

        ``strict`` takes only lines that the patterns use up entirely (a date, 第N期).
        """
        trial = copy.deepcopy(self)
        if trial._take(line, first, strict):
            self.__dict__.update(trial.__dict__)
            return True
        return False

    def _take(self, line: str, first: bool, strict: bool) -> bool:
        if is_rule(line):
            self.consumed.append(line)
            return True
        rest, found = line, False
        for pattern, apply in (
            (_TOTAL, self._total),
            (_YEAR_NUMBER, self._year_number),
            (_NUMBER, self._number),
            (DATE, self._date),
            (_COPIES, self._copies),
        ):
            match = pattern.search(rest)
            if match and apply(match):
                self.consumed.append(match.group())
                rest = rest[: match.start()] + " " + rest[match.end() :]
                found = True
        rest = rest.strip(" \u3000\t")
        if not rest:
            return found
        if strict:
            return False
        for part in re.split(r"[ \u3000]{2,}", rest):
            if not self._words(part.strip(), first=first and not found, found=found):
                return False
        return True

    def force(self, line: str) -> None:
        """A line above the masthead's rule that no pattern knows: series, office or note."""
        text = line.strip(" \u3000\t")
        if not self.series:
            self.series = text
        elif not self.publisher:
            self.publisher = text
        else:
            self.notes.append(text)

    def _words(self, text: str, first: bool, found: bool) -> bool:
        compact = re.sub(r"[ \u3000]", "", text) if _LETTER_SPACED.match(text) else text
        if not self.series and (first or self.number is not None) and _SERIES.match(compact):
            self.series = compact
        elif self.series and not self.publisher and _OFFICE.search(text) and len(text) <= 30:
            self.publisher = text
        elif _NOTE.search(text) and len(text) <= 30:
            self.notes.append(text)
        elif found and len(text) <= 30 and not self.publisher:
            self.publisher = text  # beside a date or an issue number: the office
        else:
            return False
        return True

    def _total(self, match: re.Match[str]) -> bool:
        self.total = numeral(match.group(1)) or None
        return self.total is not None

    def _year_number(self, match: re.Match[str]) -> bool:
        self.number = numeral(match.group(2)) or None
        return self.number is not None

    def _number(self, match: re.Match[str]) -> bool:
        if self.number is not None:
            return False
        self.number = numeral(match.group(1)) or None
        return self.number is not None

    def _date(self, match: re.Match[str]) -> bool:
        date = parse_date(match.group())
        if date is not None:
            self.date = date
        return date is not None

    def _copies(self, match: re.Match[str]) -> bool:
        self.copies = int(match.group(1)) or None
        return self.copies is not None

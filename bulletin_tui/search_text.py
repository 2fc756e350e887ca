"""Folding text for search (full-width = half-width, Latin case ignored) and snippets."""

from __future__ import annotations

import re

# Full-width Latin letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９) and the ideographic space: the
# forms that must match their half-width twins. Chinese punctuation is left as it is.
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")
_NARROW = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Full-width letters and digits as half-width, Latin case ignored: ``ＰＰＰ`` → ``ppp``,
    ``１２３４５`` → ``12345``. Index and query are folded alike, so they match."""
    if _WIDE.search(text):
        text = text.translate(_NARROW)
    return text.casefold()


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """``fold`` one character at a time, with the original index of each folded one."""
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char) if not char.isascii() or char.isupper() else char
        folded.append(piece)
        positions += [index] * len(piece)
    return "".join(folded), positions


def find_terms(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (original indices) each occurrence of each term stands."""
    wanted = [fold(t) for t in terms if t.strip()]
    folded = text.casefold()
    if len(folded) != len(text) or not any(term in folded for term in wanted):
        folded = fold(text)  # full-width forms in the text: fold them too
    if len(folded) == len(text):  # the usual case: folding kept every index in place
        positions: list[int] | range = range(len(text))
    else:
        folded, positions = fold_with_positions(text)
    spans: list[tuple[int, int]] = []
    for term in wanted:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    return sorted(spans)


def snippet(text: str, terms: list[str], width: int = 24) -> tuple[str, list[tuple[int, int]]]:
    """A piece of ``text`` around the first match, and the matches' spans inside it."""
    spans = find_terms(text, terms)
    if not spans:  # the start of the text
        cut = "…" if len(text) > width * 2 else ""
        return text[: width * 2].replace("\n", " ") + cut, []
    first = spans[0][0]
    start = max(0, first - width)
    end = min(len(text), first + width)
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    piece = prefix + text[start:end] + suffix
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return piece.replace("\n", " "), inside


def window(
    text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], width: int
) -> tuple[str, list[tuple[int, int]]]:
    """The part of ``text`` that fits ``width`` display columns with the first match in the
    middle (``…`` where it is cut), and the matches' spans inside it."""
    from bulletin_tui.cjk import display_width

    if display_width(text) <= width:
        return text, list(spans)
    first_start, first_end = spans[0] if spans else (0, 0)
    room = max(1, width - 2)  # an ellipsis may stand at either end
    start = first_start
    left = max(0, (room - display_width(text[first_start:first_end])) // 2)
    while start > 0 and display_width(text[start - 1 : first_start]) <= left:
        start -= 1
    end = start
    while end < len(text) and display_width(text[start : end + 1]) <= room:
        end += 1
    while start > 0 and display_width(text[start - 1 : end]) <= room:  # the end came first
        start -= 1
    prefix = "…" if start > 0 and not text[start:].startswith("…") else ""
    suffix = "…" if end < len(text) and not text[:end].endswith("…") else ""
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + text[start:end] + suffix, inside

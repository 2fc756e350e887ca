"""Cutting a label to its room on screen, with … where it was cut."""

from __future__ import annotations

from rich.text import Text


def cut_to(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells (in place, and returned) with … at the end when it is
    longer. The … stands right after the last character that fits: where a wide character
    does not fit, Rich would put a space of padding before the … (“闻 …”)."""
    if width < 2 or text.cell_len <= width:
        return text
    whole = text.plain
    text.truncate(width, overflow="ellipsis")
    if text.plain.endswith(" …") and whole[len(text.plain) - 2] != " ":
        text.right_crop(2)
        text.append("… ")
    return text

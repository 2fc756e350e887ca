"""The reader's view of the inbox: a submission as it would print, and the list of new ones.

Content from files is appended as plain text, never as markup (see :mod:`render`).
"""

from __future__ import annotations

from rich.text import Text

from bulletin_tui.inbox.store import Submission
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.render import item_text


def submission_text(submission: Submission, original: str, width: int) -> Text:
    """Where it came from (one dim line each), then the item as it would print."""
    out = Text()
    out.append(t("inbox_heading", id=submission.id), style="bold")
    details = [
        t("inbox_received", date=submission.received.isoformat()),
        t("inbox_from", unit=submission.sender) if submission.sender else t("inbox_no_unit"),
    ]
    out.append("  " + "  ".join(details), style="dim")
    if original:
        out.append("\n")
        out.append(t("inbox_original", path=original), style="dim")
    if submission.note:
        out.append("\n")
        out.append(t("inbox_note", note=submission.note), style="dim")
    out.append("\n")
    out.append(t("inbox_hint"), style="dim italic")
    out.append("\n\n")
    out.append_text(item_text(submission.item, width))
    return out


def inbox_text(new: list[Submission], width: int) -> Text:
    """The new submissions, a line each: id, day received, unit, headline."""
    out = Text()
    out.append(t("inbox_group"), style="bold")
    out.append("  " + t("inbox_new_count", count=len(new)), style="dim")
    out.append("\n\n")
    if not new:
        out.append(t("inbox_none"), style="dim")
    for number, submission in enumerate(new):
        if number:
            out.append("\n")
        out.append(f"{submission.id}  {submission.received.isoformat()}  ", style="dim")
        out.append(submission.sender or t("inbox_no_unit"))
        out.append("  ")
        out.append(submission.item.title, style="bold")
    return out

"""Submissions (来稿): the inbox folder, intake of submitted files, adopt and decline.

- :mod:`~bulletin_tui.inbox.store`: the submission file (format 1) and the inbox folder;
- :mod:`~bulletin_tui.inbox.intake`: a document's paragraphs → headline, unit, author, body;
- :mod:`~bulletin_tui.inbox.sources`: files and mails → the documents in them;
- :mod:`~bulletin_tui.inbox.adopting`: adopting into an issue, declining.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bulletin_tui.errors import ModelError
from bulletin_tui.inbox.store import Inbox, Submission


def take_in(
    inbox: Inbox,
    paths: Sequence[Path],
    *,
    source: str | None = None,
    received: dt.date | None = None,
    again: bool = False,
) -> tuple[list[Submission], list[str]]:
    """Read every file, then add a submission for each document found; and the warnings.

    Every file is read before anything is written: one that cannot be taken in stops the
    intake with nothing written. ``source`` overrides the unit found in the text. A
    document whose headline and text a submission already has (the same file sent twice,
    or the same text as Word and as PDF) is not taken in again unless ``again``: a
    warning names the submission that has it.
    """
    from bulletin_tui.inbox.intake import IntakeError, looks_like_unit
    from bulletin_tui.inbox.sources import read_file
    from bulletin_tui.model import Item

    found = []
    warnings: list[str] = []
    for path in paths:
        received_here, warned = read_file(Path(path))
        warnings += warned
        for one in received_here:
            draft = one.draft
            if source is not None:
                draft = replace(draft, source=source.strip())
            elif not draft.source and looks_like_unit(one.sender):
                draft = replace(draft, source=one.sender)
            if draft.author and not draft.source:
                raise IntakeError(f"{one.name}: it names {draft.author} but no unit; "
                                  "give the unit with --source")  # fmt: skip
            try:
                item = Item(draft.title, draft.body, draft.source, draft.author)
            except ModelError as error:
                raise IntakeError(f"{one.name}: {error}") from None
            found.append((draft, one, (item.title, item.body)))
    if not again:
        found = _not_yet_in(inbox, found, warnings)
    day = received or dt.date.today()
    added = [
        inbox.add(draft, received=day, sender=draft.source, original=one.original, name=one.name)
        for draft, one, _ in found
    ]
    return added, warnings


def _not_yet_in(inbox: Inbox, found: list, warnings: list[str]) -> list:
    """``found`` less what a submission (or an earlier document of this intake) already
    holds, with a warning for each left out."""
    held = {(s.item.title, s.item.body): f"in the inbox ({s.id})" for s in inbox.scan().submissions}
    fresh = []
    for draft, one, content in found:
        if content in held:
            warnings.append(f"{one.name}: the same headline and text are already {held[content]};"
                            " not taken in again (--again does)")  # fmt: skip
            continue
        held[content] = f"in {one.name}, taken in now"
        fresh.append((draft, one, content))
    return fresh

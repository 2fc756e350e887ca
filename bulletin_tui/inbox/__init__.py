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
) -> tuple[list[Submission], list[str]]:
    """Read every file, then add a submission for each document found; and the warnings.

    Every file is read before anything is written: one that cannot be taken in stops the
    intake with nothing written. ``source`` overrides the unit found in the text.
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
                Item(draft.title, draft.body, draft.source, draft.author)
            except ModelError as error:
                raise IntakeError(f"{one.name}: {error}") from None
            found.append((draft, one))
    day = received or dt.date.today()
    added = [
        inbox.add(draft, received=day, sender=draft.source, original=one.original, name=one.name)
        for draft, one in found
    ]
    return added, warnings

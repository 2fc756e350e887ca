"""Adopting a submission into an issue, and declining one.

Adopted is derived: the item put into the issue carries ``submission = "ID"``, and a
submission is adopted while an issue holds its id. Nothing is stored twice, so a crash
between two writes cannot leave them disagreeing.

Two adopts of one submission at once must adopt it once. Both run under the inbox's lock
(a file lock, so across processes); inside it the archive is searched for the id (through
the index cache, brought up to date first), and the edit itself checks the issue once
more in the same callback that adds the item, so even a program that does not take the
lock cannot make a second copy in the same issue.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from bulletin_tui.archive import Archive, IssueFile
from bulletin_tui.errors import BulletinError
from bulletin_tui.inbox.store import DECLINED, Inbox, Submission
from bulletin_tui.model import Item
from bulletin_tui.tomledit import IssueDocument

#: Where the items adopted from each submission stand: id → [(file, section, headline)].
Adoptions = dict[str, list[tuple[Path, str, str]]]


class AlreadyAdopted(BulletinError):
    """The submission is in an issue already: no second copy is made."""


def adoptions(archive: Archive) -> Adoptions:
    """Every submission id the issues hold, from the index cache brought up to date."""
    from bulletin_tui.index import Index

    index = Index(archive)
    try:
        if archive.root.is_dir():
            index.refresh()
        return index.submissions()
    finally:
        index.close()


def _already(submission_id: str, where: list[tuple[Path, str, str]]) -> AlreadyAdopted:
    path, section, title = where[0]
    shown = f"【{section}】" if section else ""
    return AlreadyAdopted(
        f"submission {submission_id} is already adopted in {path} ({shown}“{title}”); "
        "no second copy was made",
        key="already_adopted",
        id=submission_id,
        path=path.name,
        place=f"{shown}“{title}”",
    )


def adopt(
    inbox: Inbox,
    submission_id: str,
    issue_path: Path,
    section: str,
    *,
    item: Item | None = None,
    base: IssueFile | None = None,
    find: Callable[[], Adoptions] | None = None,
) -> IssueFile:
    """Put the submission's item (or ``item``, as the editor changed it) into the issue at
    ``issue_path``, section ``section`` (made if new), marked with the submission's id.

    ``base`` is the issue as the caller read it (its save is checked against it);
    ``find`` says where ids are adopted (default: :func:`adoptions`). Raises
    :class:`AlreadyAdopted` and writes nothing when an issue holds the id already.
    """
    archive = inbox.archive
    with inbox.lock():
        submission = inbox.get(submission_id)
        where = (find or (lambda: adoptions(archive)))().get(submission_id)
        if where:
            raise _already(submission_id, where)
        issue_file = base if base is not None else archive.load(issue_path)
        adopted = dataclasses.replace(item or submission.item, submission=submission.id)

        def change(document: IssueDocument) -> None:
            for s in document.issue(str(issue_file.path)).sections:
                for held in s.items:
                    if held.submission == submission.id:
                        raise _already(submission.id, [(issue_file.path, s.name, held.title)])
            document.add_item(section, adopted)

        return archive.edit(issue_file, change)


def decline(
    inbox: Inbox,
    submission_id: str,
    note: str | None,
    *,
    find: Callable[[], Adoptions] | None = None,
) -> Submission:
    """Mark a submission declined (with a note); refused when an issue holds it."""
    with inbox.lock():
        inbox.get(submission_id)
        where = (find or (lambda: adoptions(inbox.archive)))().get(submission_id)
        if where:
            path, _, title = where[0]
            raise AlreadyAdopted(
                f"submission {submission_id} is adopted in {path} (“{title}”); "
                "delete the item there before declining it",
                key="adopted_not_declined",
                id=submission_id,
                path=path.name,
                title=title,
            )
        return inbox.set_status(submission_id, DECLINED, note)

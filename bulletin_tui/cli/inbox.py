"""The ``inbox`` commands: submissions (来稿) in, listed, shown, adopted, declined."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bulletin_tui.cli.common import (
    DATE,
    BulletinGroup,
    archive_option,
    open_archive,
    print_json,
    say,
)

if TYPE_CHECKING:
    from bulletin_tui.inbox.store import Inbox


def _inbox(archive_dir: Path | None) -> Inbox:
    from bulletin_tui.inbox.store import Inbox

    archive = open_archive(archive_dir)
    archive.require()
    return Inbox(archive)


@click.group("inbox", cls=BulletinGroup)
@archive_option
@click.pass_context
def inbox_command(ctx: click.Context, archive_dir: Path | None) -> None:
    """Submissions (来稿): take files in, list, show, adopt into an issue, decline."""
    ctx.ensure_object(dict)
    if archive_dir is not None:
        ctx.obj["archive_dir"] = archive_dir


@inbox_command.command("add")
@archive_option
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--source", help="The submitting unit, overriding what the text says.")
@click.option("--received", type=DATE, help="The day it came in (default: today).")
@click.option("--again", is_flag=True,
              help="Take in a document even when the inbox already has its text.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the submissions made as JSON.")
def add_command(archive_dir: Path | None, files: tuple[Path, ...], source: str | None,
                received: dt.date | None, again: bool, as_json: bool) -> None:  # fmt: skip
    """Take .docx, .pdf, .txt and .eml files in as submissions (one per document)."""
    from bulletin_tui.inbox import take_in

    if source is not None and not source.strip():
        raise click.BadParameter("the unit cannot be empty", param_hint="--source")
    inbox = _inbox(archive_dir)
    added, warnings = take_in(inbox, files, source=source, received=received, again=again)
    for warning in warnings:
        say(f"bulletin: warning: {warning}", err=True)
    if as_json:
        print_json([_brief(submission.as_dict(())) for submission in added])
        return
    for submission in added:
        unit = submission.item.source or "—"
        say(f"{submission.id}  {unit}  {submission.item.title}")


def _brief(data: dict[str, object]) -> dict[str, object]:
    keys = ("id", "path", "title", "source", "author", "body", "received", "status")
    return {key: data[key] for key in keys}


@inbox_command.command("list")
@archive_option
@click.option("--status", type=click.Choice(["new", "adopted", "declined", "all"]),
              default="new", show_default=True, help="Which submissions to list.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_command(archive_dir: Path | None, status: str, as_json: bool) -> None:
    """One line per submission (id, received, status, unit, headline); broken files after."""
    from bulletin_tui.inbox.adopting import adoptions

    inbox = _inbox(archive_dir)
    listing = inbox.scan()
    adopted = adoptions(inbox.archive)
    shown = [s for s in listing.submissions
             if status == "all" or s.status_given(adopted) == status]  # fmt: skip
    broken = [{"path": str(b.path), "line": b.error.line, "reason": b.error.reason}
              for b in listing.broken]  # fmt: skip
    if as_json:
        print_json({"submissions": [s.as_dict(adopted) for s in shown], "broken": broken})
        return
    for submission in shown:
        say(f"{submission.id}  {submission.received.isoformat()}  "
                   f"{submission.status_given(adopted)}  {submission.sender or '—'}  "
                   f"{submission.item.title}")  # fmt: skip
    for entry in listing.broken:
        say(f"broken: {entry.error}")


@inbox_command.command("show")
@archive_option
@click.argument("submission_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show_command(archive_dir: Path | None, submission_id: str, as_json: bool) -> None:
    """One submission: where it came from, then the item as it would print."""
    from bulletin_tui.inbox.adopting import adoptions
    from bulletin_tui.plaintext.exporter import item_lines

    inbox = _inbox(archive_dir)
    submission = inbox.get(submission_id)
    found = adoptions(inbox.archive)
    if as_json:
        print_json(submission.as_dict(found))
        return
    status = submission.status_given(found)
    say(f"{submission.id}  received {submission.received.isoformat()}  from "
               f"{submission.sender or '—'}  {status}")  # fmt: skip
    for path, section, title in found.get(submission.id, []):
        say(f"adopted in {path} 【{section}】 {title}")
    if submission.note:
        say(f"note: {submission.note}")
    if submission.original:
        say(f"original: {inbox.folder / submission.original}")
    say("")
    say("\n".join(item_lines(submission.item, None, run_in=False)))


@inbox_command.command("adopt")
@archive_option
@click.argument("submission_id", metavar="ID")
@click.argument("issue_name", metavar="ISSUE")
@click.option("--section", required=True, help="The section (栏目) it goes into; made if new.")
def adopt_command(archive_dir: Path | None, submission_id: str, issue_name: str,
                  section: str) -> None:  # fmt: skip
    """Put a submission's item into an issue (marked with the submission's id)."""
    from bulletin_tui.inbox.adopting import adopt

    inbox = _inbox(archive_dir)
    inbox.get(submission_id)  # an unknown id is named before the issue is looked for
    path = inbox.archive.resolve(issue_name)
    saved = adopt(inbox, submission_id, path, section.strip())
    say(str(saved.path))


@inbox_command.command("decline")
@archive_option
@click.argument("submission_id", metavar="ID")
@click.option("--note", help="Why (kept with the submission).")
def decline_command(archive_dir: Path | None, submission_id: str, note: str | None) -> None:
    """Mark a submission declined, with an optional note."""
    from bulletin_tui.inbox.adopting import decline
    from bulletin_tui.model import check_line

    if note is not None:
        check_line("note", note.strip())
    inbox = _inbox(archive_dir)
    declined = decline(inbox, submission_id, None if note is None else note.strip())
    say(f"{declined.id} declined")

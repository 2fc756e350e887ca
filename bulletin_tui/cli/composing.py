"""Commands that write issues: new, add."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bulletin_tui.cli.common import COPIES, DATE, NUMBER, TOTAL, archive_option, open_archive, say

if TYPE_CHECKING:
    from bulletin_tui.model import Distribution


def _distribution(ctx: click.Context, param: Any, values: tuple[str, ...]) -> list[Distribution]:
    from bulletin_tui.plaintext import parse_distribution

    lines = []
    for value in values:
        line = parse_distribution(value)
        if line is None:
            raise click.BadParameter(f"“{value}” is not like 本期发：甲，乙", ctx, param)
        lines.append(line)
    return lines


@click.command("new")
@archive_option
@click.option("--series", required=True, help="The bulletin's name, e.g. 工作动态.")
@click.option("--number", type=NUMBER, help="第N期 (numbered per year).")
@click.option("--total", type=TOTAL, help="总第N期.")
@click.option("--date", type=DATE, help="2024-04-10 or 2024年4月10日.")
@click.option("--publisher", default="", help="The compiling office (编发单位).")
@click.option("--copies", type=COPIES, help="共印N份.")
@click.option(
    "--distribution",
    multiple=True,
    callback=_distribution,
    help='A footer line, e.g. "本期发：县委常委，副县长"; repeatable.',
)
def new_command(
    archive_dir: Path | None,
    series: str,
    number: int | None,
    total: int | None,
    date: dt.date | None,
    publisher: str,
    copies: int | None,
    distribution: list[Distribution],
) -> None:
    """Create a new issue file in the archive and print its path."""
    from bulletin_tui.model import Issue

    archive = open_archive(archive_dir)
    issue = Issue(
        series=series.strip(),
        number=number,
        total=total,
        date=date,
        publisher=publisher.strip(),
        copies=copies,
        distribution=tuple(distribution),
    )

    say(archive.create(issue).path)


@click.command("add")
@archive_option
@click.argument("issue_name", metavar="ISSUE")
@click.option("--section", required=True, help="The section (栏目); created if new.")
@click.option("--title", required=True, help="The headline.")
@click.option("--source", required=True, help="The submitting unit, e.g. 开发区.")
@click.option("--author", default="", help="A person named with the unit.")
@click.option("--body", help="The body; paragraphs separated by line breaks.")
@click.option(
    "--body-file",
    type=click.File("rb"),
    help="Read the body from a file (UTF-8 or GB18030), or - for standard input.",
)
def add_command(
    archive_dir: Path | None,
    issue_name: str,
    section: str,
    title: str,
    source: str,
    author: str,
    body: str | None,
    body_file: Any,
) -> None:
    """Append an item to an issue (the section is created if it is new)."""
    if (body is None) == (body_file is None):
        raise click.UsageError("give the body with exactly one of --body and --body-file")
    if body_file is not None:
        from bulletin_tui.cjk import decode_text

        body = decode_text(body_file.read(), name=getattr(body_file, "name", "the body"))
    from bulletin_tui.model import Item, split_paragraphs

    item = Item(
        title=title.strip(),
        body=split_paragraphs(body or ""),
        source=source.strip(),
        author=author.strip(),
    )
    archive = open_archive(archive_dir)
    # Read, change and save under the folder's save lock: concurrent adds all land.
    path = archive.resolve(issue_name)
    saved = archive.update(path, lambda document: document.add_item(section.strip(), item))

    say(saved.path)

"""Commands that read the archive: open, list, show, check, search."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bulletin_tui.cli.common import (
    DATE,
    LANG,
    archive_option,
    counted,
    open_archive,
    print_json,
    refresh_with_progress,
    say,
)

if TYPE_CHECKING:
    from bulletin_tui.archive import Listing


@click.command("open")
@archive_option
@LANG
def open_command(archive_dir: Path | None = None, lang: str | None = None) -> None:
    """Open the reader (the terminal user interface)."""
    # Textual is imported here and only here: the other commands start without it.
    from bulletin_tui.tui.i18n import choose_language

    choose_language(lang or (click.get_current_context().obj or {}).get("lang"))
    from bulletin_tui.tui.app import run

    run(open_archive(archive_dir))


@click.command("list")
@archive_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_command(archive_dir: Path | None, as_json: bool) -> None:
    """One line per issue, newest first; broken files after them."""
    from bulletin_tui.index import Index

    archive = open_archive(archive_dir)
    archive.require()
    index = Index(archive)
    refresh_with_progress(index)
    listing, summaries = index.listing(), index.summaries()
    issues = [summaries[str(f.path)] for f in listing.issues]
    if as_json:
        print_json({"issues": issues, "broken": _broken(listing)})
        return
    from bulletin_tui.cjk import display_width, pad
    from bulletin_tui.visible import visible

    rows = [
        [
            str(issue["date"] or "—"),
            visible(issue["series"]),
            f"第{issue['number']}期" if issue["number"] is not None else "—",
            counted(issue["sections"], "section"),
            counted(issue["items"], "item"),
            visible(issue["path"]),
        ]
        for issue in issues
    ]
    widths = [max((display_width(row[i]) for row in rows), default=0) for i in range(6)]
    for row in rows:
        cells = [pad(cell, width) for cell, width in zip(row, widths, strict=True)]
        click.echo("  ".join(cells).rstrip())  # the last column unpadded: no trailing spaces
    if not rows:
        click.echo(f"no issues in {visible(archive.root)}")
    for broken in listing.broken:
        click.echo(f"broken: {visible(broken.error)}")


def _broken(listing: Listing) -> list[dict[str, Any]]:
    return [
        {"path": str(b.path), "line": b.error.line, "reason": b.error.reason}
        for b in listing.broken
    ]


@click.command("show")
@archive_option
@click.argument("issue_name", metavar="ISSUE")
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
def show_command(archive_dir: Path | None, issue_name: str, as_json: bool) -> None:
    """Show one issue: a file path, or a name relative to the archive."""
    archive = open_archive(archive_dir)
    issue_file = archive.load(archive.resolve(issue_name))
    if as_json:
        from bulletin_tui.tomlfile import issue_to_data

        print_json(issue_to_data(issue_file.issue))
        return
    from bulletin_tui.plaintext import export_text

    click.echo(export_text(issue_file.issue), nl=False)


@click.command("check")
@archive_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check_command(archive_dir: Path | None, as_json: bool) -> None:
    """Validate every issue file; exit 1 if any is broken.

    Two files holding the same series, year and number are a warning (exit status 0).
    """
    from bulletin_tui.clashes import same_issues

    archive = open_archive(archive_dir)
    listing = archive.scan()
    checked = len(listing.issues) + len(listing.broken)
    clashes = same_issues(listing.issues)
    if as_json:
        warnings = [clash.as_dict() for clash in clashes]
        print_json({"checked": checked, "broken": _broken(listing), "warnings": warnings})
    else:
        for broken in listing.broken:
            error = broken.error
            where = f"{error.path}:{error.line}" if error.line is not None else str(error.path)
            say(f"{where}: {error.reason}")
        for clash in clashes:
            say(f"{clash.paths[0]}: warning: {clash.message()}")
        warned = f", {len(clashes)} warning{'s' if len(clashes) != 1 else ''}" if clashes else ""
        click.echo(f"{checked} files checked, {len(listing.broken)} broken{warned}", err=True)
    if listing.broken:
        sys.exit(1)


@click.command("search")
@archive_option
@click.argument("terms", nargs=-1, required=True, metavar="QUERY...")
@click.option("--series", help="Only this series.")
@click.option("--section", help="Only this section.")
@click.option("--source", help="Only items from this unit.")
@click.option("--from", "date_from", type=DATE, help="First day (inclusive).")
@click.option("--to", "date_to", type=DATE, help="Last day (inclusive).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search_command(
    archive_dir: Path | None,
    terms: tuple[str, ...],
    series: str | None,
    section: str | None,
    source: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    as_json: bool,
) -> None:
    """Items whose headline, body or source hold every term (newest first)."""
    from bulletin_tui.index import Index
    from bulletin_tui.search import Filters, search

    archive = open_archive(archive_dir)
    archive.require()
    index = Index(archive)
    refresh_with_progress(index)
    filters = Filters(series, section, source, date_from, date_to)
    hits = search(index, list(terms), filters)
    if as_json:
        print_json([hit.as_dict() for hit in hits])
        return
    from bulletin_tui.visible import visible

    lines = []
    for hit in hits:
        number = f" 第{hit.number}期" if hit.number is not None else ""
        section = f" 【{hit.section}】" if hit.section else ""
        heading = visible(f"{hit.date or '—'} {hit.series}{number}{section}  {hit.title}")
        lines.append(f"{heading}\n    {_marked(hit.snippet, hit.spans)}\n")
    click.echo("".join(lines), nl=False)
    click.echo(counted(len(hits), "item"), err=True)


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The snippet with its matches in bold when writing to a terminal (a tab in a body
    is a space here, any other control character a visible escape)."""
    from bulletin_tui.visible import visible

    text = text.replace("\t", " ")
    if not spans or not sys.stdout.isatty():
        return visible(text)
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out += [visible(text[last:start]), click.style(visible(text[start:end]), bold=True,
                                                       fg="yellow")]  # fmt: skip
        last = end
    return "".join([*out, visible(text[last:])])

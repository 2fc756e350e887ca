"""The ``stats`` command: adopted items and score per unit (信息采用统计)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from bulletin_tui.cli.common import (
    DATE,
    LANG,
    archive_option,
    open_archive,
    print_json,
    refresh_with_progress,
    say,
)


@click.command("stats")
@archive_option
@click.option("--by", type=click.Choice(["source", "section", "month", "series"]),
              default="source", show_default=True, help="What to count under.")  # fmt: skip
@click.option("--from", "date_from", type=DATE, help="First day of the range (inclusive).")
@click.option("--to", "date_to", type=DATE, help="Last day of the range (inclusive).")
@click.option("--series", help="Only issues of this series.")
@click.option("--classes", is_flag=True, help="With --by source: townships apart from departments.")
@click.option("--suggest-aliases", is_flag=True, help="List unit names that look like one unit.")
@click.option("--by-rate", is_flag=True, help="Rank by adoption rate (采用率) instead of score.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV for spreadsheets: a header row, the ranking, a totals row.",
)
@click.option(
    "--encoding",
    type=click.Choice(["utf-8", "gb18030"]),
    default="utf-8",
    show_default=True,
    help="Of --csv: UTF-8 with a byte order mark (which Excel needs), or GB18030.",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write an Excel workbook to this file (one sheet per class with --classes).",
)
@LANG
def stats_command(
    archive_dir: Path | None,
    by: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    series: str | None,
    classes: bool,
    suggest_aliases: bool,
    by_rate: bool,
    as_json: bool,
    as_csv: bool,
    encoding: str,
    xlsx_path: Path | None,
    lang: str | None,
) -> None:
    """Adopted items, score, submissions and adoption rate per unit, section, month or
    series (信息采用统计). Submissions (来稿) not adopted count as submitted only."""
    from bulletin_tui import stats
    from bulletin_tui.settings import load_settings
    from bulletin_tui.visible import visible

    if sum((as_json, as_csv, xlsx_path is not None)) > 1:
        raise click.UsageError("choose one of --json, --csv and --xlsx")
    if classes and by != "source":
        raise click.UsageError("--classes goes with --by source")
    from bulletin_tui.index import Index

    archive = open_archive(archive_dir)
    archive.require()
    index = Index(archive)
    refresh_with_progress(index)
    listing = index.listing()
    settings, problem = load_settings(archive.root)
    if problem is not None:
        click.echo(f"bulletin: warning: {visible(problem)}; counting without the settings",
                   err=True)  # fmt: skip
    if listing.broken:
        click.echo(f"bulletin: warning: {len(listing.broken)} broken files left out "
                   "(`bulletin check` lists them)", err=True)  # fmt: skip
    entries = list(stats.adopted_items(index.entries(), settings, date_from=date_from,
                                       date_to=date_to, series=series))  # fmt: skip
    if suggest_aliases:
        _print_aliases(stats.suggest_aliases(e.entry.source for e in entries), as_json)
        return
    sent = _not_adopted(archive, index, settings, date_from, date_to)
    groups = {"": (entries, sent)}
    if classes:
        groups = {
            kind: ([e for e in entries if stats.unit_class(e.unit) == kind],
                   [s for s in sent if stats.unit_class(s.unit) == kind])
            for kind in (stats.TOWNSHIP, stats.DEPARTMENT)
        }  # fmt: skip
    tables = {
        kind: stats.ranking(adopted, by, not_adopted, by_rate=by_rate)
        for kind, (adopted, not_adopted) in groups.items()
    }
    if as_json:
        data = {k: [r.as_dict() for r in rows] for k, rows in tables.items()}
        print_json(data if classes else data[""])
    elif as_csv or xlsx_path is not None:
        from bulletin_tui import stats_export

        names = stats_export.titles(_language(lang), by)
        if xlsx_path is not None:
            stats_export.write_xlsx(xlsx_path, tables, names)
            click.echo(xlsx_path)
        else:
            # bytes: click writes them as they are (the BOM, or GB18030)
            click.echo(stats_export.csv_bytes(tables, names, encoding=encoding), nl=False)
    else:
        _print_tables(tables, by, by_rate)


def _not_adopted(archive: Any, index: Any, settings: Any, date_from: dt.date | None,
                 date_to: dt.date | None) -> list[Any]:  # fmt: skip
    """The inbox's submissions that no issue holds (broken submission files named)."""
    from bulletin_tui import stats
    from bulletin_tui.inbox.store import Inbox

    listing = Inbox(archive).scan()
    if listing.broken:
        click.echo(f"bulletin: warning: {len(listing.broken)} broken submission files left out "
                   "(`bulletin inbox list` lists them)", err=True)  # fmt: skip
    submissions = [(s.id, s.sender, s.received) for s in listing.submissions]
    return list(stats.not_adopted(submissions, index.submissions(), settings,
                                  date_from=date_from, date_to=date_to))  # fmt: skip


def _print_aliases(pairs: list[tuple[str, str]], as_json: bool) -> None:
    if as_json:
        print_json([{"name": name, "alias_of": target} for name, target in pairs])
        return
    if not pairs:
        click.echo("no likely duplicates among the units")
        return
    click.echo("# likely the same unit; add the lines you agree with to bulletin.toml")
    click.echo("[aliases]")

    for name, target in pairs:
        say(f'"{name}" = "{target}"')


def _language(option: str | None) -> str:
    """``--lang`` here or on the group, else $BULLETIN_LANG, else Chinese."""
    import os

    chosen = option or (click.get_current_context().obj or {}).get("lang")
    chosen = (chosen or os.environ.get("BULLETIN_LANG") or "zh").lower()[:2]
    return chosen if chosen in ("zh", "en") else "zh"


#: The tables are headed in English, as the command line speaks; the Chinese term in brackets.
_CLASS_TITLES = {
    "": "",
    "township": "townships and streets (乡镇、街道)",
    "department": "county departments (县直部门)",
}
_KEY_TITLES = {"source": "unit", "section": "section", "month": "month", "series": "series"}


def _print_tables(tables: dict[str, list[Any]], by: str, by_rate: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from bulletin_tui.stats import ranked
    from bulletin_tui.visible import visible

    console = Console(highlight=False)
    for kind, rows in tables.items():
        table = Table(title=_CLASS_TITLES[kind] or None, title_justify="left")
        table.add_column("rank", justify="right")
        table.add_column(_KEY_TITLES[by])
        table.add_column("items", justify="right")
        table.add_column("score", justify="right")
        table.add_column("submitted", justify="right")
        table.add_column("rate", justify="right")
        for rank, row in ranked(rows, by_rate=by_rate):
            values = row.as_dict()
            table.add_row(str(rank), Text(visible(values["key"]) or "—"), str(values["items"]),
                          str(values["score"]), str(row.submitted), f"{row.rate:.0%}")  # fmt: skip
        console.print(table)

"""The ``stats`` command: adopted items and score per unit (信息采用统计)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from bulletin_tui.cli.common import (
    DATE,
    archive_option,
    open_archive,
    print_json,
    refresh_with_progress,
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
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
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
) -> None:
    """Adopted items, score, submissions and adoption rate per unit, section, month or
    series (信息采用统计). Submissions (来稿) not adopted count as submitted only."""
    from bulletin_tui import stats
    from bulletin_tui.settings import load_settings

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
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
        click.echo(f"bulletin: warning: {problem}; counting without the settings", err=True)
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
    elif as_csv:
        _print_csv(tables, classes)
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
        click.echo(f'"{name}" = "{target}"')


def _print_csv(tables: dict[str, list[Any]], classes: bool) -> None:
    import csv
    import io

    from bulletin_tui.stats import ranked

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((["class"] if classes else []) + ["rank", "key", "items", "score"])
    for kind, rows in tables.items():
        for rank, row in ranked(rows):
            values = row.as_dict()
            writer.writerow(([kind] if classes else []) + [rank, values["key"], values["items"],
                                                            values["score"]])  # fmt: skip
    click.echo(out.getvalue(), nl=False)


_CLASS_TITLES = {"": "", "township": "乡镇（街道）", "department": "县直部门"}
_KEY_TITLES = {"source": "unit", "section": "section", "month": "month", "series": "series"}


def _print_tables(tables: dict[str, list[Any]], by: str, by_rate: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from bulletin_tui.stats import ranked

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
            table.add_row(str(rank), Text(values["key"] or "—"), str(values["items"]),
                          str(values["score"]), str(row.submitted), f"{row.rate:.0%}")  # fmt: skip
        console.print(table)

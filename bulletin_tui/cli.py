"""The ``bulletin`` command.

Heavy modules are imported inside the commands that need them: ``bulletin --help`` and
``bulletin list`` never import Textual, and the TUI is imported only to launch it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from bulletin_tui.archive import Archive, Listing
    from bulletin_tui.model import Distribution


class CommandError(click.ClickException):
    """One sentence on stderr, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"bulletin: {self.format_message()}", err=True)


class BulletinGroup(click.Group):
    """Turns the program's own errors into one sentence and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from bulletin_tui.errors import BulletinError

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BulletinError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise CommandError(f"{where}{error.strerror or error}") from None
        except Exception as error:
            if os.environ.get("BULLETIN_DEBUG"):
                raise
            raise CommandError(
                f"internal error: {type(error).__name__}: {error} "
                "(run again with BULLETIN_DEBUG=1 to see where)"
            ) from None


def fail(message: str) -> NoReturn:
    """Stop the command with one sentence on stderr and exit status 1."""
    raise CommandError(message)


class DateType(click.ParamType):
    """``2024-04-10`` or ``2024年4月10日``."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from bulletin_tui.plaintext import parse_date

        date = parse_date(str(value))
        if date is None:
            self.fail(f"“{value}” is not a date like 2024-04-10 or 2024年4月10日", param, ctx)
        return date


DATE = DateType()


def default_archive() -> Path:
    """``$BULLETIN_ARCHIVE``, else ``./issues`` when it exists, else the user data folder."""
    if env := os.environ.get("BULLETIN_ARCHIVE"):
        return Path(env)
    if Path("issues").is_dir():
        return Path("issues")
    import platformdirs

    return Path(platformdirs.user_data_dir("bulletin_tui", appauthor=False)) / "issues"


def archive_option(command: Any) -> Any:
    """``--archive DIR``, accepted by every subcommand (and before it, by the group)."""
    return click.option(
        "--archive",
        "archive_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="The folder of issue files (default: $BULLETIN_ARCHIVE, ./issues, user data).",
    )(command)


def open_archive(archive_dir: Path | None) -> Archive:
    """The archive chosen by ``--archive`` (here or on the group), or the default one."""
    from bulletin_tui.archive import Archive

    ctx = click.get_current_context()
    chosen = archive_dir or (ctx.obj or {}).get("archive_dir") or default_archive()
    return Archive(chosen)


def print_json(data: Any) -> None:
    """JSON on stdout: UTF-8 as is, dates as ISO strings."""
    import json

    from bulletin_tui.tomlfile import json_default

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=json_default))


LANG = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="The language of the screen (default: $BULLETIN_LANG, else zh).",
)


@click.group(cls=BulletinGroup, invoke_without_command=True)
@archive_option
@LANG
@click.version_option(package_name="bulletin-tui")
@click.pass_context
def cli(ctx: click.Context, archive_dir: Path | None, lang: str | None) -> None:
    """Read, compose, import and export Chinese work bulletins (工作动态).

    With no command, opens the reader on the archive.
    """
    ctx.ensure_object(dict)
    ctx.obj["archive_dir"] = archive_dir
    ctx.obj["lang"] = lang
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_command, archive_dir=archive_dir, lang=lang)


@cli.command("open")
@archive_option
@LANG
def open_command(archive_dir: Path | None = None, lang: str | None = None) -> None:
    """Open the reader (the terminal user interface)."""
    # Textual is imported here and only here: the other commands start without it.
    from bulletin_tui.tui.i18n import choose_language

    choose_language(lang or (click.get_current_context().obj or {}).get("lang"))
    from bulletin_tui.tui.app import run

    run(open_archive(archive_dir))


@cli.command("list")
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

    rows = [
        [
            str(issue["date"] or "—"),
            str(issue["series"]),
            f"第{issue['number']}期" if issue["number"] is not None else "—",
            f"{issue['sections']} sections",
            f"{issue['items']} items",
            str(issue["path"]),
        ]
        for issue in issues
    ]
    widths = [max((display_width(row[i]) for row in rows), default=0) for i in range(6)]
    for row in rows:
        click.echo("  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)))
    if not rows:
        click.echo(f"no issues in {archive.root}")
    for broken in listing.broken:
        click.echo(f"broken: {broken.error}")


def _broken(listing: Listing) -> list[dict[str, Any]]:
    return [
        {"path": str(b.path), "line": b.error.line, "reason": b.error.reason}
        for b in listing.broken
    ]


@cli.command("show")
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


@cli.command("check")
@archive_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check_command(archive_dir: Path | None, as_json: bool) -> None:
    """Validate every issue file; exit 1 if any is broken."""
    archive = open_archive(archive_dir)
    listing = archive.scan()
    checked = len(listing.issues) + len(listing.broken)
    if as_json:
        print_json({"checked": checked, "broken": _broken(listing)})
    else:
        for broken in listing.broken:
            click.echo(f"{broken.error.path}:{broken.error.line}: {broken.error.reason}")
        click.echo(f"{checked} files checked, {len(listing.broken)} broken", err=True)
    if listing.broken:
        sys.exit(1)


def _distribution(ctx: click.Context, param: Any, values: tuple[str, ...]) -> list[Distribution]:
    from bulletin_tui.plaintext import parse_distribution

    lines = []
    for value in values:
        line = parse_distribution(value)
        if line is None:
            raise click.BadParameter(f"“{value}” is not like 本期发：甲，乙", ctx, param)
        lines.append(line)
    return lines


@cli.command("new")
@archive_option
@click.option("--series", required=True, help="The bulletin's name, e.g. 工作动态.")
@click.option("--number", type=click.IntRange(min=1), help="第N期 (numbered per year).")
@click.option("--total", type=click.IntRange(min=1), help="总第N期.")
@click.option("--date", type=DATE, help="2024-04-10 or 2024年4月10日.")
@click.option("--publisher", default="", help="The compiling office (编发单位).")
@click.option("--copies", type=click.IntRange(min=1), help="共印N份.")
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
    click.echo(str(archive.create(issue).path))


@cli.command("add")
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
    issue_file = archive.load(archive.resolve(issue_name))
    saved = archive.edit(issue_file, lambda document: document.add_item(section.strip(), item))
    click.echo(str(saved.path))


@cli.command("import")
@archive_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--series", help="The series, when the text has no masthead (报头).")
@click.option("--number", type=click.IntRange(min=1), help="第N期, overriding the text.")
@click.option("--total", type=click.IntRange(min=1), help="总第N期, overriding the text.")
@click.option("--date", type=DATE, help="The issue's date, overriding the text.")
@click.option("--publisher", help="The compiling office, overriding the text.")
@click.option("--encoding", help="The text encoding (default: detect UTF-8 or GB18030).")
@click.option("--keep-spacing", is_flag=True, help="Keep spaces between digits and Chinese.")
@click.option("--dry-run", is_flag=True, help="Parse and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed document as JSON.")
@click.option("--force", is_flag=True, help="Replace an existing issue file of the same name.")
def import_command(
    archive_dir: Path | None,
    files: tuple[str, ...],
    series: str | None,
    number: int | None,
    total: int | None,
    date: dt.date | None,
    publisher: str | None,
    encoding: str | None,
    keep_spacing: bool,
    dry_run: bool,
    as_json: bool,
    force: bool,
) -> None:
    """Import plain bulletin text (copied or extracted from PDF or Word) as issue files.

    Every file is parsed before anything is written: one that cannot be read stops the
    import with nothing written.
    """
    from bulletin_tui.plaintext import import_bytes
    from bulletin_tui.tomlfile import issue_to_data

    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            message = f"unknown encoding “{encoding}”"
            raise click.BadParameter(message, param_hint="--encoding") from None
    results = []
    for name in files:
        with click.open_file(name, "rb") as stream:
            data = stream.read()
        shown = "standard input" if name == "-" else name
        result = import_bytes(
            data, encoding=encoding, name=shown, series=series, number=number, total=total,
            date=date, publisher=publisher, keep_spacing=keep_spacing,
        )  # fmt: skip
        for warning in result.warnings:
            click.echo(f"bulletin: warning: {shown}: {warning}", err=True)
        results.append(result)
    if as_json:
        documents = [issue_to_data(result.issue) for result in results]
        print_json(documents[0] if len(documents) == 1 else documents)
    if dry_run:
        if not as_json:
            for name, result in zip(files, results, strict=True):
                issue = result.issue
                click.echo(f"{name}: {issue.heading}, {len(issue.sections)} sections, "
                           f"{len(issue.items)} items (dry run: nothing written)")  # fmt: skip
        return
    archive = open_archive(archive_dir)
    targets = [archive.import_target(result.issue, replace=force) for result in results]
    for target, result in zip(targets, results, strict=True):
        written = archive.write_imported(target, result.issue)
        click.echo(str(written.path), err=as_json)


@cli.command("export")
@archive_option
@click.argument("issue_name", metavar="ISSUE")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
    show_default=True, help="The circulation text, Markdown, or the document as JSON.",
)  # fmt: skip
@click.option("--width", type=click.IntRange(min=10), help="Hard-wrap text at N columns.")
@click.option("--run-in", is_flag=True, help="Headline before the body, as in print.")
@click.option(
    "--encoding", type=click.Choice(["utf-8", "gb18030"], case_sensitive=False),
    default="utf-8", show_default=True, help="The output encoding.",
)  # fmt: skip
@click.option("--crlf", is_flag=True, help="End lines with CRLF (for Windows programs).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (atomically) instead of standard output.")  # fmt: skip
def export_command(
    archive_dir: Path | None,
    issue_name: str,
    fmt: str,
    width: int | None,
    run_in: bool,
    encoding: str,
    crlf: bool,
    output: Path | None,
) -> None:
    """Export an issue in its circulation form."""
    from bulletin_tui.plaintext import encode, export

    archive = open_archive(archive_dir)
    issue = archive.load(archive.resolve(issue_name)).issue
    data = encode(export(issue, fmt, width=width, run_in=run_in), encoding=encoding, crlf=crlf)
    if output is None:
        click.echo(data, nl=False)
        return
    from bulletin_tui.atomic import write_atomic

    write_atomic(output, data)
    click.echo(str(output), err=True)


@cli.command("stats")
@archive_option
@click.option("--by", type=click.Choice(["source", "section", "month", "series"]),
              default="source", show_default=True, help="What to count under.")  # fmt: skip
@click.option("--from", "date_from", type=DATE, help="First day of the range (inclusive).")
@click.option("--to", "date_to", type=DATE, help="Last day of the range (inclusive).")
@click.option("--series", help="Only issues of this series.")
@click.option("--classes", is_flag=True, help="With --by source: townships apart from departments.")
@click.option("--suggest-aliases", is_flag=True, help="List unit names that look like one unit.")
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
    as_json: bool,
    as_csv: bool,
) -> None:
    """Adopted items and score per unit, section, month or series (信息采用统计)."""
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
    groups = {"": entries}
    if classes:
        groups = {
            kind: [e for e in entries if stats.unit_class(e.unit) == kind]
            for kind in (stats.TOWNSHIP, stats.DEPARTMENT)
        }
    tables = {kind: stats.ranking(group, by) for kind, group in groups.items()}
    if as_json:
        data = {k: [r.as_dict() for r in rows] for k, rows in tables.items()}
        print_json(data if classes else data[""])
    elif as_csv:
        _print_csv(tables, classes)
    else:
        _print_tables(tables, by)


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


def _print_tables(tables: dict[str, list[Any]], by: str) -> None:
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
        for rank, row in ranked(rows):
            values = row.as_dict()
            table.add_row(str(rank), Text(values["key"] or "—"), str(values["items"]),
                          str(values["score"]))  # fmt: skip
        console.print(table)


@cli.command("search")
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
    lines = []
    for hit in hits:
        number = f" 第{hit.number}期" if hit.number is not None else ""
        section = f" 【{hit.section}】" if hit.section else ""
        lines.append(f"{hit.date or '—'} {hit.series}{number}{section}  {hit.title}\n"
                     f"    {_marked(hit.snippet, hit.spans)}\n")  # fmt: skip
    click.echo("".join(lines), nl=False)
    click.echo(f"{len(hits)} items", err=True)


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The snippet with its matches in bold when writing to a terminal."""
    if not spans or not sys.stdout.isatty():
        return text
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out += [text[last:start], click.style(text[start:end], bold=True, fg="yellow")]
        last = end
    return "".join([*out, text[last:]])


def refresh_with_progress(index: Any) -> None:
    """Bring the index cache up to date, with a progress bar when that takes a while."""
    if not sys.stderr.isatty():
        index.refresh()
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("indexing", total=None)
        index.refresh(lambda done, total: bar.update(task, completed=done, total=total))


def main() -> None:
    """Entry point of the ``bulletin`` console script."""
    cli(prog_name="bulletin")

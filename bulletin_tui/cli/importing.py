"""The ``import`` command: bulletin text (and documents) into issue files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from bulletin_tui.cli.common import (
    DATE,
    NUMBER,
    TOTAL,
    archive_option,
    counted,
    fail,
    open_archive,
    print_json,
)


@click.command("import")
@archive_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--series", help="The series, when the text has no masthead (报头).")
@click.option("--number", type=NUMBER, help="第N期, overriding the text.")
@click.option("--total", type=TOTAL, help="总第N期, overriding the text.")
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
    from bulletin_tui.archive import MAX_FILE_BYTES
    from bulletin_tui.plaintext import import_bytes
    from bulletin_tui.tomlfile import issue_to_data
    from bulletin_tui.visible import visible

    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            message = f"unknown encoding “{encoding}”"
            raise click.BadParameter(message, param_hint="--encoding") from None
    results = []
    for name in files:
        shown = "standard input" if name == "-" else name
        with click.open_file(name, "rb") as stream:
            # no more than an issue file may hold: a bulletin is a few hundred kilobytes,
            # and ``import /dev/zero`` must end
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            fail(f"{shown} is larger than {MAX_FILE_BYTES // 2**20} MB; nothing was imported")
        result = import_bytes(
            data, encoding=encoding, name=shown, series=series, number=number, total=total,
            date=date, publisher=publisher, keep_spacing=keep_spacing,
        )  # fmt: skip
        for warning in result.warnings:
            click.echo(visible(f"bulletin: warning: {shown}: {warning}"), err=True)
        results.append(result)
    if as_json:
        documents = [issue_to_data(result.issue) for result in results]
        print_json(documents[0] if len(documents) == 1 else documents)
    if dry_run:
        if not as_json:
            for name, result in zip(files, results, strict=True):
                issue = result.issue
                sections = counted(len(issue.sections), "section")
                summary = f"{sections}, {counted(len(issue.items), 'item')}"
                click.echo(
                    visible(f"{name}: {issue.heading}, {summary} (dry run: nothing written)")
                )
        return
    archive = open_archive(archive_dir)
    targets = [archive.import_target(result.issue, replace=force) for result in results]
    for target, result in zip(targets, results, strict=True):
        written = archive.write_imported(target, result.issue, replace=force)
        click.echo(visible(written.path), err=as_json)

"""The ``export`` command: an issue in its circulation form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bulletin_tui.cjk import MAX_WIDTH, MIN_WIDTH
from bulletin_tui.cli.common import archive_option, open_archive

#: Hard-wrap widths, within the bounds line breaking accepts.
WIDTHS = click.IntRange(MIN_WIDTH, MAX_WIDTH)


def _output_file(ctx: click.Context, param: Any, value: str | None) -> Path | None:
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("give a file name to write to (it is empty)", ctx, param)
    return Path(value)


@click.command("export")
@archive_option
@click.argument("issue_name", metavar="ISSUE")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
    show_default=True, help="The circulation text, Markdown, or the document as JSON.",
)  # fmt: skip
@click.option("--width", type=WIDTHS, help="Hard-wrap text at N columns.")
@click.option("--run-in", is_flag=True, help="Headline before the body, as in print.")
@click.option(
    "--encoding", type=click.Choice(["utf-8", "gb18030"], case_sensitive=False),
    default="utf-8", show_default=True, help="The output encoding.",
)  # fmt: skip
@click.option("--crlf", is_flag=True, help="End lines with CRLF (for Windows programs).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), callback=_output_file,
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
    from bulletin_tui.visible import visible

    write_atomic(output, data)
    click.echo(visible(output), err=True)

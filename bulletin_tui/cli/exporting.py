"""The ``export`` command: an issue in its circulation form, or as a Word file or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bulletin_tui.cjk import MAX_WIDTH, MIN_WIDTH
from bulletin_tui.cli.common import archive_option, open_archive, say

# Kept in step with bulletin_tui.documents.output (not imported here: --help stays cheap).
_FORMATS = ["text", "markdown", "json", "docx", "pdf"]


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
    "--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True,
    help="The circulation text, Markdown, the document as JSON, or the printed layout "
    "as a Word file or PDF.",
)  # fmt: skip
@click.option(
    "--width", type=click.IntRange(MIN_WIDTH, MAX_WIDTH),
    help=f"Hard-wrap text at N display columns ({MIN_WIDTH} to {MAX_WIDTH}; a Chinese "
    "character is two).",
)  # fmt: skip
@click.option(
    "--run-in/--no-run-in", default=None,
    help="Headline bold at the start of the body, as in print (Word and PDF: default from "
    "[layout] headline in bulletin.toml).",
)  # fmt: skip
@click.option(
    "--encoding", type=click.Choice(["utf-8", "gb18030"], case_sensitive=False),
    default="utf-8", show_default=True, help="The text output's encoding.",
)  # fmt: skip
@click.option("--crlf", is_flag=True, help="End text lines with CRLF (for Windows programs).")
@click.option("-o", "--output", type=click.Path(), callback=_output_file,
              help="Write to FILE (atomically); text goes to standard output without it, "
              "Word and PDF to ISSUE's name in the current folder.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def export_command(
    archive_dir: Path | None,
    issue_name: str,
    fmt: str,
    width: int | None,
    run_in: bool | None,
    encoding: str,
    crlf: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Export an issue in its circulation form, or in the printed layout (docx, pdf).

    Word and PDF follow [layout] in the archive's bulletin.toml; a font that is not on
    the machine is replaced by the next of its list, and stderr says which stood in.
    """
    from bulletin_tui.documents.output import (
        BINARY_FORMATS,
        SUFFIXES,
        ExportOptions,
        check_target,
        render,
        write_export,
    )

    archive = open_archive(archive_dir)
    issue_file = archive.load(archive.resolve(issue_name))
    if output is None and fmt in BINARY_FORMATS:
        output = Path(issue_file.path.stem + SUFFIXES[fmt])  # never binary to a terminal
    if output is not None:
        check_target(output, force=force)  # before the work, so a refusal costs nothing
    options = ExportOptions(fmt, width, run_in, encoding, crlf)
    warn = lambda stand_in: say(f"bulletin: {stand_in}", err=True)  # noqa: E731
    data = render(issue_file.issue, options, archive_root=archive.root, warn=warn)
    if output is None:
        click.echo(data, nl=False)
        return
    write_export(output, data, force=force)
    say(output)

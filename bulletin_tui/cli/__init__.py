"""The ``bulletin`` command.

Heavy modules are imported inside the commands that need them: ``bulletin --help`` and
``bulletin list`` never import Textual, and the TUI is imported only to launch it. Each
command group lives in a module of its own and is registered here.
"""

from __future__ import annotations

from pathlib import Path

import click

from bulletin_tui.cli import composing, exporting, importing, inbox, lint, reading, statistics
from bulletin_tui.cli.common import LANG, BulletinGroup, archive_option


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
        ctx.invoke(reading.open_command, archive_dir=archive_dir, lang=lang)


for command in (
    reading.open_command,
    reading.list_command,
    reading.show_command,
    reading.check_command,
    reading.search_command,
    composing.new_command,
    composing.add_command,
    importing.import_command,
    exporting.export_command,
    statistics.stats_command,
    lint.lint_command,
    inbox.inbox_command,
):
    cli.add_command(command)


def main() -> None:
    """Entry point of the ``bulletin`` console script."""
    cli(prog_name="bulletin")

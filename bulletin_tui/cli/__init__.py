"""The ``bulletin`` command.

Heavy modules are imported inside the commands that need them: ``bulletin --help`` and
``bulletin list`` never import Textual, and the TUI is imported only to launch it. Each
command group lives in a module of its own, registered here by name in :data:`COMMANDS`
and imported only when that command runs (or ``--help`` lists them all).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from bulletin_tui.cli.common import LANG, BulletinGroup, archive_option

#: Every command: the module of ``bulletin_tui.cli`` that holds it, and its name there.
COMMANDS = {
    "open": ("reading", "open_command"),
    "list": ("reading", "list_command"),
    "show": ("reading", "show_command"),
    "check": ("reading", "check_command"),
    "search": ("reading", "search_command"),
    "new": ("composing", "new_command"),
    "add": ("composing", "add_command"),
    "import": ("importing", "import_command"),
    "export": ("exporting", "export_command"),
    "stats": ("statistics", "stats_command"),
    "lint": ("lint", "lint_command"),
    "inbox": ("inbox", "inbox_command"),
}


class CommandsWhenUsed(BulletinGroup):
    """The group of :data:`COMMANDS`, each imported when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f"bulletin_tui.cli.{module}"), name)


@click.group(cls=CommandsWhenUsed, invoke_without_command=True)
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
        from bulletin_tui.cli.reading import open_command

        ctx.invoke(open_command, archive_dir=archive_dir, lang=lang)


def main() -> None:
    """Entry point of the ``bulletin`` console script."""
    cli(prog_name="bulletin")

"""What every ``bulletin`` command shares: errors, the archive option, dates, JSON."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from bulletin_tui.archive import Archive


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


def refresh_with_progress(index: Any) -> None:
    """Bring the index cache up to date, with a progress bar when that takes a while; say
    so on stderr when the cache cannot be used (the answer then comes from the files)."""
    if not sys.stderr.isatty():
        index.refresh()
    else:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("indexing", total=None)
            index.refresh(lambda done, total: bar.update(task, completed=done, total=total))
    if index.problem is not None:
        click.echo(f"bulletin: {index.problem}", err=True)

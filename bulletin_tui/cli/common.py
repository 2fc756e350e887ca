"""What every ``bulletin`` command shares: errors, the archive option, dates, JSON."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from bulletin_tui.bounds import MAX_COPIES, MAX_NUMBER, MAX_TOTAL
from bulletin_tui.launch import default_archive

if TYPE_CHECKING:
    from bulletin_tui.archive import Archive


class CommandError(click.ClickException):
    """One sentence on stderr, exit status 1."""

    def show(self, file: Any = None) -> None:
        from bulletin_tui.visible import visible

        click.echo(f"bulletin: {visible(self.format_message())}", err=True)


class BulletinGroup(click.Group):
    """Turns the program's own errors into one sentence and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from bulletin_tui.errors import BulletinError

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader of the output has gone (``| head``): no more
            devnull = os.open(os.devnull, os.O_WRONLY)  # lines, and nothing to complain of
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(1) from None
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


# The bounds the model holds an issue to, checked as the options are read.
NUMBER = click.IntRange(1, MAX_NUMBER)
TOTAL = click.IntRange(1, MAX_TOTAL)
COPIES = click.IntRange(1, MAX_COPIES)


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
    """JSON on stdout: UTF-8 as is, dates as ISO strings; never a raw control character
    (JSON escapes C0 itself, C1 and undecodable bytes of a file name are escaped here)
    and never ``NaN`` or ``Infinity``, which are not JSON (they become strings)."""
    import json

    from bulletin_tui.tomlfile import json_default

    try:
        text = json.dumps(data, ensure_ascii=False, indent=2, default=json_default,
                          allow_nan=False)  # fmt: skip
    except ValueError:
        text = json.dumps(_finite(data), ensure_ascii=False, indent=2, default=json_default)
    click.echo(_UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text))


# Only inside strings in JSON text; \uXXXX is their JSON escape.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _finite(data: Any) -> Any:
    """``data`` with ``nan``, ``inf`` and ``-inf`` as the strings TOML writes them."""
    if isinstance(data, float) and not math.isfinite(data):
        return "nan" if math.isnan(data) else ("inf" if data > 0 else "-inf")
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return data


def output_language(lang: str | None) -> str:
    """The language a command's messages are in: ``--lang`` (of the command, else of
    ``bulletin``), else ``$BULLETIN_LANG``, else English, as the command line speaks."""
    chosen = lang or (click.get_current_context().obj or {}).get("lang")
    chosen = (chosen or os.environ.get("BULLETIN_LANG") or "en").lower()[:2]
    return chosen if chosen in ("zh", "en") else "en"


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


def counted(count: int, noun: str) -> str:
    """``1 section``, ``0 items``: a number with its noun in the right number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def say(text: object = "", **options: Any) -> None:
    """``click.echo`` with every control character of every line shown as an escape: for
    output that holds names and text taken from files."""
    from bulletin_tui.visible import visible

    click.echo("\n".join(visible(line) for line in str(text).split("\n")), **options)

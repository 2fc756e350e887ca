"""The ``import`` command: bulletin text, Word files and PDFs into issue files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bulletin_tui.cli.common import (
    DATE,
    NUMBER,
    TOTAL,
    archive_option,
    counted,
    fail,
    open_archive,
    output_language,
    print_json,
    say,
)
from bulletin_tui.errors import BulletinError
from bulletin_tui.reasons import spoken
from bulletin_tui.visible import visible

if TYPE_CHECKING:
    from bulletin_tui.documents.batch import Outcome
    from bulletin_tui.model import Issue
    from bulletin_tui.reasons import Sayer

#: More inputs than this get a progress bar while they are read.
_PROGRESS_FROM = 3


@click.command("import")
@archive_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--series", help="The series, when the text has no masthead (报头).")
@click.option("--number", type=NUMBER, help="第N期, overriding the text.")
@click.option("--total", type=TOTAL, help="总第N期, overriding the text.")
@click.option("--date", type=DATE, help="The issue's date, overriding the text.")
@click.option("--publisher", help="The compiling office, overriding the text.")
@click.option("--encoding", help="The encoding of text files (default: detect UTF-8 or GB18030).")
@click.option("--keep-spacing", is_flag=True, help="Keep spaces between digits and Chinese.")
@click.option("--dry-run", is_flag=True, help="Parse and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed documents as JSON.")
@click.option("--force", is_flag=True, help="Replace an existing issue file of the same name.")
@click.option("--skip-existing", is_flag=True, help="Leave issues already in the archive alone.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="Say why a file is not imported, and the warnings, in Chinese (zh); default:"
    " $BULLETIN_LANG, else English.",
)
def import_command(
    archive_dir: Path | None,
    lang: str | None,
    paths: tuple[str, ...],
    encoding: str | None,
    dry_run: bool,
    as_json: bool,
    force: bool,
    skip_existing: bool,
    **options: Any,
) -> None:
    """Import bulletins from text, Word (.docx) and PDF files, or folders of them.

    Every input is read before anything is written. A file that cannot be read stops the
    import with nothing written; in a folder, it is listed and the others are imported
    (the exit status is 1 at the end).
    """
    from bulletin_tui.documents.batch import find_documents, plan_imports, write_imports

    words = _words(lang)
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            message = f"unknown encoding “{encoding}”"
            raise click.BadParameter(message, param_hint="--encoding") from None
    if force and skip_existing:
        raise click.UsageError("--force and --skip-existing contradict each other")
    if paths == ("-",):
        _import_standard_input(archive_dir, encoding, dry_run, as_json, force, words, options)
        return
    if "-" in paths:
        raise click.UsageError("standard input (-) can only be imported on its own")
    inputs = [Path(path) for path in paths]
    folder_run = any(path.is_dir() for path in inputs)
    sources = find_documents(inputs)
    if not sources:
        fail(f"no .txt, .docx or .pdf file in {', '.join(paths)}")
    archive = open_archive(archive_dir)
    with _progress(len(sources)) as progress:
        outcomes = plan_imports(
            sources, archive, force=force, skip_existing=skip_existing, progress=progress,
            encoding=encoding, **options,
        )  # fmt: skip
    for outcome in outcomes:
        for warning in outcome.warnings:
            said = spoken(warning, words) if words else warning
            say(f"bulletin: warning: {outcome.source}: {said}", err=True)
    unreadable = [outcome for outcome in outcomes if outcome.failed]
    if as_json:
        documents = [_document(outcome) for outcome in outcomes if outcome.result is not None]
        print_json(documents[0] if len(sources) == 1 and documents else documents)
    if unreadable and not folder_run:
        for outcome in unreadable:
            say(f"bulletin: {outcome.reason(words)}", err=True)
        sys.exit(1)
    if not dry_run:
        write_imports(outcomes, archive, force=force)
    if len(sources) == 1 and not folder_run:
        outcome = outcomes[0]
        if dry_run and not as_json:
            say(_summary(outcome))
        elif outcome.written is not None:
            say(outcome.written, err=as_json)
        elif outcome.skipped:  # kept as it was, or lost a race to write it
            say(f"bulletin: {outcome.reason(words)}", err=True)
    elif not as_json:
        _print_table(outcomes, dry_run, words)
        for outcome in outcomes:
            if outcome.failed:
                say(f"bulletin: {outcome.reason(words)}", err=True)
    if any(outcome.failed for outcome in outcomes):
        sys.exit(1)


def _words(lang: str | None) -> Sayer | None:
    """The Chinese words for reasons and warnings when the output is to be Chinese (see
    :func:`output_language`); None: the English sentences."""
    if output_language(lang) != "zh":
        return None
    from bulletin_tui.reasons import words

    return words("zh")


def _import_standard_input(
    archive_dir: Path | None,
    encoding: str | None,
    dry_run: bool,
    as_json: bool,
    force: bool,
    words: Sayer | None,
    options: dict[str, Any],
) -> None:
    """Text from standard input: one issue, as before documents could be imported."""
    from bulletin_tui.archive import MAX_FILE_BYTES
    from bulletin_tui.plaintext import import_bytes
    from bulletin_tui.tomlfile import issue_to_data

    with click.open_file("-", "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)  # ``import - < /dev/zero`` must end
    if len(data) > MAX_FILE_BYTES:
        fail(f"standard input is larger than {MAX_FILE_BYTES // 2**20} MB; nothing was imported")
    try:
        result = import_bytes(data, encoding=encoding, name="standard input", **options)
    except BulletinError as error:
        fail(spoken(error, words) if words else str(error))
    for warning in result.warnings:
        said = spoken(warning, words) if words else warning
        say(f"bulletin: warning: standard input: {said}", err=True)
    if as_json:
        print_json(issue_to_data(result.issue))
    if dry_run:
        if not as_json:
            issue = result.issue
            summary = (
                f"{counted(len(issue.sections), 'section')}, {counted(len(issue.items), 'item')}"
            )
            say(f"-: {issue.heading}, {summary} (dry run: nothing written)")
        return
    archive = open_archive(archive_dir)
    target = archive.import_target(result.issue, replace=force)
    written = archive.write_imported(target, result.issue, replace=force)
    say(written.path, err=as_json)


def _document(outcome: Outcome) -> dict[str, Any]:
    from bulletin_tui.tomlfile import issue_to_data

    assert outcome.result is not None
    return issue_to_data(outcome.result.issue)


def _summary(outcome: Outcome) -> str:
    assert outcome.result is not None
    issue = outcome.result.issue
    return f"{outcome.source}: {issue.heading}, {_sizes(issue)} (dry run: nothing written)"


def _sizes(issue: Issue) -> str:
    """``2 sections, 1 item``."""
    return f"{counted(len(issue.sections), 'section')}, {counted(len(issue.items), 'item')}"


class _progress:
    """A rich progress bar on stderr for more than a few inputs (when it is a terminal)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        if self.total <= _PROGRESS_FROM or not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("reading", total=self.total)
        return lambda done, total: self.bar.update(task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_table(outcomes: list[Outcome], dry_run: bool, words: Sayer | None) -> None:
    """File → series, 第N期, date, items, warnings, and the issue file (or why not)."""
    import os

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    base = Path(os.path.commonpath([outcome.source.absolute().parent for outcome in outcomes]))
    title = f"{base}{' (dry run: nothing written)' if dry_run else ''}"
    table = Table(title=Text(visible(title)), title_justify="left")
    for heading in ("file", "series", "第N期", "date", "items", "warnings", "issue file"):
        table.add_column(heading, overflow="fold", no_wrap=heading in ("第N期", "items"))
    for outcome in outcomes:
        *cells, status = outcome.cells(base, words)
        table.add_row(*map(Text, cells), Text(status, style="red" if outcome.failed else ""))
    Console(soft_wrap=False, width=max(120, Console().width)).print(table)
    written = sum(outcome.written is not None for outcome in outcomes)
    failed = sum(outcome.failed for outcome in outcomes)
    verb = "to write" if dry_run else "written"
    planned = sum(o.target is not None for o in outcomes) if dry_run else written
    click.echo(f"{planned} {verb}, {failed} failed, {len(outcomes)} files")

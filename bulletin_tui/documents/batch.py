"""Importing many documents: find them, parse every one, then write the ones that may be.

The command line and the import dialog share this: :func:`find_documents` walks folders,
:func:`plan_imports` parses every input and decides where each issue goes (or why it does
not) before anything is written, :func:`write_imports` writes what the plan allows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin_tui.archive import Archive
from bulletin_tui.errors import BulletinError
from bulletin_tui.plaintext.importer import ImportResult
from bulletin_tui.reasons import Said, Sayer, spoken

#: What a folder is searched for; old Word files are listed so that they can be refused
#: with advice rather than passed over in silence.
FOUND_IN_FOLDERS = (".txt", ".pdf", ".docx", ".doc", ".wps")


@dataclass
class Outcome:
    """One input: what was found in it, and where it went (or why not)."""

    source: Path
    result: ImportResult | None = None
    error: str = ""  # why it could not be read: one sentence
    target: Path | None = None
    skipped: str = ""  # why it is not written, though it was read
    written: Path | None = None
    kept_existing: bool = False  # --skip-existing left the issue file that was there
    warnings: list[str] = field(default_factory=list)
    #: What ``error`` or ``skipped`` says, as raised or made: keyed (see
    #: :mod:`bulletin_tui.reasons`) so that it can be said in Chinese too.
    cause: object = None

    @property
    def failed(self) -> bool:
        """The file could not be imported (unreadable, or its issue file is taken)."""
        return bool(self.error) or (bool(self.skipped) and not self.kept_existing)

    def reason(self, say: Sayer | None = None) -> str:
        """Why the issue is not written, in ``say``'s words (else as ``error`` or
        ``skipped`` say it); empty when nothing stopped it."""
        said = self.error or self.skipped
        if said and say is not None and getattr(self.cause, "key", None):
            return spoken(self.cause, say)
        return said

    def status(self, say: Sayer | None = None) -> str:
        """Where the issue went (its file name), or why it did not, without the file's
        name (which the table shows beside it)."""
        if self.written is not None:
            return self.written.name
        reason = self.reason(say)
        if reason:
            for prefix in (f"{self.source}: ", f"{self.source}：", f"{self.source} "):
                reason = reason.removeprefix(prefix)
            return reason
        return f"→ {self.target.name}" if self.target else ""

    def cells(self, base: Path, say: Sayer | None = None) -> list[str]:
        """The row of the import table (file, series, 第N期, date, items, warnings, where
        it went or why not), the file named relative to ``base`` where it lies under it;
        control characters escaped; the reason in ``say``'s words where given. The command
        line and the reader's dialog both show it."""
        from bulletin_tui.visible import visible

        issue = self.result.issue if self.result is not None else None
        try:
            name = self.source.absolute().relative_to(base.absolute())
        except ValueError:
            name = self.source
        return [
            visible(name),
            visible(issue.series) if issue else "",
            f"第{issue.number}期" if issue and issue.number else "",
            issue.date.isoformat() if issue and issue.date else "",
            str(len(issue.items)) if issue else "",
            str(len(self.warnings)) if self.warnings else "",
            visible(self.status(say)),
        ]


def find_documents(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders walked (sorted, hidden entries skipped) for documents."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            found += [
                Path(folder) / name
                for name in sorted(files)
                if not name.startswith(".") and name.lower().endswith(FOUND_IN_FOLDERS)
            ]
    return found


def plan_imports(
    sources: Sequence[Path],
    archive: Archive,
    *,
    force: bool = False,
    skip_existing: bool = False,
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> list[Outcome]:
    """Parse every source and choose its issue file; nothing is written."""
    from bulletin_tui.documents.importing import import_document

    outcomes: list[Outcome] = []
    for done, source in enumerate(sources):
        outcome = Outcome(source)
        try:
            outcome.result = import_document(source, **options)
        except BulletinError as error:
            outcome.error, outcome.cause = str(error), error
        except OSError as error:
            outcome.error, outcome.cause = f"{source}: {error.strerror or error}", error
        if outcome.result is not None:
            outcome.warnings += outcome.result.warnings
        outcomes.append(outcome)
        if progress is not None:
            progress(done + 1, len(sources))
    _choose_targets(outcomes, archive, force=force, skip_existing=skip_existing)
    return outcomes


def _choose_targets(
    outcomes: list[Outcome], archive: Archive, *, force: bool, skip_existing: bool
) -> None:
    taken: dict[Path, Path] = {}
    for outcome in outcomes:
        if outcome.result is None:
            continue
        issue = outcome.result.issue
        missing = {
            (True, True): "missing_both",
            (True, False): "missing_number",
            (False, True): "missing_date",
        }.get((issue.number is None, issue.date is None))
        try:
            target = archive.import_target(issue, replace=True)
        except BulletinError as error:
            outcome.error, outcome.cause = str(error), error
            continue
        if missing:
            warning = Said("batch_no_number", missing=Said(missing), file=target.name)
            outcome.warnings.append(warning)
        if target in taken:
            outcome.cause = Said(
                "batch_same_file", name=outcome.source, other=taken[target], file=target.name
            )
            outcome.skipped = str(outcome.cause)
            continue
        taken[target] = outcome.source
        outcome.target = target
        if target.exists() and not force:
            outcome.target = None
            outcome.kept_existing = skip_existing
            kept = "batch_skipped" if skip_existing else "batch_exists"
            outcome.cause = Said(kept, target=target)
            outcome.skipped = str(outcome.cause)


def write_imports(outcomes: list[Outcome], archive: Archive, *, force: bool = False) -> None:
    """Write every planned issue; a file that cannot be written is reported on its outcome."""
    for outcome in outcomes:
        if outcome.target is None or outcome.result is None:
            continue
        try:
            target = archive.import_target(outcome.result.issue, replace=force)
            written = archive.write_imported(target, outcome.result.issue, replace=force)
            outcome.written = written.path
        except BulletinError as error:
            outcome.skipped, outcome.cause = str(error), error
        except OSError as error:
            outcome.skipped = f"{outcome.target}: {error.strerror or error}"
            outcome.cause = error

"""The import dialog: pick files or a folder, see what each holds, then write the issues.

Everything goes through :mod:`bulletin_tui.documents.batch`, as ``bulletin import`` does:
every file is parsed (off the UI thread) and its issue file chosen before anything is
written, and the table shows the plan first — file → series, 第N期, date, items,
warnings, and the issue file it would write or why not.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, DirectoryTree, Static
from textual.widgets.directory_tree import DirEntry
from textual.widgets.tree import TreeNode
from textual.worker import Worker, WorkerState

from bulletin_tui.archive import Archive
from bulletin_tui.documents.batch import Outcome, find_documents, plan_imports, write_imports
from bulletin_tui.reasons import Sayer, spoken
from bulletin_tui.tui.explain import describe, said_on_screen
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import dialog_css
from bulletin_tui.visible import visible

#: What the tree offers besides folders: the kinds of file the importer reads.
IMPORTABLE = (".txt", ".pdf", ".docx")

_CSS = """
ImportScreen #dialog {
    width: 110;
    max-width: 100%;
    height: 100%;
    max-height: 40;
    padding: 0 1;
}
ImportScreen #dialog .title {
    margin-bottom: 0;
}
ImportScreen #files {
    height: 1fr;
    min-height: 4;
}
ImportScreen #chosen, ImportScreen #summary {
    color: $text-muted;
    height: auto;
    max-height: 2;
}
ImportScreen .row {
    height: auto;
}
ImportScreen .row Checkbox {
    width: auto;
    margin-right: 2;
}
ImportScreen #detail {
    height: auto;
    max-height: 5;
    padding: 0 1;
    background: $boost;
}
ImportScreen #plan {
    height: 1fr;
    min-height: 4;
}
ImportScreen .buttons {
    margin-top: 0;
}
"""


class DocumentTree(DirectoryTree):
    """Folders and the files the importer reads; hidden entries left out; the files
    marked for import (``marked``, shared with the dialog) shown with a tick."""

    def __init__(self, path: str | Path, **options: Any) -> None:
        super().__init__(path, **options)
        self.marked: list[Path] = []  # the dialog's list, given on mount

    def render_label(self, node: TreeNode[DirEntry], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        if node.data is not None and node.data.path in self.marked:
            return Text.assemble(("✓ ", "bold"), label)
        return label

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.is_dir() or path.suffix.lower() in IMPORTABLE)
        ]


class ImportScreen(ModalScreen[list[Path] | None]):
    """Dismisses with the issue files written (in the order of the inputs), or None."""

    DEFAULT_CSS = dialog_css("ImportScreen") + _CSS

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+r", "preview", show=False, priority=True),
        Binding("ctrl+s", "import", show=False, priority=True),
    ]

    def __init__(self, start: Path, archive: Archive) -> None:
        super().__init__()
        self.start = start
        self.archive = archive
        self.marked: list[Path] = []  # files chosen with enter, in the order chosen
        self.outcomes: list[Outcome] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_subtitle = t("import_keys")
            yield Static(t("import_title"), classes="title")
            yield Static(t("import_hint"), id="hint")
            yield DocumentTree(self.start, id="files")
            yield Static(id="chosen", markup=False)
            with Horizontal(classes="row"):
                yield Checkbox(t("import_skip_existing"), compact=True, id="skip")
                yield Checkbox(t("import_force"), compact=True, id="force")
            yield DataTable(id="plan", cursor_type="row", zebra_stripes=True)
            yield Static(t("import_detail_none"), id="detail", markup=False)
            yield Static(id="summary", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("import_preview"), id="preview")
                yield Button(t("import_do"), variant="primary", id="import", disabled=True)
                yield Button(t("import_cancel"), id="cancel")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("file", "series", "number", "date", "items", "warnings", "target"):
            table.add_column(t(f"import_col_{key}"), key=key)
        self._show_chosen()
        tree = self.query_one(DocumentTree)
        tree.marked = self.marked
        tree.focus()

    # choosing ---------------------------------------------------------------------------

    @property
    def chosen(self) -> list[Path]:
        """The marked files, else the folder or file under the cursor, else the start."""
        if self.marked:
            return list(self.marked)
        node = self.query_one(DocumentTree).cursor_node
        if node is not None and node.data is not None:
            return [node.data.path]
        return [self.start]

    def _show_chosen(self) -> None:
        """What a preview would read: the marked files named from the dialog's folder (the
        tree shows them there), else the folder or file under the cursor."""
        names = t("import_separator").join(map(self._named, self.chosen))
        self.query_one("#chosen", Static).update(visible(t("import_chosen", paths=names)))

    def _named(self, path: Path) -> str:
        """``path`` from the dialog's folder where it lies inside it, else in full."""
        if path == self.start:
            return str(path)
        try:
            return str(path.relative_to(self.start))
        except ValueError:
            return str(path)

    @on(DirectoryTree.NodeHighlighted)
    def _highlighted(self) -> None:
        self._show_chosen()

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """Enter on a file marks it (or unmarks it): several files can be imported."""
        if event.path in self.marked:
            self.marked.remove(event.path)
        else:
            self.marked.append(event.path)
        event.node.refresh()
        self._show_chosen()

    @on(Checkbox.Changed)
    def _option_changed(self, event: Checkbox.Changed) -> None:
        """Skip and replace contradict each other: checking one clears the other; the plan
        (which depends on them) is made again."""
        if event.value:
            other = "#force" if event.checkbox.id == "skip" else "#skip"
            self.query_one(other, Checkbox).value = False
        if self.outcomes:
            self.action_preview()

    # planning and writing ---------------------------------------------------------------

    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        """Read every chosen file (off the UI thread) and show what would be written."""
        sources = find_documents(self.chosen)
        if not sources:
            names = ", ".join(str(path) for path in self.chosen)
            self.notify(t("import_none_found", path=names), severity="warning", markup=False)
            return
        self.query_one("#import", Button).disabled = True
        self.query_one("#summary", Static).update(t("import_reading", count=len(sources)))
        self.plan(sources, self._flag("#force"), self._flag("#skip"))

    def _flag(self, selector: str) -> bool:
        return self.query_one(selector, Checkbox).value

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def plan(self, sources: list[Path], force: bool, skip_existing: bool) -> None:
        """Parse each source and choose its issue file; nothing is written."""
        outcomes = plan_imports(sources, self.archive, force=force, skip_existing=skip_existing)
        self.app.call_from_thread(self._show_plan, outcomes)

    def _show_plan(self, outcomes: list[Outcome]) -> None:
        self.outcomes = outcomes
        table = self.query_one(DataTable)
        table.clear()
        for outcome in outcomes:
            table.add_row(*row_of(outcome, self.start, self._say))
        failed_rows = [n for n, outcome in enumerate(outcomes) if outcome.failed]
        table.move_cursor(row=failed_rows[0] if failed_rows else 0)
        table.focus()  # the rows (and why each is not written) are what to read next
        self._show_detail()
        planned = sum(outcome.target is not None for outcome in outcomes)
        failed = sum(outcome.failed for outcome in outcomes)
        summary = t("import_summary", planned=planned, failed=failed, files=len(outcomes))
        self.query_one("#summary", Static).update(summary)
        self.query_one("#import", Button).disabled = planned == 0

    @on(DataTable.RowHighlighted, "#plan")
    def _show_detail(self) -> None:
        """Under the table, the selected row in full: why it is not written (wrapped, so
        readable at any width), or the file it would write; then its warnings."""
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.outcomes):
            return
        outcome = self.outcomes[row]
        lines = [reason_on_screen(outcome, self._say)] if outcome.reason() else []
        if not lines and outcome.target is not None:
            lines.append(t("import_detail_target", path=outcome.target))
        lines += [
            t("import_detail_warning", warning=spoken(warning, self._say))
            for warning in outcome.warnings
        ]
        self.query_one("#detail", Static).update(visible("\n".join(lines)))

    @on(Button.Pressed, "#import")
    def action_import(self) -> None:
        """Write what the plan shown allows, as ``bulletin import`` does; not while the
        plan is being read again or written (the button is off then)."""
        button = self.query_one("#import", Button)
        if button.disabled and self.outcomes and self.workers:
            return
        if button.disabled or not any(outcome.target is not None for outcome in self.outcomes):
            self.notify(t("import_nothing_to_write"), severity="warning")
            return
        self.query_one("#import", Button).disabled = True
        self.write(self.outcomes, self._flag("#force"))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def write(self, outcomes: list[Outcome], force: bool) -> None:
        """Write the planned issues (off the UI thread); report, then close."""
        write_imports(outcomes, self.archive, force=force)
        self.app.call_from_thread(self._written, outcomes)

    def _written(self, outcomes: list[Outcome]) -> None:
        written = [outcome.written for outcome in outcomes if outcome.written is not None]
        failed = sum(outcome.failed for outcome in outcomes)
        if failed:
            self.notify(t("import_some_failed", count=failed), severity="warning")
        if written:
            self.notify(t("import_done", count=len(written)))
            self.dismiss(written)
        else:
            self._show_plan(outcomes)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            message = t("import_failed", error=describe(event.worker.error))
            self.notify(message, severity="error", markup=False)
            self.query_one("#summary", Static).update("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, key: str, values: Mapping[str, str]) -> str | None:
        """The catalogue's sentence for an importer's ``key`` (see
        :mod:`bulletin_tui.reasons`); files under the dialog's folder named from there."""
        start = f"{self.start.absolute()}{os.sep}"
        return said_on_screen(key, {what: v.replace(start, "") for what, v in values.items()})


def row_of(outcome: Outcome, base: Path, say: Sayer) -> list[Text]:
    """The table's row of one input, as the command line's table has it, in ``say``'s
    words."""
    *cells, status = outcome.cells(base, say)
    issue = outcome.result.issue if outcome.result is not None else None
    if issue is not None and issue.number:
        cells[2] = t("import_number_cell", number=issue.number)  # 第N期 or No. N
    for after in (": ", "：", " "):  # the file is named in the first column
        status = status.removeprefix(f"{cells[0]}{after}")
    if isinstance(outcome.cause, OSError):
        status = visible(describe(outcome.cause))
    return [*map(Text, cells), Text(status, style="red" if outcome.failed else "")]


def reason_on_screen(outcome: Outcome, say: Sayer) -> str:
    """Why ``outcome`` is not written, in ``say``'s words, as a whole sentence."""
    if isinstance(outcome.cause, OSError):
        return describe(outcome.cause)
    return outcome.reason(say)

"""The export dialog: format, run-in, width, encoding, line ends, folder and file name.

The full path is shown as it is typed, so nothing is written anywhere unexpected; the
dialog only asks, and the app writes through the same code as ``bulletin export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from bulletin_tui.cjk import MAX_WIDTH, MIN_WIDTH
from bulletin_tui.documents.output import BINARY_FORMATS, SUFFIXES, ExportOptions
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import dialog_css


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog asks for: how to export, and the file to write."""

    options: ExportOptions
    target: Path


_CSS = """
ExportScreen #dialog {
    width: 84;
    max-width: 100%;
    max-height: 100%;
    padding: 0 1;
    border-subtitle-color: $text-muted;
}
ExportScreen .title {
    margin-bottom: 0;
}
ExportScreen .row {
    height: auto;
    margin-top: 1;
}
ExportScreen #dialog .row Label {
    width: 11;
    margin-top: 0;
}
ExportScreen #dialog .row .inline {
    width: auto;
    margin: 0 1 0 2;
}
ExportScreen #format {
    width: 26;
}
ExportScreen #encoding {
    width: 12;
}
ExportScreen #width {
    width: 10;
}
ExportScreen .row Checkbox {
    width: auto;
    margin-left: 2;
}
ExportScreen #folder, ExportScreen #name {
    width: 1fr;
}
ExportScreen .field-error {
    color: $error;
    height: auto;
    margin-left: 11;
}
ExportScreen .field-error.-empty {
    display: none;
}
ExportScreen #fields {
    height: auto;
}
ExportScreen .buttons {
    dock: bottom;
}
ExportScreen #path {
    color: $text-muted;
    height: auto;
    margin-top: 1;
}
"""

#: The field each message of the dialog stands under.
_ERROR_OF = {"width": "#width_error", "folder": "#folder_error", "name": "#name_error"}


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Dismisses with an :class:`ExportRequest`, or None when cancelled."""

    DEFAULT_CSS = dialog_css("ExportScreen") + _CSS

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "export", show=False, priority=True),
    ]

    def __init__(self, label: str, stem: str, folder: Path, *, run_in: bool = False) -> None:
        super().__init__()
        self.label = label
        self.stem = stem
        self.folder = folder
        self.run_in = run_in

    def compose(self) -> ComposeResult:
        """One line a field (compact widgets), each field's message right under it, so
        that the whole dialog and its buttons fit an 80×24 terminal."""
        formats = ("text", "markdown", "json", "docx", "pdf")
        with Vertical(id="dialog") as dialog:
            dialog.border_subtitle = t("export_keys")
            yield Static(t("export_title", label=self.label), classes="title", markup=False)
            with VerticalScroll(id="fields"):
                with Horizontal(classes="row"):
                    yield Label(t("export_format"))
                    yield Select(
                        [(t(f"export_{fmt}"), fmt) for fmt in formats],
                        value="text",
                        allow_blank=False,
                        compact=True,
                        id="format",
                    )
                    yield Checkbox(t("export_run_in"), self.run_in, compact=True, id="run_in")
                with Horizontal(classes="row"):
                    yield Label(t("export_width_short"))
                    yield Input(
                        placeholder=t("export_no_wrap"),
                        restrict=r"[0-9]*",
                        max_length=4,
                        compact=True,
                        id="width",
                    )
                    yield Label(t("export_encoding"), classes="inline")
                    yield Select(
                        [("UTF-8", "utf-8"), ("GB18030", "gb18030")],
                        value="utf-8",
                        allow_blank=False,
                        compact=True,
                        id="encoding",
                    )
                    yield Checkbox(t("export_crlf"), compact=True, id="crlf")
                yield Static("", id="width_error", classes="field-error -empty", markup=False)
                with Horizontal(classes="row"):
                    yield Label(t("export_folder"))
                    yield Input(value=str(self.folder), compact=True, id="folder")
                yield Static("", id="folder_error", classes="field-error -empty", markup=False)
                with Horizontal(classes="row"):
                    yield Label(t("export_name"))
                    yield Input(value=f"{self.stem}.txt", compact=True, id="name")
                yield Static("", id="name_error", classes="field-error -empty", markup=False)
                yield Static("", id="path", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("export_ok"), id="ok", variant="primary")
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        self._show_path()
        self.query_one("#format", Select).focus()

    @property
    def fmt(self) -> str:
        return str(self.query_one("#format", Select).value)

    @property
    def wraps(self) -> bool:
        """Whether the chosen format is text laid out in lines (width, encoding, CRLF)."""
        return self.fmt not in BINARY_FORMATS and self.fmt != "json"

    def target(self) -> Path:
        """The file the dialog would write: folder and name, ``~`` expanded, made absolute."""
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        name = self.query_one("#name", Input).value.strip()
        return (folder / name).absolute() if name else folder.absolute()

    def show_error(self, field: str, message: str) -> None:
        """Say ``message`` under ``field`` (``""`` clears it)."""
        error = self.query_one(_ERROR_OF[field], Static)
        error.update(message)
        error.set_class(not message, "-empty")

    @on(Input.Changed, "#folder, #name")
    def _show_path(self, event: Input.Changed | None = None) -> None:
        if event is not None and event.input.id:
            self.show_error(event.input.id, "")
        self.query_one("#path", Static).update(t("export_path", path=self.target()))

    @on(Input.Changed, "#width")
    def _width_changed(self) -> None:
        self.show_error("width", "")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        name = self.query_one("#name", Input)
        if name.value in {f"{self.stem}{suffix}" for suffix in SUFFIXES.values()}:
            name.value = f"{self.stem}{SUFFIXES[self.fmt]}"
        for selector in ("#width", "#encoding", "#crlf"):
            self.query_one(selector).disabled = not self.wraps
        self.query_one("#run_in", Checkbox).disabled = self.fmt == "json"
        if not self.wraps:
            self.show_error("width", "")  # the width is not used: nothing to say about it

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancelled(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_export(self) -> None:
        """Check the fields (each message under its field), then dismiss with the request."""
        width_text = self.query_one("#width", Input).value.strip() if self.wraps else ""
        if width_text and not (width_text.isdigit() and MIN_WIDTH <= int(width_text) <= MAX_WIDTH):
            self.show_error("width", t("export_width_range", least=MIN_WIDTH, most=MAX_WIDTH))
            self.query_one("#width", Input).focus()
            return
        if not self.query_one("#name", Input).value.strip():
            self.show_error("name", t("export_no_target"))
            self.query_one("#name", Input).focus()
            return
        target = self.target()
        if not target.parent.is_dir():
            self.show_error("folder", t("export_no_folder", folder=target.parent))
            self.query_one("#folder", Input).focus()
            return
        if target.is_dir():
            self.show_error("name", t("export_is_folder", path=target))
            self.query_one("#name", Input).focus()
            return
        options = ExportOptions(
            fmt=self.fmt,
            width=int(width_text) if width_text else None,
            run_in=self.query_one("#run_in", Checkbox).value,
            encoding=str(self.query_one("#encoding", Select).value),
            crlf=self.query_one("#crlf", Checkbox).value,
        )
        self.dismiss(ExportRequest(options, target))


def describe_stand_in(used: str, missing: str, roles: tuple[str, ...]) -> str:
    """A font stand-in in the screen's language: which font, for which roles."""
    names = t("role_separator").join(t(f"font_role_{role}") for role in roles)
    return t("export_font_stand_in", used=used, missing=missing, roles=names)

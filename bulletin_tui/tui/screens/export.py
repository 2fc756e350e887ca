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
from textual.containers import Horizontal, Vertical
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
    padding: 0 2;
}
ExportScreen #dialog Label {
    margin-top: 0;
}
ExportScreen .row {
    height: auto;
}
ExportScreen .row Label {
    width: 10;
    padding-top: 1;
}
ExportScreen #format {
    width: 28;
}
ExportScreen #encoding {
    width: 14;
}
ExportScreen #width {
    width: 14;
}
ExportScreen .row Checkbox {
    width: auto;
}
ExportScreen #folder, ExportScreen #name {
    width: 1fr;
}
ExportScreen #path {
    color: $text-muted;
    height: auto;
}
ExportScreen .title {
    margin-bottom: 0;
}
ExportScreen .buttons {
    margin-top: 0;
}
"""


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Dismisses with an :class:`ExportRequest`, or None when cancelled."""

    DEFAULT_CSS = dialog_css("ExportScreen") + _CSS

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, label: str, stem: str, folder: Path, *, run_in: bool = False) -> None:
        super().__init__()
        self.label = label
        self.stem = stem
        self.folder = folder
        self.run_in = run_in

    def compose(self) -> ComposeResult:
        formats = ("text", "markdown", "json", "docx", "pdf")
        with Vertical(id="dialog"):
            yield Static(t("export_title", label=self.label), classes="title", markup=False)
            with Horizontal(classes="row"):
                yield Label(t("export_format"))
                yield Select(
                    [(t(f"export_{fmt}"), fmt) for fmt in formats],
                    value="text",
                    allow_blank=False,
                    id="format",
                )
                yield Checkbox(t("export_run_in"), self.run_in, id="run_in")
            with Horizontal(classes="row"):
                yield Label(t("export_width_short"))
                yield Input(
                    placeholder=t("export_no_wrap"), id="width", restrict=r"[0-9]*", max_length=4
                )
                yield Select(
                    [("UTF-8", "utf-8"), ("GB18030", "gb18030")],
                    value="utf-8",
                    allow_blank=False,
                    id="encoding",
                )
                yield Checkbox(t("export_crlf"), id="crlf")
            with Horizontal(classes="row"):
                yield Label(t("export_folder"))
                yield Input(value=str(self.folder), id="folder")
            with Horizontal(classes="row"):
                yield Label(t("export_name"))
                yield Input(value=f"{self.stem}.txt", id="name")
            yield Static("", id="path", markup=False)
            yield Static("", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("export_ok"), id="ok", variant="primary")
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        self._show_path()

    @property
    def fmt(self) -> str:
        return str(self.query_one("#format", Select).value)

    def target(self) -> Path:
        """The file the dialog would write: folder and name, ``~`` expanded, made absolute."""
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        name = self.query_one("#name", Input).value.strip()
        return (folder / name).absolute() if name else folder.absolute()

    @on(Input.Changed, "#folder, #name")
    def _show_path(self) -> None:
        self.query_one("#path", Static).update(t("export_path", path=self.target()))

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        name = self.query_one("#name", Input)
        if name.value in {f"{self.stem}{suffix}" for suffix in SUFFIXES.values()}:
            name.value = f"{self.stem}{SUFFIXES[self.fmt]}"
        binary = self.fmt in BINARY_FORMATS
        for selector in ("#width", "#encoding", "#crlf"):
            self.query_one(selector).disabled = binary or self.fmt == "json"
        self.query_one("#run_in", Checkbox).disabled = self.fmt == "json"

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancelled(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submitted(self) -> None:
        error = self.query_one("#error", Static)
        width_text = self.query_one("#width", Input).value.strip()
        if width_text and not (width_text.isdigit() and MIN_WIDTH <= int(width_text) <= MAX_WIDTH):
            error.update(t("export_width_range", least=MIN_WIDTH, most=MAX_WIDTH))
            return
        if not self.query_one("#name", Input).value.strip():
            error.update(t("export_no_target"))
            return
        target = self.target()
        if not target.parent.is_dir():
            error.update(t("export_no_folder", folder=target.parent))
            return
        if target.is_dir():
            error.update(t("export_is_folder", path=target))
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

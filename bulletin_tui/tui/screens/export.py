"""The export dialog: format, width, encoding and target file for the selected issue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from bulletin_tui.cjk import MAX_WIDTH, MIN_WIDTH
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import dialog_css


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog asks for."""

    fmt: str
    width: int | None
    encoding: str
    target: Path


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Dismisses with an :class:`ExportRequest`, or None when cancelled."""

    DEFAULT_CSS = dialog_css("ExportScreen")

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, label: str, stem: str) -> None:
        super().__init__()
        self.label = label
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("export_title", label=self.label), classes="title", markup=False)
            yield Label(t("export_format"))
            yield Select(
                [(t("export_text"), "text"), (t("export_markdown"), "markdown")],
                value="text",
                allow_blank=False,
                id="format",
            )
            yield Label(t("export_width"))
            yield Input(placeholder="40", id="width", restrict=r"[0-9]*")
            yield Label(t("export_encoding"))
            yield Select(
                [("UTF-8", "utf-8"), ("GB18030", "gb18030")],
                value="utf-8",
                allow_blank=False,
                id="encoding",
            )
            yield Label(t("export_target"))
            yield Input(value=f"{self.stem}.txt", id="target")
            yield Static("", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("export_ok"), id="ok", variant="primary")
                yield Button(t("cancel"), id="cancel")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        target = self.query_one("#target", Input)
        suffix = ".md" if event.value == "markdown" else ".txt"
        if target.value in (f"{self.stem}.txt", f"{self.stem}.md"):
            target.value = f"{self.stem}{suffix}"

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
        target = self.query_one("#target", Input).value.strip()
        if not target:
            error.update(t("export_no_target"))
            return
        self.dismiss(
            ExportRequest(
                fmt=str(self.query_one("#format", Select).value),
                width=int(width_text) if width_text else None,
                encoding=str(self.query_one("#encoding", Select).value),
                target=Path(target).expanduser(),
            )
        )

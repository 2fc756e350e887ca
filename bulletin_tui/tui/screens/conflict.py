"""When a file changed on disk while it was being edited: redo the edit, or save a copy."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import dialog_css

Choice = Literal["reapply", "copy", "cancel"]


class ConflictScreen(ModalScreen[Choice]):
    """Never a silent overwrite: the user chooses what happens to the edit."""

    DEFAULT_CSS = dialog_css("ConflictScreen")

    BINDINGS = [Binding("escape", "choose('cancel')", show=False)]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("conflict", path=self.path), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("conflict_reapply"), id="reapply", variant="primary")
                yield Button(t("conflict_copy"), id="copy")
                yield Button(t("conflict_cancel"), id="cancel")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

"""A question with a one-line answer: declining a submission asks for a note."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from bulletin_tui.model import is_control
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import dialog_css


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the note typed (``""`` for none) on enter or the button; None on Esc."""

    DEFAULT_CSS = dialog_css("NoteScreen")

    BINDINGS = [Binding("escape", "cancel", t("cancel"))]

    def __init__(self, question: str, *, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, markup=False)
            yield Input(id="note")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="yes", variant="warning")
                yield Button(t("cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def _answer(self) -> None:
        typed = self.query_one("#note", Input).value
        note = " ".join("".join(c if not is_control(c) else " " for c in typed).split())
        self.dismiss(note)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._answer()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self._answer()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""A yes/no question, answered with a button or y / n."""

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


class ConfirmScreen(ModalScreen[bool | None]):
    """Dismisses with True for yes, False for no, and ``escape`` (False unless given) for
    Esc. The focus starts on ``focus`` ("no" unless given): the answer that loses nothing,
    so that an ``enter`` typed by habit never deletes or replaces anything."""

    DEFAULT_CSS = dialog_css("ConfirmScreen")

    BINDINGS = [
        Binding("y", "answer(True)", show=False),
        Binding("n", "answer(False)", show=False),
        Binding("escape", "escape", show=False),
    ]

    def __init__(
        self,
        question: str,
        *,
        yes: str | None = None,
        no: str | None = None,
        focus: Literal["yes", "no"] = "no",
        escape: bool | None = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.yes = yes or t("yes")
        self.no = no or t("no")
        self.first_focus = focus
        self.escape_answer = escape

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="yes", variant="warning")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one(f"#{self.first_focus}", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_escape(self) -> None:
        self.dismiss(self.escape_answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

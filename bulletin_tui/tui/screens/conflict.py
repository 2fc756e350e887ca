"""When a file changed on disk while it was being edited: redo the edit, or save a copy.

The dialog shows what the other program changed (a short unified diff of the file as the
edit read it and as it is now), so the choice is made knowing what is at stake.
"""

from __future__ import annotations

import difflib
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import dialog_css
from bulletin_tui.visible import visible

Choice = Literal["reapply", "copy", "cancel"]

#: Changed lines shown at most (the dialog fits 80×24 with a long path); the rest are
#: counted.
DIFF_LINES = 6

_STYLES = {"-": "red", "+": "green", "@": "dim"}


def their_change(before: bytes, now: bytes | None, limit: int = DIFF_LINES) -> Text:
    """The lines another program changed, ``-`` removed and ``+`` added, as plain Text.

    Only changed lines with text (no file header, no context, no blank lines), at most
    ``limit`` and a count of the rest; control characters are shown as escapes, markup
    is never read.
    """
    if now is None:
        return Text(t("conflict_deleted"), style="red")
    old = before.decode("utf-8-sig", errors="replace").splitlines()
    new = now.decode("utf-8-sig", errors="replace").splitlines()
    lines = [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@")) and line[1:].strip()
    ]
    if not lines:
        return Text(t("conflict_no_difference"), style="dim")
    shown = Text()
    for line in lines[:limit]:
        shown.append(visible(line) + "\n", style=_STYLES.get(line[:1], ""))
    if len(lines) > limit:
        shown.append(t("conflict_more_lines", count=len(lines) - limit) + "\n", style="dim")
    shown.rstrip()
    return shown


class ConflictScreen(ModalScreen[Choice]):
    """Never a silent overwrite: the user chooses what happens to the edit."""

    DEFAULT_CSS = (
        dialog_css("ConflictScreen")
        + """
ConflictScreen #dialog {
    width: 84;
    max-width: 96%;
}

ConflictScreen #diff {
    margin-top: 1;
    max-height: 8;
    overflow: hidden;
}

ConflictScreen .buttons Button {
    min-width: 12;
}
"""
    )

    BINDINGS = [Binding("escape", "choose('cancel')", show=False)]

    def __init__(self, path: str, before: bytes, now: bytes | None) -> None:
        super().__init__()
        self.path = path
        self.before = before
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(visible(t("conflict_changed", path=self.path)), markup=False)
            yield Static(t("conflict_their_change"), classes="hint", markup=False)
            yield Static(their_change(self.before, self.now), id="diff")
            with Horizontal(classes="buttons"):
                yield Button(t("conflict_redo"), id="reapply", variant="primary")
                yield Button(t("conflict_keep_copy"), id="copy")
                yield Button(t("conflict_not_now"), id="cancel")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

"""The help screen: every key of the app, in the screen's language."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from bulletin_tui.cjk import display_width, pad
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.styles import TEXT, centred

#: (keys as shown, catalogue key of what they do): the one list the help screen shows.
KEYS: list[tuple[str, str]] = [
    ("j  ↓", "key_down"),
    ("k  ↑", "key_up"),
    ("g", "key_top"),
    ("G", "key_bottom"),
    ("enter  space", "key_toggle"),
    ("tab", "key_switch"),
    ("c", "help_copy"),
    ("x", "key_export"),
    ("i", "key_import"),
    ("/", "key_search"),
    ("n  N", "key_step"),
    ("s", "key_stats"),
    ("v", "key_proofread"),
    ("a", "key_add"),
    ("e", "help_edit"),
    ("d", "help_delete"),
    ("alt+↑  alt+↓", "key_move"),
    ("A", "key_new_issue"),
    ("y", "key_adopt"),
    ("r", "key_decline"),
    ("u", "key_undo"),
    ("?", "key_help"),
    ("ctrl+p", "key_palette"),
    ("q", "key_quit"),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key; closes with Esc or ?."""

    DEFAULT_CSS = (
        centred("HelpScreen")
        + TEXT
        + """
    #help {
        width: 64;
        max-width: 90%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $panel;
        padding: 1 2;
    }
    """
    )

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", show=False)]

    @property
    def listing(self) -> Text:
        """Every key and what it does, one a line, the keys in bold."""
        rows = [(keys, t(what)) for keys, what in KEYS]
        rows.append((t("key_mouse"), t("key_mouse_help")))
        column = max(display_width(keys) for keys, _ in rows) + 3
        text = Text()
        for number, (keys, what) in enumerate(rows):
            if number:
                text.append("\n")
            text.append(pad(keys, column), style="bold")
            text.append(what)
        return text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t("help_title"), classes="title")
            yield Static(self.listing, id="keys")
            yield Static(t("help_close"), classes="hint")

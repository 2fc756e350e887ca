"""The reader's footer: the keys that fit the width, whole; the rest are in ``?``."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: The actions left out first when the keys do not fit (all are in ``?`` and the palette).
LEAVE_OUT_FIRST = ("copy_item", "export", "stats", "proofread", "quit")


def key_width(key: FooterKey) -> int:
    """Cells a key takes: its key and description with their padding (and the palette's
    separator)."""
    return (
        cell_len(key.key_display)
        + cell_len(key.description)
        + 3
        + key.has_class("-command-palette")
    )


class ReaderFooter(Footer):
    """A footer that leaves out its least needed keys rather than cut a label in half."""

    def __init__(self) -> None:
        super().__init__()
        self._drawn_for = 0

    def compose(self) -> ComposeResult:
        keys: list[Widget] = list(super().compose())
        room = self.app.size.width
        self._drawn_for = room
        need = sum(key_width(key) for key in keys if isinstance(key, FooterKey))
        for action in LEAVE_OUT_FIRST:
            if need <= room:
                break
            for key in [k for k in keys if isinstance(k, FooterKey) and k.action == action]:
                keys.remove(key)
                need -= key_width(key)
        self.styles.grid_size_columns = sum(not k.has_class("-command-palette") for k in keys)
        yield from keys

    def on_resize(self, event: events.Resize) -> None:
        if self.app.size.width != self._drawn_for:
            self.call_after_refresh(self.recompose)

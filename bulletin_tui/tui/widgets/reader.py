"""The reader pane: the selected item, section, issue or broken file, laid out to fit."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

#: Lays the content out for a width in columns.
Layout = Callable[[int], Text]


class Reader(VerticalScroll):
    """Shows one thing at a time, re-laid out whenever the pane changes width."""

    DEFAULT_CSS = """
    Reader {
        width: 1fr;
        padding: 0 2;
        border: round $primary 40%;
        border-title-color: $text-muted;
    }

    Reader:focus {
        border: round $primary;
    }

    Reader > #content {
        width: 1fr;
    }
    """

    # the tree's keys for moving about, here too: j / k a line, g / G top and bottom
    BINDINGS = [
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
        Binding("g", "scroll_home", show=False),
        Binding("G", "scroll_end", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._layout: Layout = lambda width: Text()
        self._width = 0

    def compose(self):  # noqa: ANN201 (Textual's ComposeResult)
        yield Static(Text(), id="content", markup=False)

    def show(self, layout: Layout, *, keep_scroll: bool = False) -> None:
        """Show what ``layout`` makes, scrolled to the top unless ``keep_scroll``."""
        self._layout = layout
        self._render_content()
        if not keep_scroll:
            self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """What the pane shows, as plain text (for tests and the clipboard)."""
        return self._layout(self._content_width()).plain

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width - 1)

    def _render_content(self) -> None:
        self._width = self._content_width()
        self.query_one("#content", Static).update(self._layout(self._width))

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width() != self._width:
            self._render_content()

"""The reader pane: the selected item, section, issue or broken file, laid out to fit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import events, work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from bulletin_tui.tui.i18n import t

#: Lays the content out for a width in columns.
Layout = Callable[[int], Text]

#: From this many characters on, content is laid out off the UI thread (a long item takes
#: a while to wrap; keys stay answered meanwhile). Below, at once, so the screen never
#: shows a stale item.
LAY_OUT_APART_FROM = 4_000


def _same(one: Layout, other: Layout) -> bool:
    """Whether two layouts lay out the same thing (a reload makes new but equal ones)."""
    if not (isinstance(one, partial) and isinstance(other, partial)):
        return one is other
    return (one.func, one.args, one.keywords) == (other.func, other.args, other.keywords)


class _Content(Static):
    """The reader's text. Short content is laid out again here when the layout pass asks
    its height at a width it was not laid out for: so the first frame shows the item at
    its real width (a Resize event comes only after that frame is drawn, and laying out
    then cost a second frame before the item was readable)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        reader = self.parent
        if isinstance(reader, Reader) and width > 0:  # 0: not on screen (nothing to draw)
            reader._fit_before_drawing(width)
        return super().get_content_height(container, viewport, width)


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
        self._characters = 0
        #: Counts what was asked to be shown, so a late layout of older content is dropped.
        self._shown = 0

    def compose(self):  # noqa: ANN201 (Textual's ComposeResult)
        yield _Content(Text(), id="content", markup=False)

    def show(self, layout: Layout, *, keep_scroll: bool = False, characters: int = 0) -> None:
        """Show what ``layout`` makes, scrolled to the top unless ``keep_scroll``.

        ``characters`` says how long the content is: a long one is laid out off the UI
        thread (with a word on screen meanwhile).
        """
        if not _same(layout, self._layout):  # else shown already: nothing to lay out again
            self._layout = layout
            self._characters = characters
            self._lay_out_content(placeholder=True)
        if not keep_scroll:
            self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """What the pane shows, as plain text (for tests and the clipboard)."""
        return self._layout(self._content_width()).plain

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width - 1)

    def _fit_before_drawing(self, content_width: int) -> None:
        """In the layout pass: lay short content out for the content's new width now."""
        width = max(10, content_width - 1)  # as _content_width: one column kept free
        if width != self._width and self._characters < LAY_OUT_APART_FROM:
            self._width = width
            self.query_one("#content", Static).update(self._layout(width), layout=False)

    def _lay_out_content(self, *, placeholder: bool = False) -> None:
        """Lay the content out for the pane's width. (Not ``_render_content``: Textual's
        Widget has a method of that name, called for every line drawn, which laid the
        whole content out again for each line of the pane.) Laid out apart, new content is
        announced by a placeholder; content laid out again for a new width stays as it
        was meanwhile (a placeholder would take its scroll bar away, change the width
        again, and start over)."""
        self._width = self._content_width()
        self._shown += 1
        if not self.size and self._characters < LAY_OUT_APART_FROM:
            self._width = 0  # not laid out yet: the first layout pass lays it out, at its width
            return
        content = self.query_one("#content", Static)
        if self._characters < LAY_OUT_APART_FROM:
            content.update(self._layout(self._width))
            return
        if placeholder:
            content.update(Text(t("laying_out"), style="dim"))
        self._lay_out_apart(self._layout, self._width, self._shown)

    @work(thread=True, group="reader-layout", exit_on_error=False)
    def _lay_out_apart(self, layout: Layout, width: int, shown: int) -> None:
        """Lay long content out in a thread; show it unless something else was asked for
        meanwhile. (Not an exclusive worker: cancelling one would not stop its thread, and
        those waiting for it would be told it failed; a superseded layout is dropped.)"""
        text = layout(width)
        self.app.call_from_thread(self._laid_out, text, shown)

    def _laid_out(self, text: Text, shown: int) -> None:
        if shown == self._shown:
            self.query_one("#content", Static).update(text)

    def watch_show_vertical_scrollbar(self) -> None:
        """The scroll bar came or went (no resize is sent for it): lay out again for the
        column it took or gave back."""
        self.call_after_refresh(self._fit_width)

    def _fit_width(self) -> None:
        if self._content_width() != self._width:
            self._lay_out_content()

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width() != self._width:
            self._lay_out_content()

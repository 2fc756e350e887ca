"""The search screen: type terms, see every matching item, pick one to read."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from bulletin_tui.search import Hit
from bulletin_tui.tui.i18n import t

#: How many results the screen lists (a word in most items would list thousands).
SEARCH_SHOWN = 200

MATCH = "bold reverse"


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """``text`` with the matches in ``spans`` highlighted."""
    out = Text(text)
    for start, end in spans:
        out.stylize(MATCH, start, end)
    return out


class SearchScreen(Screen[tuple[list[Hit], int, list[str]] | None]):
    """Dismisses with (hits, the chosen one, the terms), or None."""

    DEFAULT_CSS = """
    #query {
        margin: 1 1 0 1;
    }

    #summary {
        padding: 0 2;
        color: $text-muted;
    }

    #hits {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "close", t("stats_back"))]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.hits: list[Hit] = []
        self.terms: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(self.query_text, placeholder=t("search_placeholder"), id="query")
        yield Static("", id="summary", markup=False)
        yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#hits", DataTable)
        table.add_column(t("stats_issue"), key="issue")
        table.add_column(t("stats_section"), key="section")
        table.add_column(t("stats_title"), key="title")
        table.add_column(t("search_snippet"), key="snippet")
        self.query_one("#query", Input).focus()
        if self.query_text:
            self.run_search(self.query_text)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search off the UI thread, then show the hits."""
        terms = query.split()
        # one more than is shown tells that there are more
        hits = self.app.search_items(terms, SEARCH_SHOWN + 1) if terms else []  # type: ignore[attr-defined]
        self.app.call_from_thread(self.show_hits, hits, terms)

    def show_hits(self, hits: list[Hit], terms: list[str]) -> None:
        """Fill the results table (the first :data:`SEARCH_SHOWN`, saying if there are more)."""
        more = len(hits) > SEARCH_SHOWN
        hits = hits[:SEARCH_SHOWN]
        self.hits, self.terms = hits, terms
        table = self.query_one("#hits", DataTable)
        table.clear()
        for number, hit in enumerate(hits):
            issue = f"{hit.date[:4]}年第{hit.number}期" if hit.date and hit.number else hit.series
            table.add_row(Text(f"{issue} {hit.series}" if hit.date and hit.number else issue),
                          Text(hit.section), Text(hit.title), marked(hit.snippet, hit.spans),
                          key=str(number))  # fmt: skip
        summary = t("search_more", count=len(hits)) if more else t("search_count", count=len(hits))
        self.query_one("#summary", Static).update(summary)
        if hits:
            table.focus()

    @on(DataTable.RowSelected, "#hits")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss((self.hits, int(event.row_key.value), self.terms))

    def action_close(self) -> None:
        self.dismiss(None)

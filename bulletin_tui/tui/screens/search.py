"""The search screen: type terms, see every matching item, pick one to read."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from bulletin_tui.cjk import display_width
from bulletin_tui.search import Hit
from bulletin_tui.search_text import window
from bulletin_tui.tui.i18n import t

#: How many results the screen lists (a word in most items would list thousands).
SEARCH_SHOWN = 200

MATCH = "bold reverse"


def _issue_of(hit: Hit) -> str:
    """``2024年第5期 工作动态`` in the screen's language (the series alone when the issue has
    no date or number)."""
    if hit.date and hit.number:
        return t("issue_full_label", year=hit.date[:4], number=hit.number, series=hit.series)
    return hit.series


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """``text`` with the matches in ``spans`` highlighted."""
    out = Text(text)
    for start, end in spans:
        out.stylize(MATCH, start, end)
    return out


class SearchScreen(Screen[tuple[list[Hit], int | None, list[str]] | None]):
    """Dismisses with (hits, the chosen one, the terms); closed with Esc, with (hits, None,
    terms) so that ``n`` / ``N`` still step through them, or None when nothing was found."""

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
        self._fill_table()
        query = self.query_one("#query", Input)
        query.focus()
        if self.query_text:  # reopened: the old query, selected, so that typing replaces it
            query.select_all()
            self.run_search(self.query_text, focus_results=False)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, focus_results: bool = True) -> None:
        """Search off the UI thread, then show the hits."""
        terms = query.split()
        # one more than is shown tells that there are more
        hits = self.app.search_items(terms, SEARCH_SHOWN + 1) if terms else []  # type: ignore[attr-defined]
        self.app.call_from_thread(self.show_hits, hits, terms, focus_results)

    def show_hits(self, hits: list[Hit], terms: list[str], focus_results: bool = True) -> None:
        """Fill the results table (the first :data:`SEARCH_SHOWN`, saying if there are more);
        the focus moves to it after a search typed here, not on reopening."""
        more = len(hits) > SEARCH_SHOWN
        hits = hits[:SEARCH_SHOWN]
        self.hits, self.terms = hits, terms
        table = self.query_one("#hits", DataTable)
        self._fill_table()
        summary = t("search_more", count=len(hits)) if more else t("search_count", count=len(hits))
        self.query_one("#summary", Static).update(summary)
        if hits and focus_results:
            table.focus()

    def _fill_table(self) -> None:
        """The results, each column given its width: the issue and section as they are, the
        headline what it needs up to half the rest, the snippet the rest, centred on the
        first match, so that the match is in sight at any width."""
        table = self.query_one("#hits", DataTable)
        table.clear(columns=True)
        issues = [_issue_of(hit) for hit in self.hits]
        headings = [t("stats_issue"), t("stats_section"), t("stats_title"), t("search_snippet")]
        fixed = [
            max([display_width(headings[0])] + [display_width(i) for i in issues]),
            max([display_width(headings[1])] + [display_width(h.section) for h in self.hits]),
        ]
        # each column has a cell of padding either side; the scroll bar takes two more
        rest = max(20, self.size.width - sum(fixed) - 4 * 2 - 2)
        title_needs = max(
            [display_width(headings[2])] + [display_width(h.title) for h in self.hits]
        )
        title = min(title_needs, max(display_width(headings[2]), rest // 2))
        widths = [*fixed, title, max(10, rest - title)]
        for heading, key, width in zip(headings, ("issue", "section", "title", "snippet"),
                                       widths, strict=True):  # fmt: skip
            table.add_column(heading, key=key, width=width)
        for number, (hit, issue) in enumerate(zip(self.hits, issues, strict=True)):
            headline = Text(hit.title)
            headline.truncate(title, overflow="ellipsis")
            piece, spans = window(hit.snippet, hit.spans, widths[3])
            table.add_row(Text(issue), Text(hit.section), headline, marked(piece, tuple(spans)),
                          key=str(number))  # fmt: skip

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted:
            cursor = self.query_one("#hits", DataTable).cursor_row
            self._fill_table()
            self.query_one("#hits", DataTable).move_cursor(row=cursor)

    @on(DataTable.RowSelected, "#hits")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss((self.hits, int(event.row_key.value), self.terms))

    def action_close(self) -> None:
        self.dismiss((self.hits, None, self.terms) if self.hits else None)

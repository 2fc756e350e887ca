"""The statistics screen: a ranking with bars, by unit, section, month or series; drill down
to a key's items and open one in the reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, Label, Select

from bulletin_tui import stats_export
from bulletin_tui.atomic import write_atomic
from bulletin_tui.cjk import display_width
from bulletin_tui.plaintext import parse_date
from bulletin_tui.settings import Settings
from bulletin_tui.stats import (
    GROUPINGS,
    Adopted,
    Entry,
    Row,
    adopted_items,
    key_of,
    not_adopted,
    ranked,
    ranking,
)
from bulletin_tui.tui.explain import describe
from bulletin_tui.tui.i18n import language, t
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.widgets.issue_tree import ItemTarget, issue_label


def fitting_width(choices: list[str]) -> int:
    """A picker as wide as its longest choice (its border, padding and ▼ take 8 cells), up
    to a limit: at 80 columns every filter stays on one line, whole."""
    return min(max(display_width(choice) for choice in choices), 20) + 8


class StatsScreen(Screen[ItemTarget | None]):
    """Dismisses with the item chosen in a drill-down, or None."""

    DEFAULT_CSS = """
    #filters {
        height: auto;
        padding: 0 1;
    }

    #filters Label {
        padding: 1 1 0 0;
    }

    #filters Select {
        width: 16;
    }

    #filters Input {
        width: 16;
    }

    #ranking, #items {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("escape", "back", t("stats_back")),
        Binding("c", "export('csv')", t("stats_export_csv")),
        Binding("x", "export('xlsx')", t("stats_export_xlsx")),
    ]

    def __init__(
        self,
        entries: list[Entry],
        settings: Settings,
        submissions: list[tuple[str, str, dt.date]] | None = None,
        adopted: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.all_entries = entries
        self.settings = settings
        # the inbox's submissions (id, from unit, received) and the ids issues hold: 报送
        self.submissions = submissions or []
        self.adopted = adopted
        self.rows: list[Row] = []
        self.entries: list[Adopted] = []
        self.drilled: list[Adopted] | None = None

    def compose(self) -> ComposeResult:
        series = sorted({entry.series for entry in self.all_entries})
        with Horizontal(id="filters"):
            yield Label(t("stats_by"))
            groupings = [(t(f"stats_by_{g}"), g) for g in GROUPINGS]
            by = Select(groupings, value="source", allow_blank=False, id="by")
            by.styles.width = fitting_width([label for label, _ in groupings])
            yield by
            yield Label(t("stats_from"))
            yield Input(placeholder="2024-01-01", id="from")
            yield Label(t("stats_to"))
            yield Input(placeholder="2024-12-31", id="to")
            picker = Select([(name, name) for name in series], prompt=t("stats_all_series"),
                            id="series")  # fmt: skip
            picker.styles.width = fitting_width([t("stats_all_series"), *series])
            yield picker
            yield Checkbox(t("stats_by_rate"), id="by-rate")
        yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="items", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#items").display = False
        self.refresh_ranking()
        self.query_one("#ranking").focus()

    # filling ----------------------------------------------------------------------------

    def _filters(self) -> dict[str, object]:
        dates = {}
        for name in ("from", "to"):
            text = self.query_one(f"#{name}", Input).value.strip()
            date = parse_date(text) if text else None
            if text and date is None:
                self.notify(t("stats_bad_date", text=text), severity="warning", markup=False)
            dates[name] = date
        series = self.query_one("#series", Select).value
        return {
            "date_from": dates["from"],
            "date_to": dates["to"],
            "series": None if series is Select.NULL else str(series),
        }

    @property
    def by(self) -> str:
        return str(self.query_one("#by", Select).value)

    def refresh_ranking(self) -> None:
        """Count again with the current choices and redraw the table."""
        filters = self._filters()
        self.entries = list(adopted_items(self.all_entries, self.settings, **filters))
        sent = not_adopted(self.submissions, self.adopted, self.settings,
                           date_from=filters["date_from"], date_to=filters["date_to"])  # fmt: skip
        self.rows = ranking(self.entries, self.by, sent, by_rate=self.by_rate)
        self._draw_ranking()

    @property
    def by_rate(self) -> bool:
        return self.query_one("#by-rate", Checkbox).value

    def _label(self, key: str) -> str:
        if key:
            return key
        return t("unnamed_section") if self.by == "section" else t("stats_no_source")

    def _draw_ranking(self) -> None:
        table = self.query_one("#ranking", DataTable)
        table.clear(columns=True)
        labels = [self._label(row.key) for row in self.rows]
        ordered = ranked(self.rows, by_rate=self.by_rate)
        rows = [(str(rank), label, str(row.items), str(row.as_dict()["score"]), str(row.submitted),
                 f"{row.rate:.0%}", row)
                for (rank, row), label in zip(ordered, labels, strict=True)]  # fmt: skip
        headings = [t("stats_rank"), t(f"stats_by_{self.by}"), t("stats_items"), t("stats_score"),
                    t("stats_submitted"), t("stats_rate")]  # fmt: skip
        # Every column gets its width now: widths DataTable measures later, when idle, are
        # not drawn until the next resize (names were cut to two characters, bars lost).
        widths = [
            max([display_width(heading)] + [display_width(row[n]) for row in rows])
            for n, heading in enumerate(headings)
        ]
        if not rows:
            widths[1] = max(widths[1], display_width(t("stats_empty")))
        bar_room = max(4, self.size.width - sum(widths) - 2 * 7 - 2)
        keys = ("rank", "key", "items", "score", "submitted", "rate")
        for heading, key, width in zip(headings, keys, widths, strict=True):
            table.add_column(heading, key=key, width=width)
        table.add_column("", key="bar", width=bar_room)
        measure = (lambda row: row.rate) if self.by_rate else (lambda row: row.score)
        top = max((measure(row) for row in self.rows), default=0) or 1
        for rank, label, items, score, submitted, rate, row in rows:
            filled = round(bar_room * measure(row) / top) if measure(row) else 0
            bar = Text("█" * max(1 if measure(row) else 0, filled), style="green")
            table.add_row(rank, Text(label), items, score, submitted, rate, bar, key=row.key)
        if not self.rows:
            table.add_row("", Text(t("stats_empty")), "", "", "", "", "")

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted and self.drilled is None:
            self._draw_ranking()

    @on(Select.Changed)
    @on(Input.Submitted)
    @on(Checkbox.Changed)
    def _choices_changed(self) -> None:
        self.refresh_ranking()

    # drilling down ----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#ranking")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is None or not self.rows:
            return
        self.drilled = [entry for entry in self.entries if key_of(entry, self.by) == key]
        items = self.query_one("#items", DataTable)
        items.clear(columns=True)
        items.add_column(t("stats_issue"))
        items.add_column(t("stats_section"))
        items.add_column(t("stats_title"))
        for number, adopted in enumerate(self.drilled):
            entry = adopted.entry
            items.add_row(
                Text(issue_label(entry)),
                Text(entry.section or t("unnamed_section")),
                Text(entry.title),
                key=str(number),
            )
        self.query_one("#ranking").display = False
        items.display = True
        items.focus()

    @on(DataTable.RowSelected, "#items")
    def _item_chosen(self, event: DataTable.RowSelected) -> None:
        if self.drilled is None or event.row_key.value is None:
            return
        entry = self.drilled[int(event.row_key.value)].entry
        self.dismiss(ItemTarget(entry.path, entry.section, entry.title))

    def action_back(self) -> None:
        """From the items back to the ranking; from the ranking back to the reader."""
        if self.drilled is not None:
            self.drilled = None
            self.query_one("#items").display = False
            ranking_table = self.query_one("#ranking")
            ranking_table.display = True
            ranking_table.focus()
            self._draw_ranking()
        else:
            self.dismiss(None)

    # exporting -------------------------------------------------------------------------

    def action_export(self, kind: str) -> None:
        """Write the ranking as shown (grouping, range, series) to the current folder, as
        CSV for Excel or as a workbook; say where. An existing file is asked about."""
        names = stats_export.titles(language(), self.by)
        tables = {"": self.rows}
        stem = t(
            "stats_file", by=t(f"stats_by_{self.by}").lower(), date=f"{dt.date.today():%Y%m%d}"
        )
        target = (Path.cwd() / f"{stem}.{kind}").resolve()

        def write(yes: bool = True) -> None:
            if not yes:
                return
            try:
                if kind == "csv":
                    write_atomic(target, stats_export.csv_bytes(tables, names))
                else:
                    stats_export.write_xlsx(target, tables, names)
            except OSError as error:
                self.notify(t("export_failed", error=describe(error)), severity="error",
                            markup=False)  # fmt: skip
                return
            self.notify(t("export_done", path=target), markup=False)

        if target.exists():
            self.app.push_screen(ConfirmScreen(t("confirm_replace", path=target)), write)
        else:
            write()

    @property
    def ranking_text(self) -> list[list[str]]:
        """The ranking table's cells as plain text, row by row (for tests)."""
        table = self.query_one("#ranking", DataTable)
        return [
            [str(getattr(c, "plain", c)) for c in table.get_row_at(i)]
            for i in range(table.row_count)
        ]

"""The new-issue form: series, number, date, office and distribution, prefilled from the
latest issue of the series."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static, TextArea

from bulletin_tui.archive import IssueFile
from bulletin_tui.errors import ModelError
from bulletin_tui.model import Issue
from bulletin_tui.plaintext import format_distribution, parse_date, parse_distribution
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.screens.item_form import LineInput
from bulletin_tui.tui.styles import form_css


def next_number(issues: list[IssueFile], series: str, year: int) -> int:
    """The next free 第N期 of ``series`` in ``year`` (numbers restart every year)."""
    headers = [f.header for f in issues]
    taken = [
        h.number
        for h in headers
        if h.series == series and h.date is not None and h.date.year == year
        and h.number is not None
    ]  # fmt: skip
    return max(taken, default=0) + 1


class IssueForm(ModalScreen[Issue | None]):
    """Dismisses with the new :class:`Issue`, or None."""

    DEFAULT_CSS = form_css("IssueForm")

    BINDINGS = [
        Binding("ctrl+s", "save", t("form_save"), priority=True),
        Binding("escape", "cancel", t("cancel")),
    ]

    def __init__(self, issues: list[IssueFile], series: str, today: dt.date) -> None:
        super().__init__()
        self.issues = issues
        self.today = today
        self.series = series

    def compose(self) -> ComposeResult:
        names = sorted({f.header.series for f in self.issues})
        with VerticalScroll(id="form"):
            yield Static(t("issue_form_title"), classes="title")
            yield Label(t("issue_series"))
            yield LineInput(self.series, id="series", suggester=SuggestFromList(names))
            yield Label(t("issue_number"))
            yield LineInput(id="number", restrict=r"[0-9]*")
            yield Static("", id="number-error", classes="error")
            yield Label(t("issue_total"))
            yield LineInput(id="total", restrict=r"[0-9]*")
            yield Static("", id="total-error", classes="error")
            yield Label(t("issue_date"))
            yield LineInput(self.today.isoformat(), id="date")
            yield Static("", id="date-error", classes="error")
            yield Label(t("issue_publisher"))
            yield LineInput(id="publisher")
            yield Label(t("issue_distribution"))
            yield TextArea(id="distribution", soft_wrap=True)
            yield Static("", id="distribution-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("form_save"), id="save", variant="primary")
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.prefill()
        self.query_one("#series", Input).focus()

    def prefill(self) -> None:
        """Number, office and distribution from the latest issue of the series."""
        series = self.query_one("#series", Input).value.strip()
        date = parse_date(self.query_one("#date", Input).value) or self.today
        self.query_one("#number", Input).value = str(next_number(self.issues, series, date.year))
        latest = next((f.issue for f in self.issues if f.header.series == series), None)
        if latest is not None:
            self.query_one("#publisher", Input).value = latest.publisher
            lines = "\n".join(format_distribution(d) for d in latest.distribution)
            self.query_one("#distribution", TextArea).text = lines
            if latest.total is not None:
                self.query_one("#total", Input).value = str(latest.total + 1)

    @on(Input.Submitted, "#series")
    @on(Input.Blurred, "#series")
    def _series_chosen(self) -> None:
        if self.query_one("#series", Input).value.strip() != self.series:
            self.series = self.query_one("#series", Input).value.strip()
            self.prefill()

    def action_save(self) -> None:
        errors: dict[str, str] = {}
        value = {n: self.query_one(f"#{n}", Input).value.strip()
                 for n in ("series", "number", "total", "date", "publisher")}  # fmt: skip
        numbers = {}
        for name in ("number", "total"):
            numbers[name] = int(value[name]) if value[name] else None
            if numbers[name] == 0:
                errors[name] = t("issue_bad_number")
        date = parse_date(value["date"]) if value["date"] else None
        if value["date"] and date is None:
            errors["date"] = t("issue_bad_date")
        distribution = []
        text = self.query_one("#distribution", TextArea).text
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                parsed = parse_distribution(line)
                if parsed is None:
                    errors["distribution"] = t("issue_bad_distribution", line=number)
                else:
                    distribution.append(parsed)
        for name in ("number", "total", "date", "distribution"):
            self.query_one(f"#{name}-error", Static).update(errors.get(name, ""))
        if errors:
            return
        try:
            issue = Issue(series=value["series"], number=numbers["number"],
                          total=numbers["total"], date=date, publisher=value["publisher"],
                          distribution=tuple(distribution))  # fmt: skip
        except ModelError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.dismiss(issue)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

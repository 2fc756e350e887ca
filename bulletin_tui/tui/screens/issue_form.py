"""The issue form: a new issue's header (prefilled from the newest issue of its series), or
an existing issue's header to change: series, number, total, date, office, copies and
distribution."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from bulletin_tui.archive import IssueFile
from bulletin_tui.cjk import display_width
from bulletin_tui.errors import ModelError
from bulletin_tui.model import Distribution, Issue
from bulletin_tui.plaintext import format_distribution, parse_date, parse_distribution
from bulletin_tui.tui.explain import describe
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.item_form import LineInput
from bulletin_tui.tui.styles import form_css

#: Columns a distribution line is broken at (after a comma) when the form shows it: the
#: box then never wraps one itself, which would start a line with a comma.
DISTRIBUTION_COLUMNS = 56
NUMBERS = ("number", "total", "copies")
LINES = ("series", "number", "total", "date", "publisher", "copies")


def next_number(issues: list[IssueFile], series: str, year: int) -> int:
    """The next free 第N期 of ``series`` in ``year`` (numbers restart every year)."""
    taken = [
        f.header.number
        for f in issues
        if f.header.series == series and f.header.date is not None
        and f.header.date.year == year and f.header.number is not None
    ]  # fmt: skip
    return max(taken, default=0) + 1


def distribution_text(lines: tuple[Distribution, ...]) -> str:
    """The distribution as the form shows it: one line each, broken after a comma where
    it is long, so that no line of the box starts with a comma."""
    shown: list[str] = []
    for line in lines:
        current = ""
        for piece in format_distribution(line).split("，"):
            piece = piece if piece.endswith("。") else piece + "，"
            if current and display_width(current + piece) > DISTRIBUTION_COLUMNS:
                shown.append(current)
                current = ""
            current += piece
        shown.append(current.removesuffix("，"))
    return "\n".join(shown)


def parse_distribution_text(text: str) -> tuple[list[Distribution], int | None]:
    """The box's lines → distribution lines; a line without a label (``报：``) goes on the
    line before. Returns the lines and the number of the first line that is neither."""
    found: list[Distribution] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parsed = parse_distribution(line)
        if parsed is None and found:
            more = parse_distribution(f"{found[-1].label}：{line.strip()}")
            if more is not None:
                found[-1] = replace(found[-1], recipients=found[-1].recipients + more.recipients)
                continue
        if parsed is None:
            return found, number
        found.append(parsed)
    return found, None


class IssueForm(ModalScreen[Issue | None]):
    """Dismisses with the issue's new header (an :class:`Issue` without sections), or None.

    With ``issue`` it changes that issue's header; else it makes a new issue of
    ``series``, numbered after the newest issue of the series in the date's year.
    """

    DEFAULT_CSS = form_css("IssueForm")

    BINDINGS = [
        Binding("ctrl+s", "save", t("form_save"), priority=True),
        Binding("escape", "cancel", t("cancel")),
    ]

    def __init__(
        self, issues: list[IssueFile], series: str, today: dt.date, *, issue: Issue | None = None
    ) -> None:
        super().__init__()
        self.issues = issues
        self.today = today
        self.series = series if issue is None else issue.series
        self.editing = issue
        self.initial: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        names = sorted({f.header.series for f in self.issues})
        with VerticalScroll(id="form"):
            heading = (
                t("issue_form_title")
                if self.editing is None
                else t("issue_edit_title", label=self.editing.heading)
            )
            yield Static(heading, classes="title", markup=False)
            yield Label(t("issue_series"))
            yield LineInput(self.series, id="series", suggester=SuggestFromList(names))
            yield Label(t("issue_number"))
            yield LineInput(id="number", restrict=r"[0-9]*")
            yield Static("", id="number-note", classes="hint", markup=False)
            yield Static("", id="number-error", classes="error")
            yield Label(t("issue_total"))
            yield LineInput(id="total", restrict=r"[0-9]*")
            yield Static("", id="total-error", classes="error")
            yield Label(t("issue_date"))
            yield LineInput(self.today.isoformat(), id="date")
            yield Static("", id="date-error", classes="error")
            yield Label(t("issue_publisher"))
            yield LineInput(id="publisher")
            yield Label(t("issue_copies"))
            yield LineInput(id="copies", restrict=r"[0-9]*")
            yield Static("", id="copies-error", classes="error")
            yield Label(t("issue_distribution"))
            yield TextArea(id="distribution", soft_wrap=False)
            yield Static("", id="distribution-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("form_save"), id="save", variant="primary")
                yield Button(t("cancel"), id="cancel")
        yield Footer()  # the form's own keys, not the reader's

    def on_mount(self) -> None:
        self.query_one("#number-note").display = False
        if self.editing is None:
            self.prefill()
        else:
            self._fill(self.editing)
        self.initial = self.values
        self.query_one("#number" if self.editing is None else "#series", Input).focus()

    # filling ----------------------------------------------------------------------------

    def _set(self, name: str, value: object) -> None:
        self.query_one(f"#{name}", Input).value = "" if value is None else str(value)

    def _fill(self, issue: Issue) -> None:
        for name in LINES:
            value = getattr(issue, name)
            self._set(name, value.isoformat() if isinstance(value, dt.date) else value)
        self.query_one("#distribution", TextArea).text = distribution_text(issue.distribution)

    def prefill(self) -> None:
        """Number (for the date's year), total, office, copies and distribution from the
        newest issue of the series, saying where the number comes from."""
        series = self.query_one("#series", Input).value.strip()
        newest = next((f for f in self.issues if f.header.series == series), None)
        if newest is not None:
            issue = newest.issue
            self._set("publisher", issue.publisher)
            self._set("copies", issue.copies)
            self._set("total", None if issue.total is None else issue.total + 1)
            self.query_one("#distribution", TextArea).text = distribution_text(issue.distribution)
        self._renumber()

    def _renumber(self) -> None:
        """The number for the date's year, and a note saying how it was found."""
        series = self.query_one("#series", Input).value.strip()
        date = parse_date(self.query_one("#date", Input).value)
        if date is None:
            return
        number = next_number(self.issues, series, date.year)
        self._set("number", number)
        newest = next((f for f in self.issues if f.header.series == series), None)
        note = ""
        if newest is not None and newest.header.date is not None and newest.header.number:
            latest = t("issue_label", year=newest.header.date.year, number=newest.header.number)
            if number > 1:
                note = t("issue_number_follows", year=date.year, number=number - 1)
            else:
                note = t("issue_number_restarts", year=date.year, latest=latest)
        shown = self.query_one("#number-note", Static)
        shown.update(note)
        shown.display = bool(note)

    @on(Input.Submitted, "#series")
    @on(Input.Blurred, "#series")
    def _series_chosen(self) -> None:
        series = self.query_one("#series", Input).value.strip()
        if self.editing is None and series != self.series:
            self.series = series
            self.prefill()

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        if self.editing is None and self.is_mounted:
            self._renumber()

    @property
    def values(self) -> dict[str, str]:
        """The fields as they stand."""
        found = {name: self.query_one(f"#{name}", Input).value.strip() for name in LINES}
        found["distribution"] = self.query_one("#distribution", TextArea).text
        return found

    # saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        errors: dict[str, str] = {}
        value = self.values
        numbers: dict[str, int | None] = {}
        for name in NUMBERS:
            numbers[name] = int(value[name]) if value[name] else None
            if numbers[name] == 0:
                errors[name] = t("issue_bad_number")
        # required of a new issue (and of one that had it): without it the file is named
        # 工作动态-2024.toml and the tree cannot say which issue it is
        if numbers["number"] is None and (self.editing is None or self.editing.number):
            errors["number"] = t("form_required")
        date = parse_date(value["date"]) if value["date"] else None
        if value["date"] and date is None:
            errors["date"] = t("issue_bad_date")
        distribution, bad_line = parse_distribution_text(value["distribution"])
        if bad_line is not None:
            errors["distribution"] = t("issue_bad_distribution", line=bad_line)
        for name in ("number", "total", "date", "copies", "distribution"):
            self.query_one(f"#{name}-error", Static).update(errors.get(name, ""))
        if errors:
            first = next(name for name in (*LINES, "distribution") if name in errors)
            self.query_one(f"#{first}").focus()
            return
        header = {"series": value["series"], "number": numbers["number"],
                  "total": numbers["total"], "date": date, "publisher": value["publisher"],
                  "copies": numbers["copies"], "distribution": tuple(distribution)}  # fmt: skip
        try:
            base = self.editing if self.editing is not None else Issue(series=value["series"])
            issue = replace(base, **header)
        except ModelError as error:
            self.notify(describe(error), severity="error", markup=False)
            return
        self.dismiss(issue)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close; when something was typed, ask first."""
        if self.values == self.initial:
            self.dismiss(None)
            return
        question = ConfirmScreen(t("form_discard"), yes=t("form_discard_yes"),
                                 no=t("form_discard_no"))  # fmt: skip
        self.app.push_screen(question, lambda yes: self.dismiss(None) if yes else None)

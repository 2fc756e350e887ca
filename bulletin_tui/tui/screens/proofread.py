"""The proofreading panel (校对): the problems of one issue; ``enter`` goes to one in the
reader with the spot highlighted, ``f`` fixes a fixable one, ``u`` undoes the last change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from bulletin_tui.cjk import display_width
from bulletin_tui.model import Item
from bulletin_tui.plaintext.common import INDENT
from bulletin_tui.proofread import Finding
from bulletin_tui.tui.cut import cut_to
from bulletin_tui.tui.i18n import language, t

SPOT = "bold reverse red"


def field_name(field: str) -> str:
    """The field a finding is in, as the screen names it."""
    key = f"proofread_field_{field}"
    try:
        return t(key)
    except KeyError:
        return field


class ProofreadScreen(Screen[Finding | None]):
    """Dismisses with the finding to go to, or None."""

    DEFAULT_CSS = """
    ProofreadScreen #heading {
        padding: 0 1;
        text-style: bold;
    }

    ProofreadScreen #problems {
        height: 1fr;
    }

    ProofreadScreen #detail {
        height: auto;
        min-height: 3;
        padding: 0 1;
        border-top: solid $primary 40%;
    }
    """

    BINDINGS = [
        Binding("enter", "go", t("proofread_go"), priority=True),
        Binding("f", "fix", t("proofread_fix")),
        Binding("u", "undo", t("proofread_undo")),
        Binding("escape,v", "back", t("proofread_back")),
    ]

    class FixRequested(Message):
        """Apply ``finding``'s fix (the app saves it, then shows the panel again)."""

        def __init__(self, screen: ProofreadScreen, finding: Finding) -> None:
            super().__init__()
            self.screen = screen
            self.finding = finding

    class UndoRequested(Message):
        """Undo the last change (the app does, then shows the panel again)."""

        def __init__(self, screen: ProofreadScreen) -> None:
            super().__init__()
            self.screen = screen

    def __init__(self, path: Path, label: str, findings: list[Finding]) -> None:
        super().__init__()
        self.path = path
        self.label = label
        self.findings = findings

    def compose(self) -> ComposeResult:
        yield Static(t("proofread_title", label=self.label), id="heading", markup=False)
        yield DataTable(id="problems", cursor_type="row", zebra_stripes=True)
        yield Static(Text(), id="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        narrow = self.app.size.width < 100  # leave the message some room at 80 columns
        item, excerpt = (14, 22) if narrow else (24, 34)
        severity = max(display_width(t(f"proofread_{k}")) for k in ("severity", "error", "warning"))
        field = max([display_width(t("proofread_field"))]
                    + [display_width(field_name(f.field)) for f in self.findings])  # fmt: skip
        # the message takes the rest, wrapped onto more lines where it needs them
        # (each column has a cell of padding either side; the scroll bar takes two more)
        message = max(16, self.app.size.width - severity - item - field - excerpt - 5 * 2 - 2)
        for key, width in (("severity", severity), ("item", item), ("field", field),
                           ("excerpt", excerpt), ("message", message)):  # fmt: skip
            table.add_column(t(f"proofread_{key}"), key=key, width=width)
        self.show(self.findings)
        table.focus()

    def show(self, findings: list[Finding]) -> None:
        """Fill the table with ``findings`` (again, after a fix or an undo), keeping the row."""
        self.findings = findings
        narrow = self.app.size.width < 100
        table = self.query_one(DataTable)
        item_width, excerpt_width = (table.columns[key].width for key in ("item", "excerpt"))
        row = table.cursor_row
        table.clear()
        for finding in findings:
            before, spot, after = finding.excerpt(5 if narrow else 8)
            excerpt = Text(before, no_wrap=True)
            excerpt.append(spot or " ", style=SPOT)
            excerpt.append(after)
            cut_to(excerpt, excerpt_width)
            severity = Text(t(f"proofread_{finding.severity}"),
                            style="red" if finding.severity == "error" else "yellow")  # fmt: skip
            item = finding.title or t("proofread_header")
            table.add_row(severity, cut_to(Text(item, no_wrap=True), item_width),
                          Text(field_name(finding.field)), excerpt,
                          Text(finding.message(language())), height=None)  # fmt: skip
        if findings:
            table.move_cursor(row=min(row, len(findings) - 1))
        self._describe()

    @property
    def current(self) -> Finding | None:
        """The finding under the cursor."""
        table = self.query_one(DataTable)
        if not self.findings or not 0 <= table.cursor_row < len(self.findings):
            return None
        return self.findings[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        detail = self.query_one("#detail", Static)
        finding = self.current
        if finding is None:
            detail.update(Text(t("proofread_none")))
            return
        errors = sum(f.severity == "error" for f in self.findings)
        fixable = sum(f.spot.fix is not None for f in self.findings)
        summary = t("proofread_count", count=len(self.findings), errors=errors,
                    warnings=len(self.findings) - errors, fixable=fixable)  # fmt: skip
        text = Text(finding.message(language()), style="bold")
        text.append(f"  [{finding.rule.id}]", style="dim")
        if finding.spot.fix is not None:
            text.append("  " + t("proofread_fix_to", fix=finding.spot.fix), style="green")
        text.append("\n" + summary, style="dim")
        detail.update(text)

    def action_go(self) -> None:
        finding = self.current
        if finding is None:
            self.notify(t("proofread_nothing"), severity="warning")
            return
        self.dismiss(finding)

    def action_fix(self) -> None:
        finding = self.current
        if finding is None:
            self.notify(t("proofread_nothing"), severity="warning")
        elif finding.spot.fix is None:
            self.notify(t("proofread_no_fix"), severity="warning")
        else:
            self.post_message(self.FixRequested(self, finding))

    def action_undo(self) -> None:
        self.post_message(self.UndoRequested(self))

    def action_back(self) -> None:
        self.dismiss(None)


def spot_in_item(item: Item, finding: Finding) -> int | None:
    """Where ``finding`` stands in the reader's text of ``item`` once its line breaks are
    taken out: the headline, then each paragraph after its indent, then the source in
    brackets. None for a field the reader does not show with the item."""
    offset = finding.spot.offset
    if finding.field == "title":
        return offset
    position = len(item.title)
    if finding.field == "body":
        line_start = 0
        for line in finding.text.split("\n"):  # the body as stored: a paragraph a line
            line_end = line_start + len(line)
            if line.strip():
                if line_start <= offset < line_end:
                    return position + len(INDENT) + offset - line_start
                position += len(INDENT) + len(line)
            line_start = line_end + 1
        return None
    if finding.field == "source":
        return position + sum(len(INDENT) + len(p) for p in item.body) + 1 + offset
    return None


def highlight_spot(layout: Callable[[int], Text], target: int, length: int, width: int) -> Text:
    """``layout`` at ``width`` with ``length`` characters from ``target`` (counted without
    the line breaks wrapping put in) highlighted."""
    text = layout(width)
    positions = [index for index, char in enumerate(text.plain) if char != "\n"]
    if 0 <= target < len(positions):
        end = min(target + max(length, 1), len(positions)) - 1
        text.stylize(SPOT, positions[target], positions[end] + 1)
    return text

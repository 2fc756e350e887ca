"""The item form's proofreading line: the problems of what is being typed, as it is typed."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from bulletin_tui.proofread import Linter
from bulletin_tui.settings import LintSettings
from bulletin_tui.tui.i18n import language, t
from bulletin_tui.tui.screens.proofread import SPOT, field_name

#: The fields of the form that are proofread, in the form's order.
FIELDS = ("title", "body", "source")
#: Problems listed at most; the rest are counted.
SHOWN = 4


class LiveProblems(Static):
    """Lists the problems of the headline, body and source; hidden when there are none."""

    DEFAULT_CSS = """
    /* at the box's foot, in sight however far the fields are scrolled */
    LiveProblems {
        dock: bottom;
        height: auto;
        max-height: 6;
        color: $warning;
        background: $panel;
        border-top: hkey $warning 50%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._linter: Linter | None = None
        self.problems: list[str] = []  # one line a problem, as shown (for tests)

    def check(self, values: dict[str, str]) -> None:
        """Proofread the fields as they stand and show what was found."""
        if self._linter is None:
            settings = getattr(self.app, "lint_settings", None) or LintSettings()
            # the archive-wide rules need the archive, not the form
            self._linter = Linter(settings, only=_TEXT_RULES - settings.off)
        lines: list[Text] = []
        for name in FIELDS:
            text = values.get(name, "")
            for spot in self._linter.field(text, name):
                line = Text(f"{field_name(name)}：", style="bold")
                start = max(0, spot.offset - 6)
                line.append(text[start : spot.offset].replace("\n", " "))
                line.append(text[spot.offset : spot.offset + spot.length].replace("\n", " ") or " ",
                            style=SPOT)  # fmt: skip
                line.append(text[spot.offset + spot.length : spot.offset + spot.length + 6]
                            .replace("\n", " "))  # fmt: skip
                line.append("  " + spot.rule.message(language(), spot.values))
                lines.append(line)
        self.problems = [line.plain for line in lines]
        self.display = bool(lines)  # no room taken while there is nothing to say
        if not lines:
            self.update("")
            return
        shown = Text(t("form_problems"), style="bold")
        for line in lines[:SHOWN]:
            shown.append("\n")
            shown.append_text(line)
        if len(lines) > SHOWN:
            shown.append("\n" + t("form_problems_more", count=len(lines) - SHOWN))
        self.update(shown)


def _text_rules() -> frozenset[str]:
    from bulletin_tui.proofread import RULES
    from bulletin_tui.proofread.archive_rules import ARCHIVE_RULES

    return frozenset(RULES) - {rule.id for rule in ARCHIVE_RULES}


_TEXT_RULES = _text_rules()

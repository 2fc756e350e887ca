"""The item form: issue, section, headline, body, source, author; saved with ctrl+s.

What is typed is kept as a draft every few seconds and when the app stops, and offered
again the next time the same form is opened. Pasted text loses its control characters;
pasted line breaks in a one-line field join the lines as a reader would.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from bulletin_tui.drafts import Drafts
from bulletin_tui.errors import ModelError
from bulletin_tui.model import Item, is_control, split_paragraphs
from bulletin_tui.plaintext.layout import join_lines
from bulletin_tui.tui.explain import reason
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.styles import form_css
from bulletin_tui.tui.widgets.live_problems import LiveProblems

FIELDS = ("section", "title", "body", "source", "author")
#: The fields an item cannot do without, in the form's order.
REQUIRED = ("title", "body", "source")


def without_controls(text: str, *, keep_newlines: bool) -> str:
    """Text as typed or pasted, less control characters (and line breaks unless kept)."""
    allowed = "\n\t" if keep_newlines else ""
    return "".join(c for c in text.replace("\r\n", "\n") if c in allowed or not is_control(c))


class LineInput(Input):
    """A one-line field: pasted lines are joined, control characters dropped. Focus puts
    the cursor at the end without selecting the text, so typing never replaces it."""

    def __init__(self, value: str | None = None, **options: Any) -> None:
        options.setdefault("select_on_focus", False)
        super().__init__(value, **options)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line for line in without_controls(event.text, keep_newlines=True).split("\n")]
        text = join_lines([line.strip() for line in lines if line.strip()])
        if text:
            self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again


class BodyArea(TextArea):
    """The body: pasted text goes in whole, line breaks and all, less control characters."""

    async def _on_paste(self, event: events.Paste) -> None:
        clean = without_controls(event.text, keep_newlines=True)
        if result := self._replace_via_keyboard(clean, *self.selection):
            self.move_cursor(result.end_location)
        event.stop()
        event.prevent_default()  # TextArea's own handler would paste the raw text again


@dataclass(frozen=True)
class ItemFormResult:
    """What the form gives back: where the item goes and the item itself."""

    issue_path: Path
    section: str
    item: Item
    draft: str  # the draft's target, to discard once the save has succeeded


class ItemForm(ModalScreen[ItemFormResult | None]):
    """New or edited item. Dismisses with an :class:`ItemFormResult`, or None."""

    DEFAULT_CSS = form_css("ItemForm")

    BINDINGS = [
        Binding("ctrl+s", "save", t("form_save"), priority=True),
        Binding("escape", "cancel", t("cancel")),
        Binding("ctrl+e", "external_editor", t("form_editor"), priority=True),
    ]

    def __init__(
        self,
        *,
        issues: list[tuple[str, Path]],
        issue_path: Path,
        values: dict[str, str],
        sections: list[str],
        units: list[str],
        drafts: Drafts,
        draft: str,
        heading: str,
        named: frozenset[Path] = frozenset(),
    ) -> None:
        """``named``: the issues whose sections have names (an item there needs one)."""
        super().__init__()
        self.named = named
        self.issues = issues
        self.issue_path = issue_path
        self.initial = {name: values.get(name, "") for name in FIELDS}
        self.sections = sections
        self.units = units
        self.drafts = drafts
        self.draft = draft
        self.heading = heading
        self.finished = False
        self.latest = dict(self.initial)  # the fields as last typed (kept past unmounting)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(self.heading, classes="title", markup=False)
            yield Label(t("form_issue"))
            yield Select([(label, str(path)) for label, path in self.issues],
                         value=str(self.issue_path), allow_blank=False, id="issue")  # fmt: skip
            fields: list[tuple[str, Widget]] = [
                ("section", LineInput(self.initial["section"], id="section",
                                      suggester=SuggestFromList(self.sections))),
                ("title", LineInput(self.initial["title"], id="title")),
                ("body", BodyArea(self.initial["body"], id="body", soft_wrap=True,
                                  tab_behavior="focus")),
                ("source", LineInput(self.initial["source"], id="source",
                                     suggester=SuggestFromList(self.units))),
                ("author", LineInput(self.initial["author"], id="author")),
            ]  # fmt: skip
            for name, widget in fields:
                yield Label(t(f"form_{name}"))
                yield widget
                yield Static("", id=f"{name}-error", classes="error", markup=False)
            yield LiveProblems(id="problems")
            with Horizontal(classes="buttons"):
                yield Button(t("form_save"), id="save", variant="primary")
                yield Button(t("cancel"), id="cancel")
        yield Footer()  # the form's own keys, not the reader's

    def on_mount(self) -> None:
        empty = [name for name in REQUIRED if not self.initial[name].strip()]
        self.query_one(f"#{empty[0] if empty else 'title'}").focus()
        self._update_counts()
        self.set_interval(3, self.keep_draft)
        kept = self.drafts.load(self.draft)
        if kept is not None and kept != self.initial:
            # Restore has the focus; Esc closes the form and keeps the draft for next time
            question = ConfirmScreen(t("form_restore_ask"), yes=t("form_restore_yes"),
                                     no=t("form_restore_no"), focus="yes", escape=None)  # fmt: skip
            self.app.push_screen(question, partial(self._restore_answered, kept))

    def _restore_answered(self, kept: dict[str, str], answer: bool | None) -> None:
        if answer:
            self.values = kept
        elif answer is None:  # not now: leave the draft where it is, untouched
            self.finished = True
            self.dismiss(None)
            self.notify(t("form_draft_kept"))

    @property
    def values(self) -> dict[str, str]:
        """The fields as they stand."""
        found = {name: self.query_one(f"#{name}", Input).value for name in FIELDS if name != "body"}
        found["body"] = self.query_one("#body", TextArea).text
        return found

    @values.setter
    def values(self, values: dict[str, str]) -> None:
        for name in FIELDS:
            if name == "body":
                self.query_one("#body", TextArea).text = values.get(name, "")
            else:
                self.query_one(f"#{name}", Input).value = values.get(name, "")

    @property
    def dirty(self) -> bool:
        """Has anything been typed since the form opened?"""
        return self.latest != self.initial

    def keep_draft(self) -> None:
        """Save what is typed (every few seconds, and when the app stops)."""
        if not self.finished and self.dirty:
            self.drafts.save(self.draft, self.latest)

    def on_unmount(self) -> None:
        self.keep_draft()

    # typing -----------------------------------------------------------------------------

    @on(Input.Changed)
    def _line_changed(self, event: Input.Changed) -> None:
        clean = without_controls(event.value, keep_newlines=False)
        if clean != event.value:
            event.input.value = clean
        self._update_counts()

    @on(TextArea.Changed)
    def _body_changed(self) -> None:
        self._update_counts()

    def _update_counts(self) -> None:
        values = self.latest = self.values
        title = sum(not c.isspace() for c in values["title"])
        body = sum(not c.isspace() for c in values["body"])
        # on the box's lower edge: in sight however far the fields are scrolled
        self.query_one("#form").border_subtitle = t("form_counts", title=title, body=body)
        self.query_one(LiveProblems).check(values)

    # saving -----------------------------------------------------------------------------

    def _errors(self) -> tuple[dict[str, str], Item | None]:
        values = {name: value.strip() for name, value in self.values.items()}
        errors = {}
        for name in REQUIRED:
            if not values[name]:
                errors[name] = t("form_required")
        if not values["section"] and self._issue_path() in self.named:
            errors["section"] = t("form_section_needed")
        for name in ("section", "title", "source", "author"):
            if "\n" in values[name]:
                errors[name] = t("form_one_line")
        if errors:
            return errors, None
        try:
            item = Item(values["title"], split_paragraphs(values["body"]), values["source"],
                        values["author"])  # fmt: skip
        except ModelError as error:
            field = {"body paragraph": "body"}.get(" ".join(error.field.split()[:2]), error.field)
            return {field if field in FIELDS else "title": reason(error)}, None
        return {}, item

    def _issue_path(self) -> Path:
        return Path(str(self.query_one("#issue", Select).value))

    def action_save(self) -> None:
        errors, item = self._errors()
        for name in FIELDS:
            self.query_one(f"#{name}-error", Static).update(errors.get(name, ""))
        if item is None:
            first = next(name for name in FIELDS if name in errors)
            self.query_one(f"#{first}").focus()
            return
        self.finished = True
        path = self._issue_path()
        self.drafts.save(self.draft, self.values)  # kept until the save is done
        self.dismiss(ItemFormResult(path, self.values["section"].strip(), item, self.draft))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.dirty:
            self._close()
            return
        self.app.push_screen(ConfirmScreen(t("form_discard"), yes=t("form_discard_yes"),
                                           no=t("form_discard_no")),
                             lambda yes: self._close() if yes else None)  # fmt: skip

    def _close(self) -> None:
        self.finished = True
        self.drafts.discard(self.draft)
        self.dismiss(None)

    # $EDITOR ----------------------------------------------------------------------------

    def action_external_editor(self) -> None:
        """Edit the body in $VISUAL or $EDITOR, with the app suspended meanwhile."""
        body = self.query_one("#body", TextArea)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(t("form_no_editor"), severity="warning")
            return
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                         encoding="utf-8") as stream:  # fmt: skip
            stream.write(body.text)
        path = Path(stream.name)
        try:
            try:
                with self.app.suspend():
                    subprocess.run([*shlex.split(editor), str(path)], check=False)
            except SuspendNotSupported:
                subprocess.run([*shlex.split(editor), str(path)], check=False)
            body.text = path.read_text(encoding="utf-8").rstrip("\n")
        finally:
            path.unlink(missing_ok=True)
        body.focus()

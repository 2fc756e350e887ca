"""Composing in the app: new, edited, deleted and moved items, new issues, undo.

Every change goes through ``Archive.edit`` (atomic, conflict-checked) from the bytes the
screen was showing. When the file changed on disk meanwhile, the user chooses: redo the
edit on the file as it is now, or save the edited file as a copy beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin_tui.archive import IssueFile, Listing, newest_first
from bulletin_tui.edits import AddItem, Edit, MoveItem, RemoveItem, ReplaceItem
from bulletin_tui.errors import BulletinError, SaveConflictError
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.tomledit import IssueDocument
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.screens.confirm import ConfirmScreen
from bulletin_tui.tui.screens.conflict import Choice, ConflictScreen
from bulletin_tui.tui.screens.issue_form import IssueForm
from bulletin_tui.tui.screens.item_form import ItemForm, ItemFormResult
from bulletin_tui.tui.widgets.issue_tree import IssueTree, ItemTarget, issue_label

if TYPE_CHECKING:
    from bulletin_tui.tui.app import BulletinApp


@dataclass(frozen=True)
class Change:
    """One saved change, for undo: the file's bytes before and after."""

    path: Path
    before: bytes
    after: bytes


class Composer:
    """The app's composing actions (mixed into :class:`BulletinApp`)."""

    undo_stack: list[Change]

    # helpers ----------------------------------------------------------------------------

    def _selected(self: BulletinApp) -> tuple[IssueFile | None, Section | None, Item | None]:
        tree = self.query_one(IssueTree)
        node = tree.cursor_node
        issue_file = tree.issue_of(node)
        item = node.data if node is not None and isinstance(node.data, Item) else None
        if item is not None:
            node = node.parent
        section = node.data if node is not None and isinstance(node.data, Section) else None
        return issue_file, section, item

    def _names(self: BulletinApp, issue: Issue) -> tuple[list[str], list[str]]:
        """Suggestions: the issue's own sections, then the archive's (most used first)."""
        known_sections, known_units = self.names
        sections = list(dict.fromkeys([s.name for s in issue.sections if s.name] + known_sections))
        units = list(dict.fromkeys([i.source for i in issue.items if i.source] + known_units))
        return sections, units

    def _item_form(self: BulletinApp, issue_file: IssueFile, values: dict[str, str], draft: str,
                   heading: str) -> ItemForm:  # fmt: skip
        sections, units = self._names(issue_file.issue)
        issues = [(issue_label(f), f.path) for f in self.listing.issues]
        return ItemForm(issues=issues, issue_path=issue_file.path, values=values,
                        sections=sections, units=units, drafts=self.drafts, draft=draft,
                        heading=heading)  # fmt: skip

    def _current(self: BulletinApp, path: Path) -> IssueFile | None:
        return next((f for f in self.listing.issues if f.path == path), None)

    # actions ----------------------------------------------------------------------------

    def action_new_item(self: BulletinApp) -> None:
        issue_file, section, _ = self._selected()
        if issue_file is None:
            self.notify(t("select_issue"), severity="warning")
            return
        values = {"section": section.name if section is not None else ""}
        form = self._item_form(issue_file, values, f"new:{issue_file.path.resolve()}",
                               t("form_new_item", label=issue_label(issue_file)))  # fmt: skip
        self.push_screen(form, partial(self._item_saved, issue_file, None))

    def action_edit_item(self: BulletinApp) -> None:
        issue_file, section, item = self._selected()
        if issue_file is None or section is None or item is None:
            self.notify(t("select_item"), severity="warning")
            return
        values = {"section": section.name, "title": item.title, "body": item.body_text,
                  "source": item.source, "author": item.author}  # fmt: skip
        draft = f"edit:{issue_file.path.resolve()}:{section.name}:{item.title}"
        form = self._item_form(issue_file, values, draft, t("form_edit_item", title=item.title))
        self.push_screen(form, partial(self._item_saved, issue_file, (section.name, item)))

    def _item_saved(self: BulletinApp, base: IssueFile, original: tuple[str, Item] | None,
                    result: ItemFormResult | None) -> None:  # fmt: skip
        if result is None:
            return
        if original is not None and original[1].submission:  # still adopted from its submission
            result = replace(result, item=replace(result.item, submission=original[1].submission))
        target = ItemTarget(result.issue_path, result.section, result.item.title)
        if original is not None and result.issue_path == base.path:
            section, item = original
            edit: Edit = ReplaceItem(section, item.title, result.item, result.section)
        else:
            if original is not None:  # moved to another issue: add there, remove here
                self.save_edit(base, RemoveItem(original[0], original[1].title))
            base = self._current(result.issue_path) or base
            edit = AddItem(result.section, result.item)
        self.save_edit(base, edit, select=target, draft=result.draft)

    def action_delete_item(self: BulletinApp) -> None:
        issue_file, section, item = self._selected()
        if issue_file is None or section is None or item is None:
            self.notify(t("select_item"), severity="warning")
            return
        question = ConfirmScreen(t("confirm_delete", title=item.title), yes=t("delete_yes"),
                                 no=t("delete_no"))  # fmt: skip

        def answered(yes: bool) -> None:
            if yes and self.save_edit(issue_file, RemoveItem(section.name, item.title)):
                self.notify(t("deleted", title=item.title), markup=False)

        self.push_screen(question, answered)

    def action_move_item(self: BulletinApp, step: int) -> None:
        issue_file, section, item = self._selected()
        if issue_file is None or section is None or item is None:
            self.notify(t("select_item"), severity="warning")
            return
        move = MoveItem(section.name, item.title, step)
        self.save_edit(issue_file, move, select=ItemTarget(issue_file.path, section.name,
                                                            item.title), moved=move)  # fmt: skip

    def action_new_issue(self: BulletinApp) -> None:
        issue_file, _, _ = self._selected()
        series = issue_file.issue.series if issue_file is not None else ""
        form = IssueForm(list(self.listing.issues), series, dt.date.today())
        self.push_screen(form, self._issue_made)

    def _issue_made(self: BulletinApp, issue: Issue | None) -> None:
        if issue is None:
            return
        try:
            created = self.archive.create(issue)
        except (BulletinError, OSError) as error:
            self.notify(t("edit_failed", error=error), severity="error", markup=False)
            return
        self._saved(created, None)
        self.go_to(created.path)
        self.notify(t("saved", path=created.path), markup=False)

    def action_undo(self: BulletinApp) -> None:
        if not self.undo_stack:
            self.notify(t("nothing_to_undo"), severity="warning")
            return
        change = self.undo_stack[-1]
        try:
            self.archive.save(change.path, change.before, based_on=change.after)
        except (SaveConflictError, OSError) as error:
            self.notify(t("undo_refused", path=change.path, error=error), severity="error",
                        markup=False)  # fmt: skip
            return
        self.undo_stack.pop()
        self._saved(self.archive.load(change.path), None, record=False)
        self.notify(t("undone", path=change.path), markup=False)

    # saving -----------------------------------------------------------------------------

    def save_edit(
        self: BulletinApp,
        base: IssueFile,
        edit: Edit,
        *,
        select: ItemTarget | None = None,
        draft: str | None = None,
        moved: MoveItem | None = None,
    ) -> bool:
        """Apply ``edit`` to the file as ``base`` read it; on a conflict, ask what to do."""
        try:
            # the bytes the edit starts from (refused if the file changed since it was read)
            base = IssueFile(base.path, base.issue, base.base(), base.stamp)
            saved = self.archive.edit(base, edit.apply)
        except SaveConflictError:
            question = ConflictScreen(str(base.path))
            self.push_screen(question, partial(self._conflict_chosen, base, edit, select, draft))
            return False
        except (BulletinError, OSError) as error:
            self.notify(t("edit_failed", error=error), severity="error", markup=False)
            return False
        if moved is not None:
            section, title = moved.landing(saved.issue)
            select = ItemTarget(saved.path, section, title)
        self._saved(saved, base.raw, select=select, draft=draft)
        return True

    def _conflict_chosen(
        self: BulletinApp,
        base: IssueFile,
        edit: Edit,
        select: ItemTarget | None,
        draft: str | None,
        choice: Choice,
    ) -> None:
        try:
            if choice == "reapply":
                fresh = self.archive.load(base.path)
                saved = self.archive.edit(fresh, edit.apply)
                self._saved(saved, fresh.raw, select=select, draft=draft)
            elif choice == "copy":
                text = base.raw.decode("utf-8-sig") if base.raw else None
                document = IssueDocument(text or IssueDocument.new(base.issue).text())
                edit.apply(document)
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                path = base.path.with_name(f"{base.path.stem}.copy-{stamp}.toml")
                self.archive.save(path, document.text().encode("utf-8"), based_on=None)
                self._saved(self.archive.load(path), None, draft=draft)
                self.notify(t("saved_copy", path=path), markup=False)
        except (BulletinError, OSError) as error:
            self.notify(t("edit_failed", error=error), severity="error", markup=False)

    def _saved(self: BulletinApp, saved: IssueFile, before: bytes | None, *,
               select: ItemTarget | None = None, draft: str | None = None,
               record: bool = True) -> None:  # fmt: skip
        """Show the saved state at once; remember it for undo; drop the form's draft."""
        if record and before is not None:
            self.undo_stack.append(Change(saved.path, before, saved.raw))
        if draft is not None:
            self.drafts.discard(draft)
        issues = [f for f in self.listing.issues if f.path != saved.path] + [saved]
        broken = tuple(b for b in self.listing.broken if b.path != saved.path)
        listing = Listing(tuple(sorted(issues, key=newest_first)), broken)
        # Only this file changed: note its new stamp so the watcher does not read it again.
        stat = saved.path.stat()
        stamps = dict(self._signature or ())
        stamps[str(saved.path)] = (stat.st_size, stat.st_mtime_ns)
        self.show_listing(listing, frozenset(stamps.items()), announce=False, select=select)
        self.refresh_index()

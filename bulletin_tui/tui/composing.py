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
from bulletin_tui.errors import BulletinError, SaveConflictError
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.saving import read_or_none
from bulletin_tui.tomlfile import decode_issue_bytes, parse_issue
from bulletin_tui.tui.explain import describe
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.widgets.issue_tree import IssueTree, ItemTarget, issue_label
from bulletin_tui.visible import visible

if TYPE_CHECKING:
    from bulletin_tui.edits import Edit, MoveItem
    from bulletin_tui.model import Issue
    from bulletin_tui.tui.app import BulletinApp
    from bulletin_tui.tui.screens.conflict import Choice
    from bulletin_tui.tui.screens.item_form import ItemForm, ItemFormResult

# The forms, dialogs, edits and tomlkit are imported when first used: the reader starts
# without them.


def circulation_item(item: Item) -> str:
    """An item as it circulates: headline, paragraphs, the source in parentheses."""
    from bulletin_tui.plaintext.exporter import item_lines

    return "\n".join(item_lines(item, None, run_in=False)) + "\n"


def circulation_section(section: Section) -> str:
    """A section as it circulates: ``【栏目】`` (when it has a name), then its items."""
    heading = [f"【{section.name}】\n"] if section.name else []
    return "\n".join(heading + [circulation_item(item) for item in section.items])


@dataclass(frozen=True)
class Change:
    """One saved change, for undo: the file's bytes before and after."""

    path: Path
    before: bytes
    after: bytes | None  # None: the file was deleted
    selected: ItemTarget | None = None  # the item selected before: selected again on undo


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

    def _selected_target(self: BulletinApp) -> ItemTarget | None:
        """The selected item, as found again after a reload (None when no item is)."""
        issue_file, section, item = self._selected()
        if issue_file is None or section is None or item is None:
            return None
        return ItemTarget(issue_file.path, section.name, item.title)

    def _names(self: BulletinApp, issue: Issue) -> tuple[list[str], list[str]]:
        """Suggestions: the issue's own sections, then the archive's (most used first)."""
        known_sections, known_units = self.names
        sections = list(dict.fromkeys([s.name for s in issue.sections if s.name] + known_sections))
        units = list(dict.fromkeys([i.source for i in issue.items if i.source] + known_units))
        return sections, units

    def _item_form(self: BulletinApp, issue_file: IssueFile, values: dict[str, str], draft: str,
                   heading: str) -> ItemForm:  # fmt: skip
        from bulletin_tui.tui.screens.item_form import ItemForm

        sections, units = self._names(issue_file.issue)
        issues = [(issue_label(f), f.path) for f in self.listing.issues]
        # an issue with 栏目 takes no item without one ("" is the section of an issue without)
        named = frozenset(
            f.path
            for f in self.listing.issues
            if f.issue.sections and all(s.name for s in f.issue.sections)
        )
        return ItemForm(issues=issues, issue_path=issue_file.path, values=values,
                        sections=sections, units=units, drafts=self.drafts, draft=draft,
                        heading=heading, named=named)  # fmt: skip

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

    def _on_issue(self: BulletinApp) -> IssueFile | None:
        """The issue under the cursor, when the cursor is on an issue (not inside one)."""
        node = self.query_one(IssueTree).cursor_node
        return node.data if node is not None and isinstance(node.data, IssueFile) else None

    def action_edit_item(self: BulletinApp) -> None:
        """``e``: edit the selected item, or the selected issue's header."""
        if (on_issue := self._on_issue()) is not None:
            self.edit_header(on_issue)
            return
        issue_file, section, item = self._selected()
        if issue_file is None or section is None or item is None:
            self.notify(t("select_item_or_issue"), severity="warning")
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
        from bulletin_tui.edits import AddItem, RemoveItem, ReplaceItem

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
        """``d``: delete the selected item, or the selected issue (asking first)."""
        if (on_issue := self._on_issue()) is not None:
            self.delete_issue(on_issue)
            return
        issue_file, section, item = self._selected()
        if issue_file is not None and section is not None and item is None:
            self.delete_section(issue_file, section)
            return
        if issue_file is None or section is None or item is None:
            self.notify(t("select_item_or_issue"), severity="warning")
            return
        from bulletin_tui.tui.screens.confirm import ConfirmScreen

        question = ConfirmScreen(t("confirm_delete", title=item.title), yes=t("delete_yes"),
                                 no=t("delete_no"))  # fmt: skip

        from bulletin_tui.edits import RemoveItem

        def answered(yes: bool) -> None:
            if yes and self.save_edit(issue_file, RemoveItem(section.name, item.title)):
                self.notify(t("deleted", title=item.title), markup=False)

        self.push_screen(question, answered)

    def delete_section(self: BulletinApp, issue_file: IssueFile, section: Section) -> None:
        """An empty section goes at once (``u`` brings it back); one with items stays, and
        the message says to delete or move them first."""
        if section.items:
            self.notify(t("error_section_not_empty", name=section.name), severity="warning",
                        markup=False)  # fmt: skip
            return
        from bulletin_tui.edits import RemoveSection

        if self.save_edit(issue_file, RemoveSection(section.name)):
            self.notify(t("section_deleted", name=section.name), markup=False)

    def action_move_item(self: BulletinApp, step: int) -> None:
        issue_file, section, item = self._selected()
        if issue_file is None or section is None or item is None:
            self.notify(t("select_item"), severity="warning")
            return
        from bulletin_tui.edits import MoveItem

        move = MoveItem(section.name, item.title, step)
        self.save_edit(issue_file, move, select=ItemTarget(issue_file.path, section.name,
                                                            item.title), moved=move)  # fmt: skip

    def action_new_issue(self: BulletinApp) -> None:
        issue_file, _, _ = self._selected()
        series = issue_file.issue.series if issue_file is not None else ""
        from bulletin_tui.tui.screens.issue_form import IssueForm

        form = IssueForm(list(self.listing.issues), series, dt.date.today())
        self.push_screen(form, self._issue_made)

    def _issue_made(self: BulletinApp, issue: Issue | None) -> None:
        if issue is None:
            return
        try:
            created = self.archive.create(issue)
        except (BulletinError, OSError) as error:
            self.notify(t("edit_failed", error=describe(error)), severity="error", markup=False)
            return
        self._saved(created, None)
        self.go_to(created.path)
        self.notify(t("saved", path=created.path), markup=False)

    # issues -----------------------------------------------------------------------------

    def edit_header(self: BulletinApp, issue_file: IssueFile) -> None:
        """The issue form on an issue's header; saved as an edit of its file."""
        from bulletin_tui.tui.screens.issue_form import IssueForm

        form = IssueForm(list(self.listing.issues), issue_file.issue.series, dt.date.today(),
                         issue=issue_file.issue)  # fmt: skip

        from bulletin_tui.edits import SetHeader

        def done(issue: Issue | None) -> None:
            if issue is not None and self.save_edit(issue_file, SetHeader(issue)):
                self.notify(t("header_saved", label=issue.heading), markup=False)

        self.push_screen(form, done)

    def delete_issue(self: BulletinApp, issue_file: IssueFile) -> None:
        """Ask, naming the issue and its file; then delete the file (``u`` restores it)."""
        from bulletin_tui.tui.screens.confirm import ConfirmScreen

        label = issue_label(issue_file)
        question = ConfirmScreen(
            t("confirm_delete_issue" if issue_file.issue.items else "confirm_delete_empty_issue",
              label=label, path=issue_file.path, count=len(issue_file.issue.items)),
            yes=t("delete_yes"), no=t("delete_no"),
        )  # fmt: skip

        def answered(yes: bool) -> None:
            if not yes:
                return
            try:
                before = self.archive.remove(issue_file)
            except (BulletinError, OSError) as error:
                self.notify(t("edit_failed", error=describe(error)), severity="error",
                            markup=False)  # fmt: skip
                return
            self.undo_stack.append(Change(issue_file.path, before, None))
            self._gone(issue_file.path)
            self.notify(t("issue_deleted", label=label), markup=False)

        self.push_screen(question, answered)

    def _gone(self: BulletinApp, path: Path) -> None:
        """Show the listing without the file at ``path``, which was just deleted."""
        issues = tuple(f for f in self.listing.issues if f.path != path)
        stamps = {name: stamp for name, stamp in (self._signature or ()) if name != str(path)}
        self.show_listing(Listing(issues, self.listing.broken), frozenset(stamps.items()),
                          announce=False)  # fmt: skip
        self.refresh_index()

    def action_undo(self: BulletinApp) -> None:
        if not self.undo_stack:
            self.notify(t("nothing_to_undo"), severity="warning")
            return
        change = self.undo_stack[-1]
        try:
            self.archive.save(change.path, change.before, based_on=change.after)
        except (SaveConflictError, OSError) as error:
            self.notify(t("undo_refused", path=change.path, error=describe(error)),
                        severity="error", markup=False)  # fmt: skip
            return
        self.undo_stack.pop()
        self._saved(self.archive.load(change.path), None, record=False, select=change.selected)
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
            from bulletin_tui.tui.screens.conflict import ConflictScreen

            question = ConflictScreen(str(base.path), *_versions(base))
            self.push_screen(question, partial(self._conflict_chosen, base, edit, select, draft))
            return False
        except (BulletinError, OSError) as error:
            self.notify(t("edit_failed", error=describe(error)), severity="error", markup=False)
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
                from bulletin_tui.tomledit import IssueDocument

                document = IssueDocument(_text_of(base))
                edit.apply(document)
                data = document.text().encode("utf-8")
                copy = self.archive.save_conflict_copy(base.path, data, dt.datetime.now())
                if draft is not None:  # the edit is safe in the copy
                    self.drafts.discard(draft)
                self.notify(t("conflict_copy_saved", path=visible(copy)), markup=False)
                self.look_for_changes()  # show the file as the other program left it
        except (BulletinError, OSError) as error:
            self.notify(t("edit_failed", error=describe(error)), severity="error", markup=False)

    def _saved(self: BulletinApp, saved: IssueFile, before: bytes | None, *,
               select: ItemTarget | None = None, draft: str | None = None,
               record: bool = True) -> None:  # fmt: skip
        """Show the saved state at once; remember it for undo; drop the form's draft."""
        if record and before is not None:
            self.undo_stack.append(Change(saved.path, before, saved.raw, self._selected_target()))
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


def _text_of(issue_file: IssueFile) -> str:
    """The text an edit of ``issue_file`` starts from: the bytes it was read from, or (for
    an issue from the index cache, whose bytes are gone) the issue written afresh."""
    if issue_file.raw is not None:
        return decode_issue_bytes(issue_file.raw, issue_file.path)
    from bulletin_tui.tomledit import IssueDocument

    return IssueDocument.new(issue_file.issue).text()


def _versions(base: IssueFile) -> tuple[bytes, bytes | None]:
    """The file as the edit read it and as it is now, for the conflict dialog's diff.

    An issue from the cache has no bytes: both sides are then the issue written afresh,
    so that the diff shows what changed in the content, not in the layout.
    """
    now = read_or_none(base.path)
    if base.raw is not None or now is None:
        return _text_of(base).encode("utf-8"), now
    try:
        current = parse_issue(decode_issue_bytes(now, base.path), base.path)
    except BulletinError:
        return _text_of(base).encode("utf-8"), now
    from bulletin_tui.tomledit import IssueDocument

    return _text_of(base).encode("utf-8"), IssueDocument.new(current).text().encode("utf-8")

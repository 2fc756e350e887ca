"""Submissions (来稿) in the app: the ``来稿`` node, adopting with ``y``, declining with ``r``.

Adopting opens the item form filled with the submission; saving puts the item into the
issue and section chosen there, through :func:`bulletin_tui.inbox.adopting.adopt` (under
the inbox's lock, checked against every issue). Declining asks for a note. Either way the
submission leaves the new list at once.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from bulletin_tui.errors import BulletinError
from bulletin_tui.inbox.store import Inbox, Submission
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.inbox_render import inbox_text, submission_text
from bulletin_tui.tui.widgets.inbox_node import InboxGroup, InboxState, fill_inbox
from bulletin_tui.tui.widgets.issue_tree import IssueTree
from bulletin_tui.tui.widgets.reader import Reader

if TYPE_CHECKING:
    from bulletin_tui.inbox.adopting import Adoptions
    from bulletin_tui.tui.app import BulletinApp
    from bulletin_tui.tui.screens.item_form import ItemFormResult

#: The inbox files' names, sizes and modification times: what "the inbox changed" compares.
InboxSignature = frozenset[tuple[str, int, int]]


def inbox_signature(inbox: Inbox) -> InboxSignature:
    """Every submission file with its size and modification time."""
    found = set()
    for path in inbox.files():
        stat = os.stat(path)
        found.add((path.name, stat.st_size, stat.st_mtime_ns))
    return frozenset(found)


class InboxActions:
    """The app's submission actions (mixed into :class:`BulletinApp`)."""

    inbox_state: InboxState = InboxState()
    _inbox_signature: InboxSignature | None = None
    _inbox_timer: Timer | None = None

    # reading ----------------------------------------------------------------------------

    def inbox_selection(self: BulletinApp) -> tuple[object, int] | None:
        """What the cursor is on inside the ``来稿`` node (and its place there), if it is."""
        cursor = self.query_one(IssueTree).cursor_node
        if cursor is None or cursor.parent is None:
            return None
        if isinstance(cursor.data, InboxGroup):
            return cursor.data, 0
        if isinstance(cursor.parent.data, InboxGroup):
            return cursor.data, cursor.parent.children.index(cursor)
        return None

    def show_inbox(self: BulletinApp, selection: tuple[object, int] | None = None) -> None:
        """Put the ``来稿`` node at the top of the tree from what was last read; with a
        ``selection`` from :meth:`inbox_selection`, keep the cursor on the same submission
        (or the next one, when it has left the list)."""
        tree = self.query_one(IssueTree)
        node = fill_inbox(tree.root, self.inbox_state)
        if node is not None and selection is not None:
            chosen, place = selection
            target = node
            if not isinstance(chosen, InboxGroup) and node.children:
                key = getattr(chosen, "id", None)
                same = [c for c in node.children if getattr(c.data, "id", None) == key]
                target = same[0] if same else node.children[min(place, len(node.children) - 1)]
            node.expand()
            self.call_after_refresh(tree.move_cursor, target)
        if self._inbox_timer is None and self.watch_interval:
            # new submissions need not show within the second, as changed issues do
            every = max(self.watch_interval, 1.0)
            self._inbox_timer = self.set_interval(every, self.look_for_inbox_changes)

    def _adoptions(self: BulletinApp) -> Adoptions:
        """Where the issues hold submission ids, from the app's index brought up to date."""
        with self._index_lock:
            if self.archive.root.is_dir():
                self.index.refresh()
            return self.index.submissions()

    def _read_inbox(self: BulletinApp) -> tuple[InboxState, InboxSignature]:
        inbox = Inbox(self.archive)
        if not inbox.folder.is_dir():
            return InboxState(), frozenset()
        signature = inbox_signature(inbox)
        return InboxState(inbox.scan(), frozenset(self._adoptions()), True), signature

    def inbox_for_stats(self: BulletinApp) -> tuple[list[tuple[str, str, dt.date]], frozenset[str]]:
        """The submissions (id, from unit, received) and the adopted ids, read now (called
        from a worker): what statistics count as submitted."""
        state, _ = self._read_inbox()
        found = [(s.id, s.sender, s.received) for s in state.listing.submissions]
        return found, state.adopted

    @work(thread=True, exclusive=True, group="inbox", exit_on_error=False)
    def load_inbox(self: BulletinApp) -> None:
        """Read the inbox and which submissions are adopted (off the UI thread)."""
        state, signature = self._read_inbox()
        self.call_from_thread(self._inbox_read, state, signature)

    @work(thread=True, exclusive=True, group="inbox", exit_on_error=False)
    def look_for_inbox_changes(self: BulletinApp) -> None:
        """Read the inbox again when a submission file came, went or changed."""
        inbox = Inbox(self.archive)
        exists = inbox.folder.is_dir()
        signature = inbox_signature(inbox) if exists else frozenset()
        if signature != self._inbox_signature or exists != self.inbox_state.exists:
            state, signature = self._read_inbox()
            self.call_from_thread(self._inbox_read, state, signature)

    def _inbox_read(self: BulletinApp, state: InboxState, signature: InboxSignature) -> None:
        self._inbox_signature = signature
        if state != self.inbox_state:
            self.inbox_state = state
            self.show_inbox(self.inbox_selection())
            self._show_inbox_node(self.query_one(IssueTree).cursor_node)

    def _show_inbox_node(self: BulletinApp, node: object) -> bool:
        """Show a submission or the list of new ones in the reader; False for other nodes."""
        data = getattr(node, "data", None)
        reader = self.query_one(Reader)
        self.refresh_bindings()  # y and r come and go with a submission under the cursor
        if isinstance(data, Submission):
            original = str(Inbox(self.archive).folder / data.original) if data.original else ""
            reader.show(partial(submission_text, data, original))
            return True
        if isinstance(data, InboxGroup):
            reader.show(partial(inbox_text, self.inbox_state.new))
            return True
        return False

    def check_action(self: BulletinApp, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``y`` and ``r`` are offered (and in the footer) while a submission is selected."""
        if action in ("adopt_submission", "decline_submission"):
            trees = self.screen.query(IssueTree)
            node = trees.first().cursor_node if trees else None
            return isinstance(getattr(node, "data", None), Submission)
        return super().check_action(action, parameters)  # type: ignore[misc]

    def _selected_submission(self: BulletinApp) -> Submission | None:
        node = self.query_one(IssueTree).cursor_node
        data = getattr(node, "data", None)
        if isinstance(data, Submission):
            return data
        self.notify(t("inbox_select"), severity="warning")
        return None

    # adopting ---------------------------------------------------------------------------

    def action_adopt_submission(self: BulletinApp) -> None:
        """``y``: the item form, filled with the submission; saving adopts it."""
        submission = self._selected_submission()
        if submission is None:
            return
        if not self.listing.issues:
            self.notify(t("inbox_no_issue"), severity="warning")
            return
        issue_file = self.listing.issues[0]
        item = submission.item
        values = {"section": "", "title": item.title, "body": item.body_text,
                  "source": item.source, "author": item.author}  # fmt: skip
        form = self._item_form(issue_file, values, f"adopt:{submission.id}",
                               t("inbox_form_heading", title=item.title))  # fmt: skip
        self.push_screen(form, partial(self._adopt_chosen, submission))

    def _adopt_chosen(self: BulletinApp, submission: Submission,
                      result: ItemFormResult | None) -> None:  # fmt: skip
        if result is None:
            return
        try:
            base = self.archive.load(result.issue_path)  # the item is added to the file as it is
            from bulletin_tui.inbox.adopting import adopt

            saved = adopt(Inbox(self.archive), submission.id, result.issue_path, result.section,
                          item=result.item, base=base, find=self._adoptions)  # fmt: skip
        except (BulletinError, OSError) as error:
            from bulletin_tui.tui.explain import describe

            self.notify(t("inbox_adopt_failed", error=describe(error)), severity="error",
                        markup=False)  # fmt: skip
            return
        # The cursor stays in the inbox, on the next new submission: the next one to read.
        self.inbox_state = self.inbox_state.without(submission.id)
        self._saved(saved, base.raw, draft=result.draft)
        self.notify(t("inbox_adopted", title=result.item.title), markup=False)

    # declining --------------------------------------------------------------------------

    def action_decline_submission(self: BulletinApp) -> None:
        """``r``: ask for a note, then mark the submission declined."""
        submission = self._selected_submission()
        if submission is None:
            return
        from bulletin_tui.tui.screens.decline import NoteScreen

        question = NoteScreen(t("inbox_decline_question", title=submission.item.title),
                              yes=t("inbox_decline_yes"))  # fmt: skip
        self.push_screen(question, partial(self._decline_chosen, submission))

    def _decline_chosen(self: BulletinApp, submission: Submission, note: str | None) -> None:
        if note is None:
            return
        try:
            from bulletin_tui.inbox.adopting import decline

            declined = decline(Inbox(self.archive), submission.id, note or None,
                               find=self._adoptions)  # fmt: skip
        except (BulletinError, OSError) as error:
            from bulletin_tui.tui.explain import describe

            self.notify(t("inbox_decline_failed", error=describe(error)), severity="error",
                        markup=False)  # fmt: skip
            return
        selection = self.inbox_selection()
        self.inbox_state = self.inbox_state.replacing(declined)
        self.show_inbox(selection)
        self._show_inbox_node(self.query_one(IssueTree).cursor_node)
        self.notify(t("inbox_declined", title=submission.item.title), markup=False)

"""The ``来稿`` node at the top of the tree: the new submissions, and broken submission files.

It is there once the archive has an inbox folder. Its label counts the new submissions;
adopted and declined ones are not in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.widgets.tree import TreeNode

from bulletin_tui.archive import BrokenFile
from bulletin_tui.inbox.store import NEW, InboxListing, Submission
from bulletin_tui.tui.i18n import t


@dataclass(frozen=True)
class InboxState:
    """The inbox as last read: its submissions and the ids the issues hold."""

    listing: InboxListing = field(default_factory=lambda: InboxListing((), ()))
    adopted: frozenset[str] = frozenset()
    exists: bool = False  # is there an inbox folder at all

    @property
    def new(self) -> list[Submission]:
        """The submissions neither adopted nor declined, newest first."""
        return [s for s in self.listing.submissions if s.status_given(self.adopted) == NEW]

    def without(self, submission_id: str) -> InboxState:
        """The state once a submission is adopted (it leaves the new list at once)."""
        return InboxState(self.listing, self.adopted | {submission_id}, self.exists)

    def replacing(self, submission: Submission) -> InboxState:
        """The state with one submission as it now stands (declined, say)."""
        kept = tuple(submission if s.id == submission.id else s for s in self.listing.submissions)
        return InboxState(InboxListing(kept, self.listing.broken), self.adopted, self.exists)


@dataclass(frozen=True)
class InboxGroup:
    """What the ``来稿`` node holds: the new submissions it lists."""

    new: tuple[Submission, ...]


def _label(state: InboxState) -> Text:
    label = Text(t("inbox_group"), style="bold")
    label.append("  " + t("inbox_new_count", count=len(state.new)), style="dim")
    return label


def fill_inbox(root: TreeNode, state: InboxState) -> TreeNode | None:
    """Put the ``来稿`` node (again) at the top of the tree under ``root``; return it.

    The node keeps being open or closed as it was.
    """
    old = next((node for node in root.children if isinstance(node.data, InboxGroup)), None)
    expanded = old is not None and old.is_expanded
    if old is not None:
        old.remove()
    if not state.exists:
        return None
    new = state.new
    node = root.add(_label(state), data=InboxGroup(tuple(new)), before=0 if root.children else None)
    for submission in new:
        label = Text(submission.item.title)
        if submission.sender:
            label.append("  " + submission.sender, style="dim")
        node.add_leaf(label, data=submission)
    for broken in state.listing.broken:
        label = Text(t("broken_mark"), style="red")
        label.append(broken.path.name)
        node.add_leaf(label, data=broken)
    if expanded:
        node.expand()
    return node


def submission_key(data: object) -> tuple | None:
    """The tree's key of an inbox node (for keeping the selection across reloads)."""
    if isinstance(data, InboxGroup):
        return ("inbox",)
    if isinstance(data, Submission):
        return ("submission", data.id)
    return None


def is_inbox_broken(node: TreeNode) -> bool:
    """A broken submission file's node (under the ``来稿`` node)."""
    return isinstance(node.data, BrokenFile) and isinstance(getattr(node.parent, "data", None),
                                                            InboxGroup)  # fmt: skip

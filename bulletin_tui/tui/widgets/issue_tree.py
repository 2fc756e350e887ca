"""The tree pane: issues newest first → sections → items; broken files after them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bulletin_tui.archive import BrokenFile, IssueFile, Listing
from bulletin_tui.errors import IssueFileError
from bulletin_tui.model import Item, Section
from bulletin_tui.tui.cut import cut_to
from bulletin_tui.tui.i18n import t
from bulletin_tui.tui.widgets.inbox_node import submission_key
from bulletin_tui.visible import visible

if TYPE_CHECKING:
    from bulletin_tui.stats import Entry

#: Issues put in the tree at once: more than any screen shows. The rest follow in batches
#: of ``LATER_BATCH`` between frames, so a tree of 20,000 issues is on screen at once.
FIRST_BATCH = 120
LATER_BATCH = 4000

#: The most characters of a label kept in the tree: more than any pane shows (labels are
#: cut to the pane when drawn), and a headline of millions of characters costs nothing.
LABEL_KEPT = 200


def plain_label(text: str) -> Text:
    """A label as plain text (never markup), cut to :data:`LABEL_KEPT` characters."""
    return Text(text if len(text) <= LABEL_KEPT else text[:LABEL_KEPT] + "…")


#: What a node holds: the model object it stands for (a broken file's group holds None).
NodeData = Union[IssueFile, Section, Item, BrokenFile, None]  # noqa: UP007 (a runtime alias)


def issue_label(issue_file: IssueFile | Entry) -> str:
    """``2024年第5期 工作动态`` (``工作动态 2024 No. 5`` on the English screen); the file name
    when the issue has no date or number."""
    header = issue_file.header
    if header.date is not None and header.number is not None:
        return t("issue_full_label", year=header.date.year, number=header.number,
                 series=header.series)  # fmt: skip
    return visible(issue_file.path.name)


def node_key(data: NodeData) -> tuple:
    """What identifies a node across reloads: file, section name, headline."""
    if isinstance(data, IssueFile):
        return ("issue", str(data.path))
    if isinstance(data, BrokenFile):
        return ("broken", str(data.path))
    if isinstance(data, Section):
        return ("section", data.name)
    if isinstance(data, Item):
        return ("item", data.title)
    return submission_key(data) or ("group",)


@dataclass(frozen=True)
class ItemTarget:
    """An item to open in the reader: its file, section and headline."""

    path: Path
    section: str
    title: str

    @property
    def keys(self) -> tuple:
        """The item's place in the tree, as :meth:`IssueTree.select` takes it."""
        return (("issue", str(self.path)), ("section", self.section), ("item", self.title))


class IssueTree(Tree[NodeData]):
    """Issues, their sections and items; labels are plain text cut to the pane's width."""

    DEFAULT_CSS = """
    IssueTree {
        width: 38%;
        min-width: 24;
        max-width: 60;
        height: 1fr;
        border: round $primary 40%;
        border-title-color: $text-muted;
        scrollbar-size-vertical: 1;
    }

    IssueTree:focus-within {
        border: round $primary;
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("g", "go_top", show=False),
        Binding("G", "go_bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("archive"), id=id)
        self.show_root = False
        self.guide_depth = 2
        #: Issues of the listing on screen not yet in the tree, oldest last.
        self._pending: list[IssueFile] = []
        self._broken_group: TreeNode[NodeData] | None = None

    def action_go_top(self) -> None:
        self.move_cursor_to_line(0)

    def action_go_bottom(self) -> None:
        self.add_pending()
        self.call_after_refresh(lambda: self.move_cursor_to_line(self.last_line))

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        """The room a label has: labels are cut to it (see :meth:`render_label`), so the
        tree never scrolls sideways, and need not be laid out one by one to be measured
        (at thousands of issues, Tree's own measure was most of the time a start took)."""
        return max(0, self._room(node))

    def _room(self, node: TreeNode[NodeData]) -> int:
        """Columns left for a node's label beside its guides."""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return self.scrollable_content_region.width - depth * self.guide_depth - 1

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        room = self._room(node)
        if room > 3:
            cut_to(label, room)
        return label

    def show(self, listing: Listing, focus: tuple | None = None) -> TreeNode[NodeData] | None:
        """Rebuild the tree from a listing, keeping the cursor on the same thing if it is there
        (or putting it on ``focus``, a path of node keys). On a first showing, returns the
        node the cursor goes to (the newest issue's first item), so it can be shown at once.
        """
        wanted = focus or self.path_of(self.cursor_node)
        expanded = {self.path_of(node) for node in self._all_nodes() if node.is_expanded}
        first_time = not self.root.children
        self.clear()
        self._broken_group = None
        self._pending = list(listing.issues[FIRST_BATCH:])
        self._pending.reverse()  # taken from the end: the oldest are added last
        self._add_issues(list(listing.issues[:FIRST_BATCH]))
        if listing.broken:
            group = self.root.add(Text(t("broken_group"), style="bold red"), data=None)
            for broken in listing.broken:
                label = Text(t("broken_mark"), style="red")
                label.append(visible(broken.path.name))
                group.add_leaf(label, data=broken)
            group.expand()
            self._broken_group = group
        if self._pending:
            self.call_after_refresh(self._add_later, self.root)
        if first_time or not wanted:
            return self._open_newest()
        present = {node_key(node.data) for node in self.root.children}
        if any(path[0] not in present for path in expanded):
            self.add_pending()  # an older issue was open: it stays open
        for depth in range(2):  # issues, then their sections
            for node in self._all_nodes():
                if self.path_of(node) in expanded and len(self.path_of(node)) == depth + 1:
                    self.populate(node)
                    node.expand()
        self.select(wanted)
        return None

    def _add_issues(self, issue_files: list[IssueFile]) -> None:
        """Add issues (closed: their sections and items come when one is first opened)
        before the broken files' group, with one redraw for them all.

        ``TreeNode.add`` lays the tree out again for every node it adds: at thousands of
        issues that was most of the time a start took, so the nodes are made as it makes
        them and put in place together.
        """
        root = self.root
        nodes = []
        for issue_file in issue_files:
            node = self._add_node(root, plain_label(issue_label(issue_file)), issue_file)
            node._allow_expand = True
            nodes.append(node)
        at = len(root._children) - (1 if self._broken_group is not None else 0)
        root._children[at:at] = nodes
        root._updates += 1
        self._invalidate()

    def _add_later(self, root: TreeNode[NodeData]) -> None:
        """Add the next batch of the listing's issues, and ask for the one after it once
        this one is drawn (keys are answered in between)."""
        if root is not self.root:  # the tree was rebuilt meanwhile: its own batches follow
            return
        self._add_issues(self._take(LATER_BATCH))
        if self._pending:
            self.call_after_refresh(self._add_later, root)

    def _take(self, count: int) -> list[IssueFile]:
        """The next ``count`` pending issues, newest first."""
        taken = self._pending[-count:]
        del self._pending[-count:]
        taken.reverse()
        return taken

    def add_pending(self) -> None:
        """Put the rest of the listing in the tree now (to find or reach an old issue)."""
        if self._pending:
            self._add_issues(self._take(len(self._pending)))

    @property
    def filling(self) -> bool:
        """Whether some issues of the listing are still to be added."""
        return bool(self._pending)

    def populate(self, node: TreeNode[NodeData]) -> None:
        """Add an issue's sections and items, the first time they are needed."""
        if not isinstance(node.data, IssueFile) or node.children:
            return
        try:
            sections = node.data.issue.sections
        except (IssueFileError, OSError):
            return  # broken or gone since the listing: the reader says so, the watcher reloads
        for section in sections:
            name = section.name or t("unnamed_section")
            label = plain_label(name)
            label.append("  " + t("items_count", count=len(section.items)), style="dim")
            section_node = node.add(label, data=section)
            for item in section.items:
                section_node.add_leaf(plain_label(item.title), data=item)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self.populate(event.node)

    def _open_newest(self) -> TreeNode[NodeData] | None:
        if not self.root.children:
            return None
        newest = self.root.children[0]
        self.populate(newest)
        newest.expand()
        for section in newest.children:
            section.expand()
        first = next((s.children[0] for s in newest.children if s.children), newest)
        self.call_after_refresh(self.move_cursor, first)
        return first

    def path_of(self, node: TreeNode[NodeData] | None) -> tuple:
        """The keys of a node and its ancestors, from the top."""
        keys: list[tuple] = []
        while node is not None and node is not self.root:
            keys.insert(0, node_key(node.data))
            node = node.parent
        return tuple(keys)

    def _all_nodes(self) -> list[TreeNode[NodeData]]:
        found: list[TreeNode[NodeData]] = []
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(node.children))
        return found

    def select(self, path: tuple) -> TreeNode[NodeData] | None:
        """Open the way to the node at ``path`` (or its deepest existing ancestor), put the
        cursor on it once the tree is laid out, and return it."""
        node = self._find(path)
        if node is not None:
            if isinstance(node.data, IssueFile):
                node.expand()
            self.call_after_refresh(self.move_cursor, node)
        return node

    def _find(self, path: tuple) -> TreeNode[NodeData] | None:
        """The node at ``path``, or the deepest ancestor of it that still exists."""
        node = self.root
        for key in path:
            self.populate(node)
            child = next((c for c in node.children if node_key(c.data) == key), None)
            if child is None and node is self.root and self._pending:
                self.add_pending()
                child = next((c for c in node.children if node_key(c.data) == key), None)
            if child is None:
                break
            node = child
        if node is self.root:
            return None
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        return node

    def issue_of(self, node: TreeNode[NodeData] | None) -> IssueFile | None:
        """The issue a node belongs to."""
        while node is not None:
            if isinstance(node.data, IssueFile):
                return node.data
            node = node.parent
        return None

"""The tree pane: issues newest first → sections → items; broken files after them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bulletin_tui.archive import BrokenFile, IssueFile, Listing
from bulletin_tui.errors import IssueFileError
from bulletin_tui.model import Item, Section
from bulletin_tui.stats import Entry
from bulletin_tui.tui.i18n import t
from bulletin_tui.visible import visible

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
    return ("group",)


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

    def action_go_top(self) -> None:
        self.move_cursor_to_line(0)

    def action_go_bottom(self) -> None:
        self.move_cursor_to_line(self.last_line)

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - 1
        if room > 3 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def show(self, listing: Listing, focus: tuple | None = None) -> None:
        """Rebuild the tree from a listing, keeping the cursor on the same thing if it is there
        (or putting it on ``focus``, a path of node keys)."""
        wanted = focus or self.path_of(self.cursor_node)
        expanded = {self.path_of(node) for node in self._all_nodes() if node.is_expanded}
        first_time = not self.root.children
        self.clear()
        for issue_file in listing.issues:
            # Sections and items are added when the issue is first opened: a tree of
            # thousands of issues appears at once.
            self.root.add(Text(issue_label(issue_file)), data=issue_file, allow_expand=True)
        if listing.broken:
            group = self.root.add(Text(t("broken_group"), style="bold red"), data=None)
            for broken in listing.broken:
                label = Text(t("broken_mark"), style="red")
                label.append(visible(broken.path.name))
                group.add_leaf(label, data=broken)
            group.expand()
        if first_time or not wanted:
            self._open_newest()
            return
        for depth in range(2):  # issues, then their sections
            for node in self._all_nodes():
                if self.path_of(node) in expanded and len(self.path_of(node)) == depth + 1:
                    self.populate(node)
                    node.expand()
        self.select(wanted)

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
            label = Text(name)
            label.append("  " + t("items_count", count=len(section.items)), style="dim")
            section_node = node.add(label, data=section)
            for item in section.items:
                section_node.add_leaf(Text(item.title), data=item)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self.populate(event.node)

    def _open_newest(self) -> None:
        if not self.root.children:
            return
        newest = self.root.children[0]
        self.populate(newest)
        newest.expand()
        for section in newest.children:
            section.expand()
        first = next((s.children[0] for s in newest.children if s.children), newest)
        self.call_after_refresh(self.move_cursor, first)

    def path_of(self, node: TreeNode[NodeData] | None) -> tuple:
        """The keys of a node and its ancestors, from the top."""
        keys: list[tuple] = []
        while node is not None and node is not self.root:
            keys.insert(0, node_key(node.data))
            node = node.parent
        return tuple(keys)

    def _all_nodes(self) -> list[TreeNode[NodeData]]:
        found: list[TreeNode[NodeData]] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop(0)
            found.append(node)
            stack[0:0] = list(node.children)
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

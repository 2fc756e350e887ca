"""Edits of one issue, said by what they are about (a section's name, an item's headline)
rather than by positions, so that the same edit can be applied again to a file that
another program changed in the meantime."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bulletin_tui.errors import EditError
from bulletin_tui.model import Issue, Item

if TYPE_CHECKING:  # tomlkit is imported by whoever applies an edit, not by naming one
    from bulletin_tui.tomledit import IssueDocument


def _locate(issue: Issue, section: str, title: str) -> tuple[int, int]:
    for s, candidate in enumerate(issue.sections):
        if candidate.name != section:
            continue
        for i, item in enumerate(candidate.items):
            if item.title == title:
                return s, i
    shown = f"【{section}】" if section else ""
    raise EditError(
        f"the item “{title}” {shown}is no longer in the file", key="item_gone", title=title,
        section=section,
    )  # fmt: skip


@dataclass(frozen=True)
class AddItem:
    """Append an item to a section (made if new)."""

    section: str
    item: Item

    def apply(self, document: IssueDocument) -> None:
        document.add_item(self.section, self.item)


@dataclass(frozen=True)
class ReplaceItem:
    """Change an item; a new section name moves it to the end of that section."""

    section: str
    title: str
    item: Item
    new_section: str

    def apply(self, document: IssueDocument) -> None:
        s, i = _locate(document.issue(), self.section, self.title)
        if self.new_section == self.section:
            document.replace_item(s, i, self.item)
            return
        document.remove_item(s, i)
        document.add_item(self.new_section, self.item)


@dataclass(frozen=True)
class RemoveItem:
    """Delete an item."""

    section: str
    title: str

    def apply(self, document: IssueDocument) -> None:
        document.remove_item(*_locate(document.issue(), self.section, self.title))


@dataclass(frozen=True)
class RemoveSection:
    """Delete an empty section (one with items is refused: its items go first)."""

    section: str

    def apply(self, document: IssueDocument) -> None:
        issue = document.issue()
        found = [s for s, candidate in enumerate(issue.sections) if candidate.name == self.section]
        if not found:
            raise EditError(f"there is no section “{self.section}”", key="section_gone",
                            name=self.section)  # fmt: skip
        if issue.sections[found[0]].items:
            raise EditError(
                f"the section “{self.section}” still has items: delete or move them first",
                key="section_not_empty", name=self.section,
            )  # fmt: skip
        document.remove_section(found[0])


@dataclass(frozen=True)
class MoveItem:
    """Move an item one place up (-1) or down (+1); at the edge of its section it crosses
    into the end of the previous section or the start of the next one."""

    section: str
    title: str
    step: int

    def apply(self, document: IssueDocument) -> None:
        issue = document.issue()
        s, i = _locate(issue, self.section, self.title)
        count = len(issue.sections[s].items)
        if 0 <= i + self.step < count:
            document.move_item(s, i, s, i + self.step)
        elif self.step < 0 and s > 0:
            document.move_item(s, i, s - 1, len(issue.sections[s - 1].items))
        elif self.step > 0 and s + 1 < len(issue.sections):
            document.move_item(s, i, s + 1, 0)
        else:
            raise EditError("the item is already at the edge of the issue", key="at_edge")

    def landing(self, issue: Issue) -> tuple[str, str]:
        """Where the item stands after the move: its section's name and its headline."""
        for section in issue.sections:
            if any(item.title == self.title for item in section.items):
                return section.name, self.title
        return self.section, self.title


@dataclass(frozen=True)
class SetHeader:
    """Make the header and distribution those of ``issue``; sections and items stay."""

    issue: Issue

    def apply(self, document: IssueDocument) -> None:
        document.set_header(self.issue)


Edit = AddItem | ReplaceItem | RemoveItem | RemoveSection | MoveItem | SetHeader

"""Writing issue files: new files in the house layout, and edits of existing ones.

Edits go through the tomlkit document of the file as it was read, so comments, key
order and keys this program does not know survive byte for byte outside the edited part.

tomlkit keeps the blank lines and comments that stand *above* a table header at the end
of the *previous* table (or, above a table's first sub-table, before the sub-table's key
in the parent), so moving or deleting a table would carry them off. On loading,
:class:`IssueDocument` hands that trailing trivia to the next table (as the text before
its header); a table then owns the comments above it and moves with them. Rendering is
unchanged by this; it only changes what an edit takes along.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Null, String, StringType, Table, Trivia

from bulletin_tui.errors import EditError
from bulletin_tui.model import Distribution, Issue, Item, is_control
from bulletin_tui.tomlfile import FORMAT, item_to_data, parse_issue


def multiline_string(value: str) -> String:
    """A TOML multi-line basic string that opens on its own line: ``body = \"\"\"⏎…\"\"\"``."""
    out: list[str] = []
    quotes = 0
    for char in value:
        if char == '"':
            quotes += 1
            out.append('\\"' if quotes == 3 else '"')
            quotes %= 3
            continue
        quotes = 0
        if char == "\\":
            out.append("\\\\")
        elif char not in "\n\t" and is_control(char, allow_tab=True):
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    # A quote just before the closing delimiter would be read as part of it.
    index = len(out) - 1
    while index >= 0 and out[index] == '"':
        out[index] = '\\"'
        index -= 1
    return String(StringType.MLB, value, "\n" + "".join(out), Trivia())


def _value(key: str, value: Any) -> Any:
    if key == "body":
        return multiline_string(value)
    if isinstance(value, str):
        return tomlkit.string(value)
    if isinstance(value, list) and len(value) > 3:
        # One recipient a line: long distribution lists stay readable and merge well.
        array = tomlkit.array()
        array.extend(value)
        return array.multiline(True)
    return tomlkit.item(value)


def _new_table(data: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in data.items():
        table.add(key, _value(key, value))
    table.trivia.indent = "\n"
    return table


def _trailing(table: Table) -> list[Any]:
    """Pop the key-less entries (blank lines, comments) at the end of a table's own keys:
    at the end of its body, or just before its first sub-table (``[[section.item]]``),
    which is the next header the file shows."""
    body = table.value.body
    end = next(
        (n for n, (_key, value) in enumerate(body) if isinstance(value, (Table, AoT))), len(body)
    )
    start = end
    while start > 0 and body[start - 1][0] is None:
        start -= 1
    taken = [value for _key, value in body[start:end]]
    if end == len(body):
        del body[start:end]
    else:  # keyed entries follow: blank them as tomlkit does, so its index stays right
        body[start:end] = [(None, Null())] * (end - start)
    return taken


def _tables_in_order(container: Container) -> Iterator[Table]:
    for _key, value in container.body:
        if isinstance(value, Table):
            yield value
            yield from _tables_in_order(value.value)
        elif isinstance(value, AoT):
            for table in value.body:
                yield table
                yield from _tables_in_order(table.value)


class IssueDocument:
    """The editable document of one issue file."""

    def __init__(self, text: str) -> None:
        self._doc = tomlkit.parse(text)
        tables = list(_tables_in_order(self._doc))
        for table, following in itertools.pairwise(tables):
            moved = "".join(entry.as_string() for entry in _trailing(table))
            following.trivia.indent = moved + following.trivia.indent
        self._end = _trailing(tables[-1]) if tables else []
        # Section name → index, so finding a section is one look-up, not a walk of them
        # all (an import of 2,000 sections made that walk quadratic). None: to be built.
        self._section_names: dict[str, int] | None = None

    @classmethod
    def new(cls, issue: Issue) -> IssueDocument:
        """A document for a new file, laid out as the house format shows it."""
        doc = tomlkit.document()
        doc.add(tomlkit.comment(issue.heading))
        doc.add("format", FORMAT)
        for key, value in issue.file_extra.items():
            doc.add(key, _value(key, value))
        header = tomlkit.table()
        header.add("series", issue.series)
        doc.add(tomlkit.nl())
        doc.add("issue", header)
        document = cls(doc.as_string())
        document.set_header(issue)
        for section in issue.sections:
            document.add_section(section.name, extra=dict(section.extra))
            for item in section.items:
                document.add_item(section.name, item)
        return document

    def text(self) -> str:
        """The file's text as it stands after the edits."""
        tables = list(_tables_in_order(self._doc))
        if tables and self._end:
            tables[-1].value.body.extend((None, entry) for entry in self._end)
            try:
                return self._doc.as_string()
            finally:
                _trailing(tables[-1])
        return self._doc.as_string()

    def issue(self, path: str = "<edit>") -> Issue:
        """Parse the edited text as any file is parsed: an edit cannot produce a broken file."""
        return parse_issue(self.text(), path)

    # sections ---------------------------------------------------------------------------

    def _sections(self) -> AoT:
        sections = self._doc.get("section")
        if sections is None:
            sections = tomlkit.aot()
            self._doc.append("section", sections)
        return sections

    def _section_index(self, name: str) -> int | None:
        if self._section_names is None:
            names: dict[str, int] = {}
            for index, table in enumerate(self._doc.get("section", [])):
                names.setdefault(str(table.get("name", "")), index)
            self._section_names = names
        return self._section_names.get(name)

    def _section(self, index: int) -> Table:
        sections = self._doc.get("section", [])
        if not 0 <= index < len(sections):
            raise EditError(f"there is no section {index + 1}", key="no_section", number=index + 1)
        return sections[index]

    def add_section(self, name: str, index: int | None = None, extra: dict | None = None) -> int:
        """Add an empty section (at the end, or before ``index``); return its index."""
        if self._section_index(name) is not None:
            raise EditError(f"there is already a section “{name}”", key="section_exists", name=name)
        sections = self._sections()
        position = len(sections) if index is None else index
        sections.insert(position, _new_table({"name": name, **(extra or {})}))
        if index is None and self._section_names is not None:
            self._section_names[name] = position
        else:
            self._section_names = None
        return position

    def rename_section(self, index: int, name: str) -> None:
        """Give section ``index`` a new name."""
        existing = self._section_index(name)
        if existing is not None and existing != index:
            raise EditError(f"there is already a section “{name}”", key="section_exists", name=name)
        self._section(index)["name"] = name
        self._section_names = None

    def move_section(self, index: int, to: int) -> None:
        """Move section ``index`` (with its items) so that it ends up at ``to``."""
        table = self._section(index)
        sections = self._sections()
        del sections[index]
        sections.insert(to, table)
        self._section_names = None

    def remove_section(self, index: int) -> None:
        """Remove section ``index`` and every item in it."""
        self._section(index)
        del self._sections()[index]
        self._section_names = None

    # items ------------------------------------------------------------------------------

    def _items(self, section: int, create: bool = False) -> AoT:
        table = self._section(section)
        items = table.get("item")
        if items is None:
            items = tomlkit.aot()
            if create:
                table.append("item", items)
        return items

    def _item(self, section: int, index: int) -> Table:
        items = self._items(section)
        if not 0 <= index < len(items):
            raise EditError(
                f"section {section + 1} has no item {index + 1}",
                key="no_item",
                section=section + 1,
                number=index + 1,
            )
        return items[index]

    def add_item(self, section_name: str, item: Item, index: int | None = None) -> tuple[int, int]:
        """Append (or insert before ``index``) an item; a new section name adds the section."""
        section = self._section_index(section_name)
        if section is None:
            if not section_name.strip() and len(self._sections()):
                # only an issue without 栏目 has a "" section: a new item needs a name
                raise EditError(
                    "this issue has named sections: give the section a name",
                    key="section_name_needed",
                )
            section = self.add_section(section_name)
        items = self._items(section, create=True)
        position = len(items) if index is None else index
        items.insert(position, _new_table(item_to_data(item)))
        return section, position

    def replace_item(self, section: int, index: int, item: Item) -> None:
        """Change the fields of an item that differ; other keys stay as they are."""
        table = self._item(section, index)
        for key, value in item_to_data(item).items():
            if key in item.extra:
                continue
            if table.get(key) != value:
                table[key] = _value(key, value)
        if not item.author and "author" in table:
            del table["author"]

    def remove_item(self, section: int, index: int) -> None:
        """Remove an item, with the comments that stand right above its header."""
        self._item(section, index)
        items = self._items(section)
        del items[index]
        if not items:
            self._section(section).remove("item")

    def move_item(self, section: int, index: int, to_section: int, to_index: int) -> None:
        """Move an item to position ``to_index`` of section ``to_section``."""
        table = self._item(section, index)
        self._section(to_section)
        del self._items(section)[index]
        if not self._items(section):
            self._section(section).remove("item")
        self._items(to_section, create=True).insert(to_index, table)

    # one field's text ----------------------------------------------------------------------

    def _table_of(self, section: int | None, item: int | None) -> Table:
        if section is None:
            return self._doc["issue"]
        if item is None:
            return self._section(section)
        return self._item(section, item)

    def text_of(self, section: int | None, item: int | None, key: str) -> str:
        """The text of one field as stored: of an item, a section, or (section None) the
        issue's header; "" when the key is not there."""
        value = self._table_of(section, item).get(key, "")
        return str(value)

    def set_text(self, section: int | None, item: int | None, key: str, value: str) -> None:
        """Set one text field (as :meth:`text_of` finds it); other keys stay as they are."""
        table = self._table_of(section, item)
        if table.get(key) != value:
            table[key] = _value(key, value)

    # header -----------------------------------------------------------------------------

    def set_header(self, issue: Issue) -> None:
        """Make header and distribution those of ``issue``, changing only what differs."""
        header = self._doc["issue"]
        for key in ("series", "number", "total", "date", "publisher", "copies"):
            value = getattr(issue, key)
            if value in (None, ""):
                if key in header:
                    del header[key]
            elif header.get(key) != value:
                header[key] = _value(key, _plain_date(value))
        self._set_distribution(issue.distribution)

    def _set_distribution(self, wanted: tuple[Distribution, ...]) -> None:
        lines = self._doc.get("distribution")
        if lines is None:
            if not wanted:
                return
            # At the end of the file when the file has none: TOML does not mind where.
            lines = tomlkit.aot()
            self._doc.append("distribution", lines)
        for index, line in enumerate(wanted):
            if index < len(lines):
                table = lines[index]
                if table.get("label") != line.label:
                    table["label"] = line.label
                if list(table.get("to", [])) != list(line.recipients):
                    table["to"] = _value("to", list(line.recipients))
            else:
                lines.append(_new_table({"label": line.label, "to": list(line.recipients)}))
        while len(lines) > len(wanted):
            del lines[len(wanted)]
        if not wanted:
            self._doc.remove("distribution")


def _plain_date(value: Any) -> Any:
    return value if not isinstance(value, dt.date) else tomlkit.date(value.isoformat())

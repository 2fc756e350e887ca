"""Reading the TOML issue file (format 1) into the model, with exact error locations.

Reading goes through :mod:`bulletin_tui.tomlparse` (tomllib's parser); writing and
editing live in :mod:`bulletin_tui.tomledit`. An error names the file, the line (and
column where TOML gives one) and a plain reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from bulletin_tui import tomlparse
from bulletin_tui.errors import IssueFileError, ModelError
from bulletin_tui.model import Distribution, Issue, Item, Section, split_paragraphs

FORMAT = 1
ISSUE_KEYS = ("series", "number", "total", "date", "publisher", "copies")
ITEM_KEYS = ("title", "source", "author", "body", "submission")
TOP_KEYS = ("format", "issue", "distribution", "section")

Path_ = tuple[str | int, ...]
T = TypeVar("T")

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def decode_issue_bytes(data: bytes, path: Path | str) -> str:
    """Issue files are UTF-8 (a BOM is tolerated); anything else is a broken file."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise IssueFileError(
            path, line, "is not UTF-8 text (TOML files must be UTF-8)", column
        ) from None


def read_issue(data: bytes, path: Path | str) -> Issue:
    """Parse the bytes of an issue file; raise :class:`IssueFileError` if it is broken."""
    return parse_issue(decode_issue_bytes(data, path), path)


def parse_issue(text: str, path: Path | str) -> Issue:
    """Parse the text of an issue file; raise :class:`IssueFileError` if it is broken."""
    return issue_from_data(parse_toml(text, path), path, KeyLines(text))


#: How deep tables and arrays may nest (the document is 1). An issue needs 5; tomlkit,
#: which every edit goes through, fails from about 100, and the parser's recursion sooner.
MAX_DEPTH = 32

_LONG_NUMBER = re.compile(r"\d[\d_]{4000,}")


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """Parse TOML text that this program can also edit, or raise :class:`IssueFileError`:
    the syntax, a number too long for Python, nesting deeper than :data:`MAX_DEPTH`."""
    try:
        data = tomlparse.loads(text)
    except tomlparse.TOMLDecodeError as error:
        message = str(error)
        if match := _TOML_POSITION.search(message):
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        else:
            line, column = text.count("\n") + 1, None
            message = _TOML_AT_END.sub("", message)
        reason = f"TOML syntax error: {message[:1].lower()}{message[1:]}"
        raise IssueFileError(path, line, reason, column) from None
    except RecursionError:
        raise IssueFileError(path, None, _too_deep()) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        match = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        raise IssueFileError(path, line, "has a number with thousands of digits") from None
    if (where := _too_deep_at(data)) is not None:
        raise IssueFileError(path, KeyLines(text).line_of(where), _too_deep())
    return data


def _too_deep() -> str:
    return f"nests tables or arrays more than {MAX_DEPTH} deep"


def _too_deep_at(data: dict[str, Any]) -> Path_ | None:
    """The path of the first value nested deeper than :data:`MAX_DEPTH`, or None
    (walked without recursion: the data may be thousands of levels deep)."""
    # (value, depth, (parent link, key)): the path is spelled out only when it is needed
    stack: list[tuple[Any, int, Any]] = [(data, 0, None)]
    while stack:
        value, depth, link = stack.pop()
        if isinstance(value, dict):
            children: Iterable[tuple[Any, Any]] = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if depth >= MAX_DEPTH:
            path: list[str | int] = []
            while link is not None:
                link, key = link
                path.append(key)
            return tuple(reversed(path))
        stack.extend((inner, depth + 1, (link, key)) for key, inner in children)
    return None


class KeyLines:
    """Where each table and key of a (valid) TOML text stands: path → line number.

    A path is like ``("section", 1, "item", 0, "title")``. The parser gives no positions, so
    this scans the text itself, stepping over strings and multi-line values.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[Path_, int] | None = None

    @property
    def lines(self) -> dict[Path_, int]:
        """Path → line, worked out on first use (only a broken file needs it)."""
        if self._lines is None:
            self._lines = {}
            self._scan(self._text)
        return self._lines

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest enclosing table that was found."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def _scan(self, text: str) -> None:
        counts: dict[Path_, int] = {}
        current: dict[tuple[str, ...], int] = {}
        table: Path_ = ()
        pos, line, size = 0, 1, len(text)
        while pos < size:
            end = text.find("\n", pos)
            end = size if end == -1 else end
            stripped = text[pos:end].lstrip(" \t")
            if stripped.startswith("["):
                is_array = stripped.startswith("[[")
                close = stripped.find("]]" if is_array else "]")
                names = _split_dotted(stripped[2 if is_array else 1 : close])
                table = _resolve(names, is_array, counts, current)
                self._lines[table] = line
            elif stripped and not stripped.startswith("#"):
                equals = _find_equals(stripped)
                if equals > 0:
                    key = _split_dotted(stripped[:equals])
                    self._lines[(*table, *key)] = line
                    value_start = pos + (end - pos - len(stripped)) + equals + 1
                    value_end = _skip_value(text, value_start)
                    line += text.count("\n", pos, value_end)
                    end = text.find("\n", value_end)
                    end = size if end == -1 else end
            pos, line = end + 1, line + 1


def _split_dotted(key: str) -> list[str]:
    parts: list[str] = []
    for match in re.finditer(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.\s]+)\s*(?:\.|$)', key):
        part = match.group(1)
        if part[:1] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


def _find_equals(line: str) -> int:
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "=":
            return index
    return -1


def _resolve(
    names: list[str],
    is_array: bool,
    counts: dict[Path_, int],
    current: dict[tuple[str, ...], int],
) -> Path_:
    path: list[str | int] = []
    for depth, name in enumerate(names):
        path.append(name)
        prefix = tuple(names[: depth + 1])
        if depth == len(names) - 1 and is_array:
            index = counts.get(tuple(path), 0)
            counts[tuple(path)] = index + 1
            current[prefix] = index
            path.append(index)
        elif prefix in current:
            path.append(current[prefix])
    return tuple(path)


def _skip_value(text: str, pos: int) -> int:
    """The index just past the value that starts at ``pos`` (before its end of line)."""
    depth = 0
    size = len(text)
    while pos < size:
        char = text[pos]
        if text.startswith('"""', pos) or text.startswith("'''", pos):
            delimiter = text[pos : pos + 3]
            pos += 3
            while pos < size and not text.startswith(delimiter, pos):
                pos += 2 if delimiter == '"""' and text[pos] == "\\" else 1
            pos += 3
            while pos < size and text[pos] == delimiter[0]:
                pos += 1
            continue
        if char in "\"'":
            pos += 1
            while pos < size and text[pos] != char and text[pos] != "\n":
                pos += 2 if char == '"' and text[pos] == "\\" else 1
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "#":
            newline = text.find("\n", pos)
            pos = size if newline == -1 else newline
            continue
        elif char == "\n" and depth <= 0:
            return pos
        pos += 1
    return size


class _Reader:
    """Turns the parsed data of one file into the model, locating every complaint."""

    def __init__(self, path: Path | str, lines: KeyLines) -> None:
        self.path = path
        self.lines = lines

    def fail(self, where: Path_, reason: str) -> IssueFileError:
        return IssueFileError(self.path, self.lines.line_of(where), reason)

    def get(
        self,
        table: Mapping[str, Any],
        where: Path_,
        key: str,
        kind: type[T],
        default: T | None = None,
        *,
        label: str = "",
    ) -> T | None:
        value = table.get(key, default)
        if value is None:
            return None
        wanted = {int: "a whole number", str: "text in quotes", list: "a list"}.get(kind)
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        if wrong:
            shown = repr(value) if isinstance(value, (str, int, float)) else type(value).__name__
            name = f"{label}{key}"
            raise self.fail((*where, key), f"{name} must be {wanted or kind.__name__}, not {shown}")
        return value

    def build(self, where: Path_, label: str, make: Callable[[], T], keys: Mapping[str, str]) -> T:
        try:
            return make()
        except ModelError as error:
            key = keys.get(error.field.split()[0], error.field)
            raise self.fail((*where, key), f"{label}{error}") from None


def issue_from_data(data: Mapping[str, Any], path: Path | str, lines: KeyLines) -> Issue:
    """Build the issue from parsed TOML data (format 1) or raise :class:`IssueFileError`."""
    reader = _Reader(path, lines)
    version = data.get("format", FORMAT)
    if type(version) is not int or version != FORMAT:
        raise reader.fail(
            ("format",), f"format {version!r} is not known (this version reads format {FORMAT})"
        )
    header = data.get("issue")
    if not isinstance(header, dict):
        reason = "has no [issue] table" if header is None else "issue must be a table ([issue])"
        raise reader.fail(("issue",), reason)
    if "series" not in header:
        raise reader.fail(("issue",), "[issue] has no series (the bulletin's name)")
    where: Path_ = ("issue",)
    date = header.get("date")
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        raise reader.fail(
            ("issue", "date"), "date must be a TOML date like 2024-04-10 (no quotes, no time)"
        )
    distribution = tuple(
        _distribution(reader, entry, index)
        for index, entry in _tables(reader, data, "distribution")
    )
    sections = tuple(
        _section(reader, entry, index) for index, entry in _tables(reader, data, "section")
    )
    return reader.build(
        where,
        "",
        lambda: Issue(
            series=reader.get(header, where, "series", str) or "",
            number=reader.get(header, where, "number", int),
            total=reader.get(header, where, "total", int),
            date=date,
            publisher=reader.get(header, where, "publisher", str, "") or "",
            copies=reader.get(header, where, "copies", int),
            distribution=distribution,
            sections=sections,
            extra={k: v for k, v in header.items() if k not in ISSUE_KEYS},
            file_extra={k: v for k, v in data.items() if k not in TOP_KEYS},
        ),
        {
            "series": "series",
            "number": "number",
            "total": "total",
            "copies": "copies",
            "publisher": "publisher",
            "date": "date",
            "sections": "issue",
        },
    )


def _tables(reader: _Reader, data: Mapping[str, Any], key: str) -> list[tuple[int, dict]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise reader.fail((key,), f"{key} must be an array of tables ([[{key}]])")
    return list(enumerate(value))


def _distribution(reader: _Reader, entry: dict, index: int) -> Distribution:
    where: Path_ = ("distribution", index)
    label = f"distribution {index + 1}: "
    recipients = reader.get(entry, where, "to", list, [], label=label) or []
    if not all(isinstance(name, str) for name in recipients):
        raise reader.fail((*where, "to"), f"{label}every recipient in to must be text")
    return reader.build(
        where,
        label,
        lambda: Distribution(
            label=reader.get(entry, where, "label", str, "", label=label) or "",
            recipients=tuple(recipients),
            extra={k: v for k, v in entry.items() if k not in ("label", "to")},
        ),
        {"distribution": "label"},
    )


def _section(reader: _Reader, entry: dict, index: int) -> Section:
    where: Path_ = ("section", index)
    label = f"section {index + 1}: "
    items = tuple(
        _item(reader, item, (*where, "item", number), f"section {index + 1}, item {number + 1}: ")
        for number, item in _tables(reader, entry, "item")
    )
    return reader.build(
        where,
        label,
        lambda: Section(
            name=reader.get(entry, where, "name", str, "", label=label) or "",
            items=items,
            extra={k: v for k, v in entry.items() if k not in ("name", "item")},
        ),
        {"section": "name"},
    )


def _item(reader: _Reader, entry: dict, where: Path_, label: str) -> Item:
    for key in ("title", "body"):
        if key not in entry:
            raise reader.fail(where, f"{label}{key} is required")
    body = reader.get(entry, where, "body", str, label=label) or ""
    return reader.build(
        where,
        label,
        lambda: Item(
            title=reader.get(entry, where, "title", str, label=label) or "",
            body=split_paragraphs(body),
            source=reader.get(entry, where, "source", str, "", label=label) or "",
            author=reader.get(entry, where, "author", str, "", label=label) or "",
            extra={k: v for k, v in entry.items() if k not in ITEM_KEYS},
            submission=reader.get(entry, where, "submission", str, "", label=label) or "",
        ),
        {key: key for key in ITEM_KEYS},
    )


def json_default(value: object) -> str:
    """Dates and times in the document's JSON form: ISO strings (``json.dumps(default=…)``)."""
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def issue_to_data(issue: Issue) -> dict[str, Any]:
    """The issue as the plain data of its format-1 document (what ``--json`` prints)."""
    header: dict[str, Any] = {"series": issue.series}
    for key in ("number", "total", "date", "publisher", "copies"):
        value = getattr(issue, key)
        if value not in (None, ""):
            header[key] = value
    header.update(issue.extra)
    data: dict[str, Any] = {"format": FORMAT, "issue": header}
    data.update(issue.file_extra)
    if issue.distribution:
        data["distribution"] = [
            {"label": d.label, "to": list(d.recipients), **d.extra} for d in issue.distribution
        ]
    data["section"] = [
        {"name": s.name, **s.extra, "item": [item_to_data(item) for item in s.items]}
        for s in issue.sections
    ]
    return data


def item_to_data(item: Item) -> dict[str, Any]:
    """One item as the keys of its ``[[section.item]]`` table, in the file's order."""
    data: dict[str, Any] = {"title": item.title, "source": item.source}
    if item.author:
        data["author"] = item.author
    data["body"] = item.body_text
    if item.submission:
        data["submission"] = item.submission
    data.update(item.extra)
    return data

"""Reading issue files into the index cache's rows, shared among processes for a cold build
(:mod:`bulletin_tui.sharing`)."""

from __future__ import annotations

from collections.abc import Iterator

from bulletin_tui.archive import Stamps, read_file
from bulletin_tui.errors import IssueFileError
from bulletin_tui.search_text import fold
from bulletin_tui.sharing import each_shared

#: A file's row of ``files`` and its rows of ``items``.
Rows = tuple[tuple, list[tuple]]


def read_rows(path: str, stamp: tuple[int, int]) -> Rows:
    """Parse one file into its row of ``files`` and its rows of ``items``.

    A module-level function, so that worker processes can run it.
    """
    import json

    from bulletin_tui.tomlfile import issue_to_data, json_default, read_issue

    try:
        issue = read_issue(read_file(path), path)
    except IssueFileError as error:
        return (path, *stamp, *[None] * 8, error.reason, error.line), []
    except OSError as error:
        return (path, *stamp, *[None] * 8, str(error.strerror or error), None), []
    document = json.dumps(issue_to_data(issue), ensure_ascii=False, default=json_default,
                          separators=(",", ":"))  # fmt: skip
    date = issue.date.isoformat() if issue.date else None
    items = []
    for s, section in enumerate(issue.sections):
        for i, item in enumerate(section.items):
            body = item.body_text
            plain = f"{item.title}\n{body}\n{item.source}"
            refolded = fold(plain)
            items.append((path, s, i, issue.series, issue.number, date, section.name, item.title,
                          item.source, body, None if refolded == plain else refolded,
                          item.submission))  # fmt: skip
    header = (issue.series, issue.number, date, issue.total, issue.publisher,
              len(issue.sections), len(items))  # fmt: skip
    return (path, *stamp, *header, document, None, None), items


def read_all(paths: list[str], stamps: Stamps) -> Iterator[Rows]:
    """The rows of every file, as each is parsed (in no fixed order); with many files,
    parsed in helper processes (:mod:`bulletin_tui.sharing`) while this process writes
    what they send."""
    yield from each_shared(__name__, "read_rows", [(path, stamps[path]) for path in paths])

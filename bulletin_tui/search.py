"""Full-text search over an archive's items, through the index cache."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from bulletin_tui.index import Index
from bulletin_tui.search_text import snippet


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; None means any. Date ranges are inclusive and leave
    undated issues out."""

    series: str | None = None
    section: str | None = None
    source: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class Hit(NamedTuple):
    """One matching item: where it is, and a snippet with the matches marked."""

    path: Path
    series: str
    number: int | None
    date: str | None
    section: str
    section_index: int
    item_index: int
    title: str
    source: str
    snippet: str
    spans: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {"path": str(self.path), "series": self.series, "number": self.number,
                "date": self.date, "section": self.section, "title": self.title,
                "source": self.source, "snippet": self.snippet}  # fmt: skip


def search(index: Index, terms: list[str], filters: Filters | None = None,
           limit: int | None = None) -> list[Hit]:  # fmt: skip
    """Items holding every term (in headline, body or source), newest issue first."""
    rows = index.query(terms, vars(filters or Filters()), limit)
    hits = []
    paths: dict[str, Path] = {}  # one Path per file, however many of its items match
    for path, s, i, series, number, date, section, title, source, body in rows:
        # the headline is shown beside the snippet: the snippet is the body's (and source's),
        # around a match there, or its start when the terms are only in the headline
        piece, spans = snippet(f"{body}（{source}）", terms)
        where = paths.get(path) or paths.setdefault(path, Path(path))
        hits.append(Hit(where, series, number, date, section, s, i, title, source,
                        piece, tuple(spans)))  # fmt: skip
    return hits

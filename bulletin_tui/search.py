"""Full-text search over an archive's items, through the index cache."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bulletin_tui.index import Index, issue_from_document
from bulletin_tui.search_text import snippet


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; None means any."""

    series: str | None = None
    section: str | None = None
    source: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def admit(self, series: str, section: str, source: str, date: str | None) -> bool:
        """Does an item with these fields pass?"""
        if self.series is not None and series != self.series:
            return False
        if self.section is not None and section != self.section:
            return False
        if self.source is not None and source != self.source:
            return False
        if self.date_from is not None or self.date_to is not None:
            if date is None:
                return False
            day = dt.date.fromisoformat(date)
            if self.date_from is not None and day < self.date_from:
                return False
            if self.date_to is not None and day > self.date_to:
                return False
        return True


@dataclass(frozen=True)
class Hit:
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
    filters = filters or Filters()
    rows = [
        row for row in index.candidates(terms)
        if filters.admit(row[4], row[7], row[9], row[6])
    ]  # fmt: skip
    rows.sort(key=lambda r: (r[6] is None, _neg_date(r[6]), -(r[5] or 0), r[1], r[2], r[3]))
    if limit is not None:
        rows = rows[:limit]
    documents: dict[str, object] = {}
    hits = []
    for _id, path, s, i, series, number, date, section, title, source, _folded in rows:
        if path not in documents:
            document = index.db.execute("SELECT document FROM files WHERE path=?", (path,))
            documents[path] = issue_from_document(document.fetchone()[0], Path(path))
        item = documents[path].sections[s].items[i]  # type: ignore[attr-defined]
        text = f"{item.title}　{item.body_text}（{item.source}）"
        piece, spans = snippet(text, terms)
        hits.append(Hit(Path(path), series, number, date, section, s, i, title, source,
                        piece, tuple(spans)))  # fmt: skip
    return hits


def _neg_date(date: str | None) -> int:
    return -dt.date.fromisoformat(date).toordinal() if date else 0

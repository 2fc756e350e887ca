"""Files that are each valid but clash: two files that hold the same issue.

Numbers restart every year, so the same issue is the same series, year and number (an
issue without a number clashes with none). A copy of an issue saved under a new name
would otherwise count every item twice in statistics without a word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin_tui.archive import IssueFile


@dataclass(frozen=True)
class SameIssue:
    """One series, year and number held by more than one file (paths in walk order)."""

    series: str
    year: int | None
    number: int
    paths: tuple[Path, ...]

    def heading(self) -> str:
        """``工作动态 2024年第5期`` (or ``工作动态 第5期`` without a date)."""
        year = f"{self.year}年" if self.year is not None else ""
        return f"{self.series} {year}第{self.number}期"

    def message(self) -> str:
        """One sentence, for ``bulletin check``."""
        others = ", ".join(str(path) for path in self.paths[1:])
        return f"{self.heading()} is also in {others} (the same series and number)"

    def as_dict(self) -> dict[str, Any]:
        """For ``bulletin check --json``."""
        return {
            "kind": "same issue",
            "series": self.series,
            "year": self.year,
            "number": self.number,
            "paths": [str(path) for path in self.paths],
            "message": self.message(),
        }


def same_issues(issue_files: Iterable[IssueFile]) -> list[SameIssue]:
    """Every series, year and number that more than one file holds (from headers only)."""
    groups: dict[tuple[str, int | None, int], list[Path]] = defaultdict(list)
    for issue_file in issue_files:
        header = issue_file.header
        if header.number is None:
            continue
        year = header.date.year if header.date is not None else None
        groups[(header.series, year, header.number)].append(issue_file.path)
    clashes = [
        SameIssue(series, year, number, tuple(sorted(paths)))
        for (series, year, number), paths in groups.items()
        if len(paths) > 1
    ]
    return sorted(clashes, key=lambda clash: clash.paths)

"""The adoption ranking as a spreadsheet: CSV that Chinese Excel opens (a BOM, or GB18030)
and a real workbook (openpyxl), headers in the reader's language, a totals row.

The columns are the keys of :meth:`stats.Row.as_dict`, in order, after the rank: a column
added there reaches both files with no change here (its title falls back to its key).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bulletin_tui.stats import Row, ranked

#: Column titles, Chinese and English. ``key`` is titled by the grouping.
TITLES: dict[str, tuple[str, str]] = {
    "class": ("类别", "Class"),
    "rank": ("名次", "Rank"),
    "key:source": ("单位", "Unit"),
    "key:section": ("栏目", "Section"),
    "key:month": ("月份", "Month"),
    "key:series": ("刊物", "Series"),
    "items": ("条数", "Items"),
    "score": ("得分", "Score"),
    "submitted": ("报送", "Submitted"),
    "rate": ("采用率", "Rate"),
    "total": ("合计", "Total"),
    "township": ("乡镇（街道）", "Townships"),
    "department": ("县直部门", "Departments"),
    "": ("排名", "Ranking"),
}
#: Columns whose totals row holds the sum of the column.
SUMMED = frozenset({"items", "score", "submitted"})
#: The encodings ``--csv`` writes: UTF-8 with a BOM (what Excel needs to read UTF-8) or
#: GB18030 (what older Chinese Excel reads without one).
ENCODINGS = {"utf-8": "utf-8-sig", "gb18030": "gb18030"}

Tables = Mapping[str, list[Row]]


def titles(language: str, by: str) -> dict[str, str]:
    """The titles in ``language`` (``zh`` or ``en``), ``key`` titled by the grouping."""
    column = 0 if language == "zh" else 1
    found = {name: pair[column] for name, pair in TITLES.items() if not name.startswith("key:")}
    found["key"] = TITLES[f"key:{by}"][column]
    return found


def _columns(tables: Tables) -> list[str]:
    for rows in tables.values():
        if rows:
            return ["rank", *rows[0].as_dict()]
    return ["rank", *Row("", 0, 0).as_dict()]


def _total(value: Any) -> Any:
    return int(value) if float(value).is_integer() else round(value, 4)


def sheet(rows: list[Row], columns: list[str], names: Mapping[str, str]) -> list[list[Any]]:
    """The header, one line per row with its rank, and the totals row."""
    lines: list[list[Any]] = [[names.get(column, column) for column in columns]]
    sums = dict.fromkeys(SUMMED & set(columns), 0.0)
    for rank, row in ranked(rows):
        values = {"rank": rank, **row.as_dict()}
        lines.append([values.get(column, "") for column in columns])
        for column in sums:
            sums[column] += float(values.get(column) or 0)
    totals = {**{column: _total(value) for column, value in sums.items()}, "key": names["total"]}
    if "rate" in columns and sums.get("submitted"):  # the rate of the whole: adopted / sent
        totals["rate"] = round(sums["items"] / sums["submitted"], 4)
    lines.append([totals.get(column, "") for column in columns])
    return lines


def csv_bytes(tables: Tables, names: Mapping[str, str], *, encoding: str = "utf-8") -> bytes:
    """The ranking as CSV (with a class column when ranked by class), encoded for Excel."""
    columns = _columns(tables)
    by_class = list(tables) != [""]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as Excel writes it
    header = [names.get(column, column) for column in columns]
    writer.writerow([names["class"], *header] if by_class else header)
    for kind, rows in tables.items():
        for line in sheet(rows, columns, names)[1:]:
            writer.writerow([names[kind], *line] if by_class else line)
    return out.getvalue().encode(ENCODINGS[encoding])


def write_xlsx(path: Path, tables: Tables, names: Mapping[str, str]) -> None:
    """The ranking as an Excel workbook, one sheet per class, header and totals in bold."""
    from openpyxl import Workbook  # only when a workbook is asked for
    from openpyxl.styles import Font

    from bulletin_tui.atomic import write_atomic
    from bulletin_tui.cjk import display_width

    columns = _columns(tables)
    book = Workbook()
    book.remove(book.active)
    for kind, rows in tables.items():
        page = book.create_sheet(title=names[kind][:31])
        lines = sheet(rows, columns, names)
        for line in lines:
            page.append(line)
        for cell in (*page[1], *page[len(lines)]):
            cell.font = Font(bold=True)
        for column in page.columns:
            width = max(display_width(str(cell.value or "")) for cell in column)
            page.column_dimensions[column[0].column_letter].width = max(6, width + 2)
        page.freeze_panes = "A2"
    data = io.BytesIO()
    book.save(data)
    write_atomic(path, data.getvalue())

"""Adoption statistics: counts, scores, aliases, date ranges, classes, output forms."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.model import Issue, Item, Section
from bulletin_tui.settings import load_settings
from bulletin_tui.stats import (
    adopted_items,
    entries_of,
    ranked,
    ranking,
    suggest_aliases,
    unit_class,
)


def issue(series: str, date: dt.date | None, number: int, items: list[tuple[str, str]]) -> Issue:
    sections: dict[str, list[Item]] = {}
    for section, source in items:
        sections.setdefault(section, []).append(Item(f"{source}的条目", ("正文。",), source))
    return Issue(series=series, number=number, date=date,
                 sections=tuple(Section(n, tuple(i)) for n, i in sections.items()))  # fmt: skip


@pytest.fixture
def archive(tmp_path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(
        issue(
            "工作动态",
            dt.date(2024, 3, 31),
            3,
            [("助企服务", "开发区"), ("民生保障", "县城市管理局"), ("民生保障", "潭龙街道")],
        )
    )
    archive.create(
        issue("工作动态", dt.date(2024, 4, 1), 4, [("助企服务", "开发区"), ("安全生产", "司寨乡")])
    )
    archive.create(
        issue(
            "政务信息",
            dt.date(2024, 4, 30),
            7,
            [("民生保障", "城市管理局"), ("民生保障", "开发区")],
        )
    )
    archive.create(issue("政务信息", None, 8, [("助企服务", "东屯镇")]))
    (archive.root / "bulletin.toml").write_text(
        '# 记分办法\n[score]\n"政务信息" = 3\n\n[aliases]\n"县城市管理局" = "城市管理局"\n',
        encoding="utf-8",
    )
    return archive  # fmt: skip


def rows_of(archive: Archive, by: str = "source", **filters):
    settings, problem = load_settings(archive.root)
    assert problem is None
    entries = adopted_items(entries_of(archive.scan().issues), settings, **filters)
    return [(row.key, row.items, row.score) for row in ranking(entries, by)]


def test_counts_and_scores_with_weights_and_aliases(archive):
    assert rows_of(archive) == [
        ("开发区", 3, 5),  # 1 + 1 + 3
        ("城市管理局", 2, 4),  # 县城市管理局 counted as 城市管理局: 1 + 3
        ("东屯镇", 1, 3),
        ("司寨乡", 1, 1),
        ("潭龙街道", 1, 1),
    ]


def test_by_section_month_and_series(archive):
    assert rows_of(archive, "section") == [("民生保障", 4, 8), ("助企服务", 3, 5),
                                           ("安全生产", 1, 1)]  # fmt: skip
    assert rows_of(archive, "month") == [("2024-04", 4, 8), ("2024-03", 3, 3), ("undated", 1, 3)]
    assert rows_of(archive, "series") == [("政务信息", 3, 9), ("工作动态", 5, 5)]


def test_date_ranges_are_inclusive_and_leave_undated_issues_out(archive):
    april = rows_of(archive, "month", date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 4, 30))
    assert april == [("2024-04", 4, 8)]
    assert rows_of(archive, "month", date_to=dt.date(2024, 3, 31)) == [("2024-03", 3, 3)]
    assert rows_of(archive, "month", date_from=dt.date(2024, 5, 1)) == []
    assert rows_of(archive, "series", series="政务信息") == [("政务信息", 3, 9)]


def test_ranks_share_places_on_ties(archive):
    settings, _ = load_settings(archive.root)
    rows = ranking(adopted_items(entries_of(archive.scan().issues), settings), "source")
    assert [rank for rank, _ in ranked(rows)] == [1, 2, 3, 4, 4]


def test_unit_classes():
    assert [unit_class(u) for u in ("司寨乡", "东屯镇", "潭龙街道", "开发区", "县水利局")] == [
        "township", "township", "township", "department", "department",
    ]  # fmt: skip


def test_suggest_aliases_finds_the_usual_variants():
    units = [
        "县城市管理局",
        "城市管理局",
        "城市管理局",
        "县政府办公室",
        "县政府办",
        "教体局",
        "司寨乡",
    ]
    assert suggest_aliases(units) == [("县城市管理局", "城市管理局"), ("县政府办公室", "县政府办")]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_json_csv_and_classes(archive):
    data = json.loads(run("stats", "--archive", str(archive.root), "--json").stdout)
    assert data[0] == {"key": "开发区", "items": 3, "score": 5, "submitted": 3, "rate": 1.0}
    table = run("stats", "--archive", str(archive.root), "--csv", "--by", "series", "--lang", "en")
    assert list(csv.DictReader(io.StringIO(table.stdout_bytes.decode("utf-8-sig")))) == [
        {
            "Rank": "1",
            "Series": "政务信息",
            "Items": "3",
            "Score": "9",
            "Submitted": "3",
            "Rate": "1.0",
        },
        {
            "Rank": "2",
            "Series": "工作动态",
            "Items": "5",
            "Score": "5",
            "Submitted": "5",
            "Rate": "1.0",
        },
        {
            "Rank": "",
            "Series": "Total",
            "Items": "8",
            "Score": "14",
            "Submitted": "8",
            "Rate": "1.0",
        },
    ]
    classes = json.loads(run("stats", "--archive", str(archive.root), "--classes", "--json").stdout)
    assert [row["key"] for row in classes["township"]] == ["东屯镇", "司寨乡", "潭龙街道"]
    assert [row["key"] for row in classes["department"]] == ["开发区", "城市管理局"]
    human = run("stats", "--archive", str(archive.root), "--classes").stdout
    assert "townships and streets (乡镇、街道)" in human  # English headings over English tables
    assert "county departments (县直部门)" in human


def test_cli_bad_input(archive):
    assert run("stats", "--archive", str(archive.root), "--by", "unit").exit_code == 2
    assert run("stats", "--archive", str(archive.root), "--json", "--csv").exit_code == 2
    empty = run("stats", "--archive", str(archive.root), "--from", "2030-01-01", "--json")
    assert empty.exit_code == 0
    assert json.loads(empty.stdout) == []
    (archive.root / "bulletin.toml").write_text('[score]\n工作动态 = "两分"\n', encoding="utf-8")
    result = run("stats", "--archive", str(archive.root), "--json")
    assert result.exit_code == 0
    assert "bulletin.toml:2" in result.stderr
    assert "counting without the settings" in result.stderr
    assert json.loads(result.stdout)[0] == {
        "key": "开发区",
        "items": 3,
        "score": 3,
        "submitted": 3,
        "rate": 1.0,
    }
    (archive.root / "bulletin.toml").write_text("[score\n", encoding="utf-8")
    assert "bulletin.toml:1" in run("stats", "--archive", str(archive.root)).stderr


def test_cli_suggest_aliases(archive):
    (archive.root / "bulletin.toml").unlink()
    output = run("stats", "--archive", str(archive.root), "--suggest-aliases").stdout
    assert '"县城市管理局" = "城市管理局"' in output

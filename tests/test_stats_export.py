"""Statistics for Excel: CSV with a BOM or in GB18030, a real workbook, headers in the
reader's language, a totals row; and the statistics screen writing both."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.drafts import Drafts
from bulletin_tui.tui.app import BulletinApp
from bulletin_tui.tui.screens.stats import StatsScreen

from .conftest import small_issue

pytestmark = pytest.mark.usefixtures("chinese")  # and no BULLETIN_LANG: see conftest


@pytest.fixture
def root(tmp_path: Path) -> Path:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue(5))
    archive.create(small_issue(6))
    return archive.root


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_csv_opens_in_excel_as_chinese_with_a_totals_row(root):
    result = run("stats", "--archive", str(root), "--csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["名次", "单位", "条数", "得分", "报送", "采用率"]
    assert [rows[1][0], rows[1][2], rows[1][3]] == ["1", "2", "2"]
    assert rows[-1] == ["", "合计", "6", "6", "6", "1.0"]


def test_csv_in_gb18030_and_in_english(root):
    result = run("stats", "--archive", str(root), "--csv", "--encoding", "gb18030")
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert result.stdout_bytes.decode("gb18030").startswith("名次,单位,条数,得分,报送,采用率\r\n")
    english = run("--lang", "en", "stats", "--archive", str(root), "--csv", "--by", "section")
    assert (
        english.stdout_bytes.decode("utf-8-sig").splitlines()[0]
        == "Rank,Section,Items,Score,Submitted,Rate"
    )


def test_xlsx_has_one_sheet_per_class_with_totals(root, tmp_path):
    target = tmp_path / "统计.xlsx"
    result = run("stats", "--archive", str(root), "--xlsx", str(target), "--classes")
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == ["乡镇（街道）", "县直部门"]
    towns = [[cell.value for cell in row] for row in book["乡镇（街道）"].iter_rows()]
    assert towns[0] == ["名次", "单位", "条数", "得分", "报送", "采用率"]
    assert towns[1] == [1, "潭龙街道", 2, 2, 2, 1]
    assert towns[-1] == [None, "合计", 2, 2, 2, 1]
    departments = [[cell.value for cell in row] for row in book["县直部门"].iter_rows()]
    assert departments[-1] == [None, "合计", 4, 4, 4, 1]
    assert book["县直部门"]["B1"].font.bold


def test_one_output_at_a_time(root, tmp_path):
    both = run("stats", "--archive", str(root), "--csv", "--xlsx", str(tmp_path / "a.xlsx"))
    assert both.exit_code == 2
    assert not (tmp_path / "a.xlsx").exists()


async def test_the_statistics_screen_writes_csv_and_xlsx(root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = BulletinApp(Archive(root), watch_interval=0, drafts=Drafts(tmp_path / "drafts"))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.loaded.wait()
        await app.workers.wait_for_complete()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    [written_csv] = list(tmp_path.glob("*.csv"))
    [written_xlsx] = list(tmp_path.glob("*.xlsx"))
    assert any(str(written_csv.resolve()) in message for message in messages)
    assert any(str(written_xlsx.resolve()) in message for message in messages)
    rows = list(csv.reader(io.StringIO(written_csv.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["名次", "单位", "条数", "得分", "报送", "采用率"]
    assert rows[-1] == ["", "合计", "6", "6", "6", "1.0"]
    assert load_workbook(written_xlsx).sheetnames == ["排名"]

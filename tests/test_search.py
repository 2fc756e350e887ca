"""The index cache and search: right answers, fresh after every change, never in the way."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui import index as index_module
from bulletin_tui import index_build, sharing
from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.errors import IssueFileError, SaveConflictError
from bulletin_tui.index import SCHEMA, Index
from bulletin_tui.model import Item, Section
from bulletin_tui.search import Filters, search
from bulletin_tui.stats import entries_of

from .conftest import small_issue


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    archive.create(small_issue(number=4, date=dt.date(2024, 3, 10)))
    newer = small_issue(number=5, date=dt.date(2024, 4, 10))
    body = ("全年实施１２３４５工程，Smart City 建设。",)
    extra = Section("创新", (Item("县科技局推进ＰＰＰ项目", body, "县科技局"),))
    archive.create(replace(newer, sections=(*newer.sections, extra)))
    return archive


@pytest.fixture
def index(archive: Archive, tmp_path: Path) -> Index:
    index = Index(archive, tmp_path / "cache")
    index.refresh()
    return index


def titles(index: Index, *terms: str, **filters) -> list[tuple[int, str]]:
    return [(h.number, h.title) for h in search(index, list(terms), Filters(**filters))]


def test_substring_search_over_headline_body_and_source(index):
    assert titles(index, "窨井盖") == [(5, "县城市管理局整治窨井盖"), (4, "县城市管理局整治窨井盖")]
    assert titles(index, "热线") == [(5, "潭龙街道提升热线质效"), (4, "潭龙街道提升热线质效")]
    assert titles(index, "科技局") == [(5, "县科技局推进ＰＰＰ项目")]  # the source too


def test_one_and_two_character_queries(index):
    assert len(titles(index, "县")) == 5
    assert titles(index, "平台") == [(5, "县城市管理局整治窨井盖"), (4, "县城市管理局整治窨井盖")]


def test_full_width_half_width_and_case(index):
    assert titles(index, "PPP") == [(5, "县科技局推进ＰＰＰ项目")]
    assert titles(index, "ppp") == [(5, "县科技局推进ＰＰＰ项目")]
    assert titles(index, "12345") == [(5, "县科技局推进ＰＰＰ项目")]
    assert titles(index, "ＳＭＡＲＴ") == [(5, "县科技局推进ＰＰＰ项目")]


def test_several_terms_mean_all_of_them(index):
    assert titles(index, "窨井盖", "智慧") == [
        (5, "县城市管理局整治窨井盖"),
        (4, "县城市管理局整治窨井盖"),
    ]
    assert titles(index, "窨井盖", "热线") == []


def test_filters(index):
    assert titles(index, "县", series="政务信息") == []
    assert titles(index, "县", section="创新") == [(5, "县科技局推进ＰＰＰ项目")]
    assert titles(index, "县", source="城市管理局") == [(5, "县城市管理局整治窨井盖"),
                                                        (4, "县城市管理局整治窨井盖")]  # fmt: skip
    assert titles(index, "窨井盖", date_from=dt.date(2024, 4, 10)) == [
        (5, "县城市管理局整治窨井盖")
    ]
    assert titles(index, "窨井盖", date_to=dt.date(2024, 3, 10)) == [(4, "县城市管理局整治窨井盖")]


def test_snippets_mark_the_match(index):
    [hit] = search(index, ["smart"])
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "Smart"


def test_a_match_only_in_the_headline_shows_the_body_s_start_not_the_headline_again(index):
    [hit] = search(index, ["ppp"])
    assert hit.snippet.startswith("全年实施１２３４５工程")
    assert "ＰＰＰ" not in hit.snippet
    assert hit.spans == ()


def test_changed_added_deleted_and_broken_files(archive, index, tmp_path):
    older = archive.root / "工作动态-2024-004.toml"
    issue_file = archive.load(older)
    archive.edit(
        issue_file,
        lambda d: d.add_item("民生保障", Item("新加的条目", ("防汛演练。",), "县水利局")),
    )
    assert titles(index, "防汛") == []  # not refreshed yet
    assert index.refresh().read == 1
    assert titles(index, "防汛") == [(4, "新加的条目")]
    archive.create(small_issue(number=6, date=dt.date(2024, 5, 1)))
    index.refresh()
    assert [n for n, _ in titles(index, "窨井盖")] == [6, 5, 4]
    older.unlink()
    index.refresh()
    assert [n for n, _ in titles(index, "窨井盖")] == [6, 5]
    newest = archive.root / "工作动态-2024-006.toml"
    newest.write_text("[issue\n", encoding="utf-8")
    index.refresh()
    assert [n for n, _ in titles(index, "窨井盖")] == [5]
    listing = index.listing()
    assert [b.path.name for b in listing.broken] == ["工作动态-2024-006.toml"]
    assert listing.broken[0].error.line == 1
    assert [f.issue.number for f in listing.issues] == [5]


def test_the_listing_from_the_cache_equals_reading_the_files(archive, index):
    from_files = archive.scan()
    from_cache = index.listing()
    assert [f.issue for f in from_cache.issues] == [f.issue for f in from_files.issues]
    assert [f.path for f in from_cache.issues] == [f.path for f in from_files.issues]


def test_an_issue_from_the_cache_saves_with_the_conflict_check(archive, index):
    [newest, _] = index.listing().issues
    assert newest.raw is None
    saved = archive.edit(
        newest, lambda d: d.add_item("创新", Item("再加一条", ("正文。",), "单位"))
    )
    assert saved.issue.section_named("创新").items[-1].title == "再加一条"
    with pytest.raises(SaveConflictError):
        archive.edit(newest, lambda d: d.add_item("创新", Item("第三条", ("正文。",), "单位")))


@pytest.mark.parametrize("damage", [b"this is not a database" * 100, b""])
def test_a_corrupt_cache_is_rebuilt_without_a_word(archive, index, tmp_path, damage):
    index.close()
    index.path.write_bytes(damage)
    fresh = Index(archive, tmp_path / "cache")
    fresh.refresh()
    assert len(titles(fresh, "窨井盖")) == 2


def test_a_cache_of_another_version_is_rebuilt(archive, index, tmp_path):
    index.db.execute("UPDATE meta SET value='bulletin-index 0' WHERE key='schema'")
    index.close()
    fresh = Index(archive, tmp_path / "cache")
    assert fresh.refresh().read == 2
    assert fresh.db.execute("SELECT value FROM meta").fetchone()[0] == SCHEMA


def test_two_processes_refresh_the_same_cache(archive, tmp_path):
    cache = tmp_path / "cache"
    for number in range(6, 30):
        archive.create(small_issue(number=number, date=dt.date(2024, 6, 1) + dt.timedelta(number)))
    code = (
        "import sys; from pathlib import Path\n"
        "from bulletin_tui.archive import Archive\nfrom bulletin_tui.index import Index\n"
        "from bulletin_tui.search import search\n"
        "index = Index(Archive(Path(sys.argv[1])), Path(sys.argv[2]))\n"
        "index.refresh()\nprint(len(search(index, ['窨井盖'])))\n"
    )
    runs = [subprocess.Popen([sys.executable, "-c", code, str(archive.root), str(cache)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["26", "26"]
    count = sqlite3.connect(Index(archive, cache).path).execute("SELECT count(*) FROM files")
    assert count.fetchone()[0] == 26


def test_bulletin_search_on_the_command_line(archive, tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["search", "窨井盖", "智慧", "--archive", str(archive.root),
                                      "--json"])  # fmt: skip
    data = json.loads(result.stdout)
    assert [(d["number"], d["title"]) for d in data] == [(5, "县城市管理局整治窨井盖"),
                                                         (4, "县城市管理局整治窨井盖")]  # fmt: skip
    assert set(data[0]) == {"path", "series", "number", "date", "section", "title", "source",
                            "snippet"}  # fmt: skip
    human = CliRunner().invoke(cli, ["search", "PPP", "--archive", str(archive.root)])
    assert "县科技局推进ＰＰＰ项目" in human.stdout


def test_bulletin_search_does_not_import_textual(archive, tmp_path):
    code = (
        "import sys\nfrom bulletin_tui.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n"
        "    assert 'textual' not in sys.modules\n    raise\n"
    )
    env = {**__import__("os").environ, "BULLETIN_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code, "search", "窨井盖", "--archive",
                           str(archive.root)], capture_output=True, text=True, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "县城市管理局整治窨井盖" in done.stdout


def test_the_in_memory_path_for_short_terms_gives_the_same_answers(archive, index, tmp_path):
    kept = Index(archive, tmp_path / "cache", keep_text=True)
    for terms in (["县"], ["平台"], ["P"], ["窨井盖", "智"], ["热", "线"], ["没有"],
                  ["窨井盖"], ["ＰＰＰ"], ["科技局", "smart"]):  # fmt: skip
        expected = [(h.path, h.title) for h in search(index, terms)]
        assert [(h.path, h.title) for h in search(kept, terms)] == expected, terms
    assert len(search(kept, ["县"], limit=2)) == 2
    archive.create(small_issue(number=9, date=dt.date(2025, 1, 1)))
    kept.refresh()  # a refresh forgets the kept text
    assert search(kept, ["热线"])[0].number == 9


def test_a_term_is_matched_whole_not_by_its_trigrams_alone(archive, tmp_path):
    # The full-text index keeps no positions: "城市管理" has the trigrams of both of these
    # texts, but only one holds the term.
    apart = Section("分开", (Item("城市管理局", ("市管理与城市管并列。",), "甲"),))
    whole = Section("整体", (Item("另一条", ("城市管理工作。",), "乙"),))
    issue = small_issue(number=7, date=dt.date(2025, 2, 1))
    archive.create(replace(issue, series="测试", sections=(apart, whole)))
    for keep_text in (False, True):
        index = Index(archive, tmp_path / "cache", keep_text=keep_text)
        index.refresh()
        found = [h.title for h in search(index, ["市管理与"]) if h.series == "测试"]
        assert found == ["城市管理局"]
        found = [h.title for h in search(index, ["城市管理工"]) if h.series == "测试"]
        assert found == ["另一条"]
        assert [h.title for h in search(index, ["管理与城市管并"])] == ["城市管理局"]


def test_a_listing_from_the_cache_holds_headers_and_loads_an_issue_when_asked(archive, index):
    [newest, older] = index.listing().issues
    assert newest._issue is None  # nothing but the header yet
    assert (newest.header.number, newest.header.date) == (5, dt.date(2024, 4, 10))
    assert newest.issue == archive.load(newest.path).issue
    assert older._issue is None


def test_an_issue_loads_as_listed_or_from_its_file_once_the_cache_moved_on(archive, index):
    [newest, older] = index.listing().issues
    [again, _] = index.listing().issues
    before = archive.load(newest.path)
    edited = archive.edit(before, lambda d: d.add_item("创新", Item("后加", ("正文。",), "单位")))
    assert newest.issue == before.issue  # the cache still holds the version listed
    index.refresh()  # the cache now holds the new version: the listed one is read from disk
    assert again.issue == edited.issue
    with pytest.raises(SaveConflictError):  # and a save from the old listing is refused
        archive.edit(again, lambda d: d.add_item("创新", Item("再加", ("正文。",), "单位")))
    older.path.write_text("format = 1\n[issue\n", encoding="utf-8")
    index.refresh()
    with pytest.raises(IssueFileError):
        _ = older.issue


def test_many_files_are_parsed_by_helper_processes_with_the_same_result(
    archive, tmp_path, monkeypatch
):
    for number in range(6, 16):
        archive.create(small_issue(number=number, date=dt.date(2024, 6, 1) + dt.timedelta(number)))
    (archive.root / "broken.toml").write_text("format = 1\n[issue\n", encoding="utf-8")
    serial = Index(archive, tmp_path / "serial")
    serial.refresh()
    monkeypatch.setattr(sharing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(sharing, "cores", lambda: 2)  # two helpers on any machine
    monkeypatch.setattr(index_module, "WRITE_EVERY", 4)  # several transactions
    read_here: list[str] = []
    original = index_build.read_rows

    def counted(path: str, stamp: tuple[int, int]) -> tuple:
        read_here.append(path)
        return original(path, stamp)

    monkeypatch.setattr(index_build, "read_rows", counted)
    shared = Index(archive, tmp_path / "shared")
    assert shared.refresh().read == 13
    assert read_here == []  # every file was parsed by a helper process
    assert [(f.path, f.issue) for f in shared.listing().issues] == [
        (f.path, f.issue) for f in serial.listing().issues
    ]
    assert shared.listing().broken[0].error.line == serial.listing().broken[0].error.line
    assert search(shared, ["窨井盖"]) == search(serial, ["窨井盖"])
    assert shared.entries() == serial.entries()


def test_a_helper_that_cannot_start_leaves_its_share_to_the_caller(archive, tmp_path, monkeypatch):
    for number in range(6, 12):
        archive.create(small_issue(number=number, date=dt.date(2024, 6, 1) + dt.timedelta(number)))
    monkeypatch.setattr(sharing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(sharing, "cores", lambda: 2)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    index = Index(archive, tmp_path / "cache")
    assert index.refresh().read == 8
    assert len(search(index, ["窨井盖"])) == 8


def test_names_and_entries_come_from_the_cache(archive, index):
    sections, sources = index.names()
    assert set(sections) == {s.name for f in archive.scan().issues for s in f.issue.sections}
    assert "县科技局" in sources
    entries = index.entries()
    assert entries == list(entries_of(archive.scan().issues))


def test_a_failure_while_sharing_the_parsing_is_raised_not_waited_for(
    archive, tmp_path, monkeypatch
):
    def fail(path: str, stamp: tuple[int, int]) -> tuple:
        raise RuntimeError(f"cannot read {path}")

    monkeypatch.setattr(sharing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(sharing, "cores", lambda: 2)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    monkeypatch.setattr(index_build, "read_rows", fail)
    index = Index(archive, tmp_path / "cache")
    with pytest.raises(RuntimeError, match="cannot read"):
        index.refresh()
    assert index.db.execute("SELECT count(*) FROM files").fetchone()[0] == 0

"""The archive: discovery, order, broken files, and saves that never lose a byte."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import pytest

from bulletin_tui.archive import Archive, safe_file_stem
from bulletin_tui.errors import BulletinError, IssueFileError, SaveConflictError
from bulletin_tui.model import Issue, Item

from .conftest import small_issue

ITEM = Item("新条目", ("正文。",), "司寨乡")


def test_scan_finds_issues_recursively_newest_first_and_skips_settings(tmp_path):
    archive = Archive(tmp_path)
    archive.create(small_issue(number=3, date=dt.date(2024, 2, 1)))
    archive.create(small_issue(number=5, date=dt.date(2024, 4, 10)))
    archive.create(small_issue(number=9, date=None))
    (tmp_path / "2023").mkdir()
    Archive(tmp_path / "2023").create(small_issue(number=12, date=dt.date(2023, 12, 30)))
    (tmp_path / "bulletin.toml").write_text("[score]\n工作动态 = 2\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.toml").write_text("x = 1\n", encoding="utf-8")
    listing = archive.scan()
    assert [(f.issue.date, f.issue.number) for f in listing.issues] == [
        (dt.date(2024, 4, 10), 5),
        (dt.date(2024, 2, 1), 3),
        (dt.date(2023, 12, 30), 12),
        (None, 9),
    ]
    assert listing.broken == ()


def test_broken_files_are_listed_with_line_and_never_written(tmp_path, archive):
    bad = archive.root / "bad.toml"
    bad.write_bytes(b'format = 1\n[issue]\nnumber = "\xe4\xba\x94"\n')
    before = bad.read_bytes()
    listing = archive.scan()
    assert len(listing.issues) == 1
    [broken] = listing.broken
    assert broken.path == bad
    assert broken.error.line == 2
    with pytest.raises(IssueFileError):
        archive.load(bad)
    assert bad.read_bytes() == before


def test_save_refuses_when_the_file_changed_on_disk(archive):
    [issue_file] = archive.scan().issues
    theirs = issue_file.raw.replace(b"number = 5", b"number = 6")
    issue_file.path.write_bytes(theirs)
    with pytest.raises(SaveConflictError, match="changed by another program"):
        archive.edit(issue_file, lambda document: document.add_item("民生保障", ITEM))
    assert issue_file.path.read_bytes() == theirs
    assert [p.name for p in archive.root.iterdir()] == [issue_file.path.name]  # no temp, no lock


def test_save_refuses_when_the_file_was_deleted(archive):
    [issue_file] = archive.scan().issues
    issue_file.path.unlink()
    with pytest.raises(SaveConflictError, match="deleted"):
        archive.edit(issue_file, lambda document: document.add_item("民生保障", ITEM))
    assert not issue_file.path.exists()


def test_a_failing_replace_leaves_the_old_file_byte_identical(archive, monkeypatch):
    [issue_file] = archive.scan().issues

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        archive.edit(issue_file, lambda document: document.add_item("民生保障", ITEM))
    assert issue_file.path.read_bytes() == issue_file.raw
    assert [p.name for p in archive.root.iterdir()] == [issue_file.path.name]


def test_an_edit_is_saved_and_returned(archive):
    [issue_file] = archive.scan().issues
    saved = archive.edit(issue_file, lambda document: document.add_item("民生保障", ITEM))
    assert saved.issue.sections[1].items[-1] == ITEM
    assert archive.load(saved.path).issue == saved.issue
    assert saved.raw == saved.path.read_bytes()


def test_create_refuses_an_issue_number_that_exists_and_writes_nothing(archive):
    before = {p.name: p.read_bytes() for p in archive.root.iterdir()}
    with pytest.raises(BulletinError, match=r"already exists as .*工作动态-2024-005\.toml"):
        archive.create(small_issue())
    assert {p.name: p.read_bytes() for p in archive.root.iterdir()} == before


def test_create_gives_an_issue_without_a_number_the_next_free_name(archive):
    unnumbered = replace(small_issue(), number=None)
    first, second = archive.create(unnumbered), archive.create(unnumbered)
    assert [first.path.name, second.path.name] == ["工作动态-2024.toml", "工作动态-2024-2.toml"]
    assert len(archive.scan().issues) == 3


@pytest.mark.parametrize(
    "series", ["../../evil", "a/b", "..", "a\\b", "/etc/passwd", "x\x00y", "C:evil", ".hidden"]
)
def test_series_never_makes_a_file_outside_the_archive(tmp_path, series):
    archive = Archive(tmp_path / "issues")
    try:
        issue = Issue(series=series, number=1)
    except ValueError:
        return  # the model refuses it outright (a control character): nothing to write
    created = archive.create(issue)
    assert created.path.parent == archive.root
    assert created.path.resolve().is_relative_to(archive.root.resolve())
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [created.path]
    assert created.issue.series == series


def test_safe_file_stem():
    assert safe_file_stem(small_issue()) == "工作动态-2024-005"
    assert safe_file_stem(Issue(series="../../evil")) == "evil"
    assert safe_file_stem(Issue(series="...")) == "issue"
    assert safe_file_stem(replace(small_issue(), date=None, number=None)) == "工作动态"


def test_the_inbox_folder_follows_a_change_of_the_settings_between_walks(tmp_path):
    archive = Archive(tmp_path)
    (tmp_path / "来稿箱").mkdir()
    (tmp_path / "来稿箱" / "a.toml").write_text("x = 1\n", encoding="utf-8")
    settings = tmp_path / "bulletin.toml"
    settings.write_text('[inbox]\nfolder = "来稿箱"\n', encoding="utf-8")
    assert archive.files() == []
    settings.write_text('[inbox]\nfolder = "别的文件夹"\n', encoding="utf-8")
    os.utime(settings, ns=(1, 1))  # a new stamp even within the clock's resolution
    assert archive.files() == [tmp_path / "来稿箱" / "a.toml"]

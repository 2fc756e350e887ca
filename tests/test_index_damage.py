"""The index cache is never the reason a command fails: a damaged cache is rebuilt, one
that cannot be opened or written is replaced by one in memory, built from the files."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.index import Index
from bulletin_tui.tui.app import BulletinApp

from .conftest import small_issue

PAGE = 4096


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "issues")
    for number in range(1, 13):
        archive.create(small_issue(number=number, date=dt.date(2024, 1, number)))
    return archive


def warm_cache(archive: Archive) -> Path:
    """Build the cache and close it, with everything in its main file."""
    gc.collect()  # connections of earlier commands run in this process
    index = Index(archive)
    index.refresh()
    index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index.close()
    assert not Path(f"{index.path}-wal").exists() or Path(f"{index.path}-wal").stat().st_size == 0
    return index.path


def answers(archive: Archive) -> tuple[list, list, list]:
    """What list, search and stats say (each must succeed)."""
    where = ("--archive", str(archive.root))
    listed = run("list", "--json", *where)
    found = run("search", "窨井盖", "--json", *where)
    counted = run("stats", "--json", *where)
    for result in (listed, found, counted):
        assert result.exit_code == 0, result.output
    issues = [(i["path"], i["items"]) for i in json.loads(listed.stdout)["issues"]]
    return issues, json.loads(found.stdout), json.loads(counted.stdout)


def expected(archive: Archive) -> tuple[list, list, list]:
    """The same answers from a fresh cache in a folder of their own."""
    saved = os.environ["BULLETIN_CACHE"]
    os.environ["BULLETIN_CACHE"] = saved + "-reference"
    try:
        return answers(archive)
    finally:
        os.environ["BULLETIN_CACHE"] = saved


def damage_page(path: Path, page: int) -> None:
    """Overwrite one page of the database (not the header) with bytes that mean nothing."""
    with path.open("r+b") as file:
        file.seek(page * PAGE)
        file.write(bytes((n * 37 + 11) % 256 for n in range(PAGE)))


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Files and folders nobody may write, not even root (which ignores modes)."""
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = os.geteuid() == 0
    try:
        if immutable:
            if shutil.which("chattr") is None:
                pytest.skip("as root, a read-only file needs chattr")
            done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
            if done.returncode != 0:
                pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
        for path in paths:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_damaged_page_anywhere_is_rebuilt_and_every_later_run_works(archive):
    want = expected(archive)
    pages = warm_cache(archive).stat().st_size // PAGE
    assert pages > 8
    for page in sorted({1, 2, pages // 3, pages // 2, pages - 1}):
        cache = warm_cache(archive)
        damage_page(cache, page)
        assert answers(archive) == want, f"page {page}"
        assert answers(archive) == want, f"page {page}, the run after"


def test_a_cache_that_is_not_a_database_is_rebuilt(archive):
    want = expected(archive)
    cache = warm_cache(archive)
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert answers(archive) == want
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM files").fetchone() == (12,)


def test_a_directory_in_place_of_the_cache_is_left_alone_and_the_files_answer(archive):
    want = expected(archive)
    cache = Index(archive).path
    cache.mkdir(parents=True)
    (cache / "keep.txt").write_text("not ours")
    assert answers(archive) == want
    archive.create(small_issue(number=13, date=dt.date(2024, 1, 13)))
    assert len(answers(archive)[0]) == 13  # a new file is seen at once
    assert (cache / "keep.txt").read_text() == "not ours"
    result = run("list", "--archive", str(archive.root))
    assert "cannot be used" in result.stderr


def test_a_read_only_stale_cache_is_not_written_and_the_answers_are_current(archive):
    cache = warm_cache(archive)
    archive.create(small_issue(number=13, date=dt.date(2024, 1, 13)))  # the cache is stale
    want = expected(archive)
    before = cache.read_bytes()
    with read_only(cache, cache.parent):
        assert answers(archive) == want
        assert len(want[0]) == 13
    assert cache.read_bytes() == before


def test_a_cache_folder_that_cannot_be_made_does_not_stop_a_command(archive, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("BULLETIN_CACHE", str(blocker / "cache"))
    want = expected(archive)
    assert answers(archive) == want


async def test_the_reader_starts_on_a_damaged_cache(archive):
    cache = warm_cache(archive)
    for page in range(1, cache.stat().st_size // PAGE):
        damage_page(cache, page)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.loaded.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.tree_labels()[0] == "2024年第12期 工作动态"
        assert app.reader_text.startswith("县开发区做好融资服务")


async def test_the_reader_starts_with_a_directory_in_place_of_the_cache(archive):
    Index(archive).path.mkdir(parents=True)
    app = BulletinApp(archive, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.loaded.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.tree_labels()[0] == "2024年第12期 工作动态"
        assert any("cannot be used" in n.message for n in app._notifications)

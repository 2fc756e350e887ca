"""Saving: the folder's save lock, kept modes, read-only files, temporary files, names."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive, safe_file_stem
from bulletin_tui.atomic import ReadOnlyFileError
from bulletin_tui.cli import cli
from bulletin_tui.errors import BulletinError, SaveConflictError
from bulletin_tui.locking import LOCK_NAME, LockTimeoutError, save_lock
from bulletin_tui.model import Issue, Item
from bulletin_tui.saving import NAME_MAX, conflict_copy_name

from .conftest import small_issue

ITEM = Item("新条目", ("正文。",), "司寨乡")
THEIRS = Item("别人", ("甲。",), "乙")


def add_item(document) -> None:
    document.add_item("民生保障", ITEM)


@pytest.fixture
def path(archive: Archive) -> Path:
    return archive.root / "工作动态-2024-005.toml"


def names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


# the lock ------------------------------------------------------------------------------


def test_a_save_waits_for_the_lock_and_refuses_in_one_sentence_when_it_stays_held(archive, path):
    before = path.read_bytes()
    archive.lock_wait = 0.2
    with save_lock(path), pytest.raises(LockTimeoutError) as refused:
        archive.update(path, add_item)
    assert str(refused.value).startswith(f"{path}: another program has been saving in ")
    assert "nothing was written" in str(refused.value)
    assert path.read_bytes() == before


def test_the_lock_file_is_hidden_never_listed_and_gone_after_a_save(archive, path):
    with save_lock(path):
        assert (archive.root / LOCK_NAME).exists()
        assert archive.files() == [path]
    archive.update(path, add_item)
    assert names(archive.root) == [path.name]


LOCK_AND_SLEEP = """
import sys, time
from pathlib import Path
from bulletin_tui.locking import save_lock
with save_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_a_lock_held_by_a_killed_process_does_not_block_the_next_save(archive, path):
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_AND_SLEEP, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        archive.lock_wait = 0.2
        with pytest.raises(LockTimeoutError):  # held by a live process: refused
            archive.update(path, add_item)
    finally:
        holder.kill()  # SIGKILL: the process cannot let the lock go itself
        holder.wait(timeout=10)
        holder.stdout.close()
    assert (archive.root / LOCK_NAME).exists()  # left behind, but no longer locked
    archive.lock_wait = 5
    saved = archive.update(path, add_item)
    assert saved.issue.items[-1] == ITEM
    assert names(archive.root) == [path.name]


def test_an_edit_from_what_was_shown_still_refuses_a_changed_file(archive, path):
    shown = archive.load(path)
    archive.update(path, lambda document: document.add_item("民生保障", THEIRS))
    theirs = path.read_bytes()
    with pytest.raises(SaveConflictError, match="changed by another program"):
        archive.edit(shown, add_item)
    assert path.read_bytes() == theirs


def test_update_starts_from_the_file_as_it_is_now(archive, path):
    archive.load(path)
    archive.update(path, lambda document: document.add_item("民生保障", THEIRS))
    saved = archive.update(path, add_item)
    assert [item.title for item in saved.issue.items][-2:] == ["别人", "新条目"]


# creating exclusively ------------------------------------------------------------------


def test_an_import_target_taken_after_it_was_checked_is_refused_not_overwritten(archive):
    issue = small_issue(number=6)
    target = archive.import_target(issue, replace=False)
    target.write_bytes(b"# written by someone else meanwhile\n")
    with pytest.raises(BulletinError, match="already exists; use --force to replace it"):
        archive.write_imported(target, issue, replace=False)
    assert target.read_bytes() == b"# written by someone else meanwhile\n"
    replaced = archive.write_imported(target, issue, replace=True)
    assert replaced.issue.number == 6


def test_a_conflict_copy_never_replaces_another(archive, path):
    moment = dt.datetime(2024, 4, 10, 9, 30)
    first = archive.save_conflict_copy(path, b"first", moment)
    second = archive.save_conflict_copy(path, b"second", moment)
    assert first.name == "工作动态-2024-005.conflict-20240410-093000.toml.txt"
    assert second.name == "工作动态-2024-005.conflict-20240410-093000-2.toml.txt"
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")
    assert archive.files() == [path]


# modes, owners, read-only files --------------------------------------------------------


def test_a_save_keeps_the_mode_of_the_file_it_replaces(archive, path):
    path.chmod(0o600)
    archive.update(path, add_item)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    archive.edit(archive.load(path), lambda document: document.add_item("新栏目", ITEM))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_save_by_root_keeps_the_owner_of_the_file(archive, path):
    os.chown(path, 4321, 4321)
    archive.update(path, add_item)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)


def test_a_read_only_file_is_refused_even_for_root(archive, path):
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(ReadOnlyFileError) as refused:
        archive.update(path, add_item)
    assert str(refused.value) == f"{path} is read-only (no write permission); nothing was written"
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    result = CliRunner().invoke(cli, ["add", "--archive", str(archive.root), path.name,
                                      "--section", "甲", "--title", "乙", "--source", "丙",
                                      "--body", "丁"])  # fmt: skip
    assert result.exit_code == 1
    assert "is read-only (no write permission); nothing was written" in result.output
    assert path.read_bytes() == before


# temporary files and names -------------------------------------------------------------


def test_an_error_names_the_target_never_the_temporary_file(archive, path, monkeypatch):
    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left on device") as failed:
        archive.update(path, add_item)
    assert failed.value.filename == str(path)
    assert ".~tmp" not in str(failed.value)
    assert names(archive.root) == [path.name]


def test_a_series_of_a_hundred_emoji_saves_under_a_name_that_fits(tmp_path):
    folder = tmp_path / "issues"
    series = "🎉" * 100
    result = CliRunner().invoke(cli, ["new", "--archive", str(folder), "--series", series,
                                      "--number", "5", "--date", "2024-04-10"])  # fmt: skip
    assert result.exit_code == 0, result.output
    created = Path(result.output.strip())
    assert len(created.name.encode("utf-8")) <= NAME_MAX
    again = Archive(folder).create(small_issue())  # a second name with -2 fits too
    archive = Archive(folder)
    assert archive.update(created, add_item).issue.series == series
    copy_name = conflict_copy_name(created, dt.datetime(2024, 4, 10, 9, 30), attempt=12)
    assert len(copy_name.encode("utf-8")) <= NAME_MAX
    assert copy_name.endswith(".conflict-20240410-093000-12.toml.txt")
    assert again.path.exists()


def test_a_safe_file_stem_leaves_room_in_a_name():
    stem = safe_file_stem(Issue(series="🎉" * 100, number=5, date=dt.date(2024, 4, 10)))
    assert len(f"{stem}-999.conflict-20240410-093000-99.toml.txt".encode()) <= NAME_MAX


def test_stale_temporary_files_are_removed_by_the_next_save_and_never_listed(archive, path):
    old = time.time() - 120
    stale = [archive.root / ".~tmp-0123abcd", archive.root / f".{path.name}.4dd72674.tmp"]
    for leftover in stale:
        leftover.write_bytes(path.read_bytes())
        os.utime(leftover, (old, old))
    young = archive.root / ".~tmp-89abcdef"
    young.write_bytes(b"a save in progress")
    mine = archive.root / ".notes.tmp"  # not of our pattern: never touched
    mine.write_bytes(b"x")
    os.utime(mine, (old, old))
    assert archive.files() == [path]
    assert [issue.path for issue in archive.scan().issues] == [path]
    archive.update(path, add_item)
    assert names(archive.root) == sorted([path.name, young.name, mine.name])


def test_an_export_keeps_the_mode_of_the_file_it_replaces_and_refuses_a_read_only_one(
    archive, path, tmp_path
):
    output = tmp_path / "out.txt"
    output.write_text("old", encoding="utf-8")
    output.chmod(0o600)
    export = ["export", "--archive", str(archive.root), path.name, "-o", str(output), "--force"]
    assert CliRunner().invoke(cli, export).exit_code == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert "工作动态" in output.read_text("utf-8")
    output.chmod(0o444)
    before = output.read_bytes()
    refused = CliRunner().invoke(cli, export)
    assert refused.exit_code == 1
    assert f"{output} is read-only (no write permission); nothing was written" in refused.output
    assert output.read_bytes() == before


#: Runs as the user "nobody" on the issue file named first; everything is imported before
#: (the interpreter's own files may not be readable to that user).
AS_NOBODY = """
import os, sys
from pathlib import Path
from bulletin_tui.archive import Archive
from bulletin_tui.model import Item
import bulletin_tui.tomledit, bulletin_tui.tomlfile, bulletin_tui.saving
os.setgid(65534)
os.setuid(65534)
path = Path(sys.argv[1])
item = Item("别的用户", ("正文。",), "乙")
def add(document):
    document.add_item("民生保障", item)
"""
SAVE_AS_NOBODY = AS_NOBODY + "print(Archive(path.parent).update(path, add).issue.items[-1].title)"


@pytest.fixture
def shared_folder():
    """A folder every user can reach (pytest's own folders are private to root)."""
    with tempfile.TemporaryDirectory() as name:
        Path(name).chmod(0o755)
        yield Path(name)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_another_user_saves_past_a_lock_file_and_temporary_files_it_cannot_remove(
    shared_folder,
):
    archive = Archive(shared_folder / "issues")
    path = archive.create(small_issue()).path
    archive.root.chmod(0o1777)  # shared, with the sticky bit: nobody removes others' files
    os.chown(path, 65534, 65534)  # the issue is that user's; the leftovers are root's
    path.chmod(0o640)
    (archive.root / LOCK_NAME).write_bytes(b"")  # left by a killed save of root's
    stale = archive.root / ".~tmp-0123abcd"
    stale.write_bytes(b"left by root")
    old = time.time() - 120
    os.utime(stale, (old, old))
    done = subprocess.run([sys.executable, "-c", SAVE_AS_NOBODY, str(path)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "别的用户"
    assert archive.load(path).issue.items[-1].title == "别的用户"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_uid == 65534
    assert stale.exists()


SAVE_AS_NOBODY_OR_SAY_WHY = (
    AS_NOBODY
    + """
try:
    Archive(path.parent).update(path, add)
except OSError as error:
    print(error.filename, error.strerror)
"""
)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_folder_another_user_cannot_write_is_a_refusal_naming_the_file(shared_folder):
    archive = Archive(shared_folder / "issues")
    path = archive.create(small_issue()).path
    path.chmod(0o666)  # the file may be written, its folder (755, root's) may not
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", SAVE_AS_NOBODY_OR_SAY_WHY, str(path)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.stdout.strip() == f"{path} Permission denied", done.stderr
    assert path.read_bytes() == before

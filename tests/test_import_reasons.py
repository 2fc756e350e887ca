"""Why a file is not imported, said in English (as always) or Chinese from one table."""

from __future__ import annotations

import copy
import os
import pickle
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.documents.importing import import_document
from bulletin_tui.errors import BulletinError
from bulletin_tui.reasons import REASONS, Said, spoken, words
from bulletin_tui.tui.catalogue.import_reasons import STRINGS as ON_SCREEN

SMALL_ISSUE_TEXT = Path(__file__).parent / "data" / "small_issue.txt"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("table", [REASONS, ON_SCREEN], ids=["shared", "screen"])
def test_both_languages_of_a_reason_take_the_same_values(table):
    for key, (chinese, english) in table.items():
        if key.endswith("doc_old_word"):  # English names the kind, Chinese the suffix
            assert fields(chinese) - {"suffix"} == fields(english) - {"kind"}
        elif key.removeprefix("import_reason_").startswith("read_"):
            # Chinese may leave out the system's English words (why) for the case the key names
            assert fields(chinese) - {"why"} == fields(english) - {"why"}, key
        else:
            assert fields(chinese) == fields(english), key
        assert not chinese.isascii(), key


def test_a_said_sentence_is_its_english_and_keeps_its_key_through_copies():
    said = Said("warn_no_source", title="县开发区做好融资服务")
    assert said == "no attribution (source) for the item “县开发区做好融资服务”"
    for again in (copy.deepcopy(said), pickle.loads(pickle.dumps(said))):
        assert (again, again.key, again.params) == (said, said.key, said.params)
    assert spoken(said, words("zh")) == "条目“县开发区做好融资服务”没有署名（来源）"


def refused(path: Path) -> BulletinError:
    with pytest.raises(BulletinError) as caught:
        import_document(path)
    return caught.value


@pytest.mark.parametrize(
    ("name", "data", "english", "chinese"),
    [
        ("empty.txt", b"  \n", "empty.txt is empty", "empty.txt 是空文件"),
        ("fake.pdf", "不是PDF".encode(), "is not a PDF", "不是 PDF 文件"),
        ("zip.txt", b"PK\x03\x04rest", "is a zip archive", "zip 压缩文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "is an old Word (.doc) file", "旧版 Word 或 WPS"),
        ("bin.txt", b"a\x00b", "is binary data, not text", "二进制数据"),
        (
            "one.txt",
            "随便写的一句话".encode(),
            "cannot find the body",
            "找不到条目“随便写的一句话”的正文",
        ),
    ],
)
def test_each_refusal_keeps_its_english_and_can_be_said_in_chinese(
    tmp_path, name, data, english, chinese
):
    path = tmp_path / name
    path.write_bytes(data)
    error = refused(path)
    assert english in str(error)
    assert error.key is not None
    said = spoken(error, words("zh"))
    assert chinese in said
    assert str(path) in said  # the file is still named


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """第5期 (already in the archive), a file that is not a PDF, a line that is no bulletin."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "第5期.txt").write_text(SMALL_ISSUE_TEXT.read_text(encoding="utf-8"), "utf-8")
    (folder / "not-a-pdf.pdf").write_text("这不是PDF文件", encoding="utf-8")
    (folder / "随笔.txt").write_text("随便写的一句话", encoding="utf-8")
    return folder


def test_the_command_line_speaks_english_unless_told_zh(
    archive: Archive, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    english = run("import", "--archive", str(archive.root), "--dry-run", str(folder))
    assert english.exit_code == 1
    assert english.stderr.splitlines() == [
        f"bulletin: {folder / 'not-a-pdf.pdf'} is not a PDF (it does not start as one)",
        f"bulletin: {archive.root / '工作动态-2024-005.toml'} already exists; use --force to "
        "replace it or --skip-existing",
        f"bulletin: {folder / '随笔.txt'}: cannot find the body of the item “随便写的一句话”",
    ]
    told = [
        run("import", "--archive", str(archive.root), "--dry-run", "--lang", "zh", str(folder)),
        run("--lang", "zh", "import", "--archive", str(archive.root), "--dry-run", str(folder)),
    ]
    monkeypatch.setenv("BULLETIN_LANG", "zh")  # as for bulletin lint
    told.append(run("import", "--archive", str(archive.root), "--dry-run", str(folder)))
    for zh in told:
        assert zh.exit_code == 1
        assert zh.stderr.splitlines() == [
            f"bulletin: {folder / 'not-a-pdf.pdf'} 不是 PDF 文件（文件开头不是 PDF 格式）",
            f"bulletin: {archive.root / '工作动态-2024-005.toml'} 已存在；用 --force 替换，"
            "或用 --skip-existing 跳过",
            f"bulletin: {folder / '随笔.txt'}：找不到条目“随便写的一句话”的正文",
        ]
        assert "不是 PDF 文件" in zh.stdout  # the table too
        assert "is not a PDF" not in zh.stdout


def test_the_screen_describes_a_refused_document_in_its_language(tmp_path):
    from bulletin_tui.tui.explain import describe
    from bulletin_tui.tui.i18n import choose_language

    path = tmp_path / "fake.pdf"
    path.write_text("不是PDF", encoding="utf-8")
    error = refused(path)
    try:
        choose_language("zh")
        assert describe(error) == f"{path} 不是 PDF 文件（文件开头不是 PDF 格式）"
        choose_language("en")
        assert describe(error) == f"{path} is not a PDF (it does not start as one)"
    finally:
        choose_language("zh")


def test_a_file_that_cannot_be_read_is_said_in_chinese_without_english(
    archive: Archive, tmp_path: Path
):
    from bulletin_tui.documents.reading import MAX_TEXT_BYTES

    pipe = tmp_path / "管道.txt"
    os.mkfifo(pipe)
    big = tmp_path / "大文件.txt"
    big.write_bytes(b" " * (MAX_TEXT_BYTES + 1))
    megabytes = MAX_TEXT_BYTES // (1024 * 1024)
    for path, chinese, english in (
        (
            pipe,
            "不是普通文件（管道、设备、文件夹一律不读），未导入",
            "is not a regular file (a pipe, device or folder is never read)",
        ),
        (big, f"大于 {megabytes} MB，未导入", f"is larger than {megabytes} MB"),
    ):
        said = run("import", "--archive", str(archive.root), "--lang", "zh", str(path))
        assert said.exit_code == 1
        assert said.stderr == f"bulletin: {path} {chinese}\n"
        english_run = run("import", "--archive", str(archive.root), str(path))
        assert english_run.stderr == f"bulletin: {path} {english}; nothing was imported\n"


def test_the_screen_says_why_a_file_cannot_be_read_in_its_language(tmp_path):
    from bulletin_tui.archive import read_file
    from bulletin_tui.errors import IssueFileError
    from bulletin_tui.tui.explain import describe
    from bulletin_tui.tui.i18n import choose_language

    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    errors = []
    for path in (pipe, tmp_path / "gone.toml"):
        with pytest.raises(IssueFileError) as caught:
            read_file(path)
        errors.append(pickle.loads(pickle.dumps(caught.value)))  # the key survives a process
    try:
        choose_language("zh")
        assert [describe(error) for error in errors] == [
            f"{pipe}：文件无法读取（不是普通文件（管道、设备、文件夹一律不读））",
            f"{tmp_path / 'gone.toml'}：文件无法读取（不存在）",
        ]
        choose_language("en")
        assert "is not a regular file (a pipe, device" in describe(errors[0])
    finally:
        choose_language("zh")

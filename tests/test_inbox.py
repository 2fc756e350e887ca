"""Submissions (来稿): intake of Word, PDF, text and mail; list, show, adopt, decline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.archive import Archive
from bulletin_tui.cli import cli
from bulletin_tui.tomlfile import read_issue

TITLE = "县水利局扎实推进冬春农田水利建设"
BODY = (
    "入冬以来，县水利局紧盯农田水利基本建设目标，统筹推进“五水共治”。",
    "截至目前，共完成投资1.2亿元，新打机井126眼（含改造）。",
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def add(archive: Archive, *files: Path, extra: tuple[str, ...] = ()) -> list[dict]:
    result = run("inbox", "add", "--archive", str(archive.root), "--received", "2024-04-08",
                 "--json", *extra, *map(str, files))  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def make_docx(path: Path, paragraphs: list[tuple[str, dict]]) -> Path:
    """A Word file as offices write them: centred bold title, a byline, indented body."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    for text, look in paragraphs:
        paragraph = document.add_paragraph()
        run_ = paragraph.add_run(text)
        run_.bold = look.get("bold", False)
        if "size" in look:
            run_.font.size = Pt(look["size"])
        if look.get("centred"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if look.get("indent"):
            paragraph.paragraph_format.first_line_indent = Pt(32)
    document.save(str(path))
    return path


def water_docx(path: Path, title: str = TITLE) -> Path:
    return make_docx(path, [
        (title, {"bold": True, "centred": True, "size": 22}),
        ("县水利局　张华", {"centred": True, "size": 16}),
        *[(paragraph, {"indent": True, "size": 16}) for paragraph in BODY],
    ])  # fmt: skip


def expected(**changes: object) -> dict:
    data = {"title": TITLE, "source": "县水利局", "author": "张华", "body": "\n\n".join(BODY),
            "received": "2024-04-08", "status": "new"}  # fmt: skip
    data.update(changes)
    return data


def without_place(found: dict) -> dict:
    return {key: value for key, value in found.items() if key not in ("id", "path")}


# -- intake -----------------------------------------------------------------------------------


def test_a_word_file_gives_headline_unit_author_and_paragraphs(archive, tmp_path):
    [found] = add(archive, water_docx(tmp_path / "水利信息.docx"))
    assert without_place(found) == expected()
    assert found["id"] == "20240408-001"
    kept = archive.root / "inbox" / "originals" / "20240408-001-水利信息.docx"
    assert kept.read_bytes() == (tmp_path / "水利信息.docx").read_bytes()
    stored = (archive.root / "inbox" / "20240408-001.toml").read_text(encoding="utf-8")
    assert 'status = "new"' in stored
    assert 'original = "originals/20240408-001-水利信息.docx"' in stored


def test_gb18030_text_with_crlf_and_a_closing_attribution(archive, tmp_path):
    text = f"{TITLE}\r\n\r\n　　{BODY[0]}\r\n\r\n　　{BODY[1]}（县水利局　张华）\r\n"
    path = tmp_path / "来稿.txt"
    path.write_bytes(text.encode("gb18030"))
    [found] = add(archive, path)
    assert without_place(found) == expected()


@pytest.mark.parametrize(
    ("lines", "source", "author"),
    [
        (["供稿单位：县水利局", "撰稿：张华"], "县水利局", "张华"),
        (["报送单位：县水利局　　撰稿：张华", "联系电话：13800000000"], "县水利局", "张华"),
        (["（县水利局供稿）"], "县水利局", ""),
    ],
)
def test_label_lines_and_closings_name_the_unit(archive, tmp_path, lines, source, author):
    path = tmp_path / "labels.txt"
    path.write_text("\n".join([TITLE, "", *BODY, "", *lines]) + "\n", encoding="utf-8")
    [found] = add(archive, path)
    assert (found["title"], found["body"]) == (TITLE, "\n\n".join(BODY))
    assert (found["source"], found["author"]) == (source, author)


def test_a_saved_mail_gives_a_submission_per_attachment(archive, tmp_path):
    mail = EmailMessage()
    mail["From"] = "县水利局 <shuili@example.cn>"
    mail["To"] = "xinxi@example.cn"
    mail["Subject"] = "报送信息"
    mail.set_content("请审阅附件。")
    document = water_docx(tmp_path / "附件.docx").read_bytes()
    mail.add_attachment(document, maintype="application",
                        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                        filename="水利信息.docx")  # fmt: skip
    mail.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="photo.png")
    path = tmp_path / "来稿.eml"
    path.write_bytes(bytes(mail))
    result = run("inbox", "add", "--archive", str(archive.root), "--received", "2024-04-08",
                 "--json", str(path))  # fmt: skip
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    assert without_place(found) == expected()
    assert "photo.png was left out" in result.stderr
    kept = archive.root / "inbox" / "originals" / "20240408-001-水利信息.docx"
    assert kept.read_bytes() == document


def test_a_mail_without_attachments_gives_its_text(archive, tmp_path):
    mail = EmailMessage()
    mail["From"] = "城关镇 <cgz@example.cn>"
    mail["Subject"] = "城关镇开展冬季安全生产大检查"
    mail.set_content("近日，城关镇组织开展冬季安全生产大检查。\n\n共排查隐患12处，已整改10处。\n")
    path = tmp_path / "text.eml"
    path.write_bytes(bytes(mail))
    [found] = add(archive, path)
    assert found["title"] == "城关镇开展冬季安全生产大检查"
    assert (
        found["body"] == "近日，城关镇组织开展冬季安全生产大检查。\n\n共排查隐患12处，已整改10处。"
    )
    assert found["source"] == "城关镇"  # the sender, as no unit is named in the text


def test_a_pdf_submission(archive, tmp_path):
    from tests.docmaker import PrintedLine, Run, make_pdf

    lines = [
        PrintedLine((Run(TITLE, bold=True),), centred=True, size=22),
        PrintedLine((Run("县水利局　张华"),), centred=True),
        PrintedLine((Run(BODY[0][:26]),), indent=2),
        PrintedLine((Run(BODY[0][26:]),)),
        PrintedLine((Run(BODY[1][:26]),), indent=2),
        PrintedLine((Run(BODY[1][26:]),)),
    ]
    path = tmp_path / "信息.pdf"
    path.write_bytes(make_pdf(lines))
    [found] = add(archive, path)
    assert without_place(found) == expected()


def test_source_overrides_and_bad_files_write_nothing(archive, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{TITLE}\n{BODY[0]}（水利局）\n", encoding="utf-8")
    [found] = add(archive, path, extra=("--source", "县水利局"))
    assert found["source"] == "县水利局"
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    for bad in ("empty.txt", "old.doc"):
        result = run("inbox", "add", "--archive", str(archive.root), str(path),
                     str(tmp_path / bad))  # fmt: skip
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in (archive.root / "inbox").glob("*.toml")) == [
        found["id"] + ".toml"
    ]


# -- the inbox and the archive ---------------------------------------------------------------


def test_the_inbox_is_not_read_as_issues(archive, tmp_path):
    add(archive, water_docx(tmp_path / "a.docx"))
    listing = json.loads(run("list", "--archive", str(archive.root), "--json").stdout)
    assert len(listing["issues"]) == 1
    assert listing["broken"] == []
    assert run("check", "--archive", str(archive.root)).exit_code == 0


def test_the_inbox_folder_can_be_renamed(archive, tmp_path):
    (archive.root / "bulletin.toml").write_text('[inbox]\nfolder = "来稿"\n', encoding="utf-8")
    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    assert Path(found["path"]).parent == archive.root / "来稿"
    assert run("check", "--archive", str(archive.root)).exit_code == 0
    (archive.root / "bulletin.toml").write_text('[inbox]\nfolder = "../x"\n', encoding="utf-8")
    assert "inbox folder must be a folder name" in run("stats", "--archive",
                                                       str(archive.root)).stderr  # fmt: skip


def test_a_broken_submission_is_listed_and_never_written(archive, tmp_path):
    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    path = Path(found["path"])
    text = path.read_text(encoding="utf-8").replace('status = "new"', 'status = "maybe"')
    path.write_text(text, encoding="utf-8")
    listed = json.loads(run("inbox", "list", "--archive", str(archive.root), "--json").stdout)
    assert listed["submissions"] == []
    line = text.splitlines().index('status = "maybe"') + 1
    assert listed["broken"] == [{"path": str(path), "line": line,
                                 "reason": "status must be new or declined, not 'maybe' "
                                           "(adopted is derived)"}]  # fmt: skip
    for args in (["decline", found["id"]], ["adopt", found["id"], "工作动态-2024-005",
                                            "--section", "助企服务"]):  # fmt: skip
        result = run("inbox", *args, "--archive", str(archive.root))
        assert result.exit_code == 1
        assert f"{path}:{line}:" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def issue_path(archive: Archive) -> Path:
    return archive.root / "工作动态-2024-005.toml"


def test_adopt_puts_the_item_into_the_issue_once(archive, tmp_path):
    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    root = str(archive.root)
    result = run("inbox", "adopt", found["id"], "工作动态-2024-005", "--section", "水利建设",
                 "--archive", root)  # fmt: skip
    assert result.exit_code == 0, result.output
    issue = read_issue(issue_path(archive).read_bytes(), issue_path(archive))
    adopted = issue.section_named("水利建设").items
    assert [(i.title, i.source, i.author, i.body, i.submission) for i in adopted] == [
        (TITLE, "县水利局", "张华", BODY, found["id"])
    ]
    assert f'submission = "{found["id"]}"' in issue_path(archive).read_text(encoding="utf-8")
    before = issue_path(archive).read_bytes()
    again = run("inbox", "adopt", found["id"], "工作动态-2024-005", "--section", "助企服务",
                "--archive", root)  # fmt: skip
    assert again.exit_code == 1
    assert "already adopted" in again.stderr
    assert issue_path(archive).read_bytes() == before
    listed = {s["id"]: s["status"] for s in json.loads(
        run("inbox", "list", "--status", "all", "--json", "--archive", root).stdout
    )["submissions"]}  # fmt: skip
    assert listed == {found["id"]: "adopted"}
    assert json.loads(run("inbox", "list", "--json", "--archive", root).stdout)["submissions"] == []


def test_deleting_the_adopted_item_makes_the_submission_new_again(archive, tmp_path):
    from bulletin_tui.edits import RemoveItem

    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    root = str(archive.root)
    run(
        "inbox",
        "adopt",
        found["id"],
        "工作动态-2024-005",
        "--section",
        "水利建设",
        "--archive",
        root,
    )
    archive.edit(archive.load(issue_path(archive)), RemoveItem("水利建设", TITLE).apply)
    shown = json.loads(run("inbox", "show", found["id"], "--json", "--archive", root).stdout)
    assert shown["status"] == "new"


def test_editing_an_adopted_item_keeps_its_submission(archive, tmp_path):
    from dataclasses import replace

    from bulletin_tui.edits import ReplaceItem

    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    run("inbox", "adopt", found["id"], "工作动态-2024-005", "--section", "水利建设",
        "--archive", str(archive.root))  # fmt: skip
    issue_file = archive.load(issue_path(archive))
    item = issue_file.issue.section_named("水利建设").items[0]
    edited = replace(item, title="改过的标题", submission="")  # as the item form gives it back
    saved = archive.edit(issue_file, ReplaceItem("水利建设", TITLE, edited, "水利建设").apply)
    assert saved.issue.section_named("水利建设").items[0].submission == found["id"]


def test_adopt_and_decline_refuse_bad_input_with_one_sentence(archive, tmp_path):
    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    root = str(archive.root)
    broken = archive.root / "broken.toml"
    broken.write_text("format = 1\n[issue\n", encoding="utf-8")
    cases = [
        (["adopt", "20990101-001", "工作动态-2024-005", "--section", "甲"], "no submission"),
        (["adopt", found["id"], "broken", "--section", "甲"], "broken.toml:2"),
        (["adopt", found["id"], "nowhere", "--section", "甲"], "no issue file"),
        (["decline", "../etc", "--note", "x"], "no submission"),
    ]
    before = {p: p.read_bytes() for p in archive.root.rglob("*.toml")}
    for args, said in cases:
        result = run("inbox", *args, "--archive", root)
        assert result.exit_code == 1, args
        assert said in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in archive.root.rglob("*.toml")} == before


def test_decline_with_a_note_and_list_by_status(archive, tmp_path):
    second_docx = water_docx(tmp_path / "b.docx", title=f"{TITLE}（二）")
    first, second = add(archive, water_docx(tmp_path / "a.docx"), second_docx)
    root = str(archive.root)
    result = run("inbox", "decline", first["id"], "--note", "内容重复", "--archive", root)
    assert result.exit_code == 0, result.output
    text = Path(first["path"]).read_text(encoding="utf-8")
    assert 'status = "declined"' in text
    assert 'note = "内容重复"' in text

    def ids(status: str) -> list[str]:
        out = run("inbox", "list", "--status", status, "--json", "--archive", root).stdout
        return [s["id"] for s in json.loads(out)["submissions"]]

    assert ids("declined") == [first["id"]]
    assert ids("new") == [second["id"]]
    assert sorted(ids("all")) == [first["id"], second["id"]]
    shown = run("inbox", "show", first["id"], "--archive", root).stdout
    assert "declined" in shown
    assert "note: 内容重复" in shown
    assert f"　　{BODY[1]}（县水利局 张华）" in shown


# -- statistics ------------------------------------------------------------------------------


def test_stats_count_submitted_and_the_rate(archive, tmp_path):
    root = str(archive.root)
    found = add(archive, *[water_docx(tmp_path / f"{n}.docx", f"{TITLE}{n}") for n in range(4)])
    path = tmp_path / "kfq.txt"
    path.write_text(f"开发区招商引资取得新成效\n{BODY[0]}\n（开发区）\n", encoding="utf-8")
    [kfq] = add(archive, path)
    run("inbox", "adopt", found[0]["id"], "工作动态-2024-005", "--section", "甲", "--archive", root)
    run("inbox", "decline", found[1]["id"], "--archive", root)
    run("inbox", "adopt", kfq["id"], "工作动态-2024-005", "--section", "甲", "--archive", root)
    rows = {r["key"]: r for r in json.loads(run("stats", "--json", "--archive", root).stdout)}
    assert rows["县水利局"] == {"key": "县水利局", "items": 1, "score": 1, "submitted": 4,
                               "rate": 0.25}  # fmt: skip
    # 开发区 had an item before the inbox existed: it counts as submitted and adopted
    assert rows["开发区"] == {"key": "开发区", "items": 2, "score": 2, "submitted": 2, "rate": 1.0}
    by_rate = json.loads(run("stats", "--json", "--by-rate", "--archive", root).stdout)
    assert by_rate[-1]["key"] == "县水利局"
    assert [r["rate"] for r in by_rate] == sorted((r["rate"] for r in by_rate), reverse=True)
    table = run("stats", "--archive", root).stdout
    assert "submitted" in table
    assert "25%" in table
    later = json.loads(run("stats", "--json", "--from", "2024-04-11", "--archive", root).stdout)
    assert later == []  # the issue and the submissions are all from before
    # up to the 9th: the submissions not adopted (received on the 8th), not the issue (10th)
    earlier = json.loads(run("stats", "--json", "--to", "2024-04-09", "--archive", root).stdout)
    assert earlier == [{"key": "县水利局", "items": 0, "score": 0, "submitted": 3, "rate": 0.0}]


# -- two processes at once -------------------------------------------------------------------


def _adopt_process(root: Path, submission_id: str, issue: str, section: str) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("BULLETIN_ARCHIVE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bulletin_tui", "inbox", "adopt", submission_id, issue,
         "--section", section, "--archive", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


@pytest.mark.parametrize("other_issue", [False, True])
def test_two_processes_adopting_one_submission_adopt_it_once(archive, tmp_path, other_issue):
    from tests.conftest import small_issue

    [found] = add(archive, water_docx(tmp_path / "a.docx"))
    second = archive.create(small_issue(number=6)).path.stem if other_issue else "工作动态-2024-005"
    processes = [
        _adopt_process(archive.root, found["id"], "工作动态-2024-005", "甲"),
        _adopt_process(archive.root, found["id"], second, "乙"),
    ]
    results = [(p.wait(timeout=60), p.stdout.read(), p.stderr.read()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert sorted(code for code, _, _ in results) == [0, 1], results
    loser = next(err for code, _, err in results if code == 1)
    assert "already adopted" in loser or "changed by another program" in loser
    copies = [
        item
        for path in archive.root.glob("*.toml")
        for item in read_issue(path.read_bytes(), path).items
        if item.submission == found["id"]
    ]
    assert len(copies) == 1


def test_blank_lines_between_every_line_and_labels_at_the_end(archive, tmp_path):
    lines = [TITLE, *BODY, "供稿单位：县水利局", "撰稿：张华", "联系电话：13800000000"]
    path = tmp_path / "spaced.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    [found] = add(archive, path)
    assert without_place(found) == expected()


@pytest.mark.parametrize(
    ("text", "title", "body", "source", "author"),
    [
        ("县水利局推进水利建设\n县水利局　通讯员　张华\n"
         "　　入冬以来，完成投资。\n　　新打机井126眼。\n",
         "县水利局推进水利建设", ("入冬以来，完成投资。", "新打机井126眼。"), "县水利局", "张华"),
        ("县水利局推进水利建设\n　　入冬以来，完成投资。\n"
         "　　新打机井126眼。\n县水利局\n2024年4月8日\n",
         "县水利局推进水利建设", ("入冬以来，完成投资。", "新打机井126眼。"), "县水利局", ""),
        ("县水利局推进水利建设\n2024年4月8日\n　　入冬以来，完成投资。（县水利局 张华 李明）\n",
         "县水利局推进水利建设", ("入冬以来，完成投资。",), "县水利局", "张华 李明"),
        ("报送单位：城关镇人民政府\n城关镇开展安全检查\n"
         "　　近日开展检查。\n撰稿人：李明\n审核：王五\n",
         "城关镇开展安全检查", ("近日开展检查。",), "城关镇人民政府", "李明"),
        ("王庄村修好了路\n王庄村　赵六\n　　近日，王庄村修路。\n",
         "王庄村修好了路", ("近日，王庄村修路。",), "王庄村", "赵六"),
        ("县水利局推进水利建设\n　　入冬以来，完成投资。（供稿：县水利局 张华）\n",
         "县水利局推进水利建设", ("入冬以来，完成投资。",), "县水利局", "张华"),
        ("关于县水利局\n推进水利建设的情况\n县水利局　张华\n　　入冬以来，完成投资。\n",
         "关于县水利局推进水利建设的情况", ("入冬以来，完成投资。",), "县水利局", "张华"),
    ],
    ids=["role", "sign-off", "dateline", "labels", "village", "labelled-closing", "two-lines"],
)  # fmt: skip
def test_ways_offices_write_their_submissions(archive, tmp_path, text, title, body, source,
                                              author):  # fmt: skip
    path = tmp_path / "sub.txt"
    path.write_text(text, encoding="utf-8")
    [found] = add(archive, path)
    assert (found["title"], tuple(found["body"].split("\n\n")), found["source"],
            found["author"]) == (title, body, source, author)  # fmt: skip


def test_the_same_document_twice_is_taken_in_once(archive, tmp_path):
    first = water_docx(tmp_path / "水利局.docx")
    [found] = add(archive, first)
    text = tmp_path / "水利局（再发）.txt"  # the same item again, as text this time
    text.write_text("\n".join((TITLE, "县水利局　张华", *BODY)) + "\n", encoding="utf-8")
    result = run("inbox", "add", "--archive", str(archive.root), "--received", "2024-04-09",
                 str(first), str(text))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2
    assert all(found["id"] in line and "not taken in again" in line for line in warnings)
    assert len(list((archive.root / "inbox").glob("*.toml"))) == 1
    # twice in one intake: the second is left out, naming the first
    other = tmp_path / "other.txt"
    other.write_text(f"另一篇稿件的标题\n{BODY[0]}（县农业农村局）\n", encoding="utf-8")
    result = run("inbox", "add", "--archive", str(archive.root), str(other), str(other))
    assert result.exit_code == 0, result.output
    assert f"already in {other.name}, taken in now; not taken in again" in result.stderr
    assert len(list((archive.root / "inbox").glob("*.toml"))) == 2
    [again] = add(archive, first, extra=("--again",))
    assert again["id"] != found["id"]
    assert without_place(again) == without_place(found)

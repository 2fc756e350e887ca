"""``bulletin lint``: the findings, their JSON, exit status, settings, and ``--fix``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.cli import cli
from bulletin_tui.proofread import check

BUNDLED = Path(__file__).parent.parent / "issues" / "工作动态-2024-005.toml"
KEYS = ["path", "issue", "section", "title", "field", "offset", "length", "rule", "severity",
        "message", "excerpt", "fix"]  # fmt: skip


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def issue_text(number: int, items: list[tuple[str, str, str]], *, section: str = "综合") -> str:
    """An issue file as an office might write it by hand, comments and all."""
    lines = [f"# 政务信息 第{number}期", "format = 1", "", "[issue]", 'series = "政务信息"  # 报头',
             f"number = {number}", "date = 2024-05-20", ""]  # fmt: skip
    lines += ["[[section]]", f'name = "{section}"', ""]
    for title, source, body in items:
        lines += ["# 来稿", "[[section.item]]", f'title = "{title}"', f'source = "{source}"',
                  'body = """', body + '"""', ""]  # fmt: skip
    return "\n".join(lines)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / BUNDLED.name)
    return folder


def test_the_bundled_issue_gives_its_one_error_as_json_in_the_shape_promised(folder):
    result = run("lint", "--archive", str(folder), "--json", "--lang", "en")
    assert result.exit_code == 1
    findings = json.loads(result.output)
    assert [list(finding) for finding in findings] == [KEYS]
    finding = findings[0]
    body = finding.pop("message"), finding.pop("excerpt")
    assert finding == {
        "path": str(folder / BUNDLED.name), "issue": "工作动态 2024年第5期", "section": "民生保障",
        "title": "县教体局全力打造数字化校园再获全省教育系统网络安全称号", "field": "body",
        "offset": 124, "length": 1, "rule": "half-width-punct", "severity": "error", "fix": "，",
    }  # fmt: skip
    assert body[0] == "half-width “,” in Chinese text; use the full-width “，”"
    assert "新形态,开展" in body[1]


def test_offsets_count_characters_of_the_field_as_stored(folder):
    findings = json.loads(run("lint", "--archive", str(folder), "--json").output)
    text = next(
        item["body"]
        for section in __import__("tomllib").loads(BUNDLED.read_text(encoding="utf-8"))["section"]
        for item in section.get("item", [])
        if item["title"] == findings[0]["title"]
    )
    assert text[findings[0]["offset"]] == ","


def test_the_table_shows_issue_item_the_marked_spot_and_the_message(folder):
    result = run("lint", "--archive", str(folder), "--lang", "zh")
    assert result.exit_code == 1
    assert "工作动态 2024年第5期" in result.output
    assert "县教体局全力打造数字化校园再…" in result.output
    assert "新形态⟦,⟧开展" in result.output
    assert "中文里用了半角标点“,”，应为全角“，”" in result.output


def test_a_clean_archive_exits_0_and_says_so(folder):
    result = run("lint", "--archive", str(folder), "--rules", "ellipsis,term", "--lang", "en")
    assert result.exit_code == 0
    assert result.output == "no problems found (1 issues)\n"


def test_an_unknown_rule_is_one_sentence_and_exit_1(folder):
    result = CliRunner().invoke(cli, ["lint", "--archive", str(folder), "--rules", "comma"])
    assert result.exit_code == 1
    assert "--rules names no rule “comma”" in result.output


def test_rules_switched_off_in_the_settings_are_not_reported(folder):
    (folder / "bulletin.toml").write_text('[lint]\noff = ["half-width-punct"]\n', encoding="utf-8")
    assert run("lint", "--archive", str(folder), "--json").output.strip() == "[]"


def test_bad_lint_settings_are_one_sentence_and_exit_1(folder):
    (folder / "bulletin.toml").write_text("[lint]\ntitle_max = 0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--archive", str(folder)])
    assert result.exit_code == 1
    assert "bulletin.toml:2: lint.title_max must be a whole number of 1 or more" in result.output


def test_office_terms_and_the_headline_limit_come_from_the_settings(folder):
    (folder / "bulletin.toml").write_text(
        '[lint]\ntitle_max = 20\n\n[lint.terms]\n"农行" = "农业银行"\n', encoding="utf-8"
    )
    findings = json.loads(run("lint", "--archive", str(folder), "--json").output)
    rules = [(f["rule"], f["title"][:6]) for f in findings]
    assert ("term", "县开发区全力") in rules
    assert ("title-length", "县城市管理局") in rules
    term = next(f for f in findings if f["rule"] == "term")
    assert (term["excerpt"].count("农行"), term["fix"]) == (1, "农业银行")


def test_a_broken_file_is_reported_as_an_error_and_the_rest_is_linted(folder):
    (folder / "bad.toml").write_text("format = 1\n[issue\n", encoding="utf-8")
    result = run("lint", "--archive", str(folder), "--json", "--lang", "en")
    findings = json.loads(result.output)
    assert result.exit_code == 1
    assert findings[0]["rule"] == "broken-file"
    assert findings[0]["path"].endswith("bad.toml")
    assert findings[0]["message"].startswith("the file cannot be read: line 2: TOML syntax error")
    assert findings[1]["rule"] == "half-width-punct"


def test_archive_wide_warnings(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    body = "聚焦重点企业，持续开展银企对接。"
    (folder / "a.toml").write_text(issue_text(3, [("县开发区做好融资服务", "县教体局", body),
                                                  ("县水利局完成河道整治", "县水利局", body)]),
                                   encoding="utf-8")  # fmt: skip
    (folder / "b.toml").write_text(issue_text(3, [("县开发区做好融资服务", "教体局", body)]),
                                   encoding="utf-8")  # fmt: skip
    (folder / "c.toml").write_text(issue_text(4, [("县水利局完成防汛演练", "县教体局", body)]),
                                   encoding="utf-8")  # fmt: skip
    findings = json.loads(run("lint", "--archive", str(folder), "--json").output)
    found = sorted((Path(f["path"]).name, f["rule"], f["field"]) for f in findings)
    assert found == [
        ("a.toml", "duplicate-number", "number"),
        ("b.toml", "duplicate-number", "number"),
        ("b.toml", "duplicate-title", "title"),
        ("b.toml", "unknown-unit", "source"),
    ]
    # naming one issue still compares it with the whole archive (through the index cache)
    named = json.loads(run("lint", "b", "--archive", str(folder), "--json").output)
    assert sorted(f["rule"] for f in named) == ["duplicate-number", "duplicate-title",
                                                 "unknown-unit"]  # fmt: skip


# -- --fix ------------------------------------------------------------------------------------


def test_fix_applies_the_safe_fixes_keeps_comments_and_prints_the_diff(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "a.toml"
    body = "2024 年,共帮助9家企业，，做为重点。\n\n“三个课堂”全覆盖"
    before = issue_text(1, [("县开发区做好融资服务。", "开发区", body)])
    path.write_text(before, encoding="utf-8")
    result = run("lint", "--archive", str(folder), "--fix", "--lang", "en")
    after = path.read_text(encoding="utf-8")
    assert 'title = "县开发区做好融资服务"' in after
    assert "2024年，共帮助9家企业，作为重点。\n\n“三个课堂”全覆盖" in after
    assert after.count("# 来稿") == 1
    assert 'series = "政务信息"  # 报头' in after
    assert (
        before.replace("县开发区做好融资服务。", "县开发区做好融资服务").replace(
            "2024 年,共帮助9家企业，，做为重点。", "2024年，共帮助9家企业，作为重点。"
        )
        == after
    )  # nothing else in the file changed
    assert '-title = "县开发区做好融资服务。"' in result.output
    assert '+title = "县开发区做好融资服务"' in result.output
    assert "fixed 1 files" in result.output
    # what has no safe fix is left, and reported: the paragraph without a final mark
    assert "paragraph-end" in result.output
    assert result.exit_code == 0  # a warning is left, no error


def test_dry_run_prints_the_diff_and_writes_nothing(folder):
    path = folder / BUNDLED.name
    before = path.read_bytes()
    result = run("lint", "--archive", str(folder), "--fix", "--dry-run", "--lang", "en")
    assert path.read_bytes() == before
    assert "-以“延津县" in result.output
    assert "新形态，开展" in result.output
    assert "would fix 1 files (--dry-run: nothing written)" in result.output
    assert result.exit_code == 0  # as it would be once fixed


def test_dry_run_without_fix_is_a_usage_error(folder):
    assert CliRunner().invoke(cli, ["lint", "--archive", str(folder), "--dry-run"]).exit_code == 2


def test_fix_refuses_a_file_changed_on_disk_after_it_was_read(folder, monkeypatch):
    path = folder / BUNDLED.name
    changed_by_someone = path.read_bytes() + "# 另一位编辑刚加的注释\n".encode()
    real_read = check.read_for_lint

    def read_then_someone_edits(file: Path):
        read = real_read(file)
        file.write_bytes(changed_by_someone)
        return read

    monkeypatch.setattr(check, "read_for_lint", read_then_someone_edits)
    result = CliRunner().invoke(cli, ["lint", "--archive", str(folder), "--fix"])
    assert result.exit_code == 1
    assert "was changed by another program" in result.output
    assert path.read_bytes() == changed_by_someone


def test_fix_as_a_real_process(tmp_path, folder):
    path = folder / BUNDLED.name
    script = Path(sys.executable).parent / "bulletin"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bulletin_tui"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BULLETIN_CACHE": str(tmp_path / "c")}
    first = subprocess.run([*command, "lint", "--archive", str(folder)], capture_output=True,
                           text=True, env=env)  # fmt: skip
    assert first.returncode == 1
    assert "half-width-punct" in first.stdout
    fixed = subprocess.run([*command, "lint", "--archive", str(folder), "--fix"],
                           capture_output=True, text=True, env=env)  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr
    assert "新形态，开展" in path.read_text(encoding="utf-8")


def test_control_characters_of_a_field_never_reach_the_terminal(folder):
    title = "标题\\u001b[31m红色,文字"  # TOML escapes: the field holds ESC and BEL
    body = "正文\\u001b]0;窗口标题\\u0007有半角逗号,这里。"
    (folder / "esc.toml").write_text(issue_text(9, [(title, "县发改委", body)]), encoding="utf-8")
    result = run("lint", "--archive", str(folder), "--lang", "en")
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "标题\\x1b[31m红色" in result.output
    assert "\\x07有半角逗号⟦,⟧这里" in result.output


def test_output_cut_short_by_its_reader_ends_quietly(folder):
    (folder / BUNDLED.name).unlink()  # a clean archive: exit 0 unless the pipe is noticed
    (folder / "clean.toml").write_text(
        issue_text(3, [("县里召开会议", "县发改委", "会议部署了工作。")]), encoding="utf-8"
    )
    command = [sys.executable, "-m", "bulletin_tui", "lint", "--json", "--archive", str(folder)]
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line, as `| head -0`
    try:
        done = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE, check=False)
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 1  # the output was not all written

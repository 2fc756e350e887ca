"""The command line, through click's runner and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin_tui.cli import cli


def run(*args: str, input: str | bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "archive"


def new_issue(folder: Path, *extra: str) -> Path:
    result = run("new", "--archive", str(folder), "--series", "工作动态", "--number", "5",
                 "--date", "2024-04-10", *extra)  # fmt: skip
    assert result.exit_code == 0, result.output
    return Path(result.output.strip())


def test_new_add_show_round_trip_the_exact_text_of_every_field(folder):
    fields = {
        "series": '工作"动态" \\ [bold]',
        "publisher": "中共延津县委办公室（综合科）",
        "section": "【不是标记】[/]",
        "title": "潭龙街道提升12345公共服务热线办理质效 \"\"\" '''",
        "source": "县水利局",
        "author": "张华",
        "body": '第一段，含“引号”和\\反斜杠。\n\n第二段\t[red]红[/red]\n\n第三段"""',
    }
    created = run(
        "new", "--archive", str(folder), "--series", fields["series"], "--number", "7",
        "--total", "186", "--date", "2024年6月18日", "--publisher", fields["publisher"],
        "--copies", "80", "--distribution", "报：市委办公室",
        "--distribution", "本期发：县委常委，各乡（镇）政府、街道办事处主要领导。",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    path = created.output.strip()
    added = run(
        "add", path, "--archive", str(folder), "--section", fields["section"],
        "--title", fields["title"], "--source", fields["source"], "--author", fields["author"],
        "--body-file", "-", input=fields["body"].encode("utf-8"),
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    shown = json.loads(run("show", path, "--json", "--archive", str(folder)).output)
    assert shown["format"] == 1
    assert shown["issue"] == {
        "series": fields["series"],
        "number": 7,
        "total": 186,
        "date": "2024-06-18",
        "publisher": fields["publisher"],
        "copies": 80,
    }
    assert shown["distribution"] == [
        {"label": "报", "to": ["市委办公室"]},
        {"label": "本期发", "to": ["县委常委", "各乡（镇）政府、街道办事处主要领导"]},
    ]
    [section] = shown["section"]
    assert section["name"] == fields["section"]
    assert section["item"] == [
        {
            "title": fields["title"],
            "source": fields["source"],
            "author": fields["author"],
            "body": fields["body"],
        }
    ]


def test_add_reads_a_gb18030_body_file(folder, tmp_path):
    path = new_issue(folder)
    body = tmp_path / "body.txt"
    body.write_bytes("聚焦辖区内重点企业。\r\n\r\n第二段。\r\n".encode("gb18030"))
    result = run("add", str(path), "--section", "助企服务", "--title", "标题", "--source", "开发区",
                 "--body-file", str(body), "--archive", str(folder))  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(run("show", str(path), "--json").output)
    assert shown["section"][0]["item"][0]["body"] == "聚焦辖区内重点企业。\n\n第二段。"


def test_list_human_and_json(folder):
    path = new_issue(folder, "--publisher", "县委办")
    human = run("list", "--archive", str(folder))
    assert human.exit_code == 0
    assert "2024-04-10" in human.output
    assert "第5期" in human.output
    assert str(path) in human.output
    data = json.loads(run("--archive", str(folder), "list", "--json").output)
    assert data["broken"] == []
    assert data["issues"][0]["path"] == str(path)
    assert data["issues"][0]["number"] == 5


def test_list_answers_from_the_cache_and_sees_every_change(folder):
    path = new_issue(folder, "--publisher", "县委办", "--total", "88")
    assert run("add", str(path), "--section", "助企服务", "--title", "县开发区做好融资服务",
               "--body", "聚焦重点企业。", "--source", "开发区").exit_code == 0  # fmt: skip
    [issue] = json.loads(run("list", "--json", "--archive", str(folder)).output)["issues"]
    assert issue == {"path": str(path), "series": "工作动态", "number": 5, "total": 88,
                     "date": "2024-04-10", "publisher": "县委办",
                     "sections": 1, "items": 1}  # fmt: skip
    changed = path.read_text(encoding="utf-8").replace("number = 5", "number = 16")
    path.write_text(changed, encoding="utf-8")
    assert "第16期  1 section  1 item  " in run("list", "--archive", str(folder)).output
    path.unlink()
    assert "no issues in" in run("list", "--archive", str(folder)).output


def test_check_lists_broken_files_with_path_and_line_and_exits_1(folder):
    new_issue(folder)
    bad = folder / "bad.toml"
    bad.write_text('[issue]\nseries = "x"\nnumber = "五"\n', encoding="utf-8")
    result = run("check", "--archive", str(folder))
    assert result.exit_code == 1
    assert f"{bad}:3: number must be a whole number" in result.output
    listed = json.loads(run("list", "--json", "--archive", str(folder)).output)
    assert listed["broken"] == [
        {"path": str(bad), "line": 3, "reason": "number must be a whole number, not '五'"}
    ]
    assert len(listed["issues"]) == 1
    assert bad.read_text(encoding="utf-8") == '[issue]\nseries = "x"\nnumber = "五"\n'
    bad.unlink()
    assert run("check", "--archive", str(folder)).exit_code == 0


def test_errors_are_one_sentence_and_exit_1(folder):
    path = new_issue(folder)
    result = run("add", str(path), "--section", "a", "--title", "一\n二", "--source", "s",
                 "--body", "x")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == "bulletin: title: must be a single line (it has a line break)\n"
    missing = run("show", "nothing-here", "--archive", str(folder))
    assert missing.exit_code == 1
    assert missing.stderr.startswith("bulletin: there is no issue file nothing-here")
    assert "Traceback" not in missing.output


def test_a_conflicting_section_name_is_one_sentence(folder):
    path = new_issue(folder)
    path.write_text(path.read_text(encoding="utf-8") + "\n[[section]]\nname = \"民生\"\n"
                    "\n[[section]]\nname = \"民生\"\n", encoding="utf-8")  # fmt: skip
    result = run("show", str(path))
    assert result.exit_code == 1
    assert "there are two sections “民生”" in result.stderr


def test_usage_errors_exit_2(folder):
    assert run("new", "--archive", str(folder)).exit_code == 2
    assert run("new", "--series", "x", "--date", "2024-13-40").exit_code == 2
    path = new_issue(folder)
    both = run("add", str(path), "--section", "a", "--title", "t", "--source", "s")
    assert both.exit_code == 2


def test_archive_order_option_then_environment_then_issues_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env_folder = tmp_path / "from-env"
    new_issue(env_folder)
    (tmp_path / "issues").mkdir()
    monkeypatch.setenv("BULLETIN_ARCHIVE", str(env_folder))
    assert "第5期" in run("list").output
    monkeypatch.delenv("BULLETIN_ARCHIVE")
    assert "no issues in issues" in run("list").output


@pytest.mark.parametrize("args", [[], ["open"]])
def test_bare_bulletin_and_open_launch_the_reader_on_the_archive(folder, monkeypatch, args):
    import bulletin_tui.tui.app as tui_app
    from bulletin_tui.tui import i18n

    launched = []
    monkeypatch.setattr(tui_app, "run", lambda archive: launched.append(archive.root))
    result = run("--archive", str(folder), "--lang", "en", *args)
    assert result.exit_code == 0, result.output
    assert launched == [folder]
    assert i18n.t("tree") == "Contents"
    i18n.choose_language("zh")


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BULLETIN_ARCHIVE", None)
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_as_a_real_process_list_does_not_import_textual(tmp_path, folder):
    new_issue(folder)
    script = (
        "import sys\n"
        "from bulletin_tui.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert 'textual' not in sys.modules, 'textual was imported'\n"
        "    raise\n"
    )
    for args in (["list", "--archive", str(folder)], ["--help"]):
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                              text=True, env=subprocess_env(tmp_path))  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert "第5期" in subprocess.run(
        [sys.executable, "-m", "bulletin_tui", "list", "--archive", str(folder)],
        capture_output=True, text=True, env=subprocess_env(tmp_path), check=True,
    ).stdout  # fmt: skip


def test_the_console_script_reports_a_broken_file(tmp_path, folder):
    folder.mkdir()
    (folder / "bad.toml").write_text("format = 1\n[issue\n", encoding="utf-8")
    script = Path(sys.executable).parent / "bulletin"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bulletin_tui"]
    done = subprocess.run([*command, "check", "--archive", str(folder)], capture_output=True,
                          text=True, env=subprocess_env(tmp_path))  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.startswith(f"{folder / 'bad.toml'}:2: TOML syntax error")

"""The console script opens the reader without the command line only when that is all it
is asked; everything else reaches the command line as before."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bulletin_tui.launch import reader_options


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {}),
        (["open"], {}),
        (["--archive", "some/folder"], {"archive": "some/folder"}),
        (["--archive=some/folder", "--lang", "en"], {"archive": "some/folder", "lang": "en"}),
        (["open", "--lang=zh"], {"lang": "zh"}),
    ],
)
def test_only_reader_arguments_open_the_reader_directly(args, options):
    assert reader_options(args) == options


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["--archive"],  # no value: the command line says so
        ["--archive", ""],
        ["--lang", "fr"],  # not a language of the screen: the command line says so
        ["--archive", "a", "--archive", "b"],
        ["--archive", "a", "list"],
        ["open", "--help"],
    ],
)
def test_anything_else_goes_to_the_command_line(args):
    assert reader_options(args) is None


def test_the_console_script_still_runs_every_command(tmp_path):
    code = (
        "import sys; sys.argv = ['bulletin', *sys.argv[1:]]\n"
        "from bulletin_tui.launch import main\nmain()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--lang", "fr"], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 2
    assert "'fr' is not one of 'zh', 'en'" in done.stderr
    listed = subprocess.run(
        [sys.executable, "-c", code, "list", "--archive", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert f"no issues in {tmp_path}" in listed.stdout


def test_shell_completion_is_answered_and_never_opens_the_reader(tmp_path):
    code = "import sys; sys.argv = ['bulletin']\nfrom bulletin_tui.launch import main\nmain()"
    environment = {**os.environ, "_BULLETIN_COMPLETE": "bash_complete",
                   "COMP_WORDS": "bulletin li", "COMP_CWORD": "1"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=environment, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["plain,lint", "plain,list"]

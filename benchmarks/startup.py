"""Start-up as a person waits for it: from starting ``bulletin`` in a terminal to the newest
issue's first item being readable, against a bare Textual app with the same widgets.

    python benchmarks/startup.py --archive DIR [--runs 5]

Used by ``benchmarks/run.py``; on its own it measures an existing archive (the index
cache in ``$BULLETIN_CACHE`` or a temporary folder, warmed by a first run).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

import bulletin_tui
from benchmarks.terminal import BARE_APP, run_in_terminal
from bulletin_tui.archive import Archive


def compile_as_installed() -> None:
    """Write the bytecode of ``bulletin_tui``'s modules, as an installed copy has it (pip
    compiles at install; a clone's first run writes ``__pycache__``), like Textual's the
    bare app loads. Where PYTHONDONTWRITEBYTECODE is set, every start would otherwise
    compile each of our modules from source again: ~0.1 s no user waits for."""
    compileall.compile_dir(Path(bulletin_tui.__file__).parent, quiet=1)


def first_item_marker(archive: Archive) -> str:
    """The start of the newest issue's first body line: shown only by the reader pane (the
    tree holds headlines), so seeing it means the first item is readable."""
    newest = Archive(archive.root).scan().issues[0].issue
    body = newest.sections[0].items[0].body[0]
    return body[:8]


def bulletin_command() -> list[str]:
    """The installed ``bulletin`` beside this Python."""
    found = shutil.which("bulletin") or str(Path(sys.executable).parent / "bulletin")
    return [found]


def time_reader(archive: Path, marker: str, env: dict[str, str], **options: object):
    """One start of the reader until ``marker`` is on screen."""
    command = [*bulletin_command(), "--archive", str(archive)]
    return run_in_terminal(command, {"first item": lambda s: marker in s}, env=env, **options)


def time_bare(marker: str, **options: object):
    """One start of the bare app (its Static shows ``marker``) until it is on screen."""
    command = [sys.executable, "-c", BARE_APP, marker]
    return run_in_terminal(command, {"first item": lambda s: marker in s}, **options)


def warm_start(archive: Path, env: dict[str, str], runs: int = 5) -> dict[str, float]:
    """Median seconds to the first item, reader and bare app alternating, and the ratio;
    the reader's peak memory from a last run that lingers for its background work."""
    marker = first_item_marker(Archive(archive))
    compile_as_installed()
    time_reader(archive, marker, env)  # warms the cache (and the page cache)
    time_bare(marker)
    reader, bare = [], []
    for _ in range(runs):
        reader.append(time_reader(archive, marker, env).seen["first item"])
        bare.append(time_bare(marker).seen["first item"])
    if None in reader or None in bare:
        raise SystemExit(f"the first item never appeared: reader {reader}, bare {bare}")
    lingering = time_reader(archive, marker, env, linger=60.0, quit_keys=b"q")
    return {
        "first_item_s": statistics.median(reader),
        "bare_first_item_s": statistics.median(bare),
        "first_item_ratio": statistics.median(reader) / statistics.median(bare),
        "peak_memory_mb": lingering.peak_mb,
    }


def cold_start(archive: Path, env: dict[str, str]) -> dict[str, float | None]:
    """With an empty cache: when the screen shows a progress bar, when the newest issue's
    first item is readable, and when the build ends (the bar gone)."""
    marker = first_item_marker(Archive(archive))
    compile_as_installed()
    cache = Path(env["BULLETIN_CACHE"])
    shutil.rmtree(cache, ignore_errors=True)
    bar_seen: list[bool] = []

    def bar_shown(screen: str) -> bool:
        shown = "%" in screen.splitlines()[-2]
        if shown:
            bar_seen.append(True)
        return shown

    def bar_gone(screen: str) -> bool:
        return bool(bar_seen) and "%" not in screen.splitlines()[-2]

    command = [*bulletin_command(), "--archive", str(archive)]
    run = run_in_terminal(
        command,
        {"progress bar": bar_shown, "first item": lambda s: marker in s, "build done": bar_gone},
        env=env,
        timeout=300,
    )
    return {f"cold_{name.replace(' ', '_')}_s": value for name, value in run.seen.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also measure a cold start")
    args = parser.parse_args()
    cache = os.environ.get("BULLETIN_CACHE") or tempfile.mkdtemp(prefix="bulletin-cache-")
    env = {"BULLETIN_CACHE": cache}
    figures: dict[str, float | None] = dict(warm_start(args.archive, env, args.runs))
    if args.cold:
        figures.update(cold_start(args.archive, env))
    for key, value in figures.items():
        print(f"{key:<28}{'never' if value is None else f'{value:>12.3f}'}")


if __name__ == "__main__":
    main()

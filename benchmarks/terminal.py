"""Timing a terminal program as a person sees it: from starting the process to a text
being readable on its screen, in a pseudo-terminal drawn by pyte (the ``bench`` extra).

The screen is checked whenever the program writes, and at least every 20 ms.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    import pyte
except ImportError:  # the bench extra is not installed: say how, rather than a traceback
    raise SystemExit(
        'the start-up figures draw the terminal with pyte: .venv/bin/pip install -e ".[bench]"'
    ) from None

POLL = 0.02


@dataclass(frozen=True)
class Run:
    """One run: when each awaited text was first seen (seconds from the start, None if
    never), the program's peak memory (MB) until it was asked to end, and the last screen.

    (The peak is the kernel's high-water mark of the program after ``exec``; the resource
    usage ``wait4`` reports would count the benchmark's own memory, shared at the fork.)
    """

    seen: dict[str, float | None]
    peak_mb: float
    screen: str


def run_in_terminal(
    command: Sequence[str],
    waits: dict[str, Callable[[str], bool]],
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 36),
    timeout: float = 120.0,
    linger: float = 0.0,
    send: dict[str, bytes] | None = None,
    quit_keys: bytes | None = None,
) -> Run:
    """Start ``command`` in a pseudo-terminal of ``size`` (columns, rows) and note when
    each of ``waits`` (a name → a test of the screen's text) first holds.

    Once all have held (or ``timeout`` passed), the program is watched up to ``linger``
    seconds more, until it has used no CPU for three seconds (so its background work counts
    in its peak memory), then ended by typing ``quit_keys`` if given, else (or if it
    does not end) with SIGTERM.
    ``send`` types keys (bytes) into the terminal as soon as the named wait holds.
    """
    columns, rows = size
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program, with the terminal's size set
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.execvpe(command[0], list(command), {**os.environ, "TERM": "xterm-256color",
                                                 **(env or {})})  # fmt: skip
    seen: dict[str, float | None] = dict.fromkeys(waits)
    done_at: float | None = None
    text = ""
    try:
        while True:
            now = time.perf_counter()
            if done_at is not None and (now - done_at >= linger or settled(pid, now)):
                break
            if now - start > timeout:
                break
            ready, _, _ = select.select([fd], [], [], POLL)
            if ready:
                try:
                    data = os.read(fd, 1 << 16)
                except OSError:  # the program ended
                    break
                if not data:
                    break
                stream.feed(data)
            text = screen_text(screen)
            moment = time.perf_counter() - start
            for name, test in waits.items():
                if seen[name] is None and test(text):
                    seen[name] = moment
                    if send and name in send:
                        os.write(fd, send[name])
            if done_at is None and all(value is not None for value in seen.values()):
                done_at = time.perf_counter()
    finally:
        peak = high_water_mark(pid)
        _end(pid, fd, quit_keys)
        os.close(fd)
    return Run(seen, peak, text)


def _end(pid: int, fd: int, quit_keys: bytes | None) -> None:
    """End the program: by typing ``quit_keys`` (if given) and waiting ten seconds for it
    to leave, else with SIGTERM (and SIGKILL ten seconds later)."""
    if quit_keys is not None:
        with contextlib.suppress(OSError):
            os.write(fd, quit_keys)
    else:
        os.kill(pid, signal.SIGTERM)
    for signal_after in (signal.SIGTERM, signal.SIGKILL):
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            with contextlib.suppress(OSError):
                while select.select([fd], [], [], 0.01)[0] and os.read(fd, 1 << 16):
                    pass  # drain, so the program is not blocked writing while it ends
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal_after)
    os.waitpid(pid, 0)


_cpu_seen: dict[int, tuple[float, float]] = {}


def screen_text(screen: pyte.Screen) -> str:
    """The screen's text, line by line (a wide character's second cell holds nothing).
    pyte's own ``display`` fails on a cell a wide character was partly drawn over."""
    rows = []
    for y in range(screen.lines):
        row = screen.buffer[y]
        rows.append("".join(row[x].data for x in range(screen.columns)))
    return "\n".join(rows)


def high_water_mark(pid: int) -> float:
    """The most memory (resident, MB) process ``pid`` has used so far (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settled(pid: int, now: float) -> bool:
    """Whether process ``pid`` has used (almost) no CPU for three seconds (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    used = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    since, before = _cpu_seen.setdefault(pid, (now, used))
    if used - before > 0.02:
        _cpu_seen[pid] = (now, used)
        return False
    return now - since >= 3.0


BARE_APP = '''
import sys
from textual.app import App
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static, Tree


class Bare(App):
    """Header, Tree, Static and Footer: what the reader is measured against."""

    def compose(self):
        yield Header()
        with Horizontal():
            yield Tree("archive")
            with VerticalScroll():
                yield Static(sys.argv[1], markup=False)
        yield Footer()


Bare().run()
'''

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

import pyte

POLL = 0.02


@dataclass(frozen=True)
class Run:
    """One run: when each awaited text was first seen (seconds from the start, None if
    never), the process's peak memory (MB) and the last screen."""

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
) -> Run:
    """Start ``command`` in a pseudo-terminal of ``size`` (columns, rows) and note when
    each of ``waits`` (a name → a test of the screen's text) first holds.

    Once all have held (or ``timeout`` passed), the program is watched ``linger`` seconds
    more (so background work counts in its peak memory), then ended with SIGTERM.
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
            if done_at is not None and now - done_at >= linger:
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
            text = "\n".join(screen.display)
            moment = time.perf_counter() - start
            for name, test in waits.items():
                if seen[name] is None and test(text):
                    seen[name] = moment
                    if send and name in send:
                        os.write(fd, send[name])
            if done_at is None and all(value is not None for value in seen.values()):
                done_at = time.perf_counter()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.perf_counter() + 10
        usage = None
        while time.perf_counter() < deadline:
            try:
                while select.select([fd], [], [], 0.01)[0] and os.read(fd, 1 << 16):
                    pass  # drain, so the program is not blocked writing while it ends
            except OSError:
                pass
            finished, _, usage = os.wait4(pid, os.WNOHANG)
            if finished:
                break
        else:
            os.kill(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    peak = usage.ru_maxrss / 1024 if usage is not None else float("nan")
    return Run(seen, peak, text)


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

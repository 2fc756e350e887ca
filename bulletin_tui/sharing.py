"""Work on many files shared among helper processes: a cold index build, a first lint.

``each_shared(module, name, arguments)`` gives ``module.name(*one)`` for each of
``arguments``. With many of them and more than one core, helper processes (``python -m
bulletin_tui.sharing MODULE NAME``) take a share each while the caller uses what they send.
A helper reads a pickled list of arguments on stdin and writes one pickled result per
item to stdout, as each is done. A helper that cannot start or fails leaves what it did
not send to the caller's process, which then does it itself (raising what it raises).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

#: From this many items on, the work is shared among processes (starting one costs the
#: import of the program, about a tenth of a second).
PARALLEL_FROM = 200
#: Helper processes at most: parsing does not go faster beyond a few.
MAX_HELPERS = 4


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS and Windows


def _function(module: str, name: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(module), name)


def each_shared(module: str, name: str, arguments: Sequence[tuple]) -> Iterator[Any]:
    """``module.name(*one)`` for each of ``arguments``, in no fixed order (see above).
    The function is named, not given, so a helper process can import it."""
    helpers = min(cores(), MAX_HELPERS) if len(arguments) >= PARALLEL_FROM else 0
    if helpers < 2:
        function = _function(module, name)
        for one in arguments:
            yield function(*one)
        return
    import pickle
    import queue
    import subprocess
    import sys
    import threading

    arrived: queue.SimpleQueue[Any] = queue.SimpleQueue()
    failed: list[BaseException] = []

    def collect(share: Sequence[tuple]) -> None:
        received = 0
        try:
            try:
                process = subprocess.Popen(
                    [sys.executable, "-m", "bulletin_tui.sharing", module, name],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                )  # fmt: skip
            except OSError:
                process = None  # no helper: this thread does the share itself
            if process is not None:
                try:
                    with process.stdin:  # type: ignore[union-attr]
                        pickle.dump(list(share), process.stdin)
                    for _ in share:
                        arrived.put(pickle.load(process.stdout))  # type: ignore[arg-type]
                        received += 1
                except (OSError, EOFError, pickle.UnpicklingError):
                    process.kill()  # what the helper did not send is done here below
                finally:
                    process.wait()
                    process.stdout.close()  # type: ignore[union-attr]
            function = _function(module, name)
            for one in share[received:]:
                arrived.put(function(*one))
        except BaseException as error:  # handed to the caller, which raises it
            failed.append(error)
            arrived.put(failed)

    for n in range(helpers):
        threading.Thread(target=collect, args=(arguments[n::helpers],), daemon=True).start()
    for _ in arguments:
        result = arrived.get()
        if result is failed:
            raise failed[0]
        yield result


def main() -> None:
    """The helper process: do the work named on the command line for each item on stdin;
    stream the results to stdout."""
    import pickle
    import sys

    function = _function(sys.argv[1], sys.argv[2])
    share = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    for one in share:
        pickle.dump(function(*one), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


if __name__ == "__main__":
    main()

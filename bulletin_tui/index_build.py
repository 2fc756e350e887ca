"""Reading issue files into the index cache's rows, shared among processes for a cold build.

Run as ``python -m bulletin_tui.index_build`` it is a helper process: it reads a pickled
list of ``(path, (size, mtime_ns))`` on stdin and writes one pickled :func:`read_rows`
result per file to stdout, in order, as each is done.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from bulletin_tui.archive import Stamps, read_file
from bulletin_tui.errors import IssueFileError
from bulletin_tui.search_text import fold

#: A file's row of ``files`` and its rows of ``items``.
Rows = tuple[tuple, list[tuple]]

#: From this many files to read on, the parsing is shared among processes.
PARALLEL_FROM = 200


def read_rows(path: str, stamp: tuple[int, int]) -> Rows:
    """Parse one file into its row of ``files`` and its rows of ``items``.

    A module-level function, so that worker processes can run it.
    """
    import json

    from bulletin_tui.tomlfile import issue_to_data, json_default, read_issue

    try:
        issue = read_issue(read_file(path), path)
    except IssueFileError as error:
        return (path, *stamp, *[None] * 8, error.reason, error.line), []
    except OSError as error:
        return (path, *stamp, *[None] * 8, str(error.strerror or error), None), []
    document = json.dumps(issue_to_data(issue), ensure_ascii=False, default=json_default,
                          separators=(",", ":"))  # fmt: skip
    date = issue.date.isoformat() if issue.date else None
    items = []
    for s, section in enumerate(issue.sections):
        for i, item in enumerate(section.items):
            body = item.body_text
            plain = f"{item.title}\n{body}\n{item.source}"
            refolded = fold(plain)
            items.append((path, s, i, issue.series, issue.number, date, section.name, item.title,
                          item.source, body, None if refolded == plain else refolded,
                          item.submission))  # fmt: skip
    header = (issue.series, issue.number, date, issue.total, issue.publisher,
              len(issue.sections), len(items))  # fmt: skip
    return (path, *stamp, *header, document, None, None), items


def read_all(paths: list[str], stamps: Stamps) -> Iterator[Rows]:
    """The rows of every file, as each is parsed (in no fixed order).

    With many files and more than one core, helper processes (``python -m
    bulletin_tui.index_build``) parse a share each while this process writes what they
    send. A helper that fails leaves its share to this process.
    """
    helpers = min(os.cpu_count() or 1, 4) if len(paths) >= PARALLEL_FROM else 0
    if helpers < 2:
        for path in paths:
            yield read_rows(path, stamps[path])
        return
    import pickle
    import queue
    import subprocess
    import sys
    import threading

    arrived: queue.SimpleQueue[Rows | BaseException] = queue.SimpleQueue()

    def collect(share: list[str]) -> None:
        received = 0
        try:
            try:
                process = subprocess.Popen(
                    [sys.executable, "-m", "bulletin_tui.index_build"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                )  # fmt: skip
            except OSError:
                process = None  # no helper: this thread reads the share itself
            if process is not None:
                try:
                    with process.stdin:  # type: ignore[union-attr]
                        pickle.dump([(path, stamps[path]) for path in share], process.stdin)
                    for _ in share:
                        arrived.put(pickle.load(process.stdout))  # type: ignore[arg-type]
                        received += 1
                except (OSError, EOFError, pickle.UnpicklingError):
                    process.kill()  # what the helper did not send is read here below
                finally:
                    process.wait()
                    process.stdout.close()  # type: ignore[union-attr]
            for path in share[received:]:
                arrived.put(read_rows(path, stamps[path]))
        except BaseException as error:  # handed to the caller, which raises it
            arrived.put(error)

    for n in range(helpers):
        threading.Thread(target=collect, args=(paths[n::helpers],), daemon=True).start()
    for _ in paths:
        rows = arrived.get()
        if isinstance(rows, BaseException):
            raise rows
        yield rows


def main() -> None:
    """The helper process: parse the files named on stdin; stream their rows to stdout."""
    import pickle
    import sys

    share = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    for path, stamp in share:
        pickle.dump(read_rows(path, stamp), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


if __name__ == "__main__":
    main()

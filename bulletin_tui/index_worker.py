"""A helper process for a cold index build: parses its share of the files.

Run as ``python -m bulletin_tui.index_worker``. It reads a pickled list of
``(path, (size, mtime_ns))`` on stdin and writes one pickled ``read_rows`` result per file
to stdout, in order, as each is done (so the caller can show progress).
"""

from __future__ import annotations

import pickle
import sys

from bulletin_tui.index import read_rows


def main() -> None:
    """Parse the files named on stdin; stream their rows to stdout."""
    share = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    for path, stamp in share:
        pickle.dump(read_rows(path, stamp), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


if __name__ == "__main__":
    main()

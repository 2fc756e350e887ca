"""The TOML parser every read of a file goes through.

``tomli`` is the library the standard library's ``tomllib`` was taken from: the same parser,
the same errors, TOML 1.0. Its wheels are compiled (mypyc), which reads our issue files in
about half the time; where only its pure-Python build (or no tomli) is installed,
``tomllib`` does the same job at its own speed.
"""

from __future__ import annotations

try:
    from tomli import TOMLDecodeError, loads
except ImportError:  # pragma: no cover - tomli is a dependency; kept for a bare install
    from tomllib import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]

"""The bounds the model holds an issue to, in a module of their own: the command line
checks its options against them without loading the model."""

from __future__ import annotations

#: The largest issue number (第N期, numbered per year), running total (总第N期) and print
#: count (共印N份): far above any real bulletin, and small enough for every store and
#: every layout (an index cache holds 64-bit integers).
MAX_NUMBER = 9_999
MAX_TOTAL = 999_999
MAX_COPIES = 1_000_000

"""Proofreading (校对): rules over a field's text, archive-wide warnings, safe fixes.

No Textual here: the command line (``bulletin lint``) and the reader's panel share it.
See ``docs/proofreading.md`` for the rules and their sources.
"""

from bulletin_tui.proofread.check import RULES, Linter, LintError, apply_fixes, read_for_lint
from bulletin_tui.proofread.findings import ERROR, WARNING, Finding, Rule, Spot

__all__ = ["ERROR", "RULES", "WARNING", "Finding", "LintError", "Linter", "Rule", "Spot",
           "apply_fixes", "read_for_lint"]  # fmt: skip

"""Plain bulletin text ⇄ ``Issue``: import (parsing) and export (the circulation form).

``importer`` finds the issue in text copied or extracted from PDF or Word files (with
``layout`` undoing hard wraps and ``header`` reading masthead and footer); ``common``
holds what both directions share; ``exporter`` writes the circulation form.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bulletin_tui.plaintext.common import (
        format_distribution,
        parse_date,
        parse_distribution,
    )
    from bulletin_tui.plaintext.exporter import (
        FORMATS,
        encode,
        escape_markdown,
        export,
        export_markdown,
        export_text,
    )
    from bulletin_tui.plaintext.importer import (
        ImportResult,
        ImportTextError,
        check_nothing_lost,
        import_bytes,
        import_text,
    )

# Each name is imported from its module when first used (PEP 562): the reader needs the
# exporter's layout helpers at start, and not the importer.
_WHERE = {
    **dict.fromkeys(("format_distribution", "parse_date", "parse_distribution"), "common"),
    **dict.fromkeys(
        ("FORMATS", "encode", "escape_markdown", "export", "export_markdown", "export_text"),
        "exporter",
    ),
    **dict.fromkeys(
        ("ImportResult", "ImportTextError", "check_nothing_lost", "import_bytes", "import_text"),
        "importer",
    ),
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "ImportResult",
    "ImportTextError",
    "check_nothing_lost",
    "encode",
    "escape_markdown",
    "export",
    "export_markdown",
    "export_text",
    "format_distribution",
    "import_bytes",
    "import_text",
    "parse_date",
    "parse_distribution",
]

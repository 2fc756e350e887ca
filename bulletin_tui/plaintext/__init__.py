"""Plain bulletin text ⇄ ``Issue``: import (parsing) and export (the circulation form).

``importer`` finds the issue in text copied or extracted from PDF or Word files (with
``layout`` undoing hard wraps and ``header`` reading masthead and footer); ``common``
holds what both directions share; ``exporter`` writes the circulation form.
"""

from bulletin_tui.plaintext.common import format_distribution, parse_date, parse_distribution
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

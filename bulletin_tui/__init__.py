"""bulletin_tui: read, compose, import and export Chinese work bulletins (工作动态)."""

__version__ = "0.1.0"

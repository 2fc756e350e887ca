"""Strings of the limits the screen holds input to."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "export_width_range": (
        "宽度应为 {least} 到 {most} 之间的整数",
        "The width must be a whole number from {least} to {most}",
    ),
}

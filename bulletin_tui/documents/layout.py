"""The printed layout's numbers (``[layout]`` in ``bulletin.toml``) and the export folder.

Defaults follow GB/T 9704-2012 for the page and text grid and office practice for the
masthead; every number can be changed in the settings file, and each value is checked
with the file's path and line, as the other settings are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from bulletin_tui.archive import SETTINGS_FILE
from bulletin_tui.errors import IssueFileError
from bulletin_tui.tomlfile import KeyLines

#: CJK families tried after a role's own list, so that any machine with one of the
#: common free fonts prints every glyph.
CJK_FALLBACKS = (
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "Source Han Sans SC",
    "SimSun",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
)

_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun")
_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "SimHei")


@dataclass(frozen=True)
class Fonts:
    """Each role's families in order of preference: the conventional name, then fallbacks."""

    masthead: tuple[str, ...] = ("方正小标宋简体", "FZXiaoBiaoSong-B05S", *_SERIF)
    headline: tuple[str, ...] = ("方正小标宋简体", "FZXiaoBiaoSong-B05S", *_SERIF)
    section: tuple[str, ...] = ("黑体", "SimHei", *_SANS)
    body: tuple[str, ...] = ("仿宋_GB2312", "仿宋", "FangSong", *_SERIF)
    page_number: tuple[str, ...] = ("宋体", *_SERIF)


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points: 初号 42, 2号 22, 3号 16, 4号 14."""

    masthead: float = 42
    headline: float = 22
    section: float = 16
    body: float = 16
    page_number: float = 14
    footer: float = 14


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres (A4 minus these is the 156 × 225 mm 版心)."""

    top: float = 37
    left: float = 28
    right: float = 26
    bottom: float = 35


@dataclass(frozen=True)
class Layout:
    """Everything the Word and PDF writers need to know about the page."""

    margins: Margins = field(default_factory=Margins)
    sizes: Sizes = field(default_factory=Sizes)
    fonts: Fonts = field(default_factory=Fonts)
    chars_per_line: int = 28
    lines_per_page: int = 22
    masthead_color: str = "#E60012"
    rule_width: float = 2.25
    headline: str = "centred"
    font_paths: tuple[Path, ...] = ()

    PAGE_WIDTH_MM = 210.0
    PAGE_HEIGHT_MM = 297.0

    @property
    def text_width_mm(self) -> float:
        """Width of the 版心."""
        return self.PAGE_WIDTH_MM - self.margins.left - self.margins.right

    @property
    def text_height_mm(self) -> float:
        """Height of the 版心."""
        return self.PAGE_HEIGHT_MM - self.margins.top - self.margins.bottom

    @property
    def line_pitch_pt(self) -> float:
        """Baseline to baseline of body lines: the 版心 height over the lines per page."""
        return self.text_height_mm / 25.4 * 72 / self.lines_per_page

    @property
    def char_pitch_pt(self) -> float:
        """Advance of one body character: the 版心 width over the characters per line."""
        return self.text_width_mm / 25.4 * 72 / self.chars_per_line

    @property
    def run_in(self) -> bool:
        """Headlines run into the first paragraph (``headline = "run-in"``)."""
        return self.headline == "run-in"


@dataclass(frozen=True)
class DocumentSettings:
    """``[layout]`` and ``[export] folder`` (where the dialog proposes to write)."""

    layout: Layout = field(default_factory=Layout)
    export_folder: Path | None = None


_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_LIMITS = {  # what a number may be, so a typo gives a sentence rather than a broken page
    "chars_per_line": (5, 60),
    "lines_per_page": (5, 60),
    "rule_width": (0, 10),
    "margins": (0, 100),
    "sizes": (4, 100),
}


class _Checker:
    """Reads one table of the settings, raising ``IssueFileError`` at the offending key."""

    def __init__(self, path: Path, lines: KeyLines) -> None:
        self.path = path
        self.lines = lines

    def fail(self, keys: tuple[str, ...], reason: str) -> IssueFileError:
        return IssueFileError(self.path, self.lines.line_of(keys), reason)

    def table(self, data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
        value = data.get(keys[-1], {})
        if not isinstance(value, dict):
            raise self.fail(keys, f"{'.'.join(keys)} must be a table")
        return value

    def known(self, table: dict[str, Any], keys: tuple[str, ...], names: set[str]) -> None:
        for name in table:
            if name not in names:
                allowed = ", ".join(sorted(names))
                where = ".".join(keys)
                raise self.fail((*keys, name), f"unknown key {name} in [{where}] ({allowed})")

    def number(self, value: object, keys: tuple[str, ...], limits: tuple[int, int]) -> float:
        low, high = limits
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(keys, f"{'.'.join(keys)} must be a number, not {value!r}")
        if not low <= value <= high:
            raise self.fail(keys, f"{'.'.join(keys)} must be from {low} to {high}, not {value}")
        return float(value)

    def names(self, value: object, keys: tuple[str, ...]) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise self.fail(keys, f"{'.'.join(keys)} must be a font name or a list of them")
        if not all(isinstance(item, str) and item.strip() for item in items):
            raise self.fail(keys, f"{'.'.join(keys)} must hold font names in quotes")
        return tuple(item.strip() for item in items)


def _layout(data: dict[str, Any], check: _Checker, root: Path) -> Layout:
    table = check.table(data, ("layout",))
    check.known(table, ("layout",), {f.name for f in fields(Layout)})
    layout = Layout()
    changes: dict[str, Any] = {}
    for name in ("chars_per_line", "lines_per_page"):
        if name in table:
            value = check.number(table[name], ("layout", name), _LIMITS[name])
            if value != int(value):
                raise check.fail(("layout", name), f"layout.{name} must be a whole number")
            changes[name] = int(value)
    if "rule_width" in table:
        limits = _LIMITS["rule_width"]
        changes["rule_width"] = check.number(table["rule_width"], ("layout", "rule_width"), limits)
    if "masthead_color" in table:
        color = table["masthead_color"]
        if not isinstance(color, str) or not _COLOR.fullmatch(color):
            reason = f'layout.masthead_color must be like "#E60012", not {color!r}'
            raise check.fail(("layout", "masthead_color"), reason)
        changes["masthead_color"] = color.upper()
    if "headline" in table:
        if table["headline"] not in ("centred", "run-in"):
            reason = f'layout.headline must be "centred" or "run-in", not {table["headline"]!r}'
            raise check.fail(("layout", "headline"), reason)
        changes["headline"] = table["headline"]
    if "font_paths" in table:
        folders = check.names(table["font_paths"], ("layout", "font_paths"))
        changes["font_paths"] = tuple(root / Path(folder).expanduser() for folder in folders)
    for name, default in (("margins", layout.margins), ("sizes", layout.sizes)):
        part = check.table(table, ("layout", name))
        check.known(part, ("layout", name), {f.name for f in fields(default)})
        values = {k: check.number(v, ("layout", name, k), _LIMITS[name]) for k, v in part.items()}
        changes[name] = replace(default, **values)
    fonts = check.table(table, ("layout", "fonts"))
    check.known(fonts, ("layout", "fonts"), {f.name for f in fields(Fonts)})
    chosen = {}
    for role, value in fonts.items():
        names = check.names(value, ("layout", "fonts", role))
        # One name replaces the conventional one and keeps the fallbacks; a list is the list.
        chosen[role] = (
            (*names, *getattr(layout.fonts, role)[1:]) if isinstance(value, str) else names
        )
    changes["fonts"] = replace(layout.fonts, **chosen)
    result = replace(layout, **changes)
    if result.text_width_mm <= 20 or result.text_height_mm <= 20:
        raise check.fail(("layout", "margins"), "layout.margins leave no room for text on A4")
    return result


def load_document_settings(root: Path) -> DocumentSettings:
    """``[layout]`` and ``[export]`` of the archive's ``bulletin.toml`` (defaults without one).

    Raises ``IssueFileError`` (path, line, reason) when the file or a value is wrong.
    """
    from bulletin_tui.settings import read_settings_file

    path = root / SETTINGS_FILE
    read = read_settings_file(path)
    if read is None:
        return DocumentSettings()
    data, lines = read
    check = _Checker(path, lines)
    layout = _layout(data, check, root)
    export = check.table(data, ("export",))
    check.known(export, ("export",), {"folder"})
    folder = None
    if "folder" in export:
        value = export["folder"]
        if not isinstance(value, str) or not value.strip():
            raise check.fail(("export", "folder"), "export.folder must be a folder in quotes")
        folder = root / Path(value).expanduser()
    return DocumentSettings(layout, folder)

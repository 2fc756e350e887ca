"""The issue as a PDF in the printed layout, through the Typst compiler in the ``typst`` wheel.

The template (``bulletin.typ``) receives the layout, the chosen fonts and the issue's
blocks as JSON. Fonts are resolved here before compiling: each role takes the first family
of its list found on the machine (or in ``[layout] font_paths``), a stand-in is reported,
and with no CJK family at all nothing is compiled, since Typst would print blank glyphs
and only warn.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from bulletin_tui.documents.layout import CJK_FALLBACKS, Fonts, Layout
from bulletin_tui.errors import BulletinError
from bulletin_tui.model import Issue
from bulletin_tui.plaintext.blocks import Block, block_data, issue_blocks

TEMPLATE = Path(__file__).with_name("bulletin.typ")


class NoCjkFontError(BulletinError):
    """No font on the machine (or in ``font_paths``) can print Chinese."""


class PdfError(BulletinError):
    """The Typst compiler failed or warned (an unknown font family counts as failure)."""


@dataclass(frozen=True)
class StandIn:
    """A family used in place of a missing one, for the roles (``body``, ``masthead`` …)."""

    used: str
    missing: str
    roles: tuple[str, ...]

    def __str__(self) -> str:
        roles = ", ".join(role.replace("_", " ") for role in self.roles)
        return f"{self.used} stands in for {self.missing} ({roles})"


@dataclass(frozen=True)
class FontChoice:
    """Each role's families to hand to Typst, and the stand-ins worth telling the user."""

    families: dict[str, list[str]]
    stand_ins: list[StandIn]


def available_families(
    font_paths: Iterable[Path], *, system_fonts: bool = True
) -> dict[str, set[Path]]:
    """Font families Typst can use (the machine's, unless told not to, and ``font_paths``),
    each with the folders holding its files (none for the fonts built into Typst)."""
    import typst

    folders = [str(path) for path in font_paths]
    found: dict[str, set[Path]] = {}
    for font in typst.Fonts(include_system_fonts=system_fonts, font_paths=folders).fonts():
        found.setdefault(font.family, set())
        if font.path:
            found[font.family].add(Path(font.path).parent)
    return found


def choose_fonts(fonts: Fonts, available: Collection[str]) -> FontChoice:
    """Each role's list narrowed to the families present, the CJK fallbacks after it.

    Raises :class:`NoCjkFontError` when a role finds no family at all.
    """
    families: dict[str, list[str]] = {}
    stood_in: dict[tuple[str, str], list[str]] = {}
    for role in (f.name for f in fields(fonts)):
        wanted: tuple[str, ...] = getattr(fonts, role)
        present = [name for name in dict.fromkeys((*wanted, *CJK_FALLBACKS)) if name in available]
        if not present:
            raise NoCjkFontError(
                f"no Chinese font found for the {role.replace('_', ' ')} (tried "
                f"{', '.join(wanted)}): install one (on Debian or Ubuntu: apt install "
                "fonts-noto-cjk) or name a folder of font files in bulletin.toml under "
                "[layout] font_paths"
            )
        if present[0] != wanted[0]:
            stood_in.setdefault((present[0], wanted[0]), []).append(role)
        families[role] = present
    stand_ins = [
        StandIn(used, missing, tuple(roles)) for (used, missing), roles in stood_in.items()
    ]
    return FontChoice(families, stand_ins)


def template_data(issue: Issue, blocks: list[Block], layout: Layout, fonts: FontChoice) -> str:
    """The JSON the template reads from ``sys.inputs.data``."""
    numbers = {
        "margins": asdict(layout.margins),
        "sizes": asdict(layout.sizes),
        "masthead_color": layout.masthead_color,
        "rule_width": layout.rule_width,
        "line_pitch": layout.line_pitch_pt,
        "char_pitch": layout.char_pitch_pt,
        "chars_per_line": layout.chars_per_line,
    }
    return json.dumps(
        {
            "title": issue.heading,
            "layout": numbers,
            "fonts": fonts.families,
            "blocks": [block_data(block) for block in blocks],
        },
        ensure_ascii=False,
    )


def export_pdf(
    issue: Issue,
    layout: Layout | None = None,
    *,
    run_in: bool | None = None,
    warn: Callable[[StandIn], None] | None = None,
    system_fonts: bool = True,
) -> bytes:
    """The issue as PDF bytes; ``warn`` hears which fonts stood in for missing ones.

    ``run_in`` overrides ``layout.headline``; ``system_fonts=False`` uses only
    ``layout.font_paths`` (the tests do, so that they print alike on every machine).
    """
    import typst

    layout = layout or Layout()
    available = available_families(layout.font_paths, system_fonts=system_fonts)
    fonts = choose_fonts(layout.fonts, available)
    # The compiler is given only the folders of the chosen fonts: it need not scan every
    # font of the machine a second time.
    chosen = {folder for names in fonts.families.values() for n in names for folder in available[n]}
    for line in fonts.stand_ins:
        if warn is not None:
            warn(line)
    blocks = list(issue_blocks(issue, run_in=layout.run_in if run_in is None else run_in))
    try:
        pdf, warnings = typst.compile_with_warnings(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            font_paths=[str(path) for path in sorted({*layout.font_paths, *chosen})],
            ignore_system_fonts=True,
            sys_inputs={"data": template_data(issue, blocks, layout, fonts)},
        )
    except typst.TypstError as error:
        raise PdfError(f"the PDF could not be made: {error}") from None
    if warnings:
        # Typst only warns when a family is unknown and then prints blank glyphs: a PDF made
        # with a warning is not one to hand out.
        raise PdfError(f"the PDF could not be made: {warnings[0]}")
    return pdf

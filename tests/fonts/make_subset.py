"""Cut Noto Serif CJK SC (Regular and Bold) down to the characters the tests print.

The tests must not depend on the fonts of the machine they run on, so they use this
subset, renamed "Bulletin Test Serif" (the OFL asks a modified font not to keep a
reserved name). Run it again after adding characters to CHARACTERS.txt, on a machine with
Debian's fonts-noto-cjk:

    python tests/fonts/make_subset.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).parent
SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"),
}
FAMILY = "Bulletin Test Serif"
SIMPLIFIED_CHINESE = 2  # the face's index in the collection (JP, KR, SC, TC, HK)


def main() -> int:
    text = (HERE / "CHARACTERS.txt").read_text(encoding="utf-8")
    characters = "".join(sorted({c for c in text if not c.isspace()} | {" ", "\u3000"}))
    for style, source in SOURCES.items():
        font = TTCollection(str(source)).fonts[SIMPLIFIED_CHINESE]
        options = subset.Options()
        options.layout_features = ["kern", "palt", "vert"]
        options.hinting = False
        options.desubroutinize = True
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        names = font["name"]
        for record in list(names.names):
            if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
                names.removeNames(nameID=record.nameID)
        names.setName(FAMILY, 1, 3, 1, 0x409)
        names.setName(style, 2, 3, 1, 0x409)
        names.setName(f"{FAMILY} {style}", 4, 3, 1, 0x409)
        names.setName(f"{FAMILY.replace(' ', '')}-{style}", 6, 3, 1, 0x409)
        names.setName(f"{FAMILY} {style}; subset for tests", 3, 3, 1, 0x409)
        target = HERE / f"BulletinTestSerif-{style}.otf"
        font.save(str(target))
        print(f"{target.name}: {target.stat().st_size} bytes, {len(characters)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())

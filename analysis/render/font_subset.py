"""The report's font for the data's characters that its other fonts lack (Chinese, say, in a source's title).

Typst sets the PDF with the report's own fonts only (engines.FONTS): Libertinus Serif, then the figures'
DejaVu Sans. A character of the data that neither has (the title of a source in Chinese) falls back to
`SUBSET`, a subset of Noto Sans TC (SIL Open Font License 1.1, fonts/OFL.txt) holding just those characters,
renamed as the licence asks of a modified font. This module makes it again when the data gains such a
character (tests/test_fonts.py says when):

    npm pack @expo-google-fonts/noto-sans-tc@0.4.3 && tar xzf expo-google-fonts-noto-sans-tc-0.4.3.tgz
    python -m analysis.render.font_subset package/400Regular/NotoSansTC_400Regular.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import paths

SUBSET = Path(__file__).parent / "fonts" / "DataCJK-Regular.ttf"
FAMILY = "Data CJK"  # the subset's family name (the template's last fallback font)


def data_characters(root: Path = paths.ROOT / "data") -> set[str]:
    """Every character of the data's text files: the releases, the staging tables, the corrections."""
    found: set[str] = set()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".csv", ".md", ".json") and path.is_file():
            found |= set(path.read_text(encoding="utf-8"))
    return found


def covered(font: Path) -> set[str]:
    """The characters a font has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as f:
        return {chr(c) for c in f.getBestCmap()}


def missing(characters: set[str]) -> set[str]:
    """The characters (printable, not spaces) that none of the report's fonts covers: DejaVu Sans, the subset.
    (Libertinus Serif, built into Typst, covers less than DejaVu Sans for the data's scripts.)"""
    have = covered(paths.figure_fonts()[0]) | (covered(SUBSET) if SUBSET.is_file() else set())
    return {c for c in characters if c.isprintable() and not c.isspace() and c not in have}


def make_subset(source: Path, out: Path = SUBSET) -> set[str]:
    """Subset `source` to the data's characters that DejaVu Sans lacks, named `FAMILY`; the characters."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    dejavu = covered(paths.figure_fonts()[0])
    wanted = {c for c in data_characters() if c.isprintable() and not c.isspace() and c not in dejavu}
    font = TTFont(source)
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(wanted)))
    subsetter.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (3, 4):
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    return wanted & covered(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m analysis.render.font_subset NotoSansTC_400Regular.ttf")
    chars = make_subset(Path(sys.argv[1]))
    print(f"wrote {SUBSET} with {len(chars)} characters: {''.join(sorted(chars))}")

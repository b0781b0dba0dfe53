"""Every character of the data can be set in the PDF: the report's fonts cover it (analysis/render/font_subset.py)."""

import unicodedata

from analysis.render import font_subset


def test_the_report_fonts_cover_every_character_of_the_data():
    missing = font_subset.missing(font_subset.data_characters())
    names = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in sorted(missing))
    assert not missing, f"no font of the report has {names}: make the subset again (font_subset.py says how)"


def test_the_subset_is_named_as_the_template_asks_and_holds_the_chinese_title():
    from fontTools.ttLib import TTFont

    with TTFont(font_subset.SUBSET) as font:
        assert font["name"].getDebugName(1) == font_subset.FAMILY
    assert set("秘魯抗議活動已致人死亡") <= font_subset.covered(font_subset.SUBSET)
    assert "Noto" not in font_subset.FAMILY  # a modified font does not take the original's name


def test_a_character_no_font_has_is_reported():
    assert font_subset.missing({"a", "秘", "\uac00", " "}) == {"\uac00"}  # Hangul: in no font of the report

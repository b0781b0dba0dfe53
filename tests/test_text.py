"""The editions' words are text, one file per language (analysis/present/text/<lang>.yml): both files have the
same keys, every text is a string (or a list of them), and a missing key is an error that names it."""

import re

import pytest

from analysis.present import i18n


def test_both_languages_have_the_same_keys():
    en, es = (i18n.keys(i18n.words(lang)) for lang in i18n.LANGS)
    assert sorted(en - es) == [] and sorted(es - en) == []


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_text_is_a_string_or_a_list_of_strings(lang):
    for key in i18n.keys(i18n.words(lang)):
        value = i18n.text(key, lang)
        items = value if isinstance(value, list) else [value]
        assert items and all(isinstance(item, str) for item in items), key


def test_both_languages_fill_in_the_same_placeholders():
    """A caption or phrase takes the same values in both editions (`{n}`, `{release}`, ...)."""
    for key in i18n.keys(i18n.words("en")):
        texts = [i18n.text(key, lang) for lang in i18n.LANGS]
        fields = [set(re.findall(r"\{(\w*)\}", " ".join(t if isinstance(t, list) else [t]))) for t in texts]
        assert fields[0] == fields[1], key


def test_nouns_have_a_singular_and_a_plural():
    for lang in i18n.LANGS:
        assert all(len(forms) == 2 for forms in i18n.words(lang)["nouns"].values())


def test_a_missing_text_names_the_key_and_the_file():
    with pytest.raises(KeyError, match=r"no text 'tables\.nowhere\.caption' in .*text/es\.yml"):
        i18n.text("tables.nowhere.caption", "es")
    with pytest.raises(KeyError, match="no edition 'fr'"):
        i18n.text("months", "fr")


def test_a_change_to_a_text_file_changes_the_build_cache_key(tmp_path, monkeypatch):
    from analysis.pipeline import cache

    (tmp_path / "module.py").write_text("")
    (tmp_path / "text").mkdir()
    words = tmp_path / "text" / "en.yml"
    words.write_text("caption: one\n")
    monkeypatch.setattr(cache, "CODE_DIR", tmp_path)
    before = cache.code_digest()
    words.write_text("caption: two\n")
    assert cache.code_digest() != before

"""The bibliography's publishers and titles: the agency an outlet carried, the country or edition that tells
publishers of one name apart, a blog marked as one, supplied titles in brackets, quotations inside a title."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import printed

from analysis.present.references import csl_references
from analysis.present.source_names import cited_publisher


def reference(publisher: str, title: str = "T", lang: str = "en") -> dict:
    """The one CSL item of a one-source table, its text fields as printed."""
    sources = pd.DataFrame(
        [["s-1", "media", title, publisher, "https://example.org/a", None, "2023-01-09", None, "es"]],
        columns=["source_id", "kind", "title", "publisher", "url", "copy_url", "date_published", "author", "language"],
    )
    (item,) = csl_references(sources, lang)
    return {key: printed(value) if isinstance(value, str) else value for key, value in item.items()}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_outlet_carrying_an_agency_story_is_printed_with_the_agency(lang):
    item = reference("El Diario (EFE)", lang=lang)
    assert item["publisher"] == item["container-title"] == "El Diario (EFE)"
    assert printed(item["author"][0]["literal"]) == "El Diario (EFE)"  # no author: the publisher stands for one
    assert reference("El Popular (Uruguay) (AFP)", lang=lang)["publisher"] == "El Popular (Uruguay) (AFP)"


def test_publishers_of_one_name_keep_their_country_or_edition_in_the_editions_language():
    assert reference("La República (Ecuador) (EFE)")["publisher"] == "La República (Ecuador) (EFE)"
    assert reference("Wikipedia (English)", lang="en")["publisher"] == "Wikipedia (English)"
    assert reference("Wikipedia (English)", lang="es")["publisher"] == "Wikipedia (inglés)"
    assert reference("Nativa (ntv.pe)")["publisher"] == "Nativa (ntv.pe)"  # a domain tells the outlet apart


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_blog_is_printed_as_a_blog(lang):
    assert reference("Beethovianos Internacional (blog)", lang=lang)["publisher"] == "Beethovianos Internacional (blog)"


def test_notes_written_into_the_publisher_by_older_releases_are_not_printed():
    assert cited_publisher("OjoPúblico (copia en example.com)", "en") == "OjoPúblico"
    assert cited_publisher("Diario Chaski (citing El Búho)", "en") == "Diario Chaski"
    assert cited_publisher("La Prensa de Lara (fuente: AFP)", "en") == "La Prensa de Lara"
    assert cited_publisher("La República (Ecuador) (EFE photo)", "en") == "La República (Ecuador)"
    assert cited_publisher("El Tiempo (Venezuela), nota de AP", "en") == "El Tiempo"
    assert cited_publisher("(medio no identificado; nota basada en La República)", "es") == "Medio no identificado"
    assert cited_publisher("(unidentified outlet)", "en") == "Unidentified outlet"


def test_a_supplied_title_keeps_its_brackets_and_a_published_bracket_is_left_as_published():
    assert reference("Convoca", "[Comisión multisectorial ofrece ayuda económica]")["title"] == (
        "[Comisión multisectorial ofrece ayuda económica]"
    )
    published = "[GALERÍA] Masacre e impunidad en Juliaca: hoy se cumplen cuatro meses"
    assert reference("Somos Periodismo", published)["title"] == published


def test_a_quotation_inside_a_title_takes_the_editions_inner_quotation_marks():
    title = "En Perú, Policía murió tras ser «quemado vivo» por una turba"
    assert (
        reference("Notiactual", title, "es")["title"] == "En Perú, Policía murió tras ser “quemado vivo” por una turba"
    )
    assert (
        reference("Notiactual", title, "en")["title"] == "En Perú, Policía murió tras ser ‘quemado vivo’ por una turba"
    )
    assert (
        reference("La República", "“Mi hija no tiene precio”: padre", "es")["title"]
        == "“Mi hija no tiene precio”: padre"
    )


def test_an_organisation_as_author_is_named_in_the_editions_words_like_the_publisher():
    sources = pd.DataFrame(
        [
            [
                "s-1",
                "ngo",
                "T",
                "Amnesty International",
                None,
                "https://x.example/a",
                None,
                "Amnesty International",
                "en",
            ]
        ],
        columns=["source_id", "kind", "title", "publisher", "url", "copy_url", "date_published", "author", "language"],
    )
    (es,) = csl_references(sources, "es")
    assert printed(es["author"][0]["literal"]) == printed(es["publisher"]) == "Amnistía Internacional"

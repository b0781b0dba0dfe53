"""The HTML edition's release and citation box."""

from __future__ import annotations

from . import escape, i18n


def title_block(values: dict[str, str], lang: str, **labels: str) -> str:
    """The HTML edition's release and citation box (the PDF has the same on its title page); `labels` replace
    the edition's words for its fields (`version`, ...)."""
    words = i18n.text("title_block", lang) | labels
    version, release, date, checksum, how = (
        escape.html_text(words[k]) for k in ("version", "release", "date", "checksum", "how")
    )
    v = {k: escape.html_text(x) for k, x in values.items()}
    return (
        f'<div class="title-block"><p><strong>{version}</strong>: {v["package_version"]} · '
        f"<strong>{release}</strong>: {v['release']} · <strong>{date}</strong>: {v['release_created']}<br>"
        f"<strong>{checksum}</strong>: <code>{v['release_sha256']}</code></p></div>\n"
        f'<div class="cite-block"><p><strong>{how}</strong></p><p>{v["citation"]}</p></div>\n'
    )

"""The Quarto subset the offline renderer understands, and nothing more.

Supported: YAML front matter merged over `_quarto.yml` (and `metadata-files`), the `meta`
and `include` shortcodes, `.content-visible`/`.content-hidden` divs with `when-meta`/`unless-meta`,
a titled note box (`::: {.callout-note title="..."}`, drawn by crossref.lua),
figures and tables with `#fig-`/`#tbl-` labels and bare `@fig-`/`@tbl-` cross-references (marked here
as spans that citeproc leaves alone, `mark_cross_references`; numbered and linked by crossref.lua), and
citations. Anything else that Quarto would treat specially stops the render with a message naming the file
and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..release.problems import RenderError

CONDITIONAL = re.compile(
    r'^:{3,}\s*\{\.content-(?P<kind>visible|hidden)\s+(?P<test>when|unless)-meta="(?P<key>[^"]+)"\}\s*$'
)
DIV_OPEN = re.compile(r"^:{3,}\s*\S")  # any fenced div's opening line (attributes or a class name follow)
DIV_CLOSE = re.compile(r"^:{3,}\s*$")  # closes the innermost open div, whatever the number of colons
# A bare cross-reference, not escaped (data text arrives with its `@` escaped) and not inside a word or address.
CROSS_REFERENCE = re.compile(r"(?<![\w\\@])@((?:fig|tbl)-[\w-]*\w)")
SHORTCODE = re.compile(r"\{\{<\s*(\S+)\s*(.*?)\s*>\}\}")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
UNSUPPORTED = [
    (re.compile(r"^\s*```+\s*\{[a-zA-Z]"), "executable code cell (the report has no computed cells)"),
    (re.compile(r"^\s*#\|"), "cell option line"),
    (
        re.compile(r'^:::+\s*\{(?!\.callout-note title="[^"]+"\}\s*$)[^}]*\.callout-'),
        'callout block other than {.callout-note title="..."}',
    ),
    (re.compile(r"^:::+\s*\{[^}]*\.panel-"), "panel layout"),
    (re.compile(r"^:::+\s*\{[^}]*#(fig|tbl)-"), "figure or table div (use an image or a captioned table)"),
    (re.compile(r"layout-n(col|row)="), "layout attribute"),
    (re.compile(r"@(sec|eq|lst|thm)-"), "cross-reference type other than @fig- and @tbl-"),
    (
        re.compile(r"(?:\[[^\]]*?|-)(?<!\\)@(?:fig|tbl)-"),
        "a cross-reference in brackets or with a minus (write it bare: @tbl-x)",
    ),
    (
        re.compile(r"^\s*\(?\{\{<\s*meta"),
        "a line starting with a meta shortcode (its value could read as a list marker, e.g. '47.'; reflow the line)",
    ),
]


class UnsupportedQuarto(RenderError):
    """The source uses a Quarto feature the offline renderer does not implement."""


def deep_merge(base: dict, override: dict) -> dict:
    """Merge two metadata mappings; `override` wins, nested mappings merge."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def split_front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter (empty if none) and the body of a .qmd file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end() :]


def document_metadata(project: Path, document: Path) -> tuple[dict, str]:
    """Metadata of a document as Quarto sees it (project file, metadata files, front matter) and its body."""
    project_meta = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8")) or {}
    front, body = split_front_matter(document.read_text(encoding="utf-8"))
    meta = {k: v for k, v in project_meta.items() if k not in ("project", "format")}
    for extra in project_meta.get("metadata-files", []) + front.get("metadata-files", []):
        meta = deep_merge(meta, yaml.safe_load((project / extra).read_text(encoding="utf-8")) or {})
    meta = deep_merge(meta, front)
    meta["_formats"] = deep_merge(project_meta.get("format", {}), front.get("format", {}) or {})
    return meta, body


def lookup(meta: dict, dotted: str):
    """Value of a dotted metadata key, e.g. `results.deaths_total`."""
    node = meta
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(dotted)
        node = node[part]
    return node


def check_supported(text: str, origin: str) -> None:
    """Refuse Quarto constructs outside the supported subset."""
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, what in UNSUPPORTED:
            if pattern.search(line):
                raise UnsupportedQuarto(f"{origin}:{number}: {what} is not supported by the offline renderer")


def truthy(meta: dict, key: str) -> bool:
    """Quarto's reading of a metadata value in `when-meta`: missing, false and empty are false."""
    try:
        value = lookup(meta, key)
    except KeyError:
        return False
    return bool(value) and str(value).lower() != "false"


def resolve_conditionals(text: str, meta: dict) -> str:
    """Keep or drop `.content-visible`/`.content-hidden` divs conditioned on metadata (`when-meta`/`unless-meta`),
    nested in each other or in other fenced divs as Pandoc nests them (a closing fence closes the innermost)."""
    kept = []
    open_divs: list[tuple[bool, bool]] = []  # (is a condition, is shown) of each div opened and not yet closed
    for line in text.splitlines(keepends=True):
        hidden = not all(shown for _, shown in open_divs)
        if match := CONDITIONAL.match(line):
            shown = truthy(meta, match["key"]) == (match["test"] == "when")
            open_divs.append((True, shown != (match["kind"] == "hidden")))
            continue
        if DIV_OPEN.match(line):
            open_divs.append((False, True))
        elif DIV_CLOSE.match(line) and open_divs and open_divs.pop()[0]:
            continue  # a condition's own closing fence
        if not hidden:
            kept.append(line)
    return "".join(kept)


def expand(text: str, meta: dict, base: Path, origin: str, depth: int = 0) -> str:
    """Expand conditional divs, then `meta` and `include` shortcodes (includes recursively, relative to `base`)."""
    if depth > 8:
        raise UnsupportedQuarto(f"{origin}: includes nested too deeply")
    text = resolve_conditionals(text, meta)
    check_supported(text, origin)

    def replace(match: re.Match) -> str:
        name, arg = match.group(1), match.group(2).strip()
        line = text[: match.start()].count("\n") + 1
        if name == "meta":
            try:
                value = lookup(meta, arg)
            except KeyError:
                raise UnsupportedQuarto(f"{origin}:{line}: metadata key {arg!r} is not defined") from None
            if isinstance(value, (dict, list)):
                raise UnsupportedQuarto(f"{origin}:{line}: metadata key {arg!r} is not a single value")
            return str(value)  # meta-<lang>.yml holds its values escaped (escape.markdown_text)
        if name == "include":
            path = (base / arg).resolve()
            if not path.is_file():
                raise UnsupportedQuarto(f"{origin}:{line}: included file {arg} does not exist")
            return expand(path.read_text(encoding="utf-8"), meta, path.parent, arg, depth + 1)
        raise UnsupportedQuarto(f"{origin}:{line}: shortcode {name!r} is not supported by the offline renderer")

    return SHORTCODE.sub(replace, text)


def mark_cross_references(text: str) -> str:
    """Write each `@fig-x`/`@tbl-x` as a span of class `xref` with its target, its text the escaped reference.

    Pandoc would read the reference as a citation, and citeproc would find no source of that name; as a span it
    reaches crossref.lua untouched, which makes it a Typst reference or an HTML link. Marking it in the text
    spares Pandoc a walk of the whole document before citeproc.
    """
    return CROSS_REFERENCE.sub(lambda m: f'[\\@{m[1]}]{{.xref target="{m[1]}"}}', text)

"""Where data text is escaped for an output format: every such escape of the build goes through here.

Markdown table cells: a `|` would end the cell and a newline the row, so pipes are escaped and
newlines become spaces. HTML: `&`, `<`, `>` and quotes become character references.
"""

from __future__ import annotations

import html


def markdown_cell(text: str) -> str:
    """Text safe inside one cell of a Markdown pipe table."""
    return text.replace("|", "\\|").replace("\n", " ")


def html_text(text: str) -> str:
    """Text safe inside HTML content or a quoted attribute (`html.escape`, quotes included)."""
    return html.escape(text)

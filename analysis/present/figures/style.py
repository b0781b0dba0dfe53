"""One figure style: colour-blind-safe palette, A4 column width, deterministic SVG output."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
CATEGORY_COLOURS = {
    "clash_civilian": OKABE_ITO["vermillion"],
    "roadblock_related": OKABE_ITO["orange"],
    "police": OKABE_ITO["blue"],
    "soldier": OKABE_ITO["green"],
    "other": OKABE_ITO["grey"],
}
REPORTER_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow", "black")]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

WIDTH_IN = 6.3  # A4 text width with 2.5 cm margins is about 16 cm
RC = {
    # Figure text stays text (svg.fonttype "none"), so that it can be searched, copied and read aloud. The PDF
    # embeds DejaVu Sans, which matplotlib ships and measures the text with (the render gives Typst the same
    # files: paths.figure_fonts); a browser showing the SVG falls back to a similar sans serif.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial", "Helvetica"],
    "font.size": 8.5,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "svg.hashsalt": "peru-protest-deaths",
    "svg.fonttype": "none",
    "path.simplify": False,
    # Text is text: a `$` in a name from the data is a dollar sign, not TeX math (which could also fail to parse).
    "text.parse_math": False,
}


def figure(height_in: float = 3.4, **kwargs):
    """A new figure and axes at A4 text width with the project style."""
    plt.rcParams.update(RC)
    return plt.subplots(figsize=(WIDTH_IN, height_in), **kwargs)


def source_line(fig, text: str) -> None:
    """The line under a figure naming the data release."""
    fig.text(0.01, 0.01, text, fontsize=6.5, color="#555555", ha="left", va="bottom")


def finding(fig) -> str:
    """The figure's title (the finding it states) on one line; empty if it has none."""
    titles = [fig.get_suptitle()] + [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
    return next((" ".join(t.split()) for t in titles if t.strip()), "")


def save(fig, path: Path) -> Path:
    """Write a deterministic SVG (fixed hash salt, no date metadata) and close the figure.

    The title goes into the SVG's metadata (dc:title) too: the HTML page uses it as the alt text.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Date": None, "Creator": None} | ({"Title": title} if (title := finding(fig)) else {})
    fig.savefig(path, format="svg", metadata=metadata)
    plt.close(fig)
    return path

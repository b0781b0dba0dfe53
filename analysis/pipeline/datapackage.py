"""The published result tables: one tidy CSV per declared table in `results/tables/`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_table_csv(frame: pd.DataFrame, path: Path) -> Path:
    """A tidy CSV export of a result table (dates ISO, no index)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.6g")
    return path

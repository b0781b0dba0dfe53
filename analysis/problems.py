"""How validation reports what is wrong: file, row, column, rule, message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule. `row` is the CSV line number (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: [{self.rule}] {self.message}"


class ReleaseError(Exception):
    """A release failed validation; `problems` lists every broken rule."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems[:50]]
        if len(problems) > 50:
            lines.append(f"... and {len(problems) - 50} more")
        super().__init__(f"{len(problems)} problem(s):\n" + "\n".join(lines))

    def __reduce__(self):  # raised in a worker process, it reaches the caller with its problems
        return ReleaseError, (self.problems,)


class ReportError(ValueError):
    """A valid release lacks something the report needs (e.g. an empty table the report shows)."""


class RenderError(Exception):
    """The report cannot be rendered as asked: a renderer that is not installed, or a Quarto
    feature the offline renderer does not implement (the message names the file and line)."""

"""How validation reports what is wrong: file, row, column, rule, message."""

from __future__ import annotations

from dataclasses import dataclass

PER_GROUP = 20  # problems shown per file, rule and column; the rest are counted
MESSAGE_CHARS = 300  # a message quoting a huge cell is cut


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
        message = self.message if len(self.message) <= MESSAGE_CHARS else self.message[:MESSAGE_CHARS] + " [...]"
        return f"{where}: [{self.rule}] {message}"


def report_lines(problems: list[Problem], per_group: int = PER_GROUP) -> list[str]:
    """The problems to print: at most `per_group` per file, rule and column (in the order found),
    each group's remainder counted in a "... and N more" line, then a summary line (none for a single
    problem, which is its own one-line message)."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, problem.rule, problem.column), []).append(problem)
    lines = []
    for (file, rule, column), group in groups.items():
        lines += [str(p) for p in group[:per_group]]
        if len(group) > per_group:
            where = file + (f", column {column!r}" if column else "")
            lines.append(f"{where}: [{rule}] ... and {len(group) - per_group:,} more")
    if len(problems) > 1:
        files = len({p.file for p in problems})
        lines.append(f"INVALID: {len(problems):,} problem(s) in {files} file(s)")
    return lines


class ReleaseError(Exception):
    """A release failed validation; `problems` lists every broken rule."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(report_lines(problems)))

    def __reduce__(self):  # raised in a worker process, it reaches the caller with its problems
        return ReleaseError, (self.problems,)


class ReportError(ValueError):
    """A valid release lacks something the report needs (e.g. an empty table the report shows)."""


class RenderError(RuntimeError):
    """Rendering failed: a tool is missing, or Pandoc, Typst or Quarto stopped. The message is one line."""

"""Small HTML tables for notebook results, without pulling in pandas."""

from __future__ import annotations

import html
import numbers
from collections.abc import Mapping, Sequence


class Table:
    """A table that Jupyter, Colab and GitHub render as HTML (and terminals as text)."""

    def __init__(self, columns: list[str], cells: list[list[str]]):
        self.columns = columns
        self.cells = cells

    def _repr_html_(self) -> str:
        header = "".join(f"<th>{html.escape(name)}</th>" for name in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self.cells
        )
        return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self) -> str:
        widths = [
            max(len(text) for text in [name, *(row[i] for row in self.cells)])
            for i, name in enumerate(self.columns)
        ]
        lines = [self.columns, *self.cells]
        return "\n".join(
            "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
            for line in lines
        )


def _format(value: object, spec: str | None) -> str:
    if spec is not None:
        return format(value, spec)
    if isinstance(value, numbers.Integral):
        return str(value)
    if isinstance(value, numbers.Real):
        return f"{value:.4g}"
    return str(value)


def table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    formats: Mapping[str, str] | None = None,
) -> Table:
    """Return ``rows`` (one dict per row) as a table; the last expression of a cell shows it.

    ``columns`` picks and orders the columns (default: the keys of the first row);
    ``formats`` maps a column to a format spec such as ``".1%"`` or ``".3f"``
    (default: integers as they are, other numbers with 4 significant digits).
    """
    rows = list(rows)
    if not rows:
        raise ValueError("table() needs at least one row")
    columns = list(columns) if columns is not None else list(rows[0])
    formats = dict(formats or {})
    unknown = set(formats) - set(columns)
    if unknown:
        raise ValueError(f"formats name columns that are not in the table: {sorted(unknown)}")
    cells = []
    for number, row in enumerate(rows):
        missing = [name for name in columns if name not in row]
        if missing:
            raise KeyError(
                f"row {number} has no {missing}; its keys are {list(row)} "
                "(every row needs every column)"
            )
        cells.append([_format(row[name], formats.get(name)) for name in columns])
    return Table(columns, cells)

"""CSV for spreadsheets, safe against formula injection.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be run as a
formula by Excel, LibreOffice or Google Sheets. Such cells get a leading apostrophe, which the
spreadsheet shows as text.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise("fundacja")
'fundacja'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell value as text that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def to_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str] | None = None) -> str:
    """Rows (dicts) as CSV text with a header; every cell, header included, neutralised.

    ``columns`` fixes the order (default: the keys of the first row). Missing cells are empty;
    no rows and no columns give an empty string.
    """
    rows = list(rows)
    if columns is None:
        columns = list(rows[0]) if rows else []
    if not columns:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(row.get(c)) for c in columns])
    return out.getvalue()

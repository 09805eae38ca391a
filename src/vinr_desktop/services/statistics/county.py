"""The county's indicator files: one municipality's published year as JSON (counts only,
suppressed, its municipality code and the definitions used; resources/statistics/
indikatorfil.schema.json documents it), checked when read, and any number of them merged into
one county table with the merged cells suppressed again.

Merging: a cell is the sum of the municipalities' cells; where any of them is hidden the sum
is unknown and stays hidden. Totals are the sums of the published totals. Then the
suppression rule runs again over the merged table (small sums hidden, complementary cells).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.json_schema import validate
from vinr_desktop.domain.statistics_kolada import KOLADA_DEFINITIONS, per_10000
from vinr_desktop.domain.statistics_suppression import RULE_TEXT, THRESHOLD, Hidden, is_small
from vinr_desktop.domain.statistics_suppression import suppress as suppress_cells
from vinr_desktop.resources import indicator_schema
from vinr_desktop.views.statistics import (
    CountyReport,
    KeyFigureView,
    StatisticsPage,
    TableView,
    summary_lines,
)

SCHEMA = "vinr-statistik-indikatorer"
SCHEMA_VERSION = 1
MAX_FILE_BYTES = 5_000_000


def indicator_file(
    page: StatisticsPage, municipality_code: str, created_utc: str
) -> dict[str, Any]:
    """One municipality's year as the county file (from a published page: nothing exact)."""
    if page.exact:
        raise InvalidInput("Länsfilen görs bara av publicerade (skyddade) siffror.")
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "municipality_code": municipality_code,
        "municipality": page.municipality,
        "year": page.year,
        "period": {"from": page.period_from, "to": page.period_to},
        "created": created_utc,
        "adult_population": page.population,
        "suppression": {"threshold": THRESHOLD, "rule": page.rule_text},
        "definitions": dict(KOLADA_DEFINITIONS),
        "key_figures": [
            {"key": f.key, "title": f.title, "count": f.count, "per_10000": f.per_10000}
            for f in page.key_figures
        ],
        "tables": [_table(t) for t in page.tables],
    }


def _table(t: TableView) -> dict[str, Any]:
    return {
        "key": t.key,
        "title": t.title,
        "measure": t.measure,
        "additive": t.additive,
        "columns": [
            {"code": c, "label": lab}
            for c, lab in zip(t.column_codes, t.column_labels, strict=True)
        ],
        "rows": [
            {
                "code": code,
                "label": label,
                "values": list(t.values[n]),
                "total": t.row_totals[n] if t.row_totals is not None else None,
            }
            for n, (code, label) in enumerate(zip(t.row_codes, t.row_labels, strict=True))
        ],
        "column_totals": list(t.column_totals) if t.column_totals is not None else None,
        "total": t.total,
        "note": t.note,
    }


def file_bytes(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_file(name: str, data: bytes) -> dict[str, Any]:
    """A municipality's file, checked: the right kind, this version, valid against the
    schema. InvalidInput in Swedish (naming only the file) otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"Filen {name} är för stor för att vara en indikatorfil.")
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput(f"Filen {name} är inte en indikatorfil (ingen läsbar JSON).") from None
    if not isinstance(parsed, dict) or parsed.get("schema") != SCHEMA:
        raise InvalidInput(f"Filen {name} är inte en indikatorfil från VINR Desktop.")
    version = parsed.get("schema_version")
    if version != SCHEMA_VERSION:
        raise InvalidInput(
            f"Filen {name} har schemaversion {version}, men det här programmet läser version "
            f"{SCHEMA_VERSION}. Be kommunen ta fram filen med samma version av programmet."
        )
    problems = validate(parsed, indicator_schema())
    if problems:
        shown = "; ".join(problems[:5])
        raise InvalidInput(f"Filen {name} följer inte schemat för indikatorfiler: {shown}")
    return parsed


def merge(files: Sequence[tuple[str, dict[str, Any]]], made_utc: str) -> CountyReport:
    """Merge checked files (name, content) of one year into the county's report."""
    if not files:
        raise InvalidInput("Ange minst en indikatorfil.")
    years = {f["year"] for _name, f in files}
    if len(years) != 1:
        raise InvalidInput("Filerna gäller olika år; slå bara ihop filer för samma år.")
    codes = [f["municipality_code"] for _name, f in files]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise InvalidInput(f"Kommunkod {', '.join(twice)} finns i mer än en fil.")
    contents = [f for _name, f in files]
    keys = [t["key"] for t in contents[0]["tables"]]
    for f in contents[1:]:
        for t in f["tables"]:
            if t["key"] not in keys:
                keys.append(t["key"])
    tables = tuple(_merge_table(key, contents) for key in keys)
    figures = _merge_figures(contents)
    year = years.pop()
    return CountyReport(
        year=year,
        region=f"Sammanställning av {len(files)} kommuner" if len(files) != 1 else "1 kommun",
        municipalities=tuple(
            (
                f["municipality_code"],
                f["municipality"],
                str(f["adult_population"]) if f["adult_population"] else "–",
                f["created"][:10],
            )
            for f in sorted(contents, key=lambda f: f["municipality_code"])
        ),
        tables=tables,
        key_figures=figures,
        summary=summary_lines(tables, figures),
        rule_text=RULE_TEXT,
        document_id=datetime.fromisoformat(made_utc).strftime("lan-%Y%m%d%H%M%S"),
        made_utc=made_utc,
    )


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _sum(values: Sequence[int | None]) -> int | None:
    total: int | None = 0
    for value in values:
        total = _add(total, value)
    return total


def _merge_table(key: str, files: Sequence[dict[str, Any]]) -> TableView:
    parts = [t for f in files for t in f["tables"] if t["key"] == key]
    first = parts[0]
    rows: dict[str, str] = {}
    cols: dict[str, str] = {}
    for t in parts:
        rows.update({r["code"]: r["label"] for r in t["rows"] if r["code"] not in rows})
        cols.update({c["code"]: c["label"] for c in t["columns"] if c["code"] not in cols})
    row_codes, col_codes = list(rows), list(cols)
    cells: list[list[int | None]] = [[0] * len(cols) for _ in rows]
    row_totals: list[int | None] = [0] * len(rows)
    col_totals: list[int | None] = [0] * len(cols)
    total: int | None = 0
    for t in parts:
        here = [c["code"] for c in t["columns"]]
        for r in t["rows"]:
            i = row_codes.index(r["code"])
            for code, value in zip(here, r["values"], strict=True):
                j = col_codes.index(code)
                cells[i][j] = _add(cells[i][j], value)
            row_totals[i] = _add(row_totals[i], r["total"])
        for code, value in zip(here, t["column_totals"] or [None] * len(here), strict=True):
            j = col_codes.index(code)
            col_totals[j] = _add(col_totals[j], value)
        total = _add(total, t["total"])
    additive = bool(first["additive"])
    many = additive and len(cols) > 1
    has_col_totals = first["column_totals"] is not None
    # Totals a file does not print (one column, one row) are the cells themselves.
    if not many:
        row_totals = [_sum(row) for row in cells]
    if not has_col_totals:
        col_totals = [_sum([row[j] for row in cells]) for j in range(len(cols))]
    hidden = _suppress(key, additive, cells, row_totals, col_totals, total)
    values = tuple(
        tuple(None if hidden.cell(i, j) else cells[i][j] for j in range(len(cols)))
        for i in range(len(rows))
    )
    return TableView(
        key=key,
        title=first["title"],
        row_codes=tuple(row_codes),
        row_labels=tuple(rows.values()),
        column_codes=tuple(col_codes),
        column_labels=tuple(cols.values()),
        values=values,
        row_totals=tuple(None if i in hidden.row_totals else v for i, v in enumerate(row_totals))
        if many
        else None,
        column_totals=tuple(
            None if j in hidden.column_totals else v for j, v in enumerate(col_totals)
        )
        if has_col_totals
        else None,
        total=None if hidden.grand_total else total,
        additive=additive,
        measure=first["measure"],
        note=first["note"],
        figures=not additive and not has_col_totals and len(cols) == 1,
    )


def _suppress(
    key: str,
    additive: bool,
    cells: list[list[int | None]],
    row_totals: list[int | None],
    col_totals: list[int | None],
    total: int | None,
) -> Hidden:
    rows, cols = len(cells), len(cells[0]) if cells else 0
    known = [[v or 0 for v in row] for row in cells]
    unknown = {(i, j) for i in range(rows) for j in range(cols) if cells[i][j] is None}
    if key == "shelter":
        small = {(i, 0) for i in range(rows) if (i, 0) in unknown or is_small(known[i][0])}
        if small & {(0, 0)}:
            small |= {(0, 0), (1, 0), (2, 0)}
        return Hidden(frozenset(small), frozenset(), frozenset(), False)
    if not additive:
        hidden = suppress_cells(known, additive=False)
        return Hidden(
            hidden.cells | frozenset(unknown),
            frozenset(),
            frozenset(),
            total is None or is_small(total),
        )
    unknown |= {(i, cols) for i, v in enumerate(row_totals) if v is None}
    unknown |= {(rows, j) for j, v in enumerate(col_totals) if v is None}
    if total is None:
        unknown.add((rows, cols))
    return suppress_cells(
        known,
        unknown=frozenset(unknown),
        totals=([v or 0 for v in row_totals], [v or 0 for v in col_totals], total or 0),
    )


def _merge_figures(files: Sequence[dict[str, Any]]) -> tuple[KeyFigureView, ...]:
    population: int | None = 0
    for f in files:
        population = _add(population, f["adult_population"])
    found = []
    for n, first in enumerate(files[0]["key_figures"]):
        count: int | None = 0
        for f in files:
            count = _add(count, f["key_figures"][n]["count"])
        if count is not None and is_small(count):
            count = None
        found.append(
            KeyFigureView(
                first["key"],
                first["title"],
                count,
                per_10000(count, population) if count is not None else None,
                files[0]["definitions"][first["key"]],
            )
        )
    return tuple(found)

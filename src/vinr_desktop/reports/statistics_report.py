"""The årsrapport for the nämnd and the county's sammanställning: a text summary, the Kolada key
figures with the definitions used, every table with its bar chart (reportlab graphics, the
screen's colours), and the suppression rule. Built only from published numbers: a hidden count
is printed "< 5" and drawn as a short grey bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether

from vinr_desktop.domain.redaction import RECIPIENT_LABELS
from vinr_desktop.reports.document import (
    CONTENT_WIDTH,
    FONT,
    SMALL,
    DocumentMeta,
    build_pdf,
    data_table,
    heading,
    key_value_table,
    notice_box,
    paragraph,
    pdf_text,
    spacer,
    text_width,
)
from vinr_desktop.resources import document_texts
from vinr_desktop.views.statistics import CHART_COLOURS, HIDDEN_COLOUR, table_rows
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.statistics import (
        CountyReport,
        KeyFigureView,
        StatisticsPage,
        TableView,
    )

_BAR = 11.0
_GAP = 4.0
_FONT_SIZE = 7.5


def render_annual(sealed: Redacted[StatisticsPage]) -> bytes:
    """The årsrapport of one register's year, for the nämnd."""
    page = sealed.view
    meta = DocumentMeta(
        title=document_texts()["statistics_report_title"],
        document_id=page.document_id,
        municipality=page.municipality,
        unit=page.unit,
        printed_by=page.made_by,
        printed_utc=page.made_utc,
        recipient=RECIPIENT_LABELS[sealed.recipient],
    )
    story: list[Flowable] = [heading(f"{meta.title} {page.period_label}", 1)]
    story.append(
        key_value_table(
            [
                ("Kommun", page.municipality),
                ("Enhet", page.unit),
                ("Period", f"{page.period_from} – {page.period_to}"),
                ("Vuxna invånare", str(page.population) if page.population else "Inte angivet"),
                ("Rapporten skapad", datetime_text(page.made_utc)),
            ]
        )
    )
    story += [heading("Sammanfattning", 2), *(paragraph(line) for line in page.summary)]
    story += _key_figures(page.key_figures)
    story += _tables(page.tables)
    story += [spacer(4), notice_box("Röjandeskydd", [page.rule_text], "ok")]
    return build_pdf(meta, story)


def render_county(sealed: Redacted[CountyReport]) -> bytes:
    """The county's sammanställning of several municipalities' indicator files."""
    report = sealed.view
    meta = DocumentMeta(
        title=document_texts()["county_report_title"],
        document_id=report.document_id,
        municipality=report.region,
        unit="",
        printed_by="vinr-admin sammanstall",
        printed_utc=report.made_utc,
        recipient=RECIPIENT_LABELS[sealed.recipient],
    )
    story: list[Flowable] = [heading(f"{meta.title} {report.year}", 1)]
    story.append(
        data_table(
            ["Kommunkod", "Kommun", "Vuxna invånare", "Fil skapad"],
            [list(row) for row in report.municipalities],
            [1, 3, 1.4, 1.6],
            right_aligned=(2,),
        )
    )
    story += [heading("Sammanfattning", 2), *(paragraph(line) for line in report.summary)]
    story += _key_figures(report.key_figures)
    story += _tables(report.tables)
    story += [spacer(4), notice_box("Röjandeskydd", [report.rule_text], "ok")]
    return build_pdf(meta, story)


def _key_figures(figures: Sequence[KeyFigureView]) -> list[Flowable]:
    rows = [
        [f"{n}. {f.title}", f.count_text(), f.rate_text(), f.definition]
        for n, f in enumerate(figures, 1)
    ]
    return [
        heading("Nyckeltal för våld mot vuxna (Kolada)", 2),
        data_table(
            ["Nyckeltal", "Antal", "Per 10 000 vuxna", "Definition som programmet använt"],
            rows,
            [3, 0.8, 1.1, 4.2],
            right_aligned=(1, 2),
        ),
    ]


def _tables(tables: Sequence[TableView]) -> list[Flowable]:
    """Each table under its chart. Rows without anything counted are left out (said below the
    table); a hidden count is not nothing and keeps its row."""
    story: list[Flowable] = []
    for table in tables:
        head, *rows = table_rows(table)
        head[0] = ""
        total = table.column_totals is not None or table.total is not None
        body, last = (rows[:-1], rows[-1:]) if total else (rows, [])
        kept = [row for row in body if any(cell != "0" for cell in row[1:])]
        if not kept and not (last and last[0][-1] != "0"):
            story += [heading(table.title, 3), paragraph("Inget att räkna under perioden.", SMALL)]
            continue
        weights = [3.0] + [1.0] * (len(head) - 1)
        block: list[Flowable] = [heading(table.title, 3)]
        chart = bar_chart(table)
        if chart is not None:
            block.append(chart)
        block.append(
            data_table(
                head, kept + last, weights, right_aligned=range(1, len(head)), total_row=total
            )
        )
        notes = [table.note] if table.note else []
        if len(kept) < len(body):
            notes.append("Rader utan något att räkna är utelämnade.")
        block += [paragraph(" ".join(notes), SMALL)] if notes else []
        story += [KeepTogether(block[:3]), *block[3:]]
    return story


def bar_chart(table: TableView) -> Drawing | None:
    """Horizontal bars of each row's total (rows without any count left out); a hidden count
    is a short grey bar marked "< 5". None when there is nothing to draw."""
    bars = [(label, value) for label, value in table.bars() if value != 0]
    if not bars or table.key in ("shelter",):
        return None
    label_width = min(
        CONTENT_WIDTH * 0.42,
        max(text_width(pdf_text(label), FONT, _FONT_SIZE) for label, _ in bars) + 12,
    )
    room = CONTENT_WIDTH - label_width - 40
    # A hidden count is drawn as 4 on a scale of at least 20, so it never looks large.
    largest = max([v for _, v in bars if v is not None] + [20])
    height = len(bars) * (_BAR + _GAP) + _GAP
    drawing = Drawing(CONTENT_WIDTH, height)
    drawing.add(Line(label_width, 0, label_width, height, strokeColor=colors.HexColor("#9aa5b1")))
    for n, (label, value) in enumerate(bars):
        y = height - (n + 1) * (_BAR + _GAP)
        shown = value if value is not None else 4
        colour = CHART_COLOURS[n % len(CHART_COLOURS)] if value is not None else HIDDEN_COLOUR
        width = max(2.0, room * shown / largest)
        drawing.add(
            Rect(
                label_width,
                y,
                width,
                _BAR,
                fillColor=colors.HexColor(colour),
                strokeColor=None,
                strokeWidth=0,
            )
        )
        drawing.add(
            String(label_width - 4, y + 3, _fit(label, label_width - 8), fontName=FONT,
                   fontSize=_FONT_SIZE, textAnchor="end")
        )  # fmt: skip
        drawing.add(
            String(label_width + width + 4, y + 3, table.text(value), fontName=FONT,
                   fontSize=_FONT_SIZE)
        )  # fmt: skip
    return drawing


def _fit(text: str, width: float) -> str:
    text = pdf_text(text)
    while text and text_width(text, FONT, _FONT_SIZE) > width:
        text = text[:-2] + "…"
    return text

"""The egenkontroll as a PDF: the selection, the totals per question and, in the unit's own
version, the cases × questions grid and each answer's detail; the nämnd's version holds the
totals only, small counts as "< 5", and a line to sign.

Built from a `Redacted[ComplianceReport]` (services/documents/compliance_builder.py has already
hidden what the recipient may not see).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from vinr_desktop.domain.compliance import (
    ANSWER_LABELS,
    QUESTION_LABELS,
    QUESTION_SHORT,
    Answer,
    Question,
)
from vinr_desktop.domain.redaction import RECIPIENT_LABELS
from vinr_desktop.reports.document import (
    SMALL,
    DocumentMeta,
    build_pdf,
    data_table,
    heading,
    key_value_table,
    paragraph,
    signature_lines,
    spacer,
)
from vinr_desktop.resources import document_texts
from vinr_desktop.views.compliance import count_words
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.compliance import ComplianceReport, ComplianceTable

_ORDER = (Answer.JA, Answer.NEJ, Answer.DELVIS, Answer.PAGAENDE, Answer.ET)


def render(sealed: Redacted[ComplianceReport]) -> bytes:
    report = sealed.view
    table = report.table
    meta = DocumentMeta(
        title=document_texts()["compliance_title"],
        document_id=table.document_id,
        municipality=table.municipality,
        unit=table.unit,
        printed_by=table.made_by,
        printed_utc=table.created_utc,
        recipient=RECIPIENT_LABELS[sealed.recipient],
    )
    small = report.small_counts
    story: list[Flowable] = [heading(meta.title, 1), _selection(report, small)]
    story += [spacer(4), heading("Svar per fråga", 2)]
    if small:
        story.append(paragraph("Antal från 1 till 4 visas som \u201d< 5\u201d.", SMALL))
    story.append(_totals(table, small))
    if table.rows:
        story += [spacer(4), heading("Ärendena", 2), _grid(table)]
        story.append(paragraph(_legend(), SMALL))
    else:
        story.append(
            paragraph(
                "Nämndens version redovisar bara antal. Svaren per ärende finns i enhetens "
                "egen version av egenkontrollen.",
                SMALL,
            )
        )
    if report.with_details:
        story += _details(table)
    else:
        story.append(
            KeepTogether(
                [
                    heading("Nämndens granskning", 2),
                    signature_lines([("Granskat av:", 2), ("Datum:", 1)]),
                    signature_lines([("Namnförtydligande:", 1)]),
                ]
            )
        )
    return build_pdf(meta, story)


def _selection(report: ComplianceReport, small: bool) -> Flowable:
    table = report.table
    return key_value_table(
        [
            ("Kommun", table.municipality),
            ("Enhet", table.unit),
            ("Aktualiserade", f"{table.period_from.isoformat()} – {table.period_to.isoformat()}"),
            ("Granskningsdag", table.review_on.isoformat()),
            ("Urval", table.selection_text),
            ("Ärenden i perioden", count_words(table.cases_in_period, small_counts=small)),
            ("Ärenden i urvalet", count_words(report.sample_size, small_counts=small)),
            ("Gjord av", table.made_by),
            ("Skapad", datetime_text(table.created_utc)),
        ]
    )


def _totals(table: ComplianceTable, small: bool) -> Flowable:
    headers = ["Fråga", *(ANSWER_LABELS[a] for a in _ORDER), "Ja av tillämpliga"]
    rows = []
    for total in table.totals:
        counts = [count_words(total.count(a), small_counts=small) for a in _ORDER]
        yes = count_words(total.count(Answer.JA), small_counts=small)
        of = count_words(total.applicable, small_counts=small)
        rows.append([f"{total.question.value} {total.label}", *counts, f"{yes} av {of}"])
    return data_table(headers, rows, [40, 8, 8, 9, 11, 12, 14], right_aligned={1, 2, 3, 4, 5, 6})


_SHORT_ANSWER = {
    Answer.JA: "Ja",
    Answer.NEJ: "Nej",
    Answer.DELVIS: "Delvis",
    Answer.PAGAENDE: "Pågår",
    Answer.ET: "–",
}


def _grid(table: ComplianceTable) -> Flowable:
    headers = ["Ärende", *(q.value for q in Question)]
    rows = [[row.label, *(_SHORT_ANSWER[c.answer] for c in row.cells)] for row in table.rows]
    return data_table(headers, rows, [30, *([7.0] * len(Question))])


def _legend() -> str:
    questions = "; ".join(f"{q.value} {QUESTION_SHORT[q].lower()}" for q in Question)
    return f"{questions}. Pågår: pågående. –: ej tillämplig."


def _details(table: ComplianceTable) -> list[Flowable]:
    story: list[Flowable] = []
    shown = [row for row in table.rows if row.case_id is not None]  # a hidden one has none
    for index, row in enumerate(shown):
        lines = [
            (f"{q.value} {QUESTION_LABELS[q]}", _answer_words(c.answer, c.detail))
            for q, c in zip(Question, row.cells, strict=True)
        ]
        block: list[Flowable] = [heading(row.label, 3), key_value_table(lines, 72 * mm)]
        if index == 0:  # the heading never ends a page alone
            block.insert(0, heading("Svaren i detalj", 2))
        story.append(KeepTogether(block))
    return story


def _answer_words(answer: Answer, detail: str) -> str:
    return f"{ANSWER_LABELS[answer]}: {detail}" if detail else ANSWER_LABELS[answer]

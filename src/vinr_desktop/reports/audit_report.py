"""The log review (loggkontroll) as a PDF for the nämnd: the selection, whether the audit chain
is whole, the flagged events counted and listed with their review, and a line to sign.

Built from a `Redacted[AuditReport]`: the view model the log-review service builds (it has
already hidden what the reviewer may not see), sealed by the document pipeline. The model lives
in views/audit.py, below both the services and the reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether

from vinr_desktop.domain.redaction import RECIPIENT_LABELS
from vinr_desktop.reports.document import (
    CELL,
    CELL_HEAD,
    SMALL,
    DocumentMeta,
    build_pdf,
    cell_lines,
    data_table,
    heading,
    key_value_table,
    notice_box,
    number_text,
    paragraph,
    signature_lines,
    spacer,
)
from vinr_desktop.resources import document_texts
from vinr_desktop.views.time_text import date_text, datetime_text

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.audit import AuditEventView, AuditReport, ChainStatus

MAX_PROBLEMS = 25  # chain problems listed; the rest are counted

_DETAIL = CELL.clone("cell_detail", textColor=SMALL.textColor, fontSize=7.5, leading=9.5)


def render(sealed: Redacted[AuditReport]) -> bytes:
    """The review as PDF bytes, printed by its reviewer when it was made."""
    report = sealed.view
    meta = DocumentMeta(
        title=document_texts()["audit_report_title"],
        document_id=report.document_id,
        municipality=report.municipality,
        unit=report.unit,
        printed_by=report.reviewer,
        printed_utc=report.created_utc,
        recipient=RECIPIENT_LABELS[sealed.recipient],
    )
    story: list[Flowable] = [heading(meta.title, 1)]
    story.append(
        key_value_table(
            [
                ("Kommun", report.municipality),
                ("Enhet", report.unit),
                ("Period", period_text(report)),
                ("Urval", report.filter_text),
                ("Händelser i urvalet", number_text(report.total_events)),
                ("Granskning gjord av", report.reviewer),
                ("Rapporten skapad", datetime_text(report.created_utc)),
            ]
        )
    )
    story += [spacer(5), _chain_box(report.chain)]
    story += _summary(report)
    story += _flagged(report)
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


def period_text(report: AuditReport) -> str:
    start, end = report.period_from, report.period_to
    if start and end:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start:
        return f"Från och med {start.isoformat()}"
    if end:
        return f"Till och med {end.isoformat()}"
    return "Hela loggen"


def review_text(event: AuditEventView) -> str:
    """ "Granskad <date> av <name>: <comment>", or "Ej granskad"."""
    mark = event.review
    if mark is None:
        return "Ej granskad"
    text = f"Granskad {date_text(mark.reviewed_utc)} av {mark.reviewer}"
    return f"{text}: {mark.comment}" if mark.comment.strip() else text


def _chain_box(chain: ChainStatus) -> Flowable:
    checked = f"Kontrollerad {datetime_text(chain.checked_utc)}."
    if chain.ok:
        return notice_box(
            f"Loggkedjan är hel: {number_text(chain.count)} poster kontrollerade",
            [f"{checked} Varje post stämmer med kontrollsumman i kedjan."],
            "ok",
        )
    problems = list(chain.problems[:MAX_PROBLEMS])
    if len(chain.problems) > MAX_PROBLEMS:
        problems.append(f"… och {len(chain.problems) - MAX_PROBLEMS} problem till.")
    return notice_box(
        "VARNING: loggkedjan är bruten",
        [
            f"{checked} {number_text(chain.count)} poster kontrollerade. Loggen kan ha ändrats "
            "utanför programmet. Kontakta systemförvaltaren innan loggen används som underlag."
        ],
        "warning",
        bullets=problems,
    )


def _summary(report: AuditReport) -> list[Flowable]:
    story: list[Flowable] = [heading("Flaggade händelser i sammanfattning", 2)]
    story.append(
        paragraph(
            "Flaggade är nödåtkomst, visade skyddade uppgifter, ärenden öppnade utanför egna "
            "ärenden, misslyckade inloggningar samt utskrifter och exporter.",
            SMALL,
        )
    )
    story.append(spacer(2))
    if not report.flag_counts:
        story.append(paragraph("Inga flaggade händelser i urvalet."))
        return story
    rows = [
        [c.label, str(c.total), str(c.reviewed), str(c.total - c.reviewed)]
        for c in report.flag_counts
    ]
    if len(rows) > 1:
        total = sum(c.total for c in report.flag_counts)
        reviewed = sum(c.reviewed for c in report.flag_counts)
        rows.append(["Summa", str(total), str(reviewed), str(total - reviewed)])
    headers = ["Flagga", "Antal", "Granskade", "Ej granskade"]
    story.append(
        data_table(
            headers, rows, [46, 18, 18, 18], right_aligned={1, 2, 3}, total_row=len(rows) > 1
        )
    )
    return story


def _flagged(report: AuditReport) -> list[Flowable]:
    if not report.flagged:
        return []
    story: list[Flowable] = [heading("Flaggade händelser", 2)]
    if report.flagged_truncated:
        story.append(
            paragraph(
                f"Listan visar de {len(report.flagged)} senaste flaggade händelserna; urvalet har "
                "fler. Sammanfattningen ovan räknar alla. Gör en rapport för en kortare period "
                "för att få med alla i listan."
            )
        )
        story.append(spacer(2))
    # Time and user share a column: seven columns do not fit a portrait page readably.
    headers = ["Tid och användare", "Händelse", "Ärende", "Flagga", "Skäl", "Granskning"]
    rows: list[list[str | list[Flowable]]] = [
        [
            f"{datetime_text(e.ts_utc)}\n{e.user_name or '–'}",
            cell_lines([(e.action_label, CELL), (e.detail, _DETAIL)])
            if e.detail
            else e.action_label,
            e.case_label,
            e.flag_label,
            e.reason,
            review_text(e) if e.review else cell_lines([(review_text(e), CELL_HEAD)]),
        ]
        for e in report.flagged
    ]
    story.append(data_table(headers, rows, [17, 18, 15, 12, 19, 19]))
    return story

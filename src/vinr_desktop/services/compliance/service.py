"""Egenkontroll: the ten questions asked of a stickprov of cases, as a table with totals per
question, a CSV file and (through the document pipeline) a PDF.

Who: a handläggare over the cases she may open; the enhetschef over the whole unit. The
administrator never (the policy has no rule for her). A case the reader may not open is still
asked and counted in every total, but listed only as "Skyddat ärende (ref. …)": no number, no
name, no detail. Every table made and every file saved is audited (codes only).
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, select, true

from vinr_desktop.access.policy import Action, Relation, Resource, can
from vinr_desktop.domain import settings
from vinr_desktop.domain.compliance import QUESTION_LABELS, Answer, Question, Result, Rules
from vinr_desktop.domain.compliance_care import answer_case
from vinr_desktop.domain.compliance_sample import (
    Group,
    SampleMode,
    Selection,
    check_selection,
    draw,
    selection_code,
    selection_words,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.audit.words import hidden_case_label
from vinr_desktop.services.care.common import care_settings
from vinr_desktop.services.case_access import viewer_of, visible_cases_clause
from vinr_desktop.services.cases.reports import report_rules
from vinr_desktop.services.compliance.facts import case_facts
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.documents.pipeline import FILE_EXPORT_FORBIDDEN
from vinr_desktop.services.documents.redaction import store_meta
from vinr_desktop.store.case_schema import CaseRow
from vinr_desktop.store.header import atomic_write
from vinr_desktop.store.schema import SettingRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.compliance import (
    ComplianceCell,
    ComplianceRow,
    ComplianceTable,
    QuestionTotal,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CSV_HEADER = ("ärende", "fråga", "svar", "detalj")
CSV_FILE_NAME = "egenkontroll.csv"  # a suggestion: never a name or a number from a case


class ComplianceService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def table(self, selection: Selection) -> ComplianceTable:
        """The sample's cases × questions on the review date, with totals; audited."""
        store, user = self.ctx.require(Action.VIEW_COMPLIANCE)
        checked = check_selection(selection)
        viewer = viewer_of(self.ctx, user)
        seed = checked.seed
        if checked.mode is SampleMode.RANDOM and seed is None:
            seed = secrets.randbelow(1_000_000)
        with store.session() as session:
            visible = visible_cases_clause(viewer)
            whole_unit = can(user, Action.READ_CASE, Resource(Relation.UNIT_CASE))
            conditions: list[Any] = [
                CaseRow.intake_date >= checked.period_from.isoformat(),
                CaseRow.intake_date <= checked.period_to.isoformat(),
                true() if whole_unit else visible,
            ]
            if checked.group is not Group.BOTH:
                conditions.append(CaseRow.is_child_case.is_(checked.group is Group.CHILDREN))
            found = session.execute(
                select(
                    CaseRow.id,
                    CaseRow.number,
                    CaseRow.intake_date,
                    CaseRow.protected,
                    CaseRow.is_child_case,
                    case((visible, 1), else_=0),
                ).where(*conditions)
            ).all()
            by_id = {r.id: r for r in found}
            chosen = draw(
                [(r.id, date.fromisoformat(r.intake_date)) for r in found], checked, seed or 0
            )
            rules = compliance_rules(session)
            facts = case_facts(session, chosen)
            meta = store_meta(session)
            document_id = new_id()
            store.record(
                session,
                user_id=user.user_id,
                action="compliance_viewed",
                object_id=document_id,
                reason=selection_code(checked, seed),
            )
        rows = []
        for item in facts:
            r = by_id[item.case_id]
            answers = answer_case(item, rules, checked.review_on)
            shown = bool(r[5])
            rows.append(
                ComplianceRow(
                    case_id=item.case_id if shown else None,
                    label=r.number if shown else hidden_case_label(store, item.case_id),
                    protected=bool(r.protected),
                    is_child=bool(r.is_child_case),
                    intake_on=item.intake_on,
                    cells=tuple(
                        ComplianceCell(answers[q].answer, answers[q].detail if shown else "")
                        for q in Question
                    ),
                )
            )
        return ComplianceTable(
            document_id=document_id,
            municipality=meta.get("municipality", ""),
            unit=meta.get("unit", ""),
            made_by=user.full_name,
            created_utc=self.ctx.now().isoformat(timespec="seconds"),
            period_from=checked.period_from,
            period_to=checked.period_to,
            review_on=checked.review_on,
            selection_text=selection_words(checked, seed),
            seed=seed if checked.mode is SampleMode.RANDOM else None,
            cases_in_period=len(found),
            rows=tuple(rows),
            totals=totals(rows),
        )

    def save_csv(self, table: ComplianceTable, path: Path) -> None:
        """The table as a CSV file for Excel (UTF-8 with BOM): audited first, then written
        atomically. Nothing the table does not show goes into the file."""
        if self.ctx.it_policy.pdf_export == "forbidden":
            raise InvalidInput(FILE_EXPORT_FORBIDDEN)
        self.record_export(table, "csv")
        atomic_write(path, ("\ufeff" + csv_text(table)).encode("utf-8"))

    def record_export(self, table: ComplianceTable, how: str) -> None:
        """Audit the table leaving the program (a CSV file, the CLI's rows)."""
        store, user = self.ctx.require(Action.VIEW_COMPLIANCE)
        with store.session() as session:
            store.record(
                session,
                user_id=user.user_id,
                action="compliance_exported",
                object_id=table.document_id,
                reason=f"{how}:{len(table.rows)}",
            )


def compliance_rules(session: Session) -> Rules:
    """The numbers the questions are asked with: the settings and the report rules."""
    keys = (settings.INVESTIGATION_START_DAYS.key, settings.JOURNAL_SIGNING_DAYS.key)
    stored = {
        str(k): str(v)
        for k, v in session.execute(
            select(SettingRow.key, SettingRow.value).where(SettingRow.key.in_(keys))
        )
    }
    return Rules(
        investigation_start_days=settings.INVESTIGATION_START_DAYS.parse(stored.get(keys[0])),
        journal_signing_days=settings.JOURNAL_SIGNING_DAYS.parse(stored.get(keys[1])),
        preliminary_days=report_rules().preliminary_days,
        follow_up_months=care_settings(session).interval_months,
    )


def case_answers(
    session: Session, case_ids: Sequence[str], on: date
) -> dict[str, dict[Question, Result]]:
    """K1–K10 for each case on the review date, inside the caller's session and access check
    (for statistics: "share within 14 days" is K8, "within 4 months" K9)."""
    rules = compliance_rules(session)
    return {facts.case_id: answer_case(facts, rules, on) for facts in case_facts(session, case_ids)}


def totals(rows: list[ComplianceRow]) -> tuple[QuestionTotal, ...]:
    """Per question, how many cases answered what (every case counts, protected ones too)."""
    found = []
    for index, question in enumerate(Question):
        counts = {answer: 0 for answer in Answer}
        for row in rows:
            counts[row.cells[index].answer] += 1
        found.append(QuestionTotal(question, QUESTION_LABELS[question], tuple(counts.items())))
    return tuple(found)


def csv_text(table: ComplianceTable) -> str:
    """`ärende;fråga;svar;detalj`, one line per case and question (a field holding a ';' is
    quoted, as Excel reads it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in table.rows:
        for question, cell in zip(Question, row.cells, strict=True):
            writer.writerow((row.label, question.value, cell.answer.value, cell.detail))
    return out.getvalue()

"""E-arkiv export: the cases that are kept (or, for a municipality changing systems, the whole
register) as one documented package for the archive (reports/archive/package.py).

Only the enhetschef exports, and only cases she may open: a protected case without her grant
is counted as not included and never named. Each case's Sammanställning comes from the one
document pipeline for the recipient "akt" (no contact details; the scrubber over every text),
made PDF/A; each is audited as a saved document, the export itself as `archive_exported`.
The package is written into a folder named "<name>.delvis" and renamed when it is whole, so an
interrupted export never looks finished; IT's "pdf_export": "forbidden" refuses it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.cases import INTAKE_LABELS, STATUS_LABELS, CaseStatus, IntakeKind
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.markers import MARKER_BY_CODE
from vinr_desktop.domain.persons import PROTECTION_LABELS, ROLE_LABELS, PersonRole
from vinr_desktop.domain.persons import ProtectionLevel as Level
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.retention import VERDICT_LABELS, Verdict
from vinr_desktop.reports.archive.package import DATA, archived_pdf, closing_files
from vinr_desktop.services.care.common import closing_reasons
from vinr_desktop.services.case_access import may, relations_for, viewer_of
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.documents.pipeline import FILE_EXPORT_FORBIDDEN, DocumentService
from vinr_desktop.services.documents.redaction import store_meta
from vinr_desktop.services.retention.proposal import today_of, verdicts_now
from vinr_desktop.store.case_schema import CaseMarkerRow, CasePersonRow, CaseRow, PersonRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.archive import (
    ArchiveCase,
    ArchiveDocument,
    ArchiveMeta,
    ArchivePerson,
    ArchiveResult,
)

KEPT = frozenset({Verdict.KEPT_RESEARCH, Verdict.KEPT_KIND})
NOT_A_FOLDER = "Välj en mapp som finns och som du kan skriva i."


@dataclass(frozen=True)
class _Chosen:
    meta: ArchiveMeta
    cases: tuple[ArchiveCase, ...]  # without documents yet
    case_ids: tuple[str, ...]
    not_included: int


class ArchiveService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def export(self, folder: Path, *, whole_register: bool = False) -> ArchiveResult:
        """Write the package into a new folder inside `folder`; returns what was written."""
        store, user = self.ctx.require(Action.EXPORT_ARCHIVE)
        if self.ctx.it_policy.pdf_export == "forbidden":
            raise InvalidInput(FILE_EXPORT_FORBIDDEN)
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise InvalidInput(NOT_A_FOLDER)
        chosen = self._choose(whole_register)
        name = f"vinr-e-arkiv-{today_of(self.ctx):%Y%m%d}-{chosen.meta.package_id[:8]}"
        target, partial = folder / name, folder / f"{name}.delvis"
        documents = DocumentService(self.ctx)
        cases = []
        try:
            (partial / DATA).mkdir(parents=True)
            for number, (case, case_id) in enumerate(
                zip(chosen.cases, chosen.case_ids, strict=True), 1
            ):
                rendered = documents.render(
                    DocumentKind.CASE_SUMMARY, case_id, case_id, Recipient.FILE
                )
                entry, data = archived_pdf(
                    rendered.pdf, rendered.title, f"dokument-{number:04d}.pdf", rendered.document_id
                )
                documents.record_output(
                    case_id,
                    DocumentKind.CASE_SUMMARY,
                    case_id,
                    Recipient.FILE,
                    "save",
                    rendered.document_id,
                )
                (partial / DATA / entry.file_name).write_bytes(data)
                cases.append(_with_documents(case, (entry,)))
            for path, data in closing_files(chosen.meta, tuple(cases)).items():
                (partial / path).parent.mkdir(parents=True, exist_ok=True)
                (partial / path).write_bytes(data)
            with store.session() as session:
                store.record(
                    session,
                    user_id=user.user_id,
                    action="archive_exported",
                    object_id=chosen.meta.package_id,
                    reason=str(len(cases)),
                )
            partial.rename(target)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        return ArchiveResult(str(target), len(cases), len(cases), chosen.not_included)

    def _choose(self, whole_register: bool) -> _Chosen:
        store, user = self.ctx.require(Action.EXPORT_ARCHIVE)
        viewer = viewer_of(self.ctx, user)
        reasons = {r.code: r.label for r in closing_reasons()}
        with store.session() as session:
            rules, verdicts = verdicts_now(session, today_of(self.ctx))
            meta_values = store_meta(session)
            rows = session.execute(select(CaseRow).order_by(CaseRow.number)).scalars().all()
            chosen, ids, hidden = [], [], 0
            for case in rows:
                verdict = verdicts[case.id].verdict
                if not whole_register and verdict not in KEPT:
                    continue
                if not may(user, Action.READ_CASE, relations_for(session, viewer, case)):
                    hidden += 1
                    continue
                markers = session.execute(
                    select(CaseMarkerRow.code).where(CaseMarkerRow.case_id == case.id)
                ).scalars()
                persons = session.execute(
                    select(PersonRow, CasePersonRow.role)
                    .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
                    .where(CasePersonRow.case_id == case.id)
                    .order_by(CasePersonRow.added_utc)
                ).all()
                chosen.append(
                    ArchiveCase(
                        number=case.number,
                        status_label=STATUS_LABELS[CaseStatus(case.status)],
                        intake_kind_label=INTAKE_LABELS[IntakeKind(case.intake_kind)],
                        intake_date=case.intake_date,
                        closed_on=case.closed_on or "",
                        closing_reason_label=reasons.get(case.closing_reason or "", ""),
                        last_entry=verdicts[case.id].last_entry.isoformat(),
                        markers=tuple(
                            MARKER_BY_CODE[c].label if c in MARKER_BY_CODE else c for c in markers
                        ),
                        persons=tuple(_person(p, role) for p, role in persons),
                        retention_label=VERDICT_LABELS[verdict],
                        documents=(),
                    )
                )
                ids.append(case.id)
        meta = ArchiveMeta(
            package_id=new_id(),
            created_utc=self.ctx.now().isoformat(timespec="seconds"),
            municipality=meta_values.get("municipality", ""),
            unit=meta_values.get("unit", ""),
            created_by=user.full_name,
            scope_label="Hela registret" if whole_register else "Ärenden som bevaras",
            rules_name=rules.name,
        )
        return _Chosen(meta, tuple(chosen), tuple(ids), hidden)


def _person(row: PersonRow, role: str) -> ArchivePerson:
    """A party as the archive keeps it: never an address, postal code or phone."""
    return ArchivePerson(
        name=" ".join(p for p in (row.first_name, row.last_name) if p),
        identity=row.identity_value,
        birth_date=row.birth_date or "",
        role_label=ROLE_LABELS.get(PersonRole(role), role),
        protection_label=PROTECTION_LABELS[Level(row.protection_level)],
    )


def _with_documents(case: ArchiveCase, documents: tuple[ArchiveDocument, ...]) -> ArchiveCase:
    return replace(case, documents=documents)

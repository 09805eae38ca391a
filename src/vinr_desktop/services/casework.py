"""The case-work services together, as the UI gets them: one bundle per logged-in session."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.services.audit_review import AuditReviewService
from vinr_desktop.services.care import CareServices
from vinr_desktop.services.cases.cases import CaseService
from vinr_desktop.services.cases.persons import PersonService
from vinr_desktop.services.cases.search import SearchService
from vinr_desktop.services.cases.sharing import SharingService
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.document_pipeline import DocumentService
from vinr_desktop.services.instruments import InstrumentService
from vinr_desktop.services.journal.journal import JournalService
from vinr_desktop.services.risk import RiskService
from vinr_desktop.services.safety_plans import SafetyPlanService


@dataclass(frozen=True)
class CaseWorkServices:
    cases: CaseService
    persons: PersonService
    journal: JournalService
    search: SearchService
    sharing: SharingService
    audit: AuditReviewService
    risk: RiskService
    instruments: InstrumentService
    safety_plans: SafetyPlanService
    care: CareServices  # providers, decisions, vårdplaner, follow-ups, documents (issue 6)
    documents: DocumentService  # every document, printed and saved (the same as care.documents)

    @classmethod
    def for_context(cls, ctx: AppContext) -> CaseWorkServices:
        care = CareServices.for_context(ctx)
        return cls(
            CaseService(ctx),
            PersonService(ctx),
            JournalService(ctx),
            SearchService(ctx),
            SharingService(ctx),
            AuditReviewService(ctx),
            RiskService(ctx),
            InstrumentService(ctx),
            SafetyPlanService(ctx),
            care,
            care.documents,
        )

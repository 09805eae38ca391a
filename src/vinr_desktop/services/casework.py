"""The case-work services together, as the UI gets them: one bundle per logged-in session.

`CareServices` is the care part of it (issue 6): providers, decisions and insatser,
vårdplaner, genomförandeplaner, follow-ups and the case's insats overview. Every method that
touches a case checks access with `case_work` (a case the user may not open is "finns inte"; a
read-only share cannot write), works in one transaction and writes its audit event there;
signing is written to the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.services.audit.review import AuditReviewService
from vinr_desktop.services.care.decisions import DecisionService
from vinr_desktop.services.care.disclosure import DisclosureService
from vinr_desktop.services.care.follow_ups import FollowUpService
from vinr_desktop.services.care.implementation import ImplementationPlanService
from vinr_desktop.services.care.overview import CareOverviewService
from vinr_desktop.services.care.plans import CarePlanService
from vinr_desktop.services.care.providers import ProviderService
from vinr_desktop.services.casefacts.investigation import InvestigationService
from vinr_desktop.services.casefacts.records import CaseFactsService
from vinr_desktop.services.cases.cases import CaseService
from vinr_desktop.services.cases.persons import PersonService
from vinr_desktop.services.cases.reports import ReportService
from vinr_desktop.services.cases.search import SearchService
from vinr_desktop.services.cases.sharing import SharingService
from vinr_desktop.services.compliance.marks import AssessmentMarkService
from vinr_desktop.services.compliance.service import ComplianceService
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.deadlines.service import DeadlineService
from vinr_desktop.services.documents.pipeline import DocumentService
from vinr_desktop.services.journal.journal import JournalService
from vinr_desktop.services.letters.service import LetterService
from vinr_desktop.services.risk.assessments import RiskService
from vinr_desktop.services.risk.instruments import InstrumentService
from vinr_desktop.services.risk.safety_plans import SafetyPlanService
from vinr_desktop.services.statistics.service import StatisticsService


@dataclass(frozen=True)
class CareServices:
    providers: ProviderService
    decisions: DecisionService
    care_plans: CarePlanService
    implementation_plans: ImplementationPlanService
    follow_ups: FollowUpService
    overview: CareOverviewService
    disclosure: DisclosureService  # the basis for giving a provider the client's details

    @classmethod
    def for_context(cls, ctx: AppContext) -> CareServices:
        return cls(
            ProviderService(ctx),
            DecisionService(ctx),
            CarePlanService(ctx),
            ImplementationPlanService(ctx),
            FollowUpService(ctx),
            CareOverviewService(ctx),
            DisclosureService(ctx),
        )


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
    care: CareServices  # providers, decisions, vårdplaner, follow-ups (issue 6)
    documents: DocumentService  # every document, printed and saved
    reports: ReportService  # each anmälan about a child and its two first steps
    investigations: InvestigationService  # the investigation record (issue 16)
    facts: CaseFactsService  # assignment, child heard, samverkan, kön, reminders
    deadlines: DeadlineService  # Bevakningar
    letters: LetterService  # kommunicering, beslutsmeddelande sent, överklagande (issue 21)
    statistics: StatisticsService  # Statistik (issue 19)
    compliance: ComplianceService  # egenkontroll
    assessment_marks: AssessmentMarkService  # an entry as the risk and protection assessment

    @classmethod
    def for_context(cls, ctx: AppContext) -> CaseWorkServices:
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
            CareServices.for_context(ctx),
            DocumentService(ctx),
            ReportService(ctx),
            InvestigationService(ctx),
            CaseFactsService(ctx),
            DeadlineService(ctx),
            LetterService(ctx),
            StatisticsService(ctx),
            ComplianceService(ctx),
            AssessmentMarkService(ctx),
        )

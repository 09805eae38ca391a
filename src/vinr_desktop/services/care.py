"""The care services together (issue 6): providers, decisions and insatser, vårdplaner,
genomförandeplaner, follow-ups, the case's insats overview, and documents.

One bundle per logged-in session, like `CaseWorkServices` (which holds it as `.care`). Every
method that touches a case checks access with `case_work` (a case the user may not open is
"finns inte"; a read-only share cannot write), works in one transaction and writes its audit
event there; signing is written to the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.services.care_implementation import ImplementationPlanService
from vinr_desktop.services.care_overview import CareOverviewService
from vinr_desktop.services.care_plans import CarePlanService
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.decisions import DecisionService
from vinr_desktop.services.document_pipeline import DocumentService
from vinr_desktop.services.follow_ups import FollowUpService
from vinr_desktop.services.providers import ProviderService


@dataclass(frozen=True)
class CareServices:
    providers: ProviderService
    decisions: DecisionService
    care_plans: CarePlanService
    implementation_plans: ImplementationPlanService
    follow_ups: FollowUpService
    overview: CareOverviewService
    documents: DocumentService

    @classmethod
    def for_context(cls, ctx: AppContext) -> CareServices:
        return cls(
            ProviderService(ctx),
            DecisionService(ctx),
            CarePlanService(ctx),
            ImplementationPlanService(ctx),
            FollowUpService(ctx),
            CareOverviewService(ctx),
            DocumentService(ctx),
        )

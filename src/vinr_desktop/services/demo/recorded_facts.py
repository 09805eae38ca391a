"""Demo facts recorded through the real services as the demo handläggare, after the care work:
a child heard in a conversation and a child not heard (with the reason and how the situation
was learnt), a SIP meeting and a samverkan meeting with other actors, and two new anmälningar
about children — one waiting for its skyddsbedömning today, one assessed for protection whose
förhandsbedömning is late. Every row, journal line and audit event is the program's own.
"""

from __future__ import annotations

from datetime import date, timedelta

from vinr_desktop.domain.case_facts import ChildHeardInput, HeardWay, MeetingKind, NotHeardReason
from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.demo.care import as_caseworker
from vinr_desktop.views.cases import CaseListRow

LEARNT_OTHERWISE = "Samtal med förskolan och observation vid hembesöket (fiktivt)."
SIP_PARTICIPANTS = "Vårdcentralen Demoby, BUP Demoby, skolkuratorn (fiktiva), klienten"
SAMVERKAN_PARTICIPANTS = "Polisen Demoby och skolkuratorn (fiktiva)"


def fill_demo_facts(ctx: AppContext) -> None:
    """Add the recorded facts to a store that the cases and care work have filled."""
    with as_caseworker(ctx):
        services = CaseWorkServices.for_context(ctx)
        today = ctx.now().astimezone().date()
        own = [c for c in services.cases.list_cases() if c.own]
        own.sort(key=lambda c: (c.intake_date, c.number))
        children = [c for c in own if c.is_child_case and c.status is not CaseStatus.CLOSED]
        investigated = [
            c for c in children if c.status in (CaseStatus.INVESTIGATION, CaseStatus.INTERVENTION)
        ]
        for case, heard in zip(investigated, (True, False), strict=False):
            _child_heard(services, case, heard, today)
        adults = [
            c
            for c in own
            if not c.is_child_case and c.status is CaseStatus.INTERVENTION and not c.protected
        ]
        if adults:
            services.facts.record_meeting(
                adults[0].case_id,
                MeetingKind.SIP,
                today - timedelta(days=15),
                SIP_PARTICIPANTS,
                "Gemensam plan för stöd i boendet och kontakten med vården. Ny SIP om tre månader.",
            )
        if investigated:
            services.facts.record_meeting(
                investigated[0].case_id,
                MeetingKind.SAMVERKAN,
                today - timedelta(days=6),
                SAMVERKAN_PARTICIPANTS,
                "Samråd om barnets skolgång och polisens förundersökning.",
            )
        _new_reports(services, children, today)


def _child_heard(services: CaseWorkServices, case: CaseListRow, heard: bool, today: date) -> None:
    main = services.cases.details(case.case_id).main_person
    if main is None:
        return
    on = max(date.fromisoformat(case.intake_date), today - timedelta(days=12))
    if heard:
        value = ChildHeardInput(
            main.person_id,
            on,
            heard=True,
            way=HeardWay.TALK,
            note="Barnet berättade om hur det är hemma och i skolan.",
        )
    else:
        value = ChildHeardInput(
            main.person_id,
            on,
            heard=False,
            reason=NotHeardReason.AGE,
            learnt_otherwise=LEARNT_OTHERWISE,
        )
    services.facts.record_child_heard(case.case_id, value)


def _new_reports(services: CaseWorkServices, children: list[CaseListRow], today: date) -> None:
    """A report that came in today (skyddsbedömning due today) and one from sixteen days ago,
    assessed for protection the same day, whose förhandsbedömning is two days late."""
    cases = [c for c in children if not c.protected][-2:]
    if len(cases) < 2:
        return
    services.reports.add(cases[0].case_id, today, "school", "")
    earlier = today - timedelta(days=16)
    if earlier.isoformat() < cases[1].intake_date:
        return
    report = services.reports.add(cases[1].case_id, earlier, "police", "")
    services.reports.record_protection(
        cases[1].case_id,
        report,
        earlier,
        False,
        "Barnet bor hos den skyddande föräldern; inget omedelbart skyddsbehov.",
    )

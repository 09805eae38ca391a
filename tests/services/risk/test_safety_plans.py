"""Safety plans: versions that never overwrite, "ska ses över" after a new assessment, and safe
places that are hidden for a protected person and never leak into lists, logs or documents."""

from __future__ import annotations

import io

import pypdf
import pytest
from sqlalchemy import select, text

from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.risk import AssessmentDraft
from vinr_desktop.domain.safety_plan import SafetyPlanDraft
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.schema import AuditRow

SAFE_PLACE = "Trygga stugan MARKÖR, Gömstadby"


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def _plan(version: str) -> SafetyPlanDraft:
    return SafetyPlanDraft(
        contacts=f"Kvinnojouren (fiktiv), 070-000 00 01 ({version})",
        safe_places=SAFE_PLACE,
        signals="Kodordet 'blåbär' i sms till systern.",
        actions_when="Ring 112 om han kommer till bostaden.",
        children_part="Barnen vet att de ska gå till grannen.",
    )


def _sign_assessment(team: Team, case_id: str) -> str:
    risk = team.services.risk
    (person,) = risk.persons_for(case_id, "vinr-riskfaktorer")
    assessment_id = risk.start(case_id, "vinr-riskfaktorer", person.person_id)
    today = team.env.clock.now.astimezone().date()
    risk.sign(
        case_id,
        assessment_id,
        AssessmentDraft(
            assessed_on=today,
            judgement=RiskLevel.HIGH,
            motivation="Hot och förföljelse.",
            victim_estimate="Mycket rädd.",
        ),
    )
    return assessment_id


def test_versions_reviews_and_hidden_safe_places(team: Team) -> None:
    ref = team.case(protected=True)
    team.act_as("anna")
    plans = team.services.safety_plans
    (person,) = [p for p in plans.persons(ref.case_id) if p.protected]
    first = plans.save_draft(ref.case_id, person.person_id, None, _plan("v1"))
    v1 = plans.sign(ref.case_id, first, _plan("v1"))
    assert (v1.version, v1.current, v1.needs_review) == (1, True, False)
    assert v1.safe_places is None and v1.safe_places_hidden  # protected: hidden until revealed

    _sign_assessment(team, ref.case_id)
    (summary,) = plans.plans(ref.case_id)
    assert summary.needs_review and summary.current
    with pytest.raises(InvalidInput):
        plans.mark_reviewed(ref.case_id, first, "  ")
    plans.mark_reviewed(ref.case_id, first, "Gick igenom planen med henne; den gäller.")
    assert not plans.plan(ref.case_id, first).needs_review

    _sign_assessment(team, ref.case_id)
    assert plans.plan(ref.case_id, first).needs_review
    # A new version starts from the current one; the hidden safe places carry over unchanged.
    second = plans.save_draft(ref.case_id, person.person_id, None, _plan("v2"))
    kept = SafetyPlanDraft(**{**_plan("v2").__dict__, "safe_places": None})
    v2 = plans.sign(ref.case_id, second, kept)
    assert v2.version == 2 and v2.current and not v2.needs_review
    old = plans.plan(ref.case_id, first)
    assert not old.current and not old.needs_review and "(v1)" in old.contacts
    assert [r.resolution for r in old.reviews] == ["reviewed", "new_version"]

    assert plans.reveal_safe_places(ref.case_id, second, "Planerar hembesök i kväll.") == SAFE_PLACE
    store = team.env.ctx.require_store()
    with store.session() as session:
        (reveal,) = session.execute(
            select(AuditRow).where(AuditRow.action == "safe_places_revealed")
        ).scalars()
        assert (reveal.object_id, reveal.reason) == (second, "Planerar hembesök i kväll.")
        with pytest.raises(Exception, match="read-only"):
            session.execute(
                text("UPDATE safety_plans SET safe_places = '' WHERE id = :i"), {"i": first}
            )
    with store.session() as session:
        audit = session.execute(select(AuditRow.object_id, AuditRow.reason)).all()
        journal = session.execute(select(JournalEntryRow.text)).scalars().all()
    logged = " ".join(f"{o} {r}" for o, r in audit) + " ".join(journal)
    assert "MARKÖR" not in logged
    assert "Säkerhetsplan signerad (version 2)." in journal
    assert "MARKÖR" not in repr(plans.plans(ref.case_id))


def test_the_assessment_pdf_never_holds_safe_places_or_an_address(team: Team) -> None:
    ref = team.case(protected=True)
    team.act_as("anna")
    plans = team.services.safety_plans
    (person,) = [p for p in plans.persons(ref.case_id) if p.protected]
    plan_id = plans.save_draft(ref.case_id, person.person_id, None, _plan("v1"))
    plans.sign(ref.case_id, plan_id, _plan("v1"))
    assessment_id = _sign_assessment(team, ref.case_id)
    assert team.services.risk.assessment(ref.case_id, assessment_id).safety_plan_id == plan_id
    docs = team.services.documents
    data = docs.render(DocumentKind.RISK_ASSESSMENT, ref.case_id, assessment_id, Recipient.FILE)
    reader = pypdf.PdfReader(io.BytesIO(data.pdf))
    pages = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "skyddade personuppgifter" in pages and "Bedömd risk: HÖG" in pages
    for secret in ("MARKÖR", "Gömstadby", "Hemligavägen"):
        assert secret not in pages
    plan_doc = docs.render(DocumentKind.SAFETY_PLAN, ref.case_id, plan_id, Recipient.FILE)
    reader = pypdf.PdfReader(io.BytesIO(plan_doc.pdf))
    plan_text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Kodordet 'blåbär'" in plan_text and "Ska ses över" in plan_text
    assert "Trygga platser skrivs aldrig ut." in plan_text and "MARKÖR" not in plan_text
    docs.record_output(
        ref.case_id,
        DocumentKind.SAFETY_PLAN,
        plan_id,
        Recipient.FILE,
        "print",
        plan_doc.document_id,
    )
    with team.env.ctx.require_store().session() as session:
        (printed,) = session.execute(
            select(AuditRow).where(AuditRow.action == "document_printed")
        ).scalars()
    reason = f"safety_plan:file:{plan_doc.document_id}"
    assert (printed.object_id, printed.reason) == (plan_id, reason)

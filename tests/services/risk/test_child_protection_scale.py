"""The child protection assessment judges on the case's scale from version 2 (omedelbart
skyddsbehov: ja/nej); an assessment signed with version 1 keeps låg/medel/hög."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from tests.casework import adult
from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.risk import Answer, AssessmentDraft
from vinr_desktop.resources import instrument_files
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.risk_schema import InstrumentRow

CHILD = "skyddsbedomning-barn"


def _draft(team: Team, level: RiskLevel, first_item: str) -> AssessmentDraft:
    return AssessmentDraft(
        assessed_on=team.env.clock.now.astimezone().date(),
        answers={
            first_item: Answer("nej"),  # version 1: "omedelbart", version 2: "tecken"
            "skyddar": Answer("foralder", "Föräldern skyddar barnet."),
            "atgard": Answer("utredning"),
        },
        judgement=level,
        motivation="Ingen omedelbar fara; föräldern skyddar barnet.",
        actions="Förhandsbedömningen fortsätter.",
    )


def _child_case(team: Team) -> tuple[str, str]:
    team.act_as("anna")
    ref = team.case()
    team.services.persons.add_to_case(
        ref.case_id, adult("Lilla", "Barnsdotter-Fiktiv", birth=date(2016, 4, 4), serial=41),
        PersonRole.CHILD,
    )  # fmt: skip
    (choice,) = team.services.risk.persons_for(ref.case_id, CHILD)
    return ref.case_id, choice.person_id


def _store_version_1(team: Team) -> None:
    """A register from before version 2: version 1 as it was copied in then."""
    content = dict(instrument_files())[f"{CHILD}.v1.json"]
    with team.env.ctx.require_store().session() as session:
        session.add(
            InstrumentRow(
                instrument_id=CHILD, version=1, name="Skyddsbedömning för barn",
                content=content.decode("utf-8"), sha256="0" * 64, source="bundled",
                added_by=team.users["anna"].user_id, added_utc="2026-01-01T00:00:00+00:00",
            )
        )  # fmt: skip


def test_a_new_assessment_judges_omedelbart_skyddsbehov_ja_or_nej(env: Env) -> None:
    team = make_team(env)
    case_id, person_id = _child_case(team)
    risk = team.services.risk
    assessment_id = risk.start(case_id, CHILD, person_id)
    draft = risk.assessment(case_id, assessment_id)
    assert draft.instrument.version == 2
    assert draft.instrument.judgement_label == "Omedelbart skyddsbehov"
    signed = risk.sign(case_id, assessment_id, _draft(team, RiskLevel.HIGH, "tecken"))
    assert signed.judgement_label == "ja"
    (summary,) = [s for s in risk.history(case_id).assessments if s.assessment_id == assessment_id]
    assert summary.judgement_label == "ja"
    with team.env.ctx.require_store().session() as session:
        texts = session.execute(
            select(JournalEntryRow.text).where(JournalEntryRow.case_id == case_id)
        ).scalars()
        assert any(
            t.startswith("Skyddsbedömning genomförd, omedelbart skyddsbehov: ja") for t in texts
        )


def test_an_assessment_signed_with_version_1_keeps_låg_medel_hög(env: Env) -> None:
    team = make_team(env)
    case_id, person_id = _child_case(team)
    _store_version_1(team)
    risk = team.services.risk
    assessment_id = risk.start(case_id, CHILD, person_id)
    with team.env.ctx.require_store().session() as session:  # a draft begun before version 2
        session.execute(
            text("UPDATE risk_assessments SET instrument_version = 1 WHERE id = :id"),
            {"id": assessment_id},
        )
    signed = risk.sign(case_id, assessment_id, _draft(team, RiskLevel.MEDIUM, "omedelbart"))
    assert signed.instrument.version == 1
    assert signed.judgement_label == "medel"
    assert [signed.instrument.level_label(lvl) for lvl in signed.instrument.scale] == [
        "låg", "medel", "hög",
    ]  # fmt: skip
    (summary,) = [s for s in risk.history(case_id).assessments if s.assessment_id == assessment_id]
    assert summary.judgement_label == "medel"
    # the newest version is what a new assessment gets
    assert risk.assessment(case_id, risk.start(case_id, CHILD, person_id)).instrument.version == 2

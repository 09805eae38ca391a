"""Risk assessments through the real services on a real store: draft, sign, read back with the
version used, history and flag, who may do what, and the locks on signed rows."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select, text

from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.instruments import InstrumentInvalid, RiskLevel
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.risk import Answer, AssessmentDraft, ContactState
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.resources import instrument_files
from vinr_desktop.services.case_access import NOT_FOUND, READ_ONLY
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.risk_schema import InstrumentRow
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.cases import CaseRef

CHECKLIST = "vinr-riskfaktorer"


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def _today(team: Team) -> date:
    return team.env.clock.now.astimezone().date()


def _ready(team: Team, level: RiskLevel = RiskLevel.HIGH, **answers: str) -> AssessmentDraft:
    return AssessmentDraft(
        assessed_on=_today(team),
        answers={k: Answer(v, f"Kommentar {k}") for k, v in answers.items()},
        victim_estimate="Hon tror att han kan döda henne.",
        victim_level=RiskLevel.HIGH,
        protective_factors="Syster i närheten.",
        judgement=level,
        motivation="Dödshot och vapen i hemmet.",
        actions="Skyddat boende erbjuds; se säkerhetsplanen.",
    )


def _main_person(team: Team, ref: CaseRef) -> str:
    (choice,) = team.services.risk.persons_for(ref.case_id, CHECKLIST)
    return choice.person_id


def _sign_one(team: Team, ref: CaseRef, level: RiskLevel = RiskLevel.HIGH, **answers: str) -> str:
    risk = team.services.risk
    assessment_id = risk.start(ref.case_id, CHECKLIST, _main_person(team, ref))
    risk.sign(ref.case_id, assessment_id, _ready(team, level, **answers))
    return assessment_id


def _v4_file() -> bytes:
    """A municipality's own version after the shipped versions 2 and 3."""
    data = json.loads(dict(instrument_files())[f"{CHECKLIST}.v3.json"])
    data["version"] = 4
    data["sections"][0]["items"][0]["text"] = "Version 4: har våldet ökat?"
    return json.dumps(data, ensure_ascii=False).encode()


def _events(team: Team, action: str) -> list[AuditRow]:
    with team.env.ctx.require_store().session() as session:
        rows = session.execute(select(AuditRow).where(AuditRow.action == action)).scalars()
        return list(rows)


def test_draft_sign_journal_flag_and_the_count_only_as_support(team: Team) -> None:
    team.act_as("anna")
    risk, ref = team.services.risk, team.case()
    risk.set_contact(ref.case_id, ContactState.YES, _today(team))
    (row,) = [r for r in team.services.cases.list_cases() if r.case_id == ref.case_id]
    assert row.risk_flag
    assert risk.status(ref.case_id).flag_text.startswith("Våldsutövaren har kontakt")

    assessment_id = risk.start(ref.case_id, CHECKLIST, _main_person(team, ref))
    many_yes = AssessmentDraft(
        assessed_on=_today(team),
        answers={"vapen": Answer("ja"), "dodshot": Answer("ja"), "strypning": Answer("nej")},
    )
    risk.save_draft(ref.case_id, assessment_id, many_yes)
    draft = risk.assessment(ref.case_id, assessment_id)
    # The count is support only: no judgement exists until the handläggare makes one.
    assert draft.judgement is None and draft.judgement_label == ""
    assert draft.support_text == "Stöd: 2 av 24 riskfaktorer besvarade ja"
    with pytest.raises(InvalidInput) as refused:
        risk.sign(ref.case_id, assessment_id, many_yes)
    assert "Välj bedömd risk" in refused.value.message
    assert "Skriv en motivering." in refused.value.message

    signed = risk.sign(
        ref.case_id, assessment_id, _ready(team, RiskLevel.MEDIUM, vapen="ja", dodshot="ja")
    )
    due = _today(team) + timedelta(days=60)  # the shipped interval for "medel"
    assert (signed.judgement_label, signed.signed_on) == ("medel", _today(team).isoformat())
    assert signed.next_assessment_on == signed.due_on == due.isoformat()
    assert signed.support_text.startswith("Stöd: 2 av 24")
    with team.env.ctx.require_store().session() as session:
        texts = list(
            session.execute(
                select(JournalEntryRow.text).where(JournalEntryRow.case_id == ref.case_id)
            ).scalars()
        )
    assert (
        f"Riskbedömning genomförd, bedömd risk: medel. Nästa bedömning senast "
        f"{due.isoformat()}." in texts
    )
    assert [e.object_id for e in _events(team, "risk_assessment_signed")] == [assessment_id]
    assert not risk.status(ref.case_id).flagged
    listed = next(r for r in team.services.cases.list_cases() if r.case_id == ref.case_id)
    assert not listed.risk_flag

    # The newest assessment runs out after its interval: the case is flagged again.
    team.env.clock.advance(timedelta(days=59).total_seconds())
    assert not risk.status(ref.case_id).flagged
    team.env.clock.advance(timedelta(days=1).total_seconds())
    assert risk.status(ref.case_id).flagged
    history = risk.history(ref.case_id)
    assert [(p.label, p.value) for p in history.series] == [("medel", 2)]
    assert history.status.contact_label == "Ja"


def test_signed_assessments_are_locked_by_the_service_and_the_store(team: Team) -> None:
    team.act_as("anna")
    risk, ref = team.services.risk, team.case()
    assessment_id = _sign_one(team, ref)
    for attempt in (
        lambda: risk.save_draft(ref.case_id, assessment_id, _ready(team, RiskLevel.LOW)),
        lambda: risk.sign(ref.case_id, assessment_id, _ready(team, RiskLevel.LOW)),
        lambda: risk.discard_draft(ref.case_id, assessment_id),
    ):
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert "signerad" in refused.value.message
    store = team.env.ctx.require_store()
    for statement in (
        "UPDATE risk_assessments SET judgement = 'low' WHERE id = :id",
        "DELETE FROM risk_assessments WHERE id = :id",
    ):
        with pytest.raises(Exception, match="read-only"), store.session() as session:
            session.execute(text(statement), {"id": assessment_id})
    with pytest.raises(Exception, match="never changed"), store.session() as session:
        session.execute(text("UPDATE instruments SET content = '{}'"))
    assert risk.assessment(ref.case_id, assessment_id).judgement is RiskLevel.HIGH


def test_an_old_assessment_keeps_its_version_after_a_new_one_is_added(team: Team) -> None:
    team.act_as("anna")
    risk, ref = team.services.risk, team.case()
    old_id = _sign_one(team, ref)
    team.act_as("ada")  # the administrator
    info = team.services.instruments.add_file(_v4_file())
    assert (info.version, info.current, info.source.value) == (4, True, "added")
    assert [e.object_id for e in _events(team, "instrument_added")] == [f"{CHECKLIST} v4"]
    team.act_as("anna")
    old = risk.assessment(ref.case_id, old_id)
    assert old.instrument.version == 3
    assert old.instrument.sections[0].items[0].text.startswith("Har våldet blivit grövre")
    new_id = risk.start(ref.case_id, CHECKLIST, _main_person(team, ref))
    new = risk.assessment(ref.case_id, new_id)
    assert new.instrument.version == 4
    assert new.instrument.sections[0].items[0].text == "Version 4: har våldet ökat?"
    listed = {
        (i.instrument_id, i.version): i.current
        for i in team.services.instruments.list_instruments(all_versions=True)
    }
    assert listed[(CHECKLIST, 3)] is False and listed[(CHECKLIST, 4)] is True


def test_a_broken_or_clashing_file_stores_nothing(team: Team) -> None:
    team.act_as("ada")
    instruments = team.services.instruments

    def stored() -> int:
        with team.env.ctx.require_store().session() as session:
            return len(session.execute(select(InstrumentRow)).all())

    before = stored()
    broken = json.loads(_v4_file())
    broken["sections"][1]["items"][2]["options"] = []
    broken.pop("publisher")
    with pytest.raises(InstrumentInvalid) as refused:
        instruments.add_file(json.dumps(broken).encode())
    assert "Avsnitt 2, fråga 3: svarsalternativ saknas" in refused.value.problems
    assert '"publisher" saknas' in refused.value.problems
    clash = json.loads(_v4_file())
    clash["version"] = 1
    with pytest.raises(InvalidInput, match="annat innehåll"):
        instruments.add_file(json.dumps(clash).encode())
    assert stored() == before and not _events(team, "instrument_added")
    team.act_as("anna")
    with pytest.raises(AccessDenied):  # adding files is the administrator's
        instruments.add_file(_v4_file())


def test_who_may_read_and_write_assessments(team: Team) -> None:
    ref = team.case()
    team.act_as("anna")
    assessment_id = _sign_one(team, ref)
    risk = team.services.risk
    team.act_as("bo")  # a colleague without a share
    for attempt in (
        lambda: risk.history(ref.case_id),
        lambda: risk.assessment(ref.case_id, assessment_id),
        lambda: team.services.documents.render(
            DocumentKind.RISK_ASSESSMENT, ref.case_id, assessment_id, Recipient.FILE
        ),
    ):
        with pytest.raises(AccessDenied) as refused:
            attempt()
        assert refused.value.message == NOT_FOUND
    team.share(ref, "bo", ShareLevel.READ)
    team.act_as("bo")
    assert risk.assessment(ref.case_id, assessment_id).judgement is RiskLevel.HIGH
    assert not risk.history(ref.case_id).writable
    for write in (
        lambda: risk.start(ref.case_id, CHECKLIST, _main_person(team, ref)),
        lambda: risk.set_contact(ref.case_id, ContactState.NO, _today(team)),
    ):
        with pytest.raises(AccessDenied) as refused:
            write()
        assert refused.value.message == READ_ONLY
    hidden = team.case(protected=True)
    team.act_as("chef")  # the manager does not see a protected case without nödåtkomst
    with pytest.raises(AccessDenied) as refused:
        risk.history(hidden.case_id)
    assert refused.value.message == NOT_FOUND


def test_history_comparison_and_a_draft_seen_only_by_its_author(team: Team) -> None:
    team.act_as("anna")
    risk, ref = team.services.risk, team.case()
    first = _sign_one(team, ref, RiskLevel.HIGH, vapen="ja", dodshot="ja")
    team.env.clock.advance(timedelta(days=30).total_seconds())
    second = _sign_one(team, ref, RiskLevel.LOW, vapen="nej", dodshot="ja")
    draft_id = risk.start(ref.case_id, CHECKLIST, _main_person(team, ref))
    history = risk.history(ref.case_id)
    assert [a.assessment_id for a in history.assessments] == [draft_id, second, first]
    assert [p.level for p in history.series] == [RiskLevel.HIGH, RiskLevel.LOW]
    comparison = risk.compare(ref.case_id, CHECKLIST)
    rows = {r.item_id: r for r in comparison.rows}
    assert [c.option_label for c in rows["vapen"].cells] == ["Ja", "Nej"]
    assert rows["vapen"].changed and not rows["dodshot"].changed
    assert comparison.supports == (
        "Stöd: 2 av 24 riskfaktorer besvarade ja",
        "Stöd: 1 av 24 riskfaktorer besvarade ja",
    )
    team.share(ref, "bo", ShareLevel.WRITE)
    team.act_as("bo")
    assert draft_id not in [a.assessment_id for a in risk.history(ref.case_id).assessments]
    with pytest.raises(InvalidInput):
        risk.assessment(ref.case_id, draft_id)


def test_the_pdf_shows_the_judgement_and_the_count_only_as_support(
    team: Team, tmp_path: Path
) -> None:
    team.act_as("anna")
    docs, ref = team.services.documents, team.case()
    assessment_id = _sign_one(team, ref, RiskLevel.LOW, vapen="ja", dodshot="ja", okning="ja")
    kind = DocumentKind.RISK_ASSESSMENT
    document = docs.render(kind, ref.case_id, assessment_id, Recipient.MANAGER)
    data = document.pdf
    assert not _events(team, "document_printed")  # a preview is not an output
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(pages.split())
    assert "Bedömd risk: LÅG" in flat
    assert "Stöd: 3 av 24 riskfaktorer besvarade ja. Antalet är ett stöd" in flat
    assert "Bedömd risk: 3" not in flat and "Bedömd risk: HÖG" not in flat
    assert "Mottagare: Enhetschef" in flat and "Sekretess enligt" in flat
    assert "Fiktiva vägen 3" not in flat  # the person's address is never in it
    assert reader.metadata is not None and reader.metadata.title == "Riskbedömning"
    docs.record_output(
        ref.case_id, kind, assessment_id, Recipient.MANAGER, "print", document.document_id
    )
    (event,) = _events(team, "document_printed")
    assert (event.case_id, event.object_id) == (ref.case_id, assessment_id)
    assert event.reason == f"risk_assessment:manager:{document.document_id}"  # codes only
    target = tmp_path / document.file_name
    docs.save_document(ref.case_id, document, target)
    assert target.read_bytes() == data
    (saved,) = _events(team, "document_saved")
    reason = f"risk_assessment:manager:{document.document_id}"
    assert (saved.object_id, saved.reason) == (assessment_id, reason)


def test_an_external_result_is_recorded_without_items(team: Team) -> None:
    team.act_as("anna")
    risk, ref = team.services.risk, team.case()
    assessment_id = risk.start(ref.case_id, "externt-resultat", _main_person(team, ref))
    result = AssessmentDraft(
        assessed_on=_today(team),
        judgement=RiskLevel.HIGH,
        field_values={
            "instrument": "SARA:SV",
            "datum": "2026-02-27",
            "gjord_av": "Polisen i Demoby (fiktiv)",
            "huvudrisker": "Upprepade hot, nyligen separerade.",
        },
    )
    signed = risk.sign(ref.case_id, assessment_id, result)
    assert signed.support is None and signed.field_values["instrument"] == "SARA:SV"
    journal = team.services.journal.timeline(ref.case_id).entries
    assert journal[0].text.startswith(
        "Resultat från externt bedömningsinstrument registrerat, bedömd risk: hög (SARA:SV)."
    )

"""Redaction of the care documents: a protected client with marker strings in her address, a
safe place in her safety plan, a violent person, another case, and free text that mentions
them. Every document is made for every recipient and read back with pypdf: no marker appears
where it must not, and what the recipient is meant to get is there (so the test can fail).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdf
import pytest

from tests.casework import SECRET_CITY, SECRET_STREET, adult, entry
from tests.fakes import FakeWallClock
from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
from vinr_desktop.domain.care_plans import ResponsibleRole as Role
from vinr_desktop.domain.cases import IntakeKind, ReporterKind
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.follow_ups import (
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.persons import ContactDetails, PersonRole
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.domain.redaction import DocumentKind, Recipient, recipients_for
from vinr_desktop.domain.safety_plan import SafetyPlanDraft
from vinr_desktop.services.admin import AdminService
from vinr_desktop.services.auth import AuthService
from vinr_desktop.services.care_views import Activity, ImplementationPlanInput, ReceivedAs
from vinr_desktop.services.case_views import NewCase
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.document_pipeline import RenderedDocument
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore

PROTECTED_PHONE = "999 99 99"  # protected_adult's phone, however it is spaced
SAFE_PLACE = "Tryggplatsen SÄKERMARKÖR"
VIOLENT_FIRST, VIOLENT_LAST = "Vilhelm", "Farligsson-Fiktiv"
VIOLENT_STREET = "Farovägen 5 VÅLDSMARKÖR"
JOURNAL_ONLY = "JOURNALMARKÖR"
MOTIVATION = "MOTIVMARKÖR"
ANSWER = "SVARMARKÖR"
GOAL = "MÅLTEXT trygg vardag"
NEVER = (SECRET_STREET, SECRET_CITY, PROTECTED_PHONE, SAFE_PLACE, "SÄKERMARKÖR")
HIDDEN_FROM_OUTSIDE = (VIOLENT_FIRST, VIOLENT_LAST, VIOLENT_STREET, JOURNAL_ONLY, MOTIVATION)


@dataclass(frozen=True)
class Setup:
    team: Team
    case_id: str
    number: str
    other_number: str
    plan_id: str
    decision_id: str
    follow_up_id: str
    client_name: str


@pytest.fixture(scope="module")
def setup(
    tmp_path_factory: pytest.TempPathFactory, template_store: tuple[Path, str]
) -> Iterator[Setup]:
    clock = FakeWallClock()
    folder = tmp_path_factory.mktemp("care-leak") / "register"
    shutil.copytree(template_store[0], folder)
    ctx = AppContext(folder, device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor())
    env = Env(ctx, AuthService(ctx), AdminService(ctx), clock, folder, template_store[1])
    team = make_team(env)
    team.act_as("anna")
    s, care = team.services, team.services.care
    ref = team.case(protected=True)
    details = s.cases.details(ref.case_id)
    client = details.main_person
    assert client is not None
    other = s.cases.register(
        NewCase(
            IntakeKind.APPLICATION,
            date(2026, 2, 21),
            ReporterKind.NONE,
            "",
            main_person_id=client.person_id,
            markers=("violence_physical",),
        )
    )
    s.persons.add_to_case(
        ref.case_id,
        adult(
            VIOLENT_FIRST,
            VIOLENT_LAST,
            serial=808,
            contact=ContactDetails(VIOLENT_STREET, "000 12", "Demoby", "070-174 06 99"),
        ),
        PersonRole.PERPETRATOR,
    )
    safety = s.safety_plans.save_draft(
        ref.case_id,
        client.person_id,
        None,
        SafetyPlanDraft(
            contacts="Jouren",
            safe_places=SAFE_PLACE,
            signals="Kodord",
            actions_when="Ringer 112",
            children_part="",
        ),
    )
    s.safety_plans.sign(
        ref.case_id,
        safety,
        SafetyPlanDraft(
            contacts="Jouren",
            safe_places=SAFE_PLACE,
            signals="Kodord",
            actions_when="Ringer 112",
            children_part="",
        ),
    )
    leaky = f"Hembesök på {SECRET_STREET} i {SECRET_CITY}; {VIOLENT_FIRST} {VIOLENT_LAST} ringde."
    s.journal.sign(ref.case_id, None, entry(f"{JOURNAL_ONLY} {leaky}"))
    provider = care.providers.add(
        ProviderInput(
            name="Kvinnojouren Fiktiva",
            kind="kvinnojour",
            takes_children=True,
            contact=ContactDetails("Jourvägen 1", "000 13", "Demoby", "070-174 06 10"),
            agreement_ref="Avtal AVTALSMARKÖR",
            quality_requirements="Dygnet runt.",
        )
    )
    decision = care.decisions.sign(
        ref.case_id,
        None,
        DecisionDraft(
            DecisionOutcome.GRANTED,
            date(2026, 2, 20),
            date(2026, 2, 25),
            "sol2025_bistand",
            "stodsamtal",
            provider,
            date(2026, 3, 1),
            date(2026, 8, 31),
            "Ett samtal i veckan",
            f"{MOTIVATION} {leaky}",
        ),
    )
    plan_id = care.care_plans.start(ref.case_id, decision)
    care.care_plans.sign(
        ref.case_id,
        plan_id,
        CarePlanDraft(
            goals=(
                GoalDraft(GOAL, f"Syns när {VIOLENT_FIRST} {VIOLENT_LAST} inte längre ringer"),
                GoalDraft("Eget boende", f"Inte längre på {SECRET_STREET}"),
            ),
            responsibilities=(Responsibility(Role.PROVIDER, "Håller samtalen."),),
            period_from=date(2026, 3, 1),
            period_to=date(2026, 8, 31),
            client_participation="Skrevs med klienten.",
            client_view="Vill ha förmiddagar.",
            children_needs="Barnen behöver egna samtal.",
            follow_up_on=date(2026, 6, 1),
            follow_up_how="Möte med klienten.",
        ),
    )
    care.implementation_plans.record_request(ref.case_id, decision, date(2026, 2, 26), "Brev")
    care.implementation_plans.record_received(
        ref.case_id,
        decision,
        ImplementationPlanInput(
            date(2026, 3, 1),
            ReceivedAs.TYPED,
            activities=(Activity("Samtal", GOAL, "Jouren", "Tisdagar", f"Inte i {SECRET_CITY}"),),
            participation="Klienten var med.",
        ),
    )
    goals = care.follow_ups.form(ref.case_id, decision).goals
    follow_up = care.follow_ups.sign(
        ref.case_id,
        decision,
        None,
        FollowUpDraft(
            date(2026, 3, 2),
            True,
            True,
            "",
            tuple(GoalResult(g.goal_id, GoalOutcome.PARTLY, "") for g in goals),
            (ClientAnswer("safer", "partly", f"{ANSWER} jag är rädd för {VIOLENT_FIRST}"),),
            FollowUpDecision.CONTINUE,
            "",
            date(2026, 9, 2),
        ),
    )
    yield Setup(
        team, ref.case_id, ref.number, other.number, plan_id, decision, follow_up, client.name
    )
    ctx.release()


def _make(setup: Setup, kind: DocumentKind, recipient: Recipient) -> RenderedDocument:
    objects = {
        DocumentKind.CARE_PLAN: setup.plan_id,
        DocumentKind.ASSIGNMENT: setup.decision_id,
        DocumentKind.IMPLEMENTATION_PLAN: setup.decision_id,
        DocumentKind.FOLLOW_UP: setup.follow_up_id,
        DocumentKind.CASE_SUMMARY: setup.case_id,
    }
    docs = setup.team.services.documents
    return docs.render(kind, setup.case_id, objects[kind], recipient)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _expected(marker: str, kind: DocumentKind, recipient: Recipient) -> bool:
    """Where a marker of the case may be printed (the answer written out, not computed from
    the policy)."""
    inside = recipient in (Recipient.FILE, Recipient.MANAGER)
    if marker in (VIOLENT_FIRST, VIOLENT_LAST, MOTIVATION):
        # In the decision's motivation (and the goals, the answers, the persons): inside only.
        return inside and kind is not DocumentKind.IMPLEMENTATION_PLAN
    if marker in (JOURNAL_ONLY, VIOLENT_STREET):
        return kind is DocumentKind.CASE_SUMMARY  # the journal and the persons: the file's
    assert marker == "AVTALSMARKÖR"
    return kind is DocumentKind.ASSIGNMENT


CARE_KINDS = (
    DocumentKind.CARE_PLAN,
    DocumentKind.ASSIGNMENT,
    DocumentKind.IMPLEMENTATION_PLAN,
    DocumentKind.FOLLOW_UP,
    DocumentKind.CASE_SUMMARY,
)
CELLS = [(k, r) for k in CARE_KINDS for r in recipients_for(k)]


@pytest.mark.parametrize(("kind", "recipient"), CELLS, ids=[f"{k}-{r}" for k, r in CELLS])
def test_every_document_for_every_recipient(
    setup: Setup, kind: DocumentKind, recipient: Recipient
) -> None:
    document = _make(setup, kind, recipient)
    text = " ".join(_text(document.pdf).split())
    for marker in NEVER:
        assert marker not in text, marker
    assert setup.other_number not in text  # never other cases
    for marker in (*HIDDEN_FROM_OUTSIDE, "AVTALSMARKÖR"):
        assert (marker in text) is _expected(marker, kind, recipient), marker
    # What each recipient is meant to get is there.
    for wanted in (setup.number, setup.client_name, "Anna Ansvarigsson-Fiktiv", "Sida 1 av"):
        assert wanted in text, wanted
    assert "26 kap. 1 §" in text and document.document_id in text
    if kind in (DocumentKind.CARE_PLAN, DocumentKind.ASSIGNMENT, DocumentKind.FOLLOW_UP):
        assert GOAL in text
    born = "Född 1990-07-03"
    assert (born in text) is (recipient is Recipient.PROVIDER)
    assert ("19900703-" in text) is (recipient is not Recipient.PROVIDER)
    if kind is DocumentKind.FOLLOW_UP:
        assert (ANSWER in text) is (recipient is not Recipient.PROVIDER)
    assert setup.number not in document.file_name and "Hemlig" not in document.file_name


def test_printing_and_saving_are_audited_and_leave_one_file(setup: Setup, tmp_path: Path) -> None:
    from sqlalchemy import select

    from vinr_desktop.store.schema import AuditRow

    docs = setup.team.services.care.documents
    document = docs.care_plan(setup.case_id, setup.plan_id, Recipient.PROVIDER)
    docs.record_output(
        setup.case_id,
        DocumentKind.CARE_PLAN,
        setup.plan_id,
        Recipient.PROVIDER,
        "print",
        document.document_id,
    )
    with pytest.raises(InvalidInput, match="finns inte"):
        docs.record_output(
            setup.case_id, DocumentKind.CARE_PLAN, setup.decision_id, Recipient.PROVIDER, "print"
        )
    with pytest.raises(InvalidInput, match="mottagaren"):
        docs.record_output(
            setup.case_id, DocumentKind.CASE_SUMMARY, setup.case_id, Recipient.PROVIDER, "save"
        )
    target = tmp_path / document.file_name
    docs.save_document(setup.case_id, document, target)
    assert target.read_bytes() == document.pdf
    assert [p.name for p in tmp_path.iterdir()] == [document.file_name]
    store = setup.team.env.ctx.require_store()
    with store.session() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.object_id, AuditRow.reason)
            .where(AuditRow.case_id == setup.case_id)
            .order_by(AuditRow.seq.desc())
            .limit(2)
        ).all()
    reason = f"care_plan:provider:{document.document_id}"
    assert [tuple(r) for r in rows] == [
        ("document_saved", setup.plan_id, reason),
        ("document_printed", setup.plan_id, reason),
    ]

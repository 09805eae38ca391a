"""The whole document pipeline against a case built to leak: a protected client with marker
strings in her street, postal code, town, phone, e-mail and safe places; her child at the same
address without a level of her own; a protected relative in the register's own town; a violent
person with his own markers. The markers are typed, in many spellings, into every free text the
program has: journal, motivations, goals, item comments, the safety plan, follow-up answers, a
nödåtkomst reason. Every document kind is made for every recipient it allows and read back with
pypdf: no forbidden marker anywhere, and what each recipient is meant to get is there (so the
test can fail).
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdf
import pytest

from tests.casework import adult, entry, register
from tests.fakes import FakeWallClock
from tests.services.conftest import Env
from tests.team import Team, make_team
from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
from vinr_desktop.domain.care_plans import ResponsibleRole as Role
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.follow_ups import (
    ClientAnswer,
    FollowUpDecision,
    FollowUpDraft,
    GoalOutcome,
    GoalResult,
)
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.domain.redaction import DocumentKind, Recipient, recipients_for
from vinr_desktop.domain.risk import Answer, AssessmentDraft
from vinr_desktop.domain.safety_plan import SafetyPlanDraft
from vinr_desktop.domain.scrubber import REMOVED, fold
from vinr_desktop.services.admin import AdminService
from vinr_desktop.services.audit_views import AuditFilter
from vinr_desktop.services.auth import AuthService
from vinr_desktop.services.care_views import Activity, ImplementationPlanInput, ReceivedAs
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.document_pipeline import RenderedDocument
from vinr_desktop.services.profile import ProfileService
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore

HOME = ContactDetails(
    "Hemlighetsgatan 17B lgh 1102",
    "981 37",
    "Gömställeby",
    "070-981 37 46",
    "sigrid.undangomd@gomstalle.invalid",
)
SAFE_PLACES = "Lönnkammaren hos mormor, Björkebacken 12 i Tystnadsby"
CHILD_PHONE = "073-246 81 35"
VIOLENT = ContactDetails(
    "Hotfullgatan 5", "000 12", "Demoby", "076-555 44 33", "valdemar@hot.invalid"
)
WORK_PHONE = "0690-250 100"

# How people write them in notes (cycled through the free texts below).
SPELLINGS = {
    "street": (
        "Hemlighetsgatan 17B",
        "hemlighetsgatan",
        "HEMLIGHETSGATAN 17 B",
        "Hemlighetsgatan 17 b lgh 1102",
        "17B",
        "Hemlighetsgatans",
    ),
    "postal": ("981 37", "98137", "SE-981 37"),
    "town": ("Gömställeby", "gomstalleby", "GÖMSTÄLLEBY", "Gomställebys"),
    "phone": ("070-981 37 46", "0709813746", "+46 70 981 37 46", "+46709813746", "070 98 13 746"),
    "email": ("sigrid.undangomd@gomstalle.invalid", "SIGRID.UNDANGOMD@GOMSTALLE.INVALID"),
    "place": ("Lönnkammaren", "lonnkammaren", "Björkebacken 12", "tystnadsby"),
    "child": (CHILD_PHONE, "0732468135"),
    "relative": ("Morbrorsgränd 4", "morbrorsgrand"),
    "violent": ("Valdemar", "Farligsson-Fiktiv", "valdemar farligsson-fiktiv", "Hotfullgatan 5"),
    "violent_phone": ("0765554433", "+46 76 555 44 33", "valdemar@hot.invalid"),
}
# Forbidden everywhere: words (compared folded) and numbers (compared as digits only).
NEVER_WORDS = (
    "hemlighetsgatan",
    "gomstalleby",
    "undangomd",
    "lonnkammaren",
    "bjorkebacken",
    "tystnadsby",
    "morbrorsgrand",
)
NEVER_DIGITS = ("709813746", "732468135")
NEVER_PATTERNS = (r"(?<!\d)981[\s\-]?37(?!\d)", r"lgh\s*1102", r"(?<!\d)17\s?B\b")
VIOLENT_WORDS = ("valdemar", "farligsson", "hotfullgatan", "hot.invalid")
VIOLENT_DIGITS = ("765554433",)
KEEP = "BEHÅLLTEXT"  # the ordinary part of every free text: must survive the scrubber


def leaky(n: int, where: str) -> str:
    """A note about the case mentioning every secret, in spellings that change with `n`."""

    def pick(key: str) -> str:
        options = SPELLINGS[key]
        return options[n % len(options)]

    return (
        f"{KEEP} {where}: hembesök på {pick('street')}, {pick('postal')} {pick('town')}; "
        f"ring {pick('phone')} eller mejla {pick('email')}. Hon flyr till {pick('place')}. "
        f"Barnet nås på {pick('child')}. Morbror bor på {pick('relative')}. "
        f"{pick('violent')} ringer från {pick('violent_phone')}."
    )


@dataclass(frozen=True)
class Setup:
    team: Team
    case_id: str
    number: str
    objects: dict[DocumentKind, str]
    client_name: str


def _count() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


@pytest.fixture(scope="module")
def setup(
    tmp_path_factory: pytest.TempPathFactory, template_store: tuple[Path, str]
) -> Iterator[Setup]:
    clock = FakeWallClock()
    folder = tmp_path_factory.mktemp("redaction") / "register"
    shutil.copytree(template_store[0], folder)
    ctx = AppContext(folder, device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor())
    env = Env(ctx, AuthService(ctx), AdminService(ctx), clock, folder, template_store[1])
    team = make_team(env)
    ProfileService(ctx).set_contact_of(team.users["anna"].user_id, WORK_PHONE, "anna@ex.invalid")
    team.act_as("anna")
    s, care, n = team.services, team.services.care, _count()
    protection = ProtectionLevel.PROTECTED_REGISTRATION
    client = adult("Sigrid", "Skyddadotter-Fiktiv", serial=401, protection=protection, contact=HOME)
    ref = register(s, client)
    child_home = ContactDetails(HOME.street, HOME.postal_code, HOME.city, CHILD_PHONE)
    s.persons.add_to_case(
        ref.case_id,
        adult(
            "Lilla", "Skyddadotter-Fiktiv", birth=date(2015, 5, 5), serial=402, contact=child_home
        ),
        PersonRole.CHILD,
    )
    s.persons.add_to_case(
        ref.case_id,
        adult(
            "Morbror",
            "Gömdsson-Fiktiv",
            serial=403,
            protection=ProtectionLevel.CONFIDENTIALITY_MARK,
            contact=ContactDetails("Morbrorsgränd 4", "000 14", "Exempelby"),
        ),
        PersonRole.RELATIVE,
    )
    s.persons.add_to_case(
        ref.case_id,
        adult("Valdemar", "Farligsson-Fiktiv", serial=404, contact=VIOLENT),
        PersonRole.PERPETRATOR,
    )
    main_id = next(
        p.person_id for p in s.cases.details(ref.case_id).persons if p.role.value == "main"
    )
    plan = SafetyPlanDraft(
        contacts=leaky(next(n), "kontakter"),
        safe_places=SAFE_PLACES,
        signals=leaky(next(n), "signaler"),
        actions_when=leaky(next(n), "gör när"),
        children_part=leaky(next(n), "barnens del"),
    )
    safety = s.safety_plans.save_draft(ref.case_id, main_id, None, plan)
    s.safety_plans.sign(ref.case_id, safety, plan)
    for _ in range(3):
        s.journal.sign(ref.case_id, None, entry(leaky(next(n), "journal")))
    s.journal.sign(
        ref.case_id,
        None,
        EntryDraft(
            date(2026, 2, 26),
            EntryKind.PHONE,
            SourceKind.AUTHORITY,
            "Kvinnojouren Exempelby",  # the register's own town: not a locating detail
            leaky(next(n), "jouren"),
        ),
    )
    risk = s.risk
    assessment = risk.start(ref.case_id, "vinr-riskfaktorer", main_id)
    risk.sign(
        ref.case_id,
        assessment,
        AssessmentDraft(
            assessed_on=date(2026, 2, 27),
            answers={
                "vapen": Answer("ja", leaky(next(n), "vapen")),
                "dodshot": Answer("ja", leaky(next(n), "dödshot")),
            },
            victim_estimate=leaky(next(n), "hennes bedömning"),
            victim_level=RiskLevel.HIGH,
            protective_factors=leaky(next(n), "skydd"),
            judgement=RiskLevel.HIGH,
            motivation=leaky(next(n), "motivering"),
            actions=leaky(next(n), "åtgärder"),
        ),
    )
    provider = care.providers.add(
        ProviderInput(
            name="Kvinnojouren Exempelby",
            kind="kvinnojour",
            takes_children=True,
            contact=ContactDetails("Jourvägen 1", "000 13", "Exempelby", "070-174 06 10"),
            agreement_ref="Avtal 2026",
            quality_requirements=leaky(next(n), "kvalitet"),
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
            leaky(next(n), "omfattning"),
            leaky(next(n), "beslutsmotivering"),
        ),
    )
    plan_id = care.care_plans.start(ref.case_id, decision)
    care.care_plans.sign(
        ref.case_id,
        plan_id,
        CarePlanDraft(
            goals=(
                GoalDraft(leaky(next(n), "mål"), leaky(next(n), "så syns det")),
                GoalDraft(leaky(next(n), "mål två"), leaky(next(n), "indikator")),
            ),
            responsibilities=(Responsibility(Role.PROVIDER, leaky(next(n), "utföraren")),),
            period_from=date(2026, 3, 1),
            period_to=date(2026, 8, 31),
            client_participation=leaky(next(n), "delaktighet"),
            client_view=leaky(next(n), "hennes synpunkter"),
            children_needs=leaky(next(n), "barnens behov"),
            follow_up_on=date(2026, 6, 1),
            follow_up_how=leaky(next(n), "uppföljning"),
        ),
    )
    plans = care.implementation_plans
    plans.record_request(ref.case_id, decision, date(2026, 2, 26), leaky(next(n), "begäran"))
    plans.record_received(
        ref.case_id,
        decision,
        ImplementationPlanInput(
            date(2026, 3, 1),
            ReceivedAs.TYPED,
            document_note=leaky(next(n), "dokument"),
            activities=(
                Activity(
                    leaky(next(n), "aktivitet"),
                    leaky(next(n), "aktivitetsmål"),
                    "Jouren",
                    "Tisdagar",
                    leaky(next(n), "hur"),
                ),
            ),
            participation=leaky(next(n), "klientens delaktighet"),
            follow_up=leaky(next(n), "utförarens uppföljning"),
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
            leaky(next(n), "deltog"),
            tuple(
                GoalResult(g.goal_id, GoalOutcome.PARTLY, leaky(next(n), "kommentar"))
                for g in goals
            ),
            (ClientAnswer("safer", "partly", leaky(next(n), "med egna ord")),),
            FollowUpDecision.CONTINUE,
            leaky(next(n), "beslutstext"),
            date(2026, 9, 2),
        ),
    )
    team.act_as("chef")  # a nödåtkomst whose reason names her address: the log review
    s.sharing.start_emergency(ref.number, leaky(next(n), "nödåtkomst"))
    team.act_as("anna")
    yield Setup(
        team,
        ref.case_id,
        ref.number,
        {
            DocumentKind.CARE_PLAN: plan_id,
            DocumentKind.ASSIGNMENT: decision,
            DocumentKind.IMPLEMENTATION_PLAN: decision,
            DocumentKind.FOLLOW_UP: follow_up,
            DocumentKind.CASE_SUMMARY: ref.case_id,
            DocumentKind.RISK_ASSESSMENT: assessment,
            DocumentKind.SAFETY_PLAN: safety,
        },
        "Sigrid Skyddadotter-Fiktiv",
    )
    ctx.release()


def _make(setup: Setup, kind: DocumentKind, recipient: Recipient) -> RenderedDocument:
    docs = setup.team.services.documents
    if kind is DocumentKind.AUDIT_REPORT:
        setup.team.act_as("chef")
        try:
            return docs.audit_report(AuditFilter())
        finally:
            setup.team.act_as("anna")
    return docs.render(kind, setup.case_id, setup.objects[kind], recipient)


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _leaks(text: str, words: tuple[str, ...], digits: tuple[str, ...]) -> list[str]:
    folded = fold(text)
    numbers = re.sub(r"[\s\-()+/.]", "", text)
    return [w for w in words if w in folded] + [d for d in digits if d in numbers]


CELLS = [(k, r) for k in DocumentKind for r in recipients_for(k)]


@pytest.mark.parametrize(("kind", "recipient"), CELLS, ids=[f"{k}-{r}" for k, r in CELLS])
def test_no_document_for_any_recipient_prints_a_protected_detail(
    setup: Setup, kind: DocumentKind, recipient: Recipient
) -> None:
    document = _make(setup, kind, recipient)
    text = _text(document.pdf)
    assert _leaks(text, NEVER_WORDS, NEVER_DIGITS) == []
    assert [p for p in NEVER_PATTERNS if re.search(p, text, re.IGNORECASE)] == []
    violent = _leaks(text, VIOLENT_WORDS, VIOLENT_DIGITS)
    if recipient in (Recipient.PROVIDER, Recipient.CLIENT):
        assert violent == []
    # What is meant to be there is there.
    assert KEEP in text and REMOVED in text  # free text printed, its secrets removed
    assert "Sida 1 av" in text and document.document_id in text
    if kind is DocumentKind.AUDIT_REPORT:
        assert "Nödåtkomst" in text
        return
    assert setup.number in text
    assert setup.client_name in text or kind is DocumentKind.RISK_ASSESSMENT
    assert ("Telefon och e-post " + WORK_PHONE in text) is (
        recipient in (Recipient.PROVIDER, Recipient.CLIENT)
    )
    if kind is DocumentKind.CASE_SUMMARY:
        assert "Lilla Skyddadotter-Fiktiv" in text and "Adressen skyddas" in text
        assert "Kvinnojouren Exempelby" in text  # the register's own town stays
        assert "Valdemar Farligsson-Fiktiv" in text  # the file knows who he is ...
        assert "Hotfullgatan 5" in text  # ... and where he lives
    if kind is DocumentKind.ASSIGNMENT:
        assert "Kvinnojouren Exempelby" in text


def test_printing_and_saving_are_audited_with_codes_and_leave_one_file(
    setup: Setup, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from vinr_desktop.store.schema import AuditRow

    docs = setup.team.services.documents
    plan_id = setup.objects[DocumentKind.CARE_PLAN]
    document = docs.render(DocumentKind.CARE_PLAN, setup.case_id, plan_id, Recipient.PROVIDER)
    docs.record_output(
        setup.case_id,
        DocumentKind.CARE_PLAN,
        plan_id,
        Recipient.PROVIDER,
        "print",
        document.document_id,
    )
    decision = setup.objects[DocumentKind.ASSIGNMENT]
    with pytest.raises(InvalidInput, match="finns inte"):
        docs.record_output(
            setup.case_id, DocumentKind.CARE_PLAN, decision, Recipient.PROVIDER, "print"
        )
    with pytest.raises(InvalidInput, match="mottagaren"):
        docs.record_output(
            setup.case_id, DocumentKind.CASE_SUMMARY, setup.case_id, Recipient.PROVIDER, "save"
        )
    target = tmp_path / document.file_name
    docs.save_document(setup.case_id, document, target)
    assert target.read_bytes() == document.pdf
    assert [p.name for p in tmp_path.iterdir()] == [document.file_name]
    assert setup.number not in document.file_name and "Sigrid" not in document.file_name
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
        ("document_saved", plan_id, reason),
        ("document_printed", plan_id, reason),
    ]
    log = setup.team.services.audit.case_log(setup.case_id).events
    assert [(e.action_label, e.detail) for e in log[:2]] == [
        ("Sparade dokument som PDF", "Vårdplan, mottagare utförare"),
        ("Skrev ut dokument", "Vårdplan, mottagare utförare"),
    ]


def test_every_kind_goes_through_the_pipeline() -> None:
    """A kind is made either from a case (a spec: builder, check, renderer) or about the
    register (the log review); there is no third way, and every renderer takes Redacted."""
    import inspect

    from vinr_desktop.services.document_pipeline import case_kinds

    assert case_kinds() | {DocumentKind.AUDIT_REPORT} == set(DocumentKind)
    from vinr_desktop.reports import (
        audit_report,
        care_documents,
        case_summary,
        risk_report,
        safety_plan_report,
    )

    renderers = [
        care_documents.render_care_plan,
        care_documents.render_assignment,
        care_documents.render_implementation_plan,
        care_documents.render_follow_up,
        case_summary.render,
        risk_report.render,
        safety_plan_report.render,
        audit_report.render,
    ]
    for render in renderers:
        first = next(iter(inspect.signature(render).parameters.values()))
        assert str(first.annotation).startswith("Redacted["), render

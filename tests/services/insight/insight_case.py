"""A case for partsinsyn: a client living with a protected child (her address and phone are
secret), a violent person with his name and number typed into the journal, a neighbour's own
circumstances in an entry marked as another person's secret, a passage about her sister marked
the same way, and entries the handläggare will mask and withhold. Marker strings say what must
never reach the client's copy; KEEP strings what must."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.casework import adult, entry, register
from tests.team import Team
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.insight import Requester, RequestInput, Scope, Span
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel
from vinr_desktop.domain.risk import Answer, AssessmentDraft
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.documents.insight_builder import insight_service
from vinr_desktop.services.insight.service import InsightService

CHILD_HOME = ContactDetails("Gömsläktsgatan 9", "981 55", "Dolderyd", "073-111 22 33")
VIOLENT = ContactDetails("Hotfullgatan 5", "000 12", "Demoby", "076-555 44 33")
NEIGHBOUR = "GRANNMARKÖR Olle Grannsson har egna skulder och dricker"
SISTER = "SYSTERMARKÖR hennes syster har en egen utredning"
MASKED = "MASKMARKÖR anmälaren är mostern"
WITHHELD = "UNDANTAGMARKÖR polisens spaningsuppgift"
OTHER_CASE = "ANNATÄRENDEMARKÖR"
# Never in the copy: the violent person, the child's protected details, the secrets.
CHILD_ASSESSMENT = "BARNBEDÖMNINGMARKÖR"  # an assessment of the child: not about her
NEVER = (
    "Valdemar",
    "Farligsson",
    "Hotfullgatan",
    "0765554433",
    "Gömsläktsgatan",
    "Dolderyd",
    "98155",
    "0731112233",
    "GRANNMARKÖR",
    "Grannsson",
    "SYSTERMARKÖR",
    "MASKMARKÖR",
    "UNDANTAGMARKÖR",
    OTHER_CASE,
    CHILD_ASSESSMENT,
)
KEEP = ("BEHÅLLETT", "BEHÅLLTVÅ", "BEHÅLLTRE", "BEHÅLLBESLUT", "BEHÅLLBEDÖMNING")


@dataclass(frozen=True)
class InsightCase:
    team: Team
    insight: InsightService
    case_id: str
    number: str
    entries: dict[str, int]  # what each entry is for → its id
    request_id: str


def build_insight_case(team: Team) -> InsightCase:
    team.act_as("anna")
    s = team.services
    ref = register(s, adult("Klara", "Insynsdotter-Fiktiv", serial=501))
    s.persons.add_to_case(
        ref.case_id,
        adult(
            "Lilla",
            "Insynsdotter-Fiktiv",
            birth=date(2016, 6, 6),
            serial=502,
            protection=ProtectionLevel.PROTECTED_REGISTRATION,
            contact=CHILD_HOME,
        ),
        PersonRole.CHILD,
    )
    s.persons.add_to_case(
        ref.case_id,
        adult("Valdemar", "Farligsson-Fiktiv", serial=503, contact=VIOLENT),
        PersonRole.PERPETRATOR,
    )
    sign = s.journal.sign
    entries = {
        "violent": sign(
            ref.case_id,
            None,
            entry(
                "BEHÅLLETT Klienten berättar att Valdemar Farligsson-Fiktiv ringde från "
                "076-555 44 33. Barnet bor nu på Gömsläktsgatan 9 i Dolderyd, 073-111 22 33.",
                date(2026, 2, 21),
            ),
        ),
        "neighbour": sign(
            ref.case_id, None, entry(f"Grannen ringde. {NEIGHBOUR}.", date(2026, 2, 22))
        ),
        "sister": sign(
            ref.case_id, None, entry(f"BEHÅLLTVÅ Samtal med klienten. {SISTER}.", date(2026, 2, 23))
        ),
        "mask": sign(
            ref.case_id, None, entry(f"BEHÅLLTRE Om anmälan: {MASKED}.", date(2026, 2, 24))
        ),
        "withhold": sign(ref.case_id, None, entry(WITHHELD, date(2026, 2, 25))),
    }
    s.care.decisions.sign(
        ref.case_id,
        None,
        DecisionDraft(
            DecisionOutcome.REFUSED,
            date(2026, 2, 20),
            date(2026, 2, 26),
            "sol2025_bistand",
            "stodsamtal",
            None,
            None,
            None,
            "",
            "BEHÅLLBESLUT Behovet tillgodoses på annat sätt.",
        ),
        communication_reason="Hon har redan yttrat sig muntligen.",
    )
    _assessments(s, ref.case_id)
    other = register(s, adult("Annan", "Annansson-Fiktiv", serial=504))
    s.journal.sign(other.case_id, None, entry(f"{OTHER_CASE} i ett annat ärende"))
    insight = insight_service(team.env.ctx)
    insight.mark_others_secret(ref.case_id, entries["neighbour"], None, "osl_26_1")
    sister = insight.markable_entry(ref.case_id, entries["sister"]).text
    start = sister.index(SISTER)
    insight.mark_others_secret(
        ref.case_id, entries["sister"], Span(start, start + len(SISTER)), "osl_26_1"
    )
    request = insight.record_request(
        ref.case_id,
        RequestInput(
            Requester.REPRESENTATIVE, "Advokat Ombudsson-Fiktiv", date(2026, 3, 1), Scope.WHOLE
        ),
    )
    return InsightCase(team, insight, ref.case_id, ref.number, entries, request)


def _assessments(s: CaseWorkServices, case_id: str) -> None:
    """A signed risk assessment about her, and a child protection assessment of the child."""
    persons = {p.role: p.person_id for p in s.cases.details(case_id).persons}
    child_answers = {
        "tecken": Answer("nej", ""),
        "skyddar": Answer("foralder", ""),
        "barnet_hort": Answer("ja", ""),
        "atgard": Answer("utredning", ""),
    }
    for instrument, person, judgement, text, answers in (
        ("vinr-riskfaktorer", persons[PersonRole.MAIN], RiskLevel.HIGH, "BEHÅLLBEDÖMNING", {}),
        (
            "skyddsbedomning-barn",
            persons[PersonRole.CHILD],
            RiskLevel.LOW,
            CHILD_ASSESSMENT,
            child_answers,
        ),
    ):
        assessment = s.risk.start(case_id, instrument, person)
        s.risk.sign(
            case_id,
            assessment,
            AssessmentDraft(
                assessed_on=date(2026, 2, 27),
                answers=answers,
                actions="Samtal.",
                judgement=judgement,
                motivation=f"{text} Valdemar är farlig.",
                victim_level=RiskLevel.HIGH if judgement is RiskLevel.HIGH else None,
            ),
        )

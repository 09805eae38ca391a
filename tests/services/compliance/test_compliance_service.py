"""Egenkontroll through the real services on one real store, with the injected clock: a small
sample built as a handläggare builds it (an adult with FREDA signed, an adult without, a child
whose investigation was extended, a protected case, a case closed before the review date),
every cell checked, for Anna and for the enhetschef; the stickprov, the CSV and the audit."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from tests.casework import adult, entry, protected_adult, register
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.domain.case_facts import ChildHeardInput, HeardWay, StartBasis
from vinr_desktop.domain.cases import IntakeKind, PreliminaryOutcome
from vinr_desktop.domain.compliance import Answer, Question
from vinr_desktop.domain.compliance_sample import Group, SampleMode, Selection
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.domain.redaction import Recipient
from vinr_desktop.domain.risk import AssessmentDraft
from vinr_desktop.resources import instrument_files
from vinr_desktop.services.compliance.service import case_answers, csv_text
from vinr_desktop.store.schema import AuditRow
from vinr_desktop.views.compliance import ComplianceRow, ComplianceTable

PERIOD = (date(2026, 1, 1), date(2026, 2, 28))
REVIEW = date(2026, 3, 2)


def at(team: Team, day: date) -> None:
    team.env.clock.now = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def freda_file() -> bytes:
    """A municipality's standardised instrument, loaded by the administrator (fictional copy
    of the shipped checklist under the name FREDA)."""
    data = json.loads(dict(instrument_files())["vinr-riskfaktorer.v3.json"])
    data.update(id="freda", name="FREDA", version=1, standardised=True)
    return json.dumps(data, ensure_ascii=False).encode()


def assessment(day: date) -> AssessmentDraft:
    return AssessmentDraft(
        assessed_on=day,
        answers={},
        victim_estimate="Hon är rädd.",
        victim_level=RiskLevel.HIGH,
        protective_factors="Syster i närheten.",
        judgement=RiskLevel.HIGH,
        motivation="Hot och våld senaste veckan.",
        actions="Skyddat boende erbjuds.",
    )


@dataclass
class Sample:
    team: Team
    freda: str
    without: str
    child: str
    protected: str
    closed: str
    numbers: dict[str, str]


def _build(team: Team) -> Sample:
    s = team.services
    numbers: dict[str, str] = {}
    # An adult with FREDA signed, an investigation at once and an insats whose
    # genomförandeplan was only requested.
    at(team, date(2026, 1, 5))
    team.act_as("adm")
    s.instruments.add_file(freda_file())
    team.act_as("anna")
    a = register(s, adult("Frida", "Fredasson-Fiktiv", serial=701), intake=date(2026, 1, 5))
    numbers[a.case_id] = a.number
    at(team, date(2026, 1, 8))
    s.investigations.start(a.case_id, date(2026, 1, 8), StartBasis.APPLICATION, "none")
    at(team, date(2026, 1, 14))
    (person,) = s.risk.persons_for(a.case_id, "freda")
    assessment_id = s.risk.start(a.case_id, "freda", person.person_id)
    s.risk.sign(a.case_id, assessment_id, assessment(date(2026, 1, 14)))
    s.journal.sign(a.case_id, None, entry("Samtal med klienten.", date(2026, 1, 12)))
    at(team, date(2026, 1, 19))
    provider = s.care.providers.add(
        ProviderInput(name="Stödcentrum Fiktiva", kind="kvinnojour", contact_person="Kontakt")
    )
    decision = s.care.decisions.sign(
        a.case_id,
        None,
        DecisionDraft(
            outcome=DecisionOutcome.GRANTED,
            applied_on=date(2026, 1, 8),
            decided_on=date(2026, 1, 19),
            legal_ground="sol2025_bistand",
            insats_type="stodsamtal",
            provider_id=provider,
            period_from=date(2026, 1, 20),
            period_to=date(2026, 6, 30),
            extent="Ett samtal i veckan",
            motivation="Klienten behöver stöd.",
        ),
    )
    s.care.implementation_plans.record_request(a.case_id, decision, date(2026, 1, 19), "Brev")
    # An adult without anything: no investigation, an entry signed two weeks late.
    at(team, date(2026, 1, 25))
    b = register(s, adult("Berit", "Utansson-Fiktiv", serial=702), intake=date(2026, 1, 10))
    numbers[b.case_id] = b.number
    s.journal.sign(b.case_id, None, entry("Telefonsamtal.", date(2026, 1, 10)))
    # A child: report, skyddsbedömning the same day, investigation after 10 days, extended.
    at(team, date(2026, 1, 12))
    c = register(
        s,
        adult("Lilla", "Barnsson-Fiktiv", birth=date(2016, 5, 5), serial=703),
        intake=date(2026, 1, 12),
        kind=IntakeKind.REPORT,
    )
    numbers[c.case_id] = c.number
    (report,) = s.reports.reports(c.case_id)
    s.reports.record_protection(c.case_id, report.report_id, date(2026, 1, 12), False, "")
    at(team, date(2026, 1, 22))
    s.reports.record_preliminary(
        c.case_id,
        report.report_id,
        date(2026, 1, 22),
        PreliminaryOutcome.OPEN_INVESTIGATION,
        "Oro.",
    )
    s.investigations.start(c.case_id, date(2026, 1, 22), StartBasis.PRELIMINARY, "bbic")
    s.investigations.extend(c.case_id, date(2026, 6, 30), "Väntar på BUP:s utlåtande.")
    at(team, date(2026, 2, 1))
    (child_id, _name), *_ = s.facts.facts(c.case_id).children
    s.facts.record_child_heard(
        c.case_id, ChildHeardInput(child_id, date(2026, 2, 1), True, way=HeardWay.TALK)
    )
    # A protected case, Anna's: nothing done yet.
    at(team, date(2026, 2, 1))
    p = register(s, protected_adult(last="Skyddsson-Fiktiv"), intake=date(2026, 2, 1))
    numbers[p.case_id] = p.number
    # Closed before the review date: an investigation of four days, the assessment written
    # as a journal entry and marked as such, then closed.
    at(team, date(2026, 2, 6))
    d = register(s, adult("Doris", "Avslutsson-Fiktiv", serial=704), intake=date(2026, 2, 5))
    numbers[d.case_id] = d.number
    s.investigations.start(d.case_id, date(2026, 2, 6), StartBasis.APPLICATION, "none")
    at(team, date(2026, 2, 9))
    entry_id = s.journal.sign(
        d.case_id, None, entry("Risk- och skyddsbedömning: …", date(2026, 2, 9))
    )
    s.assessment_marks.mark(d.case_id, entry_id)
    at(team, date(2026, 2, 10))
    s.investigations.end(d.case_id, date(2026, 2, 10), "without_insats")
    at(team, date(2026, 2, 12))
    s.cases.close(d.case_id, "client_declines", "", "Klienten avböjer.")
    at(team, REVIEW)
    return Sample(team, a.case_id, b.case_id, c.case_id, p.case_id, d.case_id, numbers)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Sample]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("egenkontroll") / "register")
    team = make_team(env)
    team.act_as("anna")
    yield _build(team)
    env.ctx.release()


@pytest.fixture(autouse=True)
def as_anna(sample: Sample) -> Iterator[None]:
    sample.team.act_as("anna")
    at(sample.team, REVIEW)
    yield
    sample.team.act_as("anna")


def _table(sample: Sample, **kw: object) -> ComplianceTable:
    values: dict[str, object] = dict(period_from=PERIOD[0], period_to=PERIOD[1], review_on=REVIEW)
    values.update(kw)
    return sample.team.services.compliance.table(Selection(**values))  # type: ignore[arg-type]


def _cells(row: ComplianceRow) -> dict[str, tuple[str, str]]:
    return {q.value: (c.answer.value, c.detail) for q, c in zip(Question, row.cells, strict=True)}


def _row(table: ComplianceTable, label: str) -> ComplianceRow:
    return next(r for r in table.rows if r.label == label)


def test_every_cell_of_the_sample_for_the_responsible_handlaggare(sample: Sample) -> None:
    table = _table(sample)
    n = sample.numbers
    assert [r.label for r in table.rows] == [
        n[sample.freda],
        n[sample.without],
        n[sample.child],
        n[sample.protected],
        n[sample.closed],
    ]
    assert _cells(_row(table, n[sample.freda])) == {
        "K1": ("JA", "inledd 2026-01-08 (3 d); ingen handläggare tilldelad"),
        "K2": ("JA", "FREDA 2026-01-14, hög"),
        "K3": ("JA", "FREDA 2026-01-14, hög"),
        "K4": ("JA", "1 anteckning i ordning"),
        "K5": ("NEJ", "Stödsamtal: ingen vårdplan, genomförandeplan begärd 01-19, ej mottagen"),
        "K6": ("PÅGÅENDE", "Stödsamtal: uppföljning senast 2026-06-30"),
        "K7": ("PÅGÅENDE", "Stödsamtal: pågår"),
        "K8": ("ET", "vuxen"),
        "K9": ("ET", "vuxen"),
        "K10": ("ET", "vuxen"),
    }
    assert _cells(_row(table, n[sample.without])) == {
        "K1": ("NEJ", "ej inledd, 51 d; ingen handläggare tilldelad"),
        "K2": ("NEJ", "ingen standardiserad bedömning"),
        "K3": ("NEJ", "ingen dokumenterad bedömning"),
        "K4": ("NEJ", "1 signerad efter 7 d (av 1 anteckning)"),
        "K5": ("ET", "ingen beviljad insats"),
        "K6": ("ET", "ingen insats att följa upp"),
        "K7": ("ET", "ingen beviljad insats"),
        "K8": ("ET", "vuxen"),
        "K9": ("ET", "vuxen"),
        "K10": ("ET", "vuxen"),
    }
    assert _cells(_row(table, n[sample.child])) == {
        "K1": ("JA", "inledd 2026-01-22 (10 d); ingen handläggare tilldelad"),
        "K2": ("JA", "BBIC 2026-01-22"),
        "K3": ("JA", "skyddsbedömning 2026-01-12"),
        "K4": ("ET", "inga signerade anteckningar"),
        "K5": ("ET", "ingen beviljad insats"),
        "K6": ("ET", "ingen insats att följa upp"),
        "K7": ("ET", "ingen beviljad insats"),
        "K8": ("JA", "anmälan 01-12: beslut efter 10 d"),
        "K9": ("PÅGÅENDE", "klar senast 2026-06-30 (förlängd till 2026-06-30)"),
        "K10": ("JA", "samtal med barnet 2026-02-01"),
    }
    protected = _cells(_row(table, n[sample.protected]))
    assert protected["K1"] == ("NEJ", "ej inledd, 29 d; ingen handläggare tilldelad")
    assert _cells(_row(table, n[sample.closed])) == {
        "K1": ("JA", "inledd 2026-02-06 (1 d); ingen handläggare tilldelad"),
        "K2": ("NEJ", "ingen standardiserad bedömning"),
        "K3": ("JA", "journalanteckning 2026-02-09 markerad"),
        "K4": ("JA", "1 anteckning i ordning"),
        "K5": ("ET", "ingen beviljad insats"),
        "K6": ("ET", "ingen insats att följa upp"),
        "K7": ("ET", "ingen beviljad insats"),
        "K8": ("ET", "vuxen"),
        "K9": ("ET", "vuxen"),
        "K10": ("ET", "vuxen"),
    }
    k2 = next(t for t in table.totals if t.question is Question.K2)
    assert k2.text() == "Standardiserad metod: 2 av 5"
    assert table.cases_in_period == 5 and table.seed is None


def test_the_enhetschef_counts_the_protected_case_but_sees_only_its_reference(
    sample: Sample,
) -> None:
    sample.team.act_as("chef")
    table = _table(sample)
    hidden = [r for r in table.rows if r.case_id is None]
    assert len(hidden) == 1 and hidden[0].label.startswith("Skyddat ärende (ref. ")
    assert sample.numbers[sample.protected] not in csv_text(table)
    assert {c.detail for c in hidden[0].cells} == {""}
    assert hidden[0].cells[0].answer is Answer.NEJ  # still asked, still counted
    k1 = next(t for t in table.totals if t.question is Question.K1)
    assert (k1.count(Answer.JA), k1.count(Answer.NEJ), k1.applicable) == (3, 2, 5)


def test_a_review_date_before_the_mark_and_the_end(sample: Sample) -> None:
    table = _table(sample, review_on=date(2026, 2, 8))
    closed = _cells(_row(table, sample.numbers[sample.closed]))
    assert closed["K3"] == ("NEJ", "ingen dokumenterad bedömning")
    assert closed["K1"][0] == "JA" and closed["K4"] == ("ET", "inga signerade anteckningar")


def test_stickprov_first_n_random_with_a_seed_and_groups(sample: Sample) -> None:
    first = _table(sample, mode=SampleMode.FIRST, count=2)
    assert [r.case_id for r in first.rows] == [sample.freda, sample.without]
    drawn = _table(sample, mode=SampleMode.RANDOM, count=3, seed=4711)
    again = _table(sample, mode=SampleMode.RANDOM, count=3, seed=4711)
    assert [r.case_id for r in drawn.rows] == [r.case_id for r in again.rows]
    assert len(drawn.rows) == 3 and drawn.seed == 4711 and "frö 4711" in drawn.selection_text
    fresh = _table(sample, mode=SampleMode.RANDOM, count=3)
    assert fresh.seed is not None
    children = _table(sample, group=Group.CHILDREN)
    assert [r.case_id for r in children.rows] == [sample.child]
    with pytest.raises(InvalidInput, match="Periodens slut"):
        _table(sample, period_from=PERIOD[1], period_to=PERIOD[0])


def test_the_administrator_is_refused_and_every_table_is_audited(sample: Sample) -> None:
    sample.team.act_as("adm")
    with pytest.raises(AccessDenied):
        _table(sample)
    sample.team.act_as("anna")
    table = _table(sample, mode=SampleMode.FIRST, count=2)
    with sample.team.env.ctx.require_store().session() as session:
        last = session.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).scalar_one()
    assert (last.action, last.object_id) == ("compliance_viewed", table.document_id)
    assert last.reason == "2026-01-01:2026-02-28:both:first:2::2026-03-02"


def test_csv_is_utf8_with_bom_and_audited(sample: Sample, tmp_path: Path) -> None:
    table = _table(sample, mode=SampleMode.FIRST, count=1)
    target = tmp_path / "egenkontroll.csv"
    sample.team.services.compliance.save_csv(table, target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "ärende;fråga;svar;detalj"
    assert lines[2] == f"{sample.numbers[sample.freda]};K2;JA;FREDA 2026-01-14, hög"
    assert lines[1].endswith('"inledd 2026-01-08 (3 d); ingen handläggare tilldelad"')
    assert len(lines) == 11
    with sample.team.env.ctx.require_store().session() as session:
        actions = list(session.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())
    assert actions[-1] == "compliance_exported"


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_for_the_unit_and_for_the_namnd(sample: Sample, tmp_path: Path) -> None:
    table = _table(sample)
    documents = sample.team.services.documents
    protected_number = sample.numbers[sample.protected]
    own = documents.compliance_report(table, Recipient.MANAGER)
    text = _pdf_text(own.pdf)
    assert "Egenkontroll" in text and "Enhetschef" in text
    assert protected_number in text  # Anna may open it: the unit's own version names it
    assert "FREDA 2026-01-14, hög" in text  # details
    assert "K2 Standardiserad metod 2 3 0 0 0 2 av 5" in text.replace("\n", " ")
    board = documents.compliance_report(table, Recipient.BOARD)
    text = _pdf_text(board.pdf)
    assert "Nämnd" in text and "Nämndens granskning" in text
    assert protected_number not in text and "Skyddat ärende" not in text
    assert not any(number in text for number in sample.numbers.values())  # totals only
    assert "Ärenden i urvalet 5" in text.replace("\n", " ")
    assert "FREDA 2026-01-14" not in text and "Fredasson" not in text
    assert "< 5 av 5" in text.replace("\n", " ")
    assert board.file_name.startswith("egenkontroll-namnd-")
    documents.save_document(None, board, tmp_path / board.file_name)
    assert (tmp_path / board.file_name).read_bytes() == board.pdf
    with sample.team.env.ctx.require_store().session() as session:
        last = session.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).scalar_one()
    assert (last.action, last.reason) == (
        "document_saved",
        f"compliance:board:{table.document_id}",
    )
    sample.team.act_as("adm")
    with pytest.raises(AccessDenied):
        documents.compliance_report(table, Recipient.BOARD)


def test_case_answers_for_other_services(sample: Sample) -> None:
    with sample.team.env.ctx.require_store().session() as session:
        answers = case_answers(session, [sample.child], REVIEW)
    assert answers[sample.child][Question.K8].answer is Answer.JA
    assert answers[sample.child][Question.K9].answer is Answer.PAGAENDE

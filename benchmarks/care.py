"""Care documents through the real services on a real encrypted store (KDF at the floor, so
unlocking is not what is measured):

- careplan_pdf: a vårdplan with 10 goals for the provider, from the service call
  (`documents.care_plan`) to the bytes written to a file (`documents.save_document`: audited,
  atomic write), as a click on "Spara som PDF" does after the preview (median).
- case_summary_pdf: the Sammanställning of a case with 2,000 signed journal entries, with a
  progress callback, to a file the same way (median).

The 2,000 entries are written straight into the store in one transaction (as the demo data
generator does) with varied, realistic lengths; the plan, decision and provider go through the
services.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import Measure, median

CAREPLAN_TARGET_MS = 300.0
SUMMARY_TARGET_MS = 3000.0
SUMMARY_ENTRIES = 2_000
GOALS = 10

_SENTENCE = (
    "klienten berättar att hon har sovit bättre sedan flytten men att oron för barnen finns kvar "
    "samtalet handlade om vardagen på boendet skolan och kontakten med förskolan vi gick igenom "
    "säkerhetsplanen tillsammans och uppdaterade telefonnumren till jouren och polisen hon vill "
    "fortsätta med samtalsstödet och har själv tagit kontakt med hälsocentralen om sömnen"
)
_WORDS = tuple(_SENTENCE.split(" "))


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(20, 120))).capitalize() + "."


def run(work: Path, runs: int = 5) -> list[Measure]:
    from vinr_desktop.domain.care_plans import CarePlanDraft, GoalDraft, Responsibility
    from vinr_desktop.domain.care_plans import ResponsibleRole as Role
    from vinr_desktop.domain.cases import IntakeKind, ReporterKind
    from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
    from vinr_desktop.domain.identity import IdentityKind
    from vinr_desktop.domain.providers import ProviderInput
    from vinr_desktop.domain.redaction import Recipient
    from vinr_desktop.services.accounts import setup
    from vinr_desktop.services.accounts.auth import AuthService
    from vinr_desktop.services.casework import CaseWorkServices
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store import keys
    from vinr_desktop.store.device import NoDeviceStore
    from vinr_desktop.views.cases import NewCase, PersonInput

    runs = max(runs, 5)
    start = time.perf_counter()
    ctx = AppContext(work / "care-store", device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    setup.create_store(
        ctx,
        municipality="Benchby kommun (fiktiv)",
        unit="VINR-enheten (fiktiv)",
        username="bench",
        full_name="Bench Handläggarsson-Fiktiv",
        password="bänk bänk bänk 2026 fiktiv",
        roles=("caseworker", "admin"),
        bind_device=False,
    )
    AuthService(ctx).login("bench", "bänk bänk bänk 2026 fiktiv")
    try:
        services = CaseWorkServices.for_context(ctx)
        care = services.care
        today = ctx.now().astimezone().date()
        ref = services.cases.register(
            NewCase(
                IntakeKind.APPLICATION,
                today - timedelta(days=30),
                ReporterKind.NONE,
                "",
                main_person=PersonInput(
                    "Bänka", "Testsson-Fiktiv", IdentityKind.NONE, birth_date=date(1988, 5, 5)
                ),
                markers=("violence_physical", "violence_psychological"),
            )
        )
        provider = care.providers.add(
            ProviderInput(name="Kvinnojouren Fiktiva", kind="kvinnojour", takes_children=True)
        )
        decision = care.decisions.sign(
            ref.case_id,
            None,
            DecisionDraft(
                DecisionOutcome.GRANTED,
                today - timedelta(days=20),
                today - timedelta(days=10),
                "sol2025_bistand",
                "stodsamtal",
                provider,
                today - timedelta(days=10),
                today + timedelta(days=170),
                "Ett samtal i veckan",
                "Klienten behöver stöd.",
            ),
        )
        care.disclosure.record(ref.case_id, decision, "consent", "")
        rng = random.Random(6)
        plan_id = care.care_plans.start(ref.case_id, decision)
        care.care_plans.sign(
            ref.case_id,
            plan_id,
            CarePlanDraft(
                goals=tuple(GoalDraft(_text(rng), _text(rng)) for _ in range(GOALS)),
                responsibilities=tuple(
                    Responsibility(role, _text(rng)) for role in (Role.CASEWORKER, Role.PROVIDER)
                ),
                period_from=today - timedelta(days=10),
                period_to=today + timedelta(days=170),
                client_participation=_text(rng),
                client_view=_text(rng),
                children_needs=_text(rng),
                follow_up_on=today + timedelta(days=60),
                follow_up_how=_text(rng),
            ),
        )
        _journal(ctx, ref.case_id, SUMMARY_ENTRIES, rng)
        print(
            f"    built the care store in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        docs = services.documents
        steps: list[tuple[int, int]] = []

        def careplan(n: int) -> float:
            began = time.perf_counter()
            document = docs.care_plan(ref.case_id, plan_id, Recipient.PROVIDER)
            docs.save_document(ref.case_id, document, work / f"careplan-{n}.pdf")
            return (time.perf_counter() - began) * 1000

        def summary(n: int) -> float:
            steps.clear()
            began = time.perf_counter()
            document = docs.case_summary(
                ref.case_id, Recipient.FILE, lambda done, total: steps.append((done, total))
            )
            docs.save_document(ref.case_id, document, work / f"summary-{n}.pdf")
            return (time.perf_counter() - began) * 1000

        careplan(0)  # warm-up: fonts registered, modules imported
        plan_ms = [careplan(n) for n in range(1, runs + 1)]
        summary(0)
        summary_ms = [summary(n) for n in range(1, runs + 1)]
        pages = _pages(work / "summary-1.pdf")
    finally:
        ctx.release()
    return [
        Measure(
            "careplan_pdf",
            median(plan_ms),
            "ms",
            CAREPLAN_TARGET_MS,
            f"vårdplan, {GOALS} mål, utförare: tjänsteanrop till fil",
        ),
        Measure(
            "case_summary_pdf",
            median(summary_ms),
            "ms",
            SUMMARY_TARGET_MS,
            f"sammanställning, {SUMMARY_ENTRIES} journalanteckningar, {pages} sidor, "
            f"{len(steps)} förloppssteg",
        ),
    ]


def _journal(ctx: object, case_id: str, count: int, rng: random.Random) -> None:
    """`count` signed journal entries for the case, written in one transaction."""
    from sqlalchemy import insert

    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store.case_schema import JournalEntryRow

    assert isinstance(ctx, AppContext)
    store, user = ctx.require_store(), ctx.require_user()
    now = ctx.now().isoformat(timespec="seconds")
    first = ctx.now().astimezone().date() - timedelta(days=365)
    kinds = ("phone", "home_visit", "visit", "meeting", "letter", "note")
    rows = [
        {
            "case_id": case_id,
            "kind": rng.choice(kinds),
            "source": "client",
            "source_detail": "",
            "event_date": (first + timedelta(days=n * 365 // count)).isoformat(),
            "text": _text(rng),
            "author_id": user.user_id,
            "created_utc": now,
            "saved_utc": now,
            "signed_utc": now,
            "corrects_id": None,
            "correction_reason": "",
        }
        for n in range(count)
    ]
    with store.session() as session:
        session.execute(insert(JournalEntryRow), rows)


def _pages(path: Path) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)

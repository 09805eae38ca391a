"""A case's journal: the program's own event lines and the written, signed entries drawn
from the templates, and a draft left open."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from vinr_desktop.domain import markers
from vinr_desktop.domain.cases import (
    INTAKE_LABELS,
)
from vinr_desktop.domain.journal import EntryKind, SourceKind
from vinr_desktop.domain.persons import ROLE_LABELS
from vinr_desktop.services.demo.cases.households import (
    CasePlan,
    Generator,
    Person,
    weighted,
)
from vinr_desktop.services.demo.cases.vocabulary import (
    BODY,
    DETAIL_FRAMES,
    DETAIL_SHARE,
    DETAIL_WEIGHTS,
    DETAILS,
    OPENINGS,
    OTHERS,
    SIGNED_KINDS,
)


def journal_rows(
    gen: Generator,
    plan: CasePlan,
    case: dict[str, Any],
    count: int | None,
    responsible: str,
    second: str,
) -> list[tuple[Any, ...]]:
    """The case's signed entries: the program's events and the written ones.

    Each is (sort key, case_id, kind, source, source_detail, event_date, text, author,
    created, saved, signed, corrects_id, correction_reason).
    """
    rng, today = gen.rng, gen.today
    intake = date.fromisoformat(case["intake_date"])
    end = date.fromisoformat(case["closed_on"]) if case["closed_on"] else today
    steps: list[tuple[date, str]] = case.pop("_steps")
    kind_label = INTAKE_LABELS[case.pop("_intake_kind")].lower()
    events = [(intake, f"Ärendet aktualiserat: {kind_label} {intake.isoformat()}.")]
    events += [(intake, markers.added_text(code)) for code in plan.markers]
    for _person, role in plan.links:
        events.append((intake, f"Person tillagd i ärendet som {ROLE_LABELS[role].lower()}."))
    events += steps
    rows: list[tuple[Any, ...]] = []
    case_id = case["id"]
    for day, text in events:
        stamp = gen.stamp(day)
        rows.append(
            (
                stamp,
                case_id,
                EntryKind.EVENT.value,
                SourceKind.PROGRAM.value,
                "",
                day.isoformat(),
                text,
                responsible,
                stamp,
                stamp,
                stamp,
                None,
                "",
            )
        )
    span = max((end - intake).days, 0)
    if count is None:
        count = min(3 + span // 6 + rng.randrange(0, 6), 60)
    others = [p for p, _r in plan.links]
    for _ in range(count):
        day = intake + timedelta(days=rng.randint(0, span))
        kind = weighted(rng, SIGNED_KINDS)
        text, source, detail = _entry_text(rng, kind, plan, others)
        text = _with_detail(gen.detail_rng, text, plan.main.first_name)
        author = second if rng.random() < 0.12 else responsible
        written = gen.stamp(day)
        signed = written
        if rng.random() < 0.3 and day < end:
            signed = gen.stamp(day + timedelta(days=1))
        rows.append(
            (
                written,
                case_id,
                kind.value,
                source.value,
                detail,
                day.isoformat(),
                text,
                author,
                written,
                signed,
                signed,
                None,
                "",
            )
        )
    return rows


def _entry_text(
    rng: random.Random, kind: EntryKind, plan: CasePlan, others: Sequence[Person]
) -> tuple[str, SourceKind, str]:
    main = plan.main
    language = main.language or (plan.family.victim.language or "arabiska")
    other = rng.choice(OTHERS)
    opening = rng.choice(OPENINGS[kind]).format(name=main.first_name, other=other)
    body = [
        rng.choice(BODY).format(name=main.first_name, language=language)
        for _ in range(rng.randint(1, 4))
    ]
    if others and rng.random() < 0.25:
        body.append(f"{rng.choice(others).first_name} nämns i samtalet.")
    text = " ".join([opening, *dict.fromkeys(body)])
    if kind is EntryKind.NOTE:
        return text, SourceKind.OWN_OBSERVATION, ""
    if "{other}" in opening or rng.random() < 0.2:
        if other in (
            "polisen",
            "BUP",
            "vårdcentralen",
            "förskolan",
            "frivården",
            "familjerätten",
            "Kriminalvården",
            "psykiatrin",
            "mödravården",
        ):
            return text, SourceKind.AUTHORITY, other.capitalize() if other.islower() else other
        return text, SourceKind.OTHER_PERSON, other.capitalize()
    return text, SourceKind.CLIENT, ""


def _with_detail(rng: random.Random, text: str, name: str) -> str:
    """`text`, now and then with an everyday detail added (see DETAILS)."""
    if rng.random() >= DETAIL_SHARE:
        return text
    detail = rng.choices(DETAILS, weights=DETAIL_WEIGHTS)[0]
    return f"{text} {rng.choice(DETAIL_FRAMES).format(name=name, detail=detail)}"


def draft_row(gen: Generator, plan: CasePlan, case: dict[str, Any], author: str) -> tuple[Any, ...]:
    """An unsigned draft the caseworker left open (event date and source filled in)."""
    today = gen.today
    text = (
        f"Utkast: samtal med {plan.main.first_name} om säkerhetsplanen och kontakten med "
        "kvinnojouren. Fortsätter skriva efter mötet."
    )
    day = max(date.fromisoformat(case["intake_date"]), today - timedelta(days=1))
    stamp = gen.stamp(day)
    return (
        stamp,
        case["id"],
        EntryKind.PHONE.value,
        SourceKind.CLIENT.value,
        "",
        day.isoformat(),
        text,
        author,
        stamp,
        stamp,
        None,
        None,
        "",
    )

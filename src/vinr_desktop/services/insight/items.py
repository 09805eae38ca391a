"""The draft copy of a partsinsyn request: every signed journal entry, decision, vårdplan,
follow-up and assessment about the client in this case only, in the request's period, as items
of text the handläggare reviews.

Each text is made safe before she sees it: another person's secret (a marked passage) is
replaced, a wholly marked entry has no text at all, and the scrubber of the client's documents
removes the violent person's details and every protected detail of anyone in the case. Nothing
of another case is read: every query is on `work.case.id`. Assessments of other persons (the
violent person, a child) are not about her and are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain import insight as rules
from vinr_desktop.domain.insight import DraftItem, ItemKind, Mask, Span
from vinr_desktop.domain.journal import KIND_LABELS, EntryKind, source_text
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.services.care.common import decision_of, user_names
from vinr_desktop.services.care.follow_ups import follow_up_view
from vinr_desktop.services.care.plans import plan_view
from vinr_desktop.services.risk.assessment_read import assessment_view
from vinr_desktop.store.care_schema import CarePlanRow, DecisionRow, FollowUpRow
from vinr_desktop.store.case_schema import CasePersonRow
from vinr_desktop.store.case_schema import JournalEntryRow as J
from vinr_desktop.store.insight_schema import InsightRequestRow, SecrecyMarkRow
from vinr_desktop.store.risk_schema import RiskAssessmentRow

if TYPE_CHECKING:
    from vinr_desktop.domain.scrubber import Scrubber
    from vinr_desktop.services.case_access import CaseWork

Labels = dict[str, str]


def draft_items(
    work: CaseWork, request: InsightRequestRow, scrub: Scrubber, labels: Labels
) -> tuple[DraftItem, ...]:
    """The items of the request's copy, oldest first, as of its decision (or now)."""
    until = request.decided_utc or work.now_text
    first, last = request.period_from, request.period_to
    scope = rules.Scope(request.scope)

    def wanted(day: str, signed: str | None) -> bool:
        return signed is not None and signed <= until and rules.in_scope(day, scope, first, last)

    items = [
        *_journal(work, wanted, labels),
        *_decisions(work, wanted),
        *_plans(work, wanted),
        *_follow_ups(work, wanted),
        *_assessments(work, wanted),
    ]
    items.sort(key=lambda i: (i.day, _ORDER.index(i.kind)))  # stable: journal order kept
    return tuple(
        replace(item, title=scrub(item.title), text=scrub(item.text) if item.text else "")
        for item in items
    )


_ORDER = list(ItemKind)
Wanted = Callable[[str, str | None], bool]


def marks_of(work: CaseWork) -> dict[int, list[SecrecyMarkRow]]:
    """The case's marks of another person's secret, by journal entry."""
    found: dict[int, list[SecrecyMarkRow]] = {}
    for mark in work.session.execute(
        select(SecrecyMarkRow).where(SecrecyMarkRow.case_id == work.case.id)
    ).scalars():
        found.setdefault(mark.entry_id, []).append(mark)
    return found


def _journal(work: CaseWork, wanted: Wanted, labels: Labels) -> list[DraftItem]:
    names = user_names(work.session)
    rows = work.session.execute(
        select(J)
        .where(J.case_id == work.case.id, J.signed_utc.is_not(None))
        .order_by(J.event_date, J.id)
    ).scalars()
    rows_list = list(rows)
    numbers = {row.id: n for n, row in enumerate(rows_list, 1)}
    corrected = {row.corrects_id: row.id for row in rows_list if row.corrects_id is not None}
    marks = marks_of(work)
    items = []
    for row in rows_list:
        if not wanted(row.event_date, row.signed_utc):
            continue
        number = numbers[row.id]
        label = f"Journalanteckning nr {number}, {row.event_date}"
        about = [KIND_LABELS[EntryKind(row.kind)], names.get(row.author_id, "")]
        if row.corrects_id is not None and row.corrects_id in numbers:
            about.append(f"rättelse av nr {numbers[row.corrects_id]}")
        if row.id in corrected:
            about.append(f"rättad genom nr {numbers[corrected[row.id]]}")
        title = f"{label} · " + " · ".join(p for p in about if p)
        # The source is part of the text, so that a name in it can be masked too.
        source = source_text(row.source or None, row.source_detail)
        entry_marks = marks.get(row.id, [])
        whole = next((m for m in entry_marks if m.start is None), None)
        if whole is not None:  # no text and no source: the item says only that it exists
            items.append(
                DraftItem(
                    f"journal:{row.id}",
                    ItemKind.JOURNAL,
                    row.event_date,
                    label,
                    label,
                    "",
                    others_secret=whole.osl_code,
                )
            )
            continue
        spans = [
            (Span(m.start, m.end), m.osl_code)
            for m in entry_marks
            if m.start is not None and m.end is not None
        ]
        masks = [Mask(span.start, span.end, code) for span, code in spans]
        text = rules.masked_text(row.text, masks, labels)
        if source:
            text = f"Uppgiftslämnare: {source}\n{text}"
        items.append(
            DraftItem(
                f"journal:{row.id}",
                ItemKind.JOURNAL,
                row.event_date,
                label,
                title,
                text,
                marked=tuple(code for _span, code in spans),
            )
        )
    return items


def _lines(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in pairs if value.strip())


def _decisions(work: CaseWork, wanted: Wanted) -> list[DraftItem]:
    items = []
    for row in work.session.execute(
        select(DecisionRow).where(
            DecisionRow.case_id == work.case.id, DecisionRow.signed_utc.is_not(None)
        )
    ).scalars():
        day = row.decided_on or ""
        if not wanted(day, row.signed_utc):
            continue
        view = decision_of(work, row)
        label = f"Beslut {day}"
        title = f"{label} · {view.outcome_label} · {view.insats_label}"
        text = _lines(
            [
                ("Lagrum", view.legal_ground_text),
                ("Period", view.period_text),
                ("Utförare", view.provider_name),
                ("Omfattning", view.extent),
                ("Motivering", view.motivation),
                ("Beslutat av", view.signed_by),
            ]
        )
        items.append(DraftItem(f"decision:{row.id}", ItemKind.DECISION, day, label, title, text))
    return items


def _plans(work: CaseWork, wanted: Wanted) -> list[DraftItem]:
    items = []
    for row in work.session.execute(
        select(CarePlanRow).where(
            CarePlanRow.case_id == work.case.id, CarePlanRow.signed_utc.is_not(None)
        )
    ).scalars():
        day = (row.signed_utc or "")[:10]
        if not wanted(day, row.signed_utc):
            continue
        view = plan_view(work.session, row)
        decision = decision_of(work, work.session.get(DecisionRow, row.decision_id))  # type: ignore[arg-type]
        label = f"Vårdplan version {row.version}, {day}"
        pairs = [("Insats", decision.insats_label)]
        pairs += [("Period", f"{view.period_from} – {view.period_to or 'tills vidare'}")]
        for goal in view.goals:
            pairs.append((f"Mål {goal.position}", goal.text))
            pairs.append(("Så syns det", goal.indicator))
        pairs += [(r.role_label, r.text) for r in view.responsibilities]
        pairs += [
            ("Din delaktighet", view.client_participation),
            ("Dina synpunkter", view.client_view),
            ("Barnens behov", view.children_needs),
            ("Uppföljning", f"{view.follow_up_on} {view.follow_up_how}".strip()),
        ]
        items.append(
            DraftItem(
                f"care_plan:{row.id}",
                ItemKind.CARE_PLAN,
                day,
                label,
                f"{label} · {decision.insats_label}",
                _lines(pairs),
            )
        )
    return items


def _follow_ups(work: CaseWork, wanted: Wanted) -> list[DraftItem]:
    items = []
    for row in work.session.execute(
        select(FollowUpRow).where(
            FollowUpRow.case_id == work.case.id, FollowUpRow.signed_utc.is_not(None)
        )
    ).scalars():
        day = row.held_on or ""
        if not wanted(day, row.signed_utc):
            continue
        view = follow_up_view(work.session, row)
        label = f"Uppföljning {day}"
        pairs = [("Deltog", view.participants_text)]
        for goal in view.goals:
            pairs.append((f"Mål {goal.position}", f"{goal.goal_text} – {goal.outcome_label}"))
            pairs.append(("Kommentar", goal.comment))
        for answer in view.answers:
            pairs.append((answer.question_text, f"{answer.option_label} {answer.text}".strip()))
        pairs += [
            ("Beslut", f"{view.decision_label} {view.decision_text}".strip()),
            ("Nästa uppföljning", view.next_on),
        ]
        items.append(
            DraftItem(f"follow_up:{row.id}", ItemKind.FOLLOW_UP, day, label, label, _lines(pairs))
        )
    return items


def _assessments(work: CaseWork, wanted: Wanted) -> list[DraftItem]:
    main = select(CasePersonRow.person_id).where(
        CasePersonRow.case_id == work.case.id, CasePersonRow.role == PersonRole.MAIN.value
    )
    items = []
    for row in work.session.execute(
        select(RiskAssessmentRow).where(
            RiskAssessmentRow.case_id == work.case.id,
            RiskAssessmentRow.person_id.in_(main),
            RiskAssessmentRow.signed_utc.is_not(None),
        )
    ).scalars():
        day = row.assessed_on
        if not wanted(day, row.signed_utc):
            continue
        view = assessment_view(work, row)
        instrument = view.instrument
        label = f"Bedömning {day}"
        pairs = [("Bedömning", view.judgement_label)]
        for section in instrument.sections:
            for item in section.items:
                answer = view.answer(item.item_id)
                value = f"{view.option_label(item.item_id)} {answer.comment}".strip()
                pairs.append((item.text, value))
        pairs += [
            ("Motivering", view.motivation),
            ("Din egen bedömning", view.victim_estimate),
            ("Skyddande faktorer", view.protective_factors),
            ("Åtgärder", view.actions),
        ]
        items.append(
            DraftItem(
                f"assessment:{row.id}",
                ItemKind.ASSESSMENT,
                day,
                label,
                f"{label} · {instrument.title}",
                _lines(pairs),
            )
        )
    return items

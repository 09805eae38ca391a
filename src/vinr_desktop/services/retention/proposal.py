"""The gallringsförslag: per case and person, what is due with the rule that makes it due, and
what is kept and why, for the enhetschef to review. A protected case she may not open is listed
by its keyed reference only, its persons as "Skyddad person" (the totals must include it, or it
would never be gallrad; its content is never shown)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vinr_desktop.access.policy import Action
from vinr_desktop.access.session import CurrentUser
from vinr_desktop.domain.persons import ROLE_LABELS, PersonRole, is_protected, masked_name
from vinr_desktop.domain.retention import CaseVerdict, RuleSet, Verdict, evaluate
from vinr_desktop.services.case_access import may, relations_for, viewer_of
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.retention.facts import case_facts, rules_on
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, PersonRow
from vinr_desktop.store.unlocked import Store
from vinr_desktop.views.retention import PersonLine, Proposal, ProposalRow, RulesView

HIDDEN_PERSON = "Skyddad person"
_ORDER = (Verdict.DUE, Verdict.KEPT_RESEARCH, Verdict.KEPT_KIND, Verdict.LINKED)


def rules_view(rules: RuleSet) -> RulesView:
    plan = rules.plan
    return RulesView(
        name=rules.name,
        reference=rules.reference,
        reference_checked=rules.reference_checked,
        in_force_since=rules.in_force_since.isoformat(),
        years=rules.years_after_last_entry,
        research_birth_days=tuple(sorted(rules.research_birth_days)),
        kept_kinds=tuple(k.label for k in rules.kept_kinds),
        plan_name=plan.name if plan else "",
        plan_decision=plan.decision if plan else "",
        plan_in_force_from=plan.in_force_from.isoformat() if plan else "",
    )


def today_of(ctx: AppContext) -> date:
    return ctx.now().astimezone().date()


def verdicts_now(session: Session, today: date) -> tuple[RuleSet, dict[str, CaseVerdict]]:
    rules = rules_on(session, today)
    facts, births = case_facts(session)
    return rules, evaluate(facts, births, rules, today)


def case_label(store: Store, case: CaseRow, hidden: bool) -> str:
    if hidden:
        return f"Skyddat ärende ({store.case_reference(case.id)})"
    return case.number


def _why(verdict: CaseVerdict, rules: RuleSet, numbers: dict[str, str]) -> str:
    years = rules.years_after_last_entry
    if verdict.verdict is Verdict.DUE:
        return (
            f"{years} år efter sista anteckningen ({rules.name}); "
            f"ska vara gallrat senast {verdict.finish_by.isoformat()}"
        )
    if verdict.verdict is Verdict.KEPT_RESEARCH:
        return (
            "En person är född den "
            + ", ".join(str(d) for d in sorted(rules.research_birth_days))
            + " i månaden: bevaras för forskning"
        )
    if verdict.verdict is Verdict.KEPT_KIND:
        return "Bevaras: " + ", ".join(verdict.kept_kinds)
    waiting = ", ".join(numbers.get(c, "ett annat ärende") for c in verdict.waits_for)
    return f"Personen finns också i {waiting}, som inte gallras nu"


def build_proposal(ctx: AppContext, store: Store, session: Session, user: CurrentUser) -> Proposal:
    today = today_of(ctx)
    rules, verdicts = verdicts_now(session, today)
    viewer = viewer_of(ctx, user)
    cases = {c.id: c for c in session.execute(select(CaseRow)).scalars()}
    hidden = {
        case_id: case.protected
        and not may(user, Action.READ_CASE, relations_for(session, viewer, case))
        for case_id, case in cases.items()
    }
    links: dict[str, int] = {}
    for (person_id,) in session.execute(select(CasePersonRow.person_id)):
        links[person_id] = links.get(person_id, 0) + 1
    numbers = {c: case_label(store, cases[c], hidden[c]) for c in cases}
    rows = []
    for case_id, verdict in verdicts.items():
        if verdict.verdict not in _ORDER:
            continue
        case = cases[case_id]
        persons = session.execute(
            select(PersonRow, CasePersonRow.role)
            .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
            .where(CasePersonRow.case_id == case_id)
            .order_by(CasePersonRow.added_utc)
        ).all()
        lines = tuple(
            PersonLine(
                text=_person_text(person, hidden[case_id]),
                role_label=ROLE_LABELS.get(PersonRole(role), role),
                kept=person.id in verdict.research_person_ids,
                only_here=links.get(person.id, 0) == 1,
            )
            for person, role in persons
        )
        rows.append(
            ProposalRow(
                case_id=case_id,
                label=numbers[case_id],
                hidden=hidden[case_id],
                protected=case.protected,
                intake_date=case.intake_date,
                last_entry=verdict.last_entry.isoformat(),
                due_on=verdict.due_on.isoformat(),
                finish_by=verdict.finish_by.isoformat(),
                verdict=verdict.verdict,
                verdict_label=verdict.label,
                why=_why(verdict, rules, numbers),
                persons=lines,
            )
        )
    rows.sort(key=lambda r: (_ORDER.index(r.verdict), r.due_on, r.label))
    counted = [v.verdict for v in verdicts.values()]
    return Proposal(
        rules=rules_view(rules),
        today=today.isoformat(),
        rows=tuple(rows),
        not_yet=counted.count(Verdict.NOT_YET),
        open_cases=counted.count(Verdict.OPEN),
    )


def _person_text(person: PersonRow, hidden: bool) -> str:
    if is_protected(person.protection_level):
        return HIDDEN_PERSON if hidden else masked_name(person.first_name, person.last_name)
    if hidden:
        return HIDDEN_PERSON
    return " ".join(p for p in (person.first_name, person.last_name) if p)

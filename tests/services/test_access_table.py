"""The whole access table, through the real services on a real encrypted store.

Every service operation × every role × every way a user can stand to a case (own, shared for
reading or writing, the unit's, protected, protected but shared, nödåtkomst, a share that has
run out). For each cell three things must agree:

- what the program does (the service call is made and its outcome observed),
- what the policy table predicts (`predicted`, derived from `access.policy.can`),
- what the expected table below says. That table is written by hand from DESIGN.md and the
  issue, cell by cell, not computed from the policy: reading the policy twice would prove nothing.

Outcomes: O allowed · H refused as if the case did not exist · D refused (not allowed) ·
I refused by a rule (e.g. no running nödåtkomst to end) · - the situation cannot arise for
this role (an administrator cannot be given a case, a manager cannot own one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.casework import entry
from tests.services.conftest import Env
from tests.stores import Template
from tests.team import Team, make_team
from vinr_desktop.access.policy import Action, Relation, Resource, can
from vinr_desktop.domain.case_facts import StartBasis
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.case_access import NOT_FOUND
from vinr_desktop.services.cases.cases import CaseScope
from vinr_desktop.services.journal.events import today_for
from vinr_desktop.views.audit import AuditFilter
from vinr_desktop.views.cases import CaseRef, PersonInput

R = Relation

# The situations, in the column order of the expected table.
SITUATIONS = ("OWN", "SHR", "SHW", "UNIT", "PROT", "PSHR", "EMER", "EXP")

# How the program should see each situation (several relations can hold at once).
SITUATION_RELATIONS: dict[str, tuple[Relation, ...]] = {
    "OWN": (R.OWN_CASE,),
    "SHR": (R.SHARED_READ, R.UNIT_CASE),
    "SHW": (R.SHARED_WRITE, R.UNIT_CASE),
    "UNIT": (R.UNIT_CASE,),
    "PROT": (R.PROTECTED_CASE,),
    "PSHR": (R.SHARED_READ,),
    "EMER": (R.EMERGENCY,),
    "EXP": (R.UNIT_CASE,),  # the share ended yesterday: only the unit relation is left
}

ACTORS = {"caseworker": "bo", "manager": "chef", "admin": "adm"}

# fmt: off
# Written by hand. Columns: OWN SHR SHW UNIT PROT PSHR EMER EXP.
EXPECTED: dict[str, dict[str, str]] = {
    "open_case":       {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "details":         {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "timeline":        {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "shares":          {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "case_log":        {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "reveal_contact":  {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "in_case_list":    {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "in_search":       {"caseworker": "OOOHHO-H", "manager": "-O-OHOOO", "admin": "---DD---"},
    "save_draft":      {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "sign_entry":      {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "set_marker":      {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "advance_status":  {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "add_person":      {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "close_case":      {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "reopen_case":     {"caseworker": "ODOHHD-H", "manager": "-D-DHDDD", "admin": "---DD---"},
    "colleagues":      {"caseworker": "ODDHHD-H", "manager": "-O-OHDDO", "admin": "---DD---"},
    "share":           {"caseworker": "ODDHHD-H", "manager": "-O-OHDDO", "admin": "---DD---"},
    "unshare":         {"caseworker": "ODDHHD-H", "manager": "-O-OHDDO", "admin": "---DD---"},
    "end_emergency":   {"caseworker": "IIIHHI-H", "manager": "-I-IHIOI", "admin": "---DD---"},
    "start_emergency": {"caseworker": "DDDDDD-D", "manager": "-I-IOIII", "admin": "---DD---"},
    "register_case":   {"caseworker": "OOOOOO-O", "manager": "-D-DDDDD", "admin": "---DD---"},
    "review_log":      {"caseworker": "DDDDDD-D", "manager": "-O-OOOOO", "admin": "---DD---"},
    "my_cases_log":    {"caseworker": "OOOOOO-O", "manager": "-D-DDDDD", "admin": "---DD---"},
}
# fmt: on


# -- what the policy predicts -----------------------------------------------------------

# The action each case operation needs, besides reading the case.
CASE_ACTIONS: dict[str, Action] = {
    **dict.fromkeys(
        ("open_case", "details", "timeline", "shares", "case_log", "reveal_contact"),
        Action.READ_CASE,
    ),
    **dict.fromkeys(
        (
            "save_draft",
            "sign_entry",
            "set_marker",
            "advance_status",
            "add_person",
            "close_case",
            "reopen_case",
        ),
        Action.WRITE_CASE,
    ),
    **dict.fromkeys(("colleagues", "share", "unshare"), Action.GRANT_CASE_ACCESS),
}
STORE_ACTIONS: dict[str, Action] = {
    "register_case": Action.CREATE_CASE,
    "review_log": Action.REVIEW_AUDIT_LOG,
    "my_cases_log": Action.VIEW_OWN_CASES_LOG,
}


@dataclass(frozen=True)
class _Roles:
    roles: frozenset[object]


def predicted(operation: str, role: str, situation: str) -> str:
    """The outcome the policy table gives for one cell."""
    from vinr_desktop.access.policy import Role

    user = _Roles(frozenset({Role(role)}))
    relations = SITUATION_RELATIONS[situation]

    def may(action: Action) -> bool:
        return any(can(user, action, Resource(r)) for r in relations)  # type: ignore[arg-type]

    if operation in STORE_ACTIONS:
        return "O" if can(user, STORE_ACTIONS[operation]) else "D"  # type: ignore[arg-type]
    if operation == "start_emergency":
        if not can(user, Action.EMERGENCY_ACCESS):  # type: ignore[arg-type]
            return "D"
        return "O" if relations == (R.PROTECTED_CASE,) else "I"
    if not can(user, Action.LIST_CASES):  # type: ignore[arg-type]
        return "D"
    if not may(Action.READ_CASE):
        return "H"
    if operation == "end_emergency":
        return "O" if R.EMERGENCY in relations else "I"
    if operation in ("in_case_list", "in_search"):
        return "O"
    return "O" if may(CASE_ACTIONS[operation]) else "D"


def _cells() -> Iterator[tuple[str, str, str, str]]:
    for operation, by_role in EXPECTED.items():
        for role, row in by_role.items():
            assert len(row) == len(SITUATIONS), operation
            for situation, outcome in zip(SITUATIONS, row, strict=True):
                if outcome != "-":
                    yield operation, role, situation, outcome


CELLS = list(_cells())

# Operations that change nothing the next cell could notice may share one case per actor and
# situation (a case costs a registration); the others get a fresh case every time.
READ_ONLY = frozenset(
    {
        "open_case",
        "details",
        "timeline",
        "shares",
        "case_log",
        "reveal_contact",
        "in_case_list",
        "in_search",
        "colleagues",
        "register_case",
        "review_log",
        "my_cases_log",
    }
)


# -- the store ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Team]:
    """One store for the whole table; every cell works on cases of its own."""
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("access-table") / "register")
    made = make_team(env)
    yield made
    env.ctx.release()


def _main_person(team: Team, ref: CaseRef) -> str:
    from vinr_desktop.store.case_schema import CasePersonRow

    with team.env.ctx.require_store().session() as session:
        return session.execute(
            select(CasePersonRow.person_id).where(
                CasePersonRow.case_id == ref.case_id, CasePersonRow.role == PersonRole.MAIN.value
            )
        ).scalar_one()


def _situation(team: Team, actor: str, situation: str) -> CaseRef:
    """A fresh case in which `actor` stands as `situation` says."""
    if situation == "OWN":
        return team.case(by=actor)
    protected = situation in ("PROT", "PSHR", "EMER")
    ref = team.case(protected=protected)
    if situation in ("SHR", "PSHR"):
        team.share(ref, actor, ShareLevel.READ)
    elif situation == "SHW":
        team.share(ref, actor, ShareLevel.WRITE)
    elif situation == "EXP":
        team.share(ref, actor, ShareLevel.READ, until=_today(team))
    elif situation == "EMER":
        team.act_as(actor)
        team.services.sharing.start_emergency(ref.number, "Polisen ringer om akut skyddsbehov.")
    return ref


def _today(team: Team) -> date:
    return team.env.clock.now.astimezone().date()


Operation = Callable[[Team, CaseRef], object]


def _prepare(team: Team, operation: str, ref: CaseRef, owner: str) -> dict[str, str]:
    """What an operation needs to exist before the actor tries it (made by the owner)."""
    services = team.services
    team.act_as(owner)
    if operation == "reopen_case":
        services.cases.close(ref.case_id, "other", "", "Avslutat inför test.")
    if operation == "unshare":
        return {"share": team.share(ref, "ada", ShareLevel.READ, by=owner)}
    return {}


def _call(team: Team, operation: str, ref: CaseRef, prepared: dict[str, str]) -> bool:
    """Make the call as the current user; True/False for whether a list holds the case."""
    s = team.services
    case_id = ref.case_id
    match operation:
        case "open_case":
            s.cases.open_case(case_id)
        case "details":
            s.cases.details(case_id)
        case "timeline":
            s.journal.timeline(case_id)
        case "shares":
            s.sharing.shares(case_id)
        case "case_log":
            s.audit.case_log(case_id)
        case "reveal_contact":
            s.persons.reveal_contact(case_id, _main_person(team, ref), "Hembesök i dag.")
        case "in_case_list":
            return case_id in {r.case_id for r in s.cases.list_cases(CaseScope.ALL_VISIBLE)}
        case "in_search":
            return case_id in {r.case_id for r in s.search.search(ref.number).cases}
        case "save_draft":
            s.journal.save_draft(case_id, None, entry("Utkast i tabelltest."))
        case "sign_entry":
            s.journal.sign(case_id, None, entry("Signerad i tabelltest."))
        case "set_marker":
            s.cases.set_marker(case_id, "violence_psychological", True)
        case "advance_status":  # "Utredning" comes with the investigation record
            s.investigations.start(case_id, today_for(s.cases.ctx), StartBasis.APPLICATION, "none")
        case "add_person":
            s.persons.add_to_case(
                case_id,
                PersonInput("Nära", "Anhörigsson-Fiktiv", birth_date=date(1960, 1, 1)),
                PersonRole.RELATIVE,
            )
        case "close_case":
            s.cases.close(case_id, "other", "", "Avslutat i tabelltest.")
        case "reopen_case":
            s.cases.reopen(case_id, "Ny anmälan har kommit in.")
        case "colleagues":
            s.sharing.colleagues(case_id)
        case "share":
            s.sharing.share(case_id, team.users["ada"].user_id, ShareLevel.READ, None)
        case "unshare":
            s.sharing.unshare(case_id, prepared["share"])
        case "end_emergency":
            s.sharing.end_emergency(case_id)
        case "start_emergency":
            s.sharing.start_emergency(ref.number, "Polisen ringer om akut skyddsbehov.")
        case "register_case":
            team.case(by=team.env.ctx.require_user().username)
        case "review_log":
            s.audit.events(AuditFilter())
        case "my_cases_log":
            s.audit.my_cases_log(AuditFilter())
        case _:
            raise AssertionError(operation)
    return True


def _observe(team: Team, operation: str, ref: CaseRef, prepared: dict[str, str]) -> str:
    try:
        present = _call(team, operation, ref, prepared)
    except AccessDenied as refused:
        return "H" if refused.message == NOT_FOUND else "D"
    except InvalidInput:
        return "I"
    return "O" if present else "H"


@pytest.mark.parametrize(
    ("operation", "role", "situation", "expected"),
    CELLS,
    ids=[f"{o}-{r}-{s}" for o, r, s, _ in CELLS],
)
def test_access_table(team: Team, operation: str, role: str, situation: str, expected: str) -> None:
    assert predicted(operation, role, situation) == expected, "policy and table disagree"
    actor = ACTORS[role]
    if operation in READ_ONLY:
        key = f"{actor}-{situation}"
        if key not in team.kept:
            team.kept[key] = _situation(team, actor, situation)
        ref = team.kept[key]
    else:
        ref = _situation(team, actor, situation)
    owner = actor if situation == "OWN" else "anna"
    prepared = _prepare(team, operation, ref, owner)
    team.act_as(actor)
    expired = situation == "EXP"
    if expired:
        team.env.clock.advance(timedelta(days=1).total_seconds())
    try:
        assert _observe(team, operation, ref, prepared) == expected
    finally:
        if expired:
            team.env.clock.advance(-timedelta(days=1).total_seconds())


def test_every_operation_and_role_is_in_the_table() -> None:
    assert set(EXPECTED) == set(CASE_ACTIONS) | set(STORE_ACTIONS) | {
        "in_case_list",
        "in_search",
        "end_emergency",
        "start_emergency",
    }
    assert all(set(row) == set(ACTORS) for row in EXPECTED.values())
    assert len(CELLS) > 300


def test_a_refused_case_reads_exactly_like_a_missing_one(team: Team) -> None:
    hidden = team.case(protected=True)
    team.act_as("chef")
    messages = []
    for case_id in (hidden.case_id, "0" * 32):
        with pytest.raises(AccessDenied) as refused:
            team.services.cases.open_case(case_id)
        messages.append(refused.value.message)
    assert messages == [NOT_FOUND, NOT_FOUND]

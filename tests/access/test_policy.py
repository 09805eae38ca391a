"""The access table, checked against an expected table written out independently."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from vinr_desktop.access.policy import RULES, Action, Relation, Resource, Role, can

A, R = Action, Relation

# Written by hand from DESIGN.md's role table, per role: what is allowed. Everything else is not.
EXPECTED_ALLOWED: dict[Role, set[tuple[Action, Relation]]] = {
    Role.CASEWORKER: {
        (A.LIST_CASES, R.NONE),
        (A.SEARCH_CASES, R.NONE),
        (A.CREATE_CASE, R.NONE),
        (A.READ_CASE, R.OWN_CASE),
        (A.READ_CASE, R.SHARED_READ),
        (A.READ_CASE, R.SHARED_WRITE),
        (A.WRITE_CASE, R.OWN_CASE),
        (A.WRITE_CASE, R.SHARED_WRITE),
        (A.GRANT_CASE_ACCESS, R.OWN_CASE),
        (A.VIEW_DEADLINES, R.NONE),
        (A.VIEW_STATISTICS, R.NONE),
        (A.VIEW_COMPLIANCE, R.NONE),
        (A.VIEW_OWN_CASES_LOG, R.NONE),
        (A.MANAGE_PROVIDERS, R.NONE),
        (A.CHANGE_OWN_PASSWORD, R.SELF),
        (A.WRITE_AUTOMATIC_BACKUP, R.NONE),
    },
    Role.MANAGER: {
        (A.LIST_CASES, R.NONE),
        (A.SEARCH_CASES, R.NONE),
        (A.READ_CASE, R.OWN_CASE),
        (A.READ_CASE, R.SHARED_READ),
        (A.READ_CASE, R.SHARED_WRITE),
        (A.READ_CASE, R.UNIT_CASE),
        (A.READ_CASE, R.EMERGENCY),
        (A.EMERGENCY_ACCESS, R.NONE),
        (A.GRANT_CASE_ACCESS, R.UNIT_CASE),
        (A.VIEW_DEADLINES, R.NONE),
        (A.VIEW_STATISTICS, R.NONE),
        (A.SET_STATISTICS_FACTS, R.NONE),
        (A.VIEW_COMPLIANCE, R.NONE),
        (A.REVIEW_AUDIT_LOG, R.NONE),
        (A.MANAGE_PROVIDERS, R.NONE),
        (A.REVIEW_RETENTION, R.NONE),
        (A.APPROVE_RETENTION, R.NONE),
        (A.EXPORT_ARCHIVE, R.NONE),
        (A.CHANGE_OWN_PASSWORD, R.SELF),
        (A.WRITE_AUTOMATIC_BACKUP, R.NONE),
    },
    Role.ADMIN: {
        (A.MANAGE_USERS, R.NONE),
        (A.CHANGE_SETTINGS, R.NONE),
        (A.SET_STATISTICS_FACTS, R.NONE),
        (A.MANAGE_BACKUPS, R.NONE),
        (A.WRITE_BACKUP, R.NONE),
        (A.RESTORE_BACKUP, R.NONE),
        (A.WRITE_AUTOMATIC_BACKUP, R.NONE),
        (A.VIEW_SECURITY_STATUS, R.NONE),
        (A.CHANGE_OWN_PASSWORD, R.SELF),
    },
}

CASE_ACTIONS = {
    A.LIST_CASES,
    A.SEARCH_CASES,
    A.CREATE_CASE,
    A.READ_CASE,
    A.WRITE_CASE,
    A.GRANT_CASE_ACCESS,
    A.VIEW_DEADLINES,
    A.VIEW_STATISTICS,
    A.VIEW_COMPLIANCE,
    A.REVIEW_AUDIT_LOG,
    A.EMERGENCY_ACCESS,
    A.VIEW_OWN_CASES_LOG,
    A.MANAGE_PROVIDERS,
    A.REVIEW_RETENTION,
    A.APPROVE_RETENTION,
    A.EXPORT_ARCHIVE,
}


@dataclass(frozen=True)
class _User:
    roles: frozenset[Role]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("relation", list(Relation))
def test_every_cell_of_the_table(role: Role, action: Action, relation: Relation) -> None:
    expected = (action, relation) in EXPECTED_ALLOWED[role]
    assert can(_User(frozenset({role})), action, Resource(relation)) is expected


def test_the_rules_grant_nothing_beyond_the_expected_table() -> None:
    granted = {(role, action, rel) for role, action, rel in RULES}
    expected = {(role, a, r) for role, cells in EXPECTED_ALLOWED.items() for a, r in cells}
    assert granted == expected


@pytest.mark.parametrize("action", sorted(CASE_ACTIONS))
@pytest.mark.parametrize("relation", list(Relation))
def test_admin_never_reaches_case_content(action: Action, relation: Relation) -> None:
    assert not can(_User(frozenset({Role.ADMIN})), action, Resource(relation))


def test_a_protected_case_without_a_grant_is_refused_to_every_role() -> None:
    everyone = _User(frozenset(Role))
    for action in Action:
        assert not can(everyone, action, Resource(Relation.PROTECTED_CASE))


def test_several_roles_combine() -> None:
    both = _User(frozenset({Role.CASEWORKER, Role.ADMIN}))
    assert can(both, A.MANAGE_USERS)
    assert can(both, A.WRITE_CASE, Resource(R.OWN_CASE))
    assert not can(both, A.READ_CASE, Resource(R.UNIT_CASE))


def test_no_roles_no_access() -> None:
    nobody = _User(frozenset())
    assert not any(can(nobody, a, Resource(r)) for a in Action for r in Relation)

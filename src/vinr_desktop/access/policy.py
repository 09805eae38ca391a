"""Who may do what: one table, one function.

`can(user, action, resource)` looks the triple up in `RULES`. Anything not in the table is
refused. The administrator role never reaches case content: no case action is granted to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Role(StrEnum):
    CASEWORKER = "caseworker"
    MANAGER = "manager"
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.CASEWORKER: "Handläggare",
    Role.MANAGER: "Enhetschef",
    Role.ADMIN: "Administratör",
}


class Action(StrEnum):
    # Case work (the next issues add the services behind these).
    LIST_CASES = "list_cases"
    SEARCH_CASES = "search_cases"
    CREATE_CASE = "create_case"
    READ_CASE = "read_case"
    WRITE_CASE = "write_case"
    GRANT_CASE_ACCESS = "grant_case_access"
    EMERGENCY_ACCESS = "emergency_access"  # nödåtkomst to a protected case, with a reason
    VIEW_DEADLINES = "view_deadlines"
    VIEW_STATISTICS = "view_statistics"
    # The facts the statistics need beside the register (the adult population per year, the
    # municipality code): no case content, so the administrator enters them too.
    SET_STATISTICS_FACTS = "set_statistics_facts"
    # Egenkontroll: the auditors' questions over a sample of cases (never the administrator).
    VIEW_COMPLIANCE = "view_compliance"
    REVIEW_AUDIT_LOG = "review_audit_log"
    VIEW_OWN_CASES_LOG = "view_own_cases_log"  # who has opened the user's own cases
    # The unit's provider register (utförare): not case content, but case work's tool, so the
    # people who do case work keep it; the administrator does not.
    MANAGE_PROVIDERS = "manage_providers"
    # Gallring and the e-arkiv: the enhetschef reviews and approves (with the nämnd's
    # decision) and exports; a handläggare never gallrar alone, an administrator never sees
    # what is gallrad.
    REVIEW_RETENTION = "review_retention"
    APPROVE_RETENTION = "approve_retention"
    EXPORT_ARCHIVE = "export_archive"
    # Administration.
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_BACKUPS = "manage_backups"
    WRITE_BACKUP = "write_backup"  # take a backup now (the copy is sealed to the admins)
    RESTORE_BACKUP = "restore_backup"  # restore a register from a backup, rebuild a key file
    # The automatic backup at logout and quit, written by whoever's session ends: the copy is
    # sealed to the administrators and the recovery code only, so writing one shows its writer
    # nothing she may not see, and a caseworker's day is backed up without an admin present.
    WRITE_AUTOMATIC_BACKUP = "write_automatic_backup"
    VIEW_SECURITY_STATUS = "view_security_status"
    # Everyone, on their own account.
    CHANGE_OWN_PASSWORD = "change_own_password"


class Relation(StrEnum):
    """How the resource relates to the user asking."""

    NONE = "none"  # not tied to a case or a person: the store, the unit, the user list
    SELF = "self"  # the user's own account
    OWN_CASE = "own_case"  # the user is the responsible handläggare
    SHARED_READ = "shared_read"  # shared with the user, read only
    SHARED_WRITE = "shared_write"  # shared with the user, read and write
    UNIT_CASE = "unit_case"  # another handläggare's case in the unit
    PROTECTED_CASE = "protected_case"  # a protected case the user has no grant for
    EMERGENCY = "emergency"  # a protected case opened by nödåtkomst, until it expires


@dataclass(frozen=True)
class Resource:
    relation: Relation = Relation.NONE


STORE = Resource(Relation.NONE)
OWN_ACCOUNT = Resource(Relation.SELF)

_ALL_CASE_WORK = (Relation.OWN_CASE, Relation.SHARED_READ, Relation.SHARED_WRITE)

RULES: frozenset[tuple[Role, Action, Relation]] = frozenset(
    [
        (Role.CASEWORKER, Action.LIST_CASES, Relation.NONE),
        (Role.CASEWORKER, Action.SEARCH_CASES, Relation.NONE),
        (Role.CASEWORKER, Action.CREATE_CASE, Relation.NONE),
        *((Role.CASEWORKER, Action.READ_CASE, r) for r in _ALL_CASE_WORK),
        (Role.CASEWORKER, Action.WRITE_CASE, Relation.OWN_CASE),
        (Role.CASEWORKER, Action.WRITE_CASE, Relation.SHARED_WRITE),
        (Role.CASEWORKER, Action.GRANT_CASE_ACCESS, Relation.OWN_CASE),
        (Role.CASEWORKER, Action.VIEW_DEADLINES, Relation.NONE),
        (Role.CASEWORKER, Action.VIEW_STATISTICS, Relation.NONE),
        (Role.CASEWORKER, Action.VIEW_COMPLIANCE, Relation.NONE),
        (Role.CASEWORKER, Action.VIEW_OWN_CASES_LOG, Relation.NONE),
        (Role.CASEWORKER, Action.MANAGE_PROVIDERS, Relation.NONE),
        (Role.CASEWORKER, Action.CHANGE_OWN_PASSWORD, Relation.SELF),
        (Role.CASEWORKER, Action.WRITE_AUTOMATIC_BACKUP, Relation.NONE),
        (Role.MANAGER, Action.LIST_CASES, Relation.NONE),
        (Role.MANAGER, Action.SEARCH_CASES, Relation.NONE),
        *(
            (Role.MANAGER, Action.READ_CASE, r)
            for r in (*_ALL_CASE_WORK, Relation.UNIT_CASE, Relation.EMERGENCY)
        ),
        (Role.MANAGER, Action.EMERGENCY_ACCESS, Relation.NONE),
        (Role.MANAGER, Action.GRANT_CASE_ACCESS, Relation.UNIT_CASE),
        (Role.MANAGER, Action.VIEW_DEADLINES, Relation.NONE),
        (Role.MANAGER, Action.VIEW_STATISTICS, Relation.NONE),
        (Role.MANAGER, Action.SET_STATISTICS_FACTS, Relation.NONE),
        (Role.MANAGER, Action.VIEW_COMPLIANCE, Relation.NONE),
        (Role.MANAGER, Action.REVIEW_AUDIT_LOG, Relation.NONE),
        (Role.MANAGER, Action.MANAGE_PROVIDERS, Relation.NONE),
        (Role.MANAGER, Action.REVIEW_RETENTION, Relation.NONE),
        (Role.MANAGER, Action.APPROVE_RETENTION, Relation.NONE),
        (Role.MANAGER, Action.EXPORT_ARCHIVE, Relation.NONE),
        (Role.MANAGER, Action.CHANGE_OWN_PASSWORD, Relation.SELF),
        (Role.MANAGER, Action.WRITE_AUTOMATIC_BACKUP, Relation.NONE),
        (Role.ADMIN, Action.MANAGE_USERS, Relation.NONE),
        (Role.ADMIN, Action.CHANGE_SETTINGS, Relation.NONE),
        (Role.ADMIN, Action.SET_STATISTICS_FACTS, Relation.NONE),
        (Role.ADMIN, Action.MANAGE_BACKUPS, Relation.NONE),
        (Role.ADMIN, Action.WRITE_BACKUP, Relation.NONE),
        (Role.ADMIN, Action.RESTORE_BACKUP, Relation.NONE),
        (Role.ADMIN, Action.WRITE_AUTOMATIC_BACKUP, Relation.NONE),
        (Role.ADMIN, Action.VIEW_SECURITY_STATUS, Relation.NONE),
        (Role.ADMIN, Action.CHANGE_OWN_PASSWORD, Relation.SELF),
    ]
)


class HasRoles(Protocol):
    """Anything with a `roles` attribute (the logged-in user)."""

    @property
    def roles(self) -> frozenset[Role]: ...


def can(user: HasRoles, action: Action, resource: Resource = STORE) -> bool:
    """True if any of the user's roles is granted `action` on a resource of this relation."""
    return any((role, action, resource.relation) in RULES for role in user.roles)


def parse_roles(codes: Iterable[str]) -> frozenset[Role]:
    """Role codes from storage or the command line; unknown codes raise ValueError."""
    return frozenset(Role(code.strip()) for code in codes if code.strip())

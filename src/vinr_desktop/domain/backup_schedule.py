"""When the program backs up by itself, and how old a backup may get before the status warns.

The rules, in the words the backup page and the README use:

- *Automatic backup* (a setting, on by default) runs when a user logs out or quits, at most
  once a day (the local calendar day of the last verified backup), and only when something
  changed since the last verified backup: an audit event after that backup's snapshot that is
  not one of the session's own comings and goings (login, logout, lock, unlock, the backup
  events themselves). A caseworker's own session writes it: the copy is sealed to the
  administrators and the recovery code, so she can write one she cannot open.
- The thinning settings (daily/weekly/monthly copies to keep, 7/4/12) feed backup_rotation.
- The status bar's date: green up to 7 days, amber after 7 days, red after 30 (and red when
  there is none yet).

Pure: times in, decisions out; the caller supplies the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from vinr_desktop.domain.settings import ChoiceSetting, IntSetting

AMBER_AFTER = timedelta(days=7)
RED_AFTER = timedelta(days=30)

# Audit events that do not make a backup due: a session's own comings and goings.
NOT_CHANGES = frozenset(
    {
        "login",
        "logout",
        "lock",
        "unlock",
        "login_failed",
        "backup_started",
        "backup_written",
        "backup_failed",
    }
)

AUTOMATIC_BACKUP = ChoiceSetting(
    key="backup_automatic",
    default="on",
    choices=(("on", "På"), ("off", "Av")),
    label="Automatisk säkerhetskopia",
    description=(
        "När någon loggar ut eller stänger programmet, högst en gång per dag och bara om något "
        "har ändrats sedan den senaste kontrollerade kopian."
    ),
)

BACKUP_FOLDER_KEY = "backup_folder"


def _keep(key: str, default: int, label: str, unit: str) -> IntSetting:
    return IntSetting(
        key=key,
        default=default,
        minimum=0,
        maximum=1000,
        label=label,
        description=f"Den senaste kopian för vart och ett av de senaste {unit} som har en kopia.",
    )


KEEP_DAILY = _keep("backup_keep_daily", 7, "Dagliga kopior", "dygnen")
KEEP_WEEKLY = _keep("backup_keep_weekly", 4, "Veckokopior", "veckorna")
KEEP_MONTHLY = _keep("backup_keep_monthly", 12, "Månadskopior", "månaderna")


class BackupAge(StrEnum):
    """How the status bar colours the date of the last verified backup."""

    FRESH = "fresh"  # within 7 days
    AMBER = "amber"  # older than 7 days
    RED = "red"  # older than 30 days, or none at all


def backup_age(last_verified: datetime | None, now: datetime) -> BackupAge:
    if last_verified is None:
        return BackupAge.RED
    age = now - last_verified
    if age > RED_AFTER:
        return BackupAge.RED
    if age > AMBER_AFTER:
        return BackupAge.AMBER
    return BackupAge.FRESH


@dataclass(frozen=True)
class AutomaticState:
    """What decides an automatic backup, read from the register."""

    enabled: bool
    folder: str | None
    last_verified: datetime | None  # aware
    changed: bool  # an event that is not in NOT_CHANGES after the last backup's snapshot


def automatic_backup_due(state: AutomaticState, now: datetime) -> bool:
    """Whether logging out or quitting now should write a backup (`now` aware, local zone
    decides the day)."""
    if not state.enabled or not state.folder or not state.changed:
        return False
    if state.last_verified is None:
        return True
    local_now = now.astimezone()
    return state.last_verified.astimezone(local_now.tzinfo).date() != local_now.date()

"""When an automatic backup is due and how the status colours the last backup's date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from vinr_desktop.domain.backup_schedule import (
    AutomaticState,
    BackupAge,
    automatic_backup_due,
    backup_age,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_the_date_turns_amber_after_7_days_and_red_after_30() -> None:
    assert backup_age(NOW - timedelta(days=7), NOW) is BackupAge.FRESH
    assert backup_age(NOW - timedelta(days=7, minutes=1), NOW) is BackupAge.AMBER
    assert backup_age(NOW - timedelta(days=30), NOW) is BackupAge.AMBER
    assert backup_age(NOW - timedelta(days=30, minutes=1), NOW) is BackupAge.RED


def test_no_backup_at_all_is_red() -> None:
    assert backup_age(None, NOW) is BackupAge.RED


def _state(**changes: object) -> AutomaticState:
    values: dict[str, object] = {
        "enabled": True,
        "folder": "/media/usb",
        "last_verified": NOW - timedelta(days=1),
        "changed": True,
    }
    values.update(changes)
    return AutomaticState(**values)  # type: ignore[arg-type]


def test_due_when_on_with_a_folder_something_changed_and_none_today() -> None:
    assert automatic_backup_due(_state(), NOW)
    assert automatic_backup_due(_state(last_verified=None), NOW)


def test_not_due_when_nothing_changed_off_or_without_a_folder() -> None:
    assert not automatic_backup_due(_state(changed=False), NOW)
    assert not automatic_backup_due(_state(enabled=False), NOW)
    assert not automatic_backup_due(_state(folder=None), NOW)


def test_at_most_once_a_day() -> None:
    assert not automatic_backup_due(_state(last_verified=NOW - timedelta(minutes=5)), NOW)

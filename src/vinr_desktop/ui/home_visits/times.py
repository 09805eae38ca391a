"""Date-and-time fields of the home visit dialogs, in the user's local time from the program's
(injectable) clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit


def local_now(now: datetime) -> datetime:
    """`now` (aware) in local time, to the minute."""
    return now.astimezone().replace(second=0, microsecond=0)


def datetime_edit(value: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(value.replace(tzinfo=None)))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def moment_of(edit: QDateTimeEdit) -> datetime:
    """The edit's local time as an aware datetime."""
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.astimezone()


def time_edit(value: datetime) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def moment_at(day: datetime, edit: QTimeEdit) -> datetime:
    """`day`'s date (local) at the edit's time, aware."""
    t = edit.time()
    return day.replace(hour=t.hour(), minute=t.minute(), second=0, microsecond=0)

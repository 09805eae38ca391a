"""Stored moments (UTC) are shown in the computer's local time, the same on every screen and
document."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from vinr_desktop.views.time_text import clock_text, date_text, datetime_text


@pytest.fixture
def stockholm(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_utc_moment_is_shown_in_local_time(stockholm: None) -> None:
    winter = "2026-01-15T23:30:09+00:00"  # CET, UTC+1: already the next day
    assert datetime_text(winter) == "2026-01-16 00:30"
    assert date_text(winter) == "2026-01-16"
    assert clock_text(winter) == "00:30"
    assert clock_text(winter, seconds=True) == "00:30:09"
    assert datetime_text("2026-07-01T12:00:00+00:00") == "2026-07-01 14:00"  # CEST, UTC+2


def test_text_without_an_offset_is_utc_and_a_missing_moment_says_so(stockholm: None) -> None:
    assert datetime_text("2026-01-15T10:00:00") == "2026-01-15 11:00"
    assert datetime_text(None, "aldrig") == "aldrig"
    assert date_text("", "–") == "–"
    assert datetime_text("inte en tidpunkt") == "inte en tidpunkt"

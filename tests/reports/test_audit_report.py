"""The log-review PDF read back as text: what the nämnd sees on every page, the chain warning,
user text shown as typed, and nothing identifying in the file's metadata."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from datetime import date

import pypdf
import pytest

from tests.reports.sealing import sealed
from vinr_desktop.domain.audit_events import FLAG_LABELS, EventGroup, Flag
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.reports import audit_report
from vinr_desktop.resources import document_texts
from vinr_desktop.views.audit import (
    AuditEventView,
    AuditReport,
    ChainStatus,
    FlagCount,
    ReviewMark,
)

DOC_ID = "LK-2026-0042-TEST"
CASE = "VINR-2026-0417"
REVIEWER = "Demo Chefsdotter"
WORKER = "Testa Testsson-Fiktiv"


def event(n: int, **changes: object) -> AuditEventView:
    flag = list(Flag)[n % len(Flag)]
    values: dict[str, object] = {
        "seq": 1000 + n,
        "ts_utc": f"2026-03-{1 + n % 28:02d}T11:{n % 60:02d}:00+00:00",
        "user_name": WORKER,
        "action": "case_opened",
        "action_label": "Öppnade ärendet",
        "group": EventGroup.ACCESS,
        "case_id": "case-1",
        "case_label": CASE,
        "detail": "",
        "reason": "Kontroll inför hembesök i Demoby",
        "flag": flag,
        "review": None,
    }
    values.update(changes)
    return AuditEventView(**values)  # type: ignore[arg-type]


def make_report(events: tuple[AuditEventView, ...], **changes: object) -> AuditReport:
    counts = []
    for flag in Flag:
        of_kind = [e for e in events if e.flag is flag]
        if of_kind:
            reviewed = sum(1 for e in of_kind if e.review is not None)
            counts.append(FlagCount(FLAG_LABELS[flag], len(of_kind), reviewed))
    values: dict[str, object] = {
        "document_id": DOC_ID,
        "municipality": "Demoby kommun",
        "unit": "Vuxenenheten",
        "reviewer": REVIEWER,
        "created_utc": "2026-11-23T13:05:00+00:00",
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 6, 30),
        "filter_text": "Alla händelser",
        "chain": ChainStatus(True, 1234, (), "2026-11-23T13:04:00+00:00"),
        "total_events": 1234,
        "flag_counts": tuple(counts),
        "flagged": events,
        "flagged_truncated": False,
    }
    values.update(changes)
    return AuditReport(**values)  # type: ignore[arg-type]


def render(report: AuditReport) -> bytes:
    return audit_report.render(sealed(report, DocumentKind.AUDIT_REPORT, Recipient.BOARD))


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    """Text without any whitespace: table cells wrap wherever the column ends."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def long_report() -> list[str]:
    events = tuple(event(n) for n in range(90))
    return pages(render(make_report(events)))


def test_every_page_carries_marking_page_x_of_y_document_id_and_printer(
    long_report: list[str],
) -> None:
    total = len(long_report)
    assert total >= 3
    marking = document_texts()["confidentiality"]
    for number, text in enumerate(long_report, 1):
        assert marking in text
        assert f"Sida {number} av {total}" in text
        assert DOC_ID in text
        assert f"Utskriven av {REVIEWER}" in text


def test_the_event_table_repeats_its_header_on_every_page(long_report: list[str]) -> None:
    for text in long_report:
        assert "Tid och användare" in text and "Granskning" in text


def test_the_signature_lines_for_the_namnd_end_the_report(long_report: list[str]) -> None:
    assert "Granskat av:" in long_report[-1] and "Datum:" in long_report[-1]
    assert "Granskat av:" not in "".join(long_report[:-1])


def test_broken_chain_is_a_warning_with_its_problems() -> None:
    broken = ChainStatus(
        False,
        1234,
        ("Loggpost 17 har ändrats.", "Loggpost 18 hänger inte ihop med posten före."),
        "2026-11-23T13:04:00+00:00",
    )
    text = pages(render(make_report((event(1),), chain=broken)))[0]
    assert "VARNING: loggkedjan är bruten" in text
    assert "Loggpost 17 har ändrats." in text
    assert "Loggpost 18 hänger inte ihop med posten före." in text
    assert "Loggkedjan är hel" not in text


def test_whole_chain_says_so_and_gives_no_warning() -> None:
    text = pages(render(make_report((event(1),))))[0]
    assert "Loggkedjan är hel: 1 234 poster kontrollerade" in text.replace("\xa0", " ")
    assert "VARNING" not in text


def test_markup_in_user_text_is_shown_as_typed() -> None:
    events = (
        event(1, reason="<b>Akut</b> & polisen ringde"),
        event(
            2, review=ReviewMark(REVIEWER, "2026-03-10T12:00:00+00:00", "Ok <i>enligt</i> rutin")
        ),
    )
    text = squeezed("".join(pages(render(make_report(events)))))
    assert "<b>Akut</b>&polisenringde" in text
    assert f"Granskad2026-03-10av{squeezed(REVIEWER)}:Ok<i>enligt</i>rutin" in text
    assert "Ejgranskad" in text


def test_names_print_as_written_and_only_undrawable_signs_are_replaced() -> None:
    name = "Łucja Ćwik-Nguyễn Fiktiv \u6f22"  # the last sign is not in the bundled font
    text = "".join(pages(render(make_report((event(1, user_name=name),)))))
    assert "Łucja Ćwik-Nguyễn\nFiktiv ?" in text  # the cell wraps before "Fiktiv"


def test_metadata_title_is_the_generic_title_and_holds_nothing_from_the_cases() -> None:
    events = (event(1, detail="Adress och telefon", reason="Skäl med namn Testa"),)
    pdf = render(make_report(events))
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == document_texts()["audit_report_title"]
    values = " ".join(str(value) for value in metadata.values())
    for secret in (CASE, REVIEWER, WORKER, "Testa", "Chefsdotter", "Demoby"):
        assert secret not in values


def test_period_and_a_note_when_the_list_is_cut_short() -> None:
    events = tuple(event(n) for n in range(3))
    cut = make_report(events, period_from=None, period_to=None, flagged_truncated=True)
    text = " ".join(pages(render(cut)))
    assert "Hela loggen" in text
    assert "de 3 senaste flaggade händelserna" in " ".join(text.split())
    whole = " ".join(pages(render(make_report(events))))
    assert "2026-01-01 – 2026-06-30" in whole
    assert "senaste flaggade" not in whole


def test_no_flagged_events_is_said_in_words() -> None:
    text = pages(render(make_report(())))[0]
    assert "Inga flaggade händelser i urvalet." in text


def test_a_reason_longer_than_a_page_is_printed_whole() -> None:
    long_reason = "Ett mycket långt skäl. " * 500 + "SLUTET"
    pdf = render(make_report((event(1, reason=long_reason),)))
    text = pages(pdf)
    assert len(text) >= 3
    assert "SLUTET" in "".join(text)


@pytest.fixture
def stockholm_time() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Stockholm"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (not on Windows)")
@pytest.mark.usefixtures("stockholm_time")
def test_times_are_shown_in_local_time() -> None:
    report = make_report((event(1, ts_utc="2026-03-02T07:30:00+00:00"),))
    text = pages(render(report))[0]
    assert "2026-03-02 08:30" in text  # the event, CET
    assert "2026-11-23 14:05 · Utskriven av" in text  # the footer, printed in November


def test_flag_counts_show_reviewed_and_unreviewed() -> None:
    review = ReviewMark(REVIEWER, "2026-03-10T12:00:00+00:00", "")
    events = (
        event(0, flag=Flag.EMERGENCY, review=review),
        event(1, flag=Flag.EMERGENCY),
        event(2, flag=Flag.EMERGENCY),
    )
    text = pages(render(make_report(events)))[0]
    assert "Nödåtkomst 3 1 2" in " ".join(text.split())
    shown = squeezed(f"Granskad 2026-03-10 av {REVIEWER}")
    assert shown in squeezed(text)
    assert f"{shown}:" not in squeezed(text)  # no comment, no colon

"""Case content never leaves the encrypted store: a scripted day of case work with marker
strings (names, identity number, a protected address, journal text), then a scan of every file
written, the temp folder and the log."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from tests.casework import entry, personnummer, register
from tests.fakes import FakeWallClock
from tests.leakscan import scan
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.views.audit import AuditFilter
from vinr_desktop.views.cases import PersonInput

NUMBER = personnummer(date(1979, 9, 9), 987)
MARKERS = (
    "Markörförnamn Qzxwvkpj-Fiktiv",
    "Markörgatan Hxqztwvk 12",
    "Markörort Wqzyxkvp",
    "Journalmarkör Zyxqwkvb berättade",
    f"nummer {NUMBER.replace('-', '')}",
)


def test_a_day_of_case_work_leaves_no_marker_outside_the_store(
    tmp_path: Path, private_tmp: Path
) -> None:
    folder = tmp_path / "register"
    logs = folder / "logs"
    logs.mkdir(parents=True)
    handler = logging.FileHandler(logs / "vinr-desktop.log", encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        ctx = AppContext(
            folder, device=NoDeviceStore(), now=FakeWallClock(), kdf=keys.KdfParams.floor()
        )
        password = "markörlösen för test"
        setup.create_store(
            ctx,
            municipality="Exempelby kommun (fiktiv)",
            unit="VINR-enheten (fiktiv)",
            username="mark",
            full_name="Mark Markörsson-Fiktiv",
            password=password,
            roles=("caseworker", "admin"),
            bind_device=False,
        )
        AuthService(ctx).login("mark", password)
        services = CaseWorkServices.for_context(ctx)
        person = PersonInput(
            first_name=MARKERS[0].split()[0],
            last_name=MARKERS[0].split()[1],
            identity_kind=IdentityKind.PERSONNUMMER,
            identity_text=NUMBER,
            contact=ContactDetails(MARKERS[1], "999 99", MARKERS[2]),
            protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        )
        ref = register(services, person)
        services.persons.add_to_case(
            ref.case_id,
            PersonInput(MARKERS[0].split()[0], "Barnsson-Fiktiv", birth_date=date(2018, 1, 2)),
            PersonRole.CHILD,
        )
        details = services.cases.open_case(ref.case_id)
        assert details.main_person is not None
        first = services.journal.sign(ref.case_id, None, entry(MARKERS[3]))
        services.journal.correct(ref.case_id, first, "Fel", entry(MARKERS[3] + " rättat"))
        services.journal.save_draft(ref.case_id, None, entry(MARKERS[3] + " utkast"))
        assert services.search.search(MARKERS[3].split()[1]).hits
        assert services.search.search(NUMBER).cases
        services.persons.reveal_contact(ref.case_id, details.main_person.person_id, "Hembesök")
        services.cases.close(ref.case_id, "other", "", "Avslutat i test.")
        # The manager's side: nödåtkomst, a reveal, the log review and its report saved as a
        # PDF in the data folder (an explicit export: it must hold no case content either).
        admin = AdminService(ctx)
        one_time = admin.add_user("chefen", "Chef Chefsdotter-Fiktiv", {"manager"})
        auth = AuthService(ctx)
        auth.logout()
        auth.login("chefen", one_time)
        auth.change_own_password(one_time, password + " chef", password + " chef")
        services.sharing.start_emergency(ref.number, "Polisen ringer om akut skyddsbehov.")
        opened = services.cases.open_case(ref.case_id)
        assert opened.main_person is not None
        services.persons.reveal_contact(ref.case_id, opened.main_person.person_id, "Polisen")
        services.audit.open_review()
        report = services.documents.audit_report(AuditFilter())
        services.documents.save_document(None, report, folder / "loggkontroll-2026-03-02.pdf")
        ctx.release()
    finally:
        root.removeHandler(handler)
        handler.close()

    (private_tmp / "canary.txt").write_text(MARKERS[1], encoding="utf-8")
    assert scan([private_tmp], MARKERS)
    (private_tmp / "canary.txt").unlink()
    assert scan([folder, private_tmp, logs], MARKERS) == []
    # PDF page streams are compressed: read the exported report's text back and look there too.
    report = folder / "loggkontroll-2026-03-02.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(report).pages).lower()
    assert "nödåtkomst" in text  # the reader does see the report's text
    for marker in MARKERS:
        assert marker.lower() not in text and marker.split()[1].lower() not in text

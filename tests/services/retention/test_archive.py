"""E-arkiv export through the real services: the kept cases (or the whole register) as a package
that passes the structural check, PDFs made by the one pipeline that read back with pypdf as
PDF/A, no protected address or phone anywhere, nothing from a case in a file name, audited."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.casework import SECRET_CITY, SECRET_STREET, adult, entry, register
from tests.services.conftest import Env
from tests.services.retention.sip_check import check_package
from tests.services.retention.test_gallring import SIX_YEARS
from tests.team import Team, make_team
from vinr_desktop.domain.errors import AccessDenied
from vinr_desktop.domain.persons import ContactDetails, ProtectionLevel
from vinr_desktop.domain.sharing import ShareLevel
from vinr_desktop.services.retention.archive import ArchiveService
from vinr_desktop.store.schema import AuditRow

SECRET_PHONE = "070-987 65 43"
NOTE = "Samtal om stödet, fiktiv anteckning Arkivmarkör"


@pytest.fixture
def team(env: Env) -> Team:
    return make_team(env)


def _protected_research_case(team: Team, serial: int, share: bool) -> str:
    team.act_as("anna")
    person = adult(
        "Rut",
        f"Forskningsdotter{serial}-Fiktiv",
        birth=date(1984, 5, 25),
        serial=serial,
        protection=ProtectionLevel.PROTECTED_REGISTRATION,
        contact=ContactDetails(SECRET_STREET, "999 99", SECRET_CITY, SECRET_PHONE),
    )
    ref = register(team.services, person)
    team.services.journal.sign(ref.case_id, None, entry(NOTE))
    team.services.cases.close(ref.case_id, "goal_reached", "", "Målet nått.")
    if share:
        team.share(ref, "chef", ShareLevel.READ)
    return ref.number


def _all_text(package: Path) -> str:
    texts = []
    for path in package.rglob("*"):
        if path.suffix == ".pdf":
            reader = PdfReader(io.BytesIO(path.read_bytes()), strict=True)
            texts += [page.extract_text() for page in reader.pages]
        elif path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def test_the_kept_cases_become_a_valid_package_without_protected_details(
    team: Team, tmp_path: Path
) -> None:
    shared = _protected_research_case(team, 401, share=True)
    _protected_research_case(team, 402, share=False)  # the manager may not open it
    team.act_as("anna")
    register(team.services, adult("Olga", "Oppensson-Fiktiv", serial=403))  # open: not kept
    team.env.clock.advance(SIX_YEARS)
    archive = ArchiveService(team.env.ctx)
    target = tmp_path / "arkiv"
    target.mkdir()
    team.act_as("anna")
    with pytest.raises(AccessDenied):
        archive.export(target)
    team.act_as("chef")
    result = archive.export(target)
    assert (result.cases, result.not_included) == (1, 1)
    package = Path(result.folder)
    assert [p.name for p in target.iterdir()] == [package.name]  # no ".delvis" left
    assert check_package(package) == []
    text = _all_text(package)
    assert shared in text and "Arkivmarkör" in text  # the case and its journal are there
    for secret in (SECRET_STREET, SECRET_CITY, SECRET_PHONE, "999 99"):
        assert secret not in text
    names = [p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()]
    assert all(re.fullmatch(r"[a-zA-Z0-9/._-]+", n) for n in names)
    assert not any(shared in n or "Forskning" in n for n in names)
    cases = ET.parse(package / "metadata/descriptive/arenden.xml").getroot()
    numbers = [e.text for e in cases.iter("{urn:vinr-desktop:e-arkiv:arenden:1}Arendenummer")]
    assert numbers == [shared]
    with team.env.ctx.require_store().session() as session:
        actions = list(session.execute(select(AuditRow.action)).scalars())
    assert actions.count("archive_exported") == 1 and "document_saved" in actions


def test_the_whole_register_for_a_change_of_system(team: Team, tmp_path: Path) -> None:
    _protected_research_case(team, 401, share=True)
    team.act_as("anna")
    open_case = register(team.services, adult("Olga", "Oppensson-Fiktiv", serial=403))
    team.act_as("chef")
    result = ArchiveService(team.env.ctx).export(tmp_path, whole_register=True)
    assert result.cases == 2
    package = Path(result.folder)
    assert check_package(package) == []
    assert open_case.number in _all_text(package)

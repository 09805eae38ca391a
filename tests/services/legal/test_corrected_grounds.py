"""A corrected legal-grounds file loaded by the administrator, on a real register: kept in
the register (a second instance sees it), used for decisions, audited, refused when bad or
when it drops a code a signed decision rests on, and revertible to the bundled file."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from tests.services.care.test_care_services import granted, provider
from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from tests.team import Team, make_team
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.resources import care_data
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CareServices
from vinr_desktop.services.legal.grounds import LegalGroundsService
from vinr_desktop.store.schema import AuditRow

VERIFIED_SOURCE = "Kontrollerad av kommunens jurist mot SFS 2025:400 (fiktiv källa)."


@pytest.fixture
def team(env: Env) -> Iterator[Team]:
    yield make_team(env)


def corrected(**changes: object) -> dict[str, object]:
    """The bundled file with sol2025_bistand marked as checked (and `changes` to it)."""
    data = copy.deepcopy(care_data("legal_grounds"))
    grounds = data["grounds"]
    assert isinstance(grounds, list)
    entry = next(g for g in grounds if g["code"] == "sol2025_bistand")
    entry.update(verified=True, source=VERIFIED_SOURCE, label="Rätt till insatser (rättad)")
    entry.update(changes)
    return data


def as_bytes(data: dict[str, object]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def audit_actions(team: Team) -> list[str]:
    with team.env.ctx.require_store().session() as session:
        return list(session.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())


def test_a_corrected_file_is_kept_in_the_register_and_used_for_decisions(team: Team) -> None:
    team.act_as("ada")
    legal = LegalGroundsService(team.env.ctx)
    assert legal.overview().corrected_on == ""
    overview = legal.load_corrected(as_bytes(corrected()))
    assert overview.corrected_on == "2026-03-02"
    row = next(g for g in overview.grounds if g.code == "sol2025_bistand")
    assert row.verified and row.source == VERIFIED_SOURCE
    assert "legal_grounds_corrected" in audit_actions(team)
    # the decision form offers the corrected text
    team.act_as("anna")
    ref = team.case()
    care = CareServices.for_context(team.env.ctx)
    options = care.decisions.options(ref.case_id)
    texts = {g.code: g.text for g in options.legal_grounds}
    assert texts["sol2025_bistand"].startswith("Rätt till insatser (rättad)")
    # after the program is closed and opened again, the register still holds the correction
    team.env.ctx.release()
    other = team.env.new_context()
    try:
        AuthService(other).login("ada", ADMIN_PASSWORD)
        assert LegalGroundsService(other).overview().corrected_on == "2026-03-02"
    finally:
        other.release()


def test_a_bad_file_is_refused_naming_the_entry_and_nothing_changes(team: Team) -> None:
    team.act_as("ada")
    legal = LegalGroundsService(team.env.ctx)
    bad = corrected()
    grounds = bad["grounds"]
    assert isinstance(grounds, list)
    del grounds[2]["section"]
    with pytest.raises(InvalidInput, match=r"sol2025_utan_behovsprovning.*saknar paragraf"):
        legal.load_corrected(as_bytes(bad))
    assert legal.overview().corrected_on == ""
    assert "legal_grounds_corrected" not in audit_actions(team)


def test_a_file_without_a_code_a_signed_decision_uses_is_refused(team: Team) -> None:
    team.act_as("anna")
    ref = team.case()
    care = CareServices.for_context(team.env.ctx)
    decision_id = care.decisions.sign(ref.case_id, None, granted(provider(care)))
    team.act_as("ada")
    legal = LegalGroundsService(team.env.ctx)
    dropped = corrected()
    grounds = dropped["grounds"]
    assert isinstance(grounds, list)
    dropped["grounds"] = [g for g in grounds if g["code"] != "sol2025_bistand"]
    with pytest.raises(InvalidInput, match='"sol2025_bistand" används i beslut'):
        legal.load_corrected(as_bytes(dropped))
    assert legal.overview().corrected_on == ""
    # a correction that keeps the code is taken; the signed decision keeps its ground code
    legal.load_corrected(as_bytes(corrected(section="2")))
    team.act_as("anna")
    view = care.decisions.get(ref.case_id, decision_id)
    assert view.legal_ground == "sol2025_bistand"
    assert "11 kap. 2 §" in view.legal_ground_text


def test_reverting_goes_back_to_the_bundled_file_and_is_audited(team: Team) -> None:
    team.act_as("ada")
    legal = LegalGroundsService(team.env.ctx)
    legal.load_corrected(as_bytes(corrected()))
    overview = legal.revert_to_bundled()
    assert overview.corrected_on == ""
    row = next(g for g in overview.grounds if g.code == "sol2025_bistand")
    assert not row.verified
    assert audit_actions(team)[-1] == "legal_grounds_reverted"


def test_a_case_worker_cannot_load_a_file(team: Team) -> None:
    from vinr_desktop.domain.errors import AccessDenied

    team.act_as("anna")
    with pytest.raises(AccessDenied):
        LegalGroundsService(team.env.ctx).load_corrected(as_bytes(corrected()))

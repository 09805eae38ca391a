"""The administrator's Lagrum overview: the law in force today and every ground's verified
mark, read from the data file; a case worker is not asked to keep it."""

from __future__ import annotations

import pytest

from tests.services.conftest import Env
from tests.stores import ADMIN_PASSWORD
from vinr_desktop.services.legal.grounds import LegalGroundsService


@pytest.fixture
def legal(env: Env) -> LegalGroundsService:
    env.auth.login("ada", ADMIN_PASSWORD)
    return LegalGroundsService(env.ctx)


def test_the_overview_names_the_law_in_force_and_the_unchecked_references(
    legal: LegalGroundsService,
) -> None:
    overview = legal.overview()
    assert "socialtjänstlagen (2025:400)" in overview.in_force
    assert "socialtjänstlagen (2001:453)" not in overview.in_force
    by_code = {g.code: g for g in overview.grounds}
    assert by_code["sol2025_bistand"].in_force and not by_code["sol2001_bistand"].in_force
    assert not by_code["sol2025_utan_behovsprovning"].in_force  # kept, never offered
    assert overview.unverified >= 1
    assert all(g.source for g in overview.grounds if not g.verified)

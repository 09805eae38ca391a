"""The partsinsyn case on a fresh register per test."""

from __future__ import annotations

import pytest

from tests.services.conftest import Env
from tests.services.insight.insight_case import InsightCase, build_insight_case
from tests.team import make_team


@pytest.fixture
def case(env: Env) -> InsightCase:
    return build_insight_case(make_team(env))

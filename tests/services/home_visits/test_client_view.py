"""Klientvy: the client's own signed vårdplan and follow-up, rendered for the client
recipient — nothing about the violent person, no protected detail, no journal."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdf
import pytest

from tests.services.conftest import Env
from tests.services.documents.leaky_case import (
    NEVER_DIGITS,
    NEVER_WORDS,
    VIOLENT_WORDS,
    Setup,
    build_leaky_case,
)
from tests.stores import Template
from tests.team import make_team
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.domain.scrubber import fold
from vinr_desktop.services.home_visits.client_view import client_documents


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> Iterator[Setup]:
    env = Env.on_copy(unit_template, tmp_path_factory.mktemp("client_view") / "register")
    yield build_leaky_case(make_team(env))
    env.ctx.release()


def test_the_client_sees_her_plans_without_him_or_the_journal(setup: Setup) -> None:
    ctx = setup.team.env.ctx
    documents = client_documents(ctx, setup.case_id)
    assert [(d.kind, d.object_id) for d in documents] == [
        (DocumentKind.CARE_PLAN, setup.objects[DocumentKind.CARE_PLAN]),
        (DocumentKind.FOLLOW_UP, setup.objects[DocumentKind.FOLLOW_UP]),
    ]
    assert documents[0].label.startswith("Vårdplan – ")
    for doc in documents:
        rendered = setup.team.services.documents.render(
            doc.kind, setup.case_id, doc.object_id, Recipient.CLIENT
        )
        pages = pypdf.PdfReader(io.BytesIO(rendered.pdf)).pages
        text = fold(" ".join(" ".join(p.extract_text().split()) for p in pages))
        assert [w for w in VIOLENT_WORDS + NEVER_WORDS if w in text] == []
        assert [d for d in NEVER_DIGITS if d in text.replace(" ", "").replace("-", "")] == []
        assert "journal" not in text  # the leaky journal notes are never part of it

"""Marking a signed journal entry as the case's risk and protection assessment (K3): recorded,
journalled and audited; withdrawn by a new record, never deleted; refused for drafts, program
entries and users who may not write in the case."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.casework import entry
from tests.services.conftest import Env
from tests.team import make_team
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.store.facts_schema import AssessmentMarkRow
from vinr_desktop.store.schema import AuditRow


def test_mark_and_withdraw_are_records_of_their_own(env: Env) -> None:
    team = make_team(env)
    team.act_as("anna")
    ref = team.case()
    s = team.services
    draft_id = s.journal.save_draft(ref.case_id, None, entry("Utkast."))
    with pytest.raises(InvalidInput, match="signerad"):
        s.assessment_marks.mark(ref.case_id, draft_id)
    entry_id = s.journal.sign(ref.case_id, None, entry("Bedömning av risk och skydd."))
    s.assessment_marks.mark(ref.case_id, entry_id)
    assert s.assessment_marks.marked_entries(ref.case_id) == {entry_id}
    with pytest.raises(InvalidInput, match="redan markerad"):
        s.assessment_marks.mark(ref.case_id, entry_id)
    texts = [e.text for e in s.journal.timeline(ref.case_id).entries]
    assert any("markerad som ärendets risk- och skyddsbedömning" in t for t in texts)
    program_entry = max(e.entry_id for e in s.journal.timeline(ref.case_id).entries)
    with pytest.raises(InvalidInput, match="signerad anteckning"):
        s.assessment_marks.mark(ref.case_id, program_entry)
    s.assessment_marks.unmark(ref.case_id, entry_id)
    assert s.assessment_marks.marked_entries(ref.case_id) == frozenset()
    with env.ctx.require_store().session() as session:
        rows = session.execute(select(func.count()).select_from(AssessmentMarkRow)).scalar_one()
        actions = list(
            session.execute(
                select(AuditRow.action).where(AuditRow.case_id == ref.case_id)
            ).scalars()
        )
    assert rows == 2  # the mark stays; its withdrawal is a second row
    assert [a for a in actions if a.startswith("assessment_")] == [
        "assessment_marked",
        "assessment_unmarked",
    ]
    team.act_as("bo")
    with pytest.raises(AccessDenied):
        s.assessment_marks.mark(ref.case_id, entry_id)

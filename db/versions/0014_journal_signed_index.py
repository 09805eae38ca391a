"""Bevakningar: an index on when journal entries were signed.

The morning page looks for the entries signed long after their event in the last weeks; without
this index it read the whole journal (700 ms at 200,000 entries), with it the recent signings
only, from the index itself (signed, kind, event date, case).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_journal_signed",
        "journal_entries",
        ["signed_utc", "kind", "event_date", "case_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_journal_signed", table_name="journal_entries")

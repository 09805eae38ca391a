"""A journal entry marked as the case's risk and protection assessment (egenkontroll K3): who
marked it and when, and a later withdrawal as a row of its own. And an index that covers the
egenkontroll's journal question (K4), so the journal of 1,000 cases is read from the index
rather than from every entry's text.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_marks",
        sa.Column("id", sa.String(32), primary_key=True, nullable=False),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("journal_entries.id"), nullable=False),
        sa.Column("marked", sa.Boolean(), nullable=False),
        sa.Column("recorded_on", sa.String(10), nullable=False),
        sa.Column("recorded_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("recorded_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_assessment_marks_case_id", "assessment_marks", ["case_id"])
    op.create_index(
        "ix_journal_compliance",
        "journal_entries",
        ["case_id", "signed_utc", "kind", "source", "event_date", "author_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_journal_compliance", "journal_entries")
    op.drop_index("ix_assessment_marks_case_id", "assessment_marks")
    op.drop_table("assessment_marks")

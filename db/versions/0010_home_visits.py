"""Home visits (hembesök): the plan, its risk check, the visit mode's open visit, the outcome.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "home_visits",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("author_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("starts_utc", sa.String(32), nullable=False),
        sa.Column("expected_back_utc", sa.String(32), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("consent", sa.String(12), nullable=False),
        sa.Column("unannounced_reason", sa.Text(), nullable=False),
        sa.Column("companions", sa.Text(), nullable=False),
        sa.Column("risk_answers", sa.Text(), nullable=False),
        sa.Column("risk_note", sa.Text(), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
        sa.Column("started_utc", sa.String(32), nullable=True),
        sa.Column("mode_left_utc", sa.String(32), nullable=True),
        sa.Column("ended_utc", sa.String(32), nullable=True),
        sa.Column("back_utc", sa.String(32), nullable=True),
        sa.Column("incident", sa.String(10), nullable=True),
        sa.Column("journal_entry_id", sa.Integer(), nullable=True),
    )
    op.create_index("ix_home_visits_case", "home_visits", ["case_id", "starts_utc"])
    op.create_index("ix_home_visits_author_status", "home_visits", ["author_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_home_visits_author_status", table_name="home_visits")
    op.drop_index("ix_home_visits_case", table_name="home_visits")
    op.drop_table("home_visits")

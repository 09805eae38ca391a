"""Lawful by construction: a child's own skyddat boende decision records the child's needs and
whether every guardian consents.

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
    # Plain ADD COLUMN: a batch copy would drop `decisions` and its read-only triggers.
    op.add_column(
        "decisions", sa.Column("child_needs", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "decisions",
        sa.Column("guardian_consent", sa.String(20), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE decisions DROP COLUMN guardian_consent")
    op.execute("ALTER TABLE decisions DROP COLUMN child_needs")

"""Shares, nödåtkomst and log review; indexes for reading the audit log by case and user.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_shares",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("valid_until", sa.String(10), nullable=True),
        sa.Column("granted_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("granted_utc", sa.String(32), nullable=False),
        sa.Column("withdrawn_by", sa.String(32), nullable=True),
        sa.Column("withdrawn_utc", sa.String(32), nullable=True),
    )
    op.create_index("ix_case_shares_case_id", "case_shares", ["case_id"])
    op.create_index("ix_case_shares_user", "case_shares", ["user_id", "case_id"])
    op.create_table(
        "emergency_access",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("started_utc", sa.String(32), nullable=False),
        sa.Column("expires_utc", sa.String(32), nullable=False),
        sa.Column("ended_utc", sa.String(32), nullable=True),
    )
    op.create_index("ix_emergency_access_user", "emergency_access", ["user_id", "case_id"])
    op.create_table(
        "audit_reviews",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("reviewer_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("reviewed_utc", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
    )
    op.create_table(
        "audit_review_items",
        sa.Column(
            "review_id", sa.String(32), sa.ForeignKey("audit_reviews.id"), primary_key=True
        ),
        sa.Column("seq", sa.Integer(), primary_key=True),
    )
    op.create_index("ix_audit_review_items_seq", "audit_review_items", ["seq"])
    op.create_index("ix_audit_events_case", "audit_events", ["case_id", "seq"])
    op.create_index("ix_audit_events_user", "audit_events", ["user_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_user", "audit_events")
    op.drop_index("ix_audit_events_case", "audit_events")
    op.drop_table("audit_review_items")
    op.drop_table("audit_reviews")
    op.drop_table("emergency_access")
    op.drop_table("case_shares")

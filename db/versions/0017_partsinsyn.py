"""Partsinsyn: the client's requests to read her file, the review of each item of the copy,
and the marks that a journal entry (or a passage of it) is another person's secret.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_ID = 32


def _id(name: str = "id", *, primary_key: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(_ID), primary_key=primary_key, nullable=False)


def _fk(name: str, target: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(_ID), sa.ForeignKey(target), nullable=False)


def _day(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(10), nullable=nullable)


def _moment(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "insight_requests",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        sa.Column("requester", sa.String(20), nullable=False),
        sa.Column("representative", sa.Text(), nullable=False),
        _day("received_on"),
        sa.Column("scope", sa.String(20), nullable=False),
        _day("period_from", nullable=True),
        _day("period_to", nullable=True),
        _fk("created_by", "users.id"),
        _moment("created_utc"),
        _day("decided_on", nullable=True),
        sa.Column("decided_by", sa.String(_ID), nullable=True),
        _moment("decided_utc", nullable=True),
        sa.Column("released", sa.Integer(), nullable=True),
        sa.Column("masked", sa.Integer(), nullable=True),
        sa.Column("withheld", sa.Integer(), nullable=True),
    )
    op.create_index("ix_insight_requests_case_id", "insight_requests", ["case_id"])
    op.create_table(
        "insight_reviews",
        sa.Column(
            "request_id",
            sa.String(_ID),
            sa.ForeignKey("insight_requests.id"),
            primary_key=True,
            nullable=False,
        ),
        sa.Column("item_key", sa.String(80), primary_key=True, nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("osl_code", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("masks", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        _fk("reviewed_by", "users.id"),
        _moment("reviewed_utc"),
    )
    op.create_table(
        "secrecy_marks",
        _id(primary_key=True),
        _fk("case_id", "cases.id"),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("journal_entries.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("osl_code", sa.String(40), nullable=False),
        _fk("marked_by", "users.id"),
        _moment("marked_utc"),
    )
    op.create_index("ix_secrecy_marks_case_id", "secrecy_marks", ["case_id"])
    op.create_index("ix_secrecy_marks_entry_id", "secrecy_marks", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_secrecy_marks_entry_id", "secrecy_marks")
    op.drop_index("ix_secrecy_marks_case_id", "secrecy_marks")
    op.drop_table("secrecy_marks")
    op.drop_table("insight_reviews")
    op.drop_index("ix_insight_requests_case_id", "insight_requests")
    op.drop_table("insight_requests")

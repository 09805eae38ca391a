"""The letters to the client: the decision letter sent, appeals with omprövning and the
court's outcome, kommunicering before a decision and the reason for signing without it.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_ID = 32


def _fk(name: str, target: str, *, primary_key: bool = False) -> sa.Column[str]:
    return sa.Column(
        name, sa.String(_ID), sa.ForeignKey(target), primary_key=primary_key, nullable=False
    )


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def _day(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(10), nullable=nullable)


def _moment(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=False)


def _code(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(20), nullable=False)


def upgrade() -> None:
    op.create_table(
        "decision_letters",
        _fk("decision_id", "decisions.id", primary_key=True),
        _fk("case_id", "cases.id"),
        _day("sent_on"),
        _code("how"),
        _day("received_on", nullable=True),
        sa.Column("language", sa.String(10), nullable=False),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
    )
    op.create_index("ix_decision_letters_case_id", "decision_letters", ["case_id"])
    op.create_table(
        "decision_appeals",
        _fk("decision_id", "decisions.id", primary_key=True),
        _fk("case_id", "cases.id"),
        _day("appealed_on"),
        _code("timeliness"),
        _text("note"),
        _day("reviewed_on", nullable=True),
        _code("review"),
        _text("review_note"),
        _day("court_on", nullable=True),
        _code("court"),
        _text("court_note"),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
        _moment("updated_utc"),
    )
    op.create_index("ix_decision_appeals_case_id", "decision_appeals", ["case_id"])
    op.create_table(
        "communications",
        sa.Column("id", sa.String(_ID), primary_key=True, nullable=False),
        _fk("decision_id", "decisions.id"),
        _fk("case_id", "cases.id"),
        _day("communicated_on"),
        _code("how"),
        _text("material"),
        _day("answer_by"),
        _day("answered_on", nullable=True),
        _text("answer"),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
    )
    op.create_index("ix_communications_decision_id", "communications", ["decision_id"])
    op.create_index("ix_communications_case_id", "communications", ["case_id"])
    op.create_table(
        "communication_reasons",
        _fk("decision_id", "decisions.id", primary_key=True),
        _text("warning"),
        _text("reason"),
        _fk("recorded_by", "users.id"),
        _moment("recorded_utc"),
    )


def downgrade() -> None:
    for table in (
        "communication_reasons",
        "communications",
        "decision_appeals",
        "decision_letters",
    ):
        op.drop_table(table)

"""Lawful by construction.

- decisions: a child's own skyddat boende decision records the child's needs and whether every
  guardian consents (child_needs, guardian_consent);
- child_reports: each report (anmälan) is its own row with its own skyddsbedömning and
  förhandsbedömning; a case that began with a report, or already has either step recorded,
  gets its first report from the case's own fields;
- providers: public (kommunal/regional regi), ivo_notified, confidentiality_by_contract;
- disclosures: the basis for giving a decision's provider the client's details;
- journal_entries.objects_to_id: the client's objection to an entry, linked to it;
- insats_endings: whether the client agreed, and the reasons of an end against her wish.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


_TEXT = {"server_default": ""}

_FIRST_REPORTS = """
INSERT INTO child_reports (
    id, case_id, received_on, came_in_late, reporter_kind, reporter_text,
    protection_assessed_on, protection_needed, protection_note,
    preliminary_decided_on, preliminary_outcome, preliminary_note,
    extended_to, extension_reason, created_by, created_utc)
SELECT lower(hex(randomblob(16))), id, intake_date, 0, reporter_kind, reporter_text,
       protection_assessed_on, protection_needed, protection_note,
       preliminary_decided_on, preliminary_outcome, preliminary_note,
       NULL, '', responsible_user_id, created_utc
  FROM cases
 WHERE intake_kind = 'report'
    OR protection_assessed_on IS NOT NULL
    OR preliminary_decided_on IS NOT NULL
"""


def upgrade() -> None:
    op.create_table(
        "child_reports",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("received_on", sa.String(10), nullable=False),
        sa.Column("came_in_late", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("reporter_kind", sa.String(20), nullable=False),
        sa.Column("reporter_text", sa.Text(), nullable=False, **_TEXT),
        sa.Column("protection_assessed_on", sa.String(10), nullable=True),
        sa.Column("protection_needed", sa.Boolean(), nullable=True),
        sa.Column("protection_note", sa.Text(), nullable=False, **_TEXT),
        sa.Column("preliminary_decided_on", sa.String(10), nullable=True),
        sa.Column("preliminary_outcome", sa.String(20), nullable=True),
        sa.Column("preliminary_note", sa.Text(), nullable=False, **_TEXT),
        sa.Column("extended_to", sa.String(10), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=False, **_TEXT),
        sa.Column("created_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_child_reports_case_id", "child_reports", ["case_id"])
    op.execute(_FIRST_REPORTS)
    for column in ("public", "ivo_notified", "confidentiality_by_contract"):
        op.add_column(
            "providers", sa.Column(column, sa.Boolean(), nullable=False, server_default="0")
        )
    op.create_table(
        "disclosures",
        sa.Column("decision_id", sa.String(32), sa.ForeignKey("decisions.id"), primary_key=True),
        sa.Column("provider_id", sa.String(32), sa.ForeignKey("providers.id"), nullable=False),
        sa.Column("basis", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, **_TEXT),
        sa.Column("recorded_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("recorded_utc", sa.String(32), nullable=False),
    )
    op.add_column("journal_entries", sa.Column("objects_to_id", sa.Integer(), nullable=True))
    # Without it, each timeline page scanned the whole journal for objections (250 ms at 200,000
    # entries, case_open_5000).
    op.create_index("ix_journal_entries_objects_to_id", "journal_entries", ["objects_to_id"])
    op.add_column("insats_endings", sa.Column("client_agreed", sa.Boolean(), nullable=True))
    op.add_column(
        "insats_endings",
        sa.Column("decision_reasons", sa.Text(), nullable=False, server_default=""),
    )
    # Plain ADD COLUMN: a batch copy would drop `decisions` and its read-only triggers.
    op.add_column(
        "decisions", sa.Column("child_needs", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "decisions",
        sa.Column("guardian_consent", sa.String(20), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("disclosures")
    op.drop_index("ix_journal_entries_objects_to_id", "journal_entries")
    op.execute("ALTER TABLE journal_entries DROP COLUMN objects_to_id")
    op.execute("ALTER TABLE insats_endings DROP COLUMN decision_reasons")
    op.execute("ALTER TABLE insats_endings DROP COLUMN client_agreed")
    for column in ("confidentiality_by_contract", "ivo_notified", "public"):
        op.execute(f"ALTER TABLE providers DROP COLUMN {column}")
    op.drop_index("ix_child_reports_case_id", "child_reports")
    op.drop_table("child_reports")
    op.execute("ALTER TABLE decisions DROP COLUMN guardian_consent")
    op.execute("ALTER TABLE decisions DROP COLUMN child_needs")

"""Cases, persons, markers and the journal, with its full-text index.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TEXT = {"server_default": ""}


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("running", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_before_close", sa.String(20), nullable=True),
        sa.Column("intake_kind", sa.String(20), nullable=False),
        sa.Column("intake_date", sa.String(10), nullable=False),
        sa.Column("reporter_kind", sa.String(20), nullable=False),
        sa.Column("reporter_text", sa.Text(), nullable=False, **_TEXT),
        sa.Column("responsible_user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("is_child_case", sa.Boolean(), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("protection_assessed_on", sa.String(10), nullable=True),
        sa.Column("protection_needed", sa.Boolean(), nullable=True),
        sa.Column("protection_note", sa.Text(), nullable=False, **_TEXT),
        sa.Column("preliminary_decided_on", sa.String(10), nullable=True),
        sa.Column("preliminary_outcome", sa.String(20), nullable=True),
        sa.Column("preliminary_note", sa.Text(), nullable=False, **_TEXT),
        sa.Column("closed_on", sa.String(10), nullable=True),
        sa.Column("closing_reason", sa.String(32), nullable=True),
        sa.Column("closing_detail", sa.Text(), nullable=False, **_TEXT),
        sa.Column("closing_text", sa.Text(), nullable=False, **_TEXT),
        sa.Column("last_entry_date", sa.String(10), nullable=True),
        sa.Column("created_utc", sa.String(32), nullable=False),
        sa.Column("updated_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_cases_year_running", "cases", ["year", "running"], unique=True)
    op.create_index("ix_cases_responsible_user_id", "cases", ["responsible_user_id"])
    op.create_table(
        "persons",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("identity_kind", sa.String(20), nullable=False),
        sa.Column("identity_value", sa.String(40), nullable=False, **_TEXT),
        sa.Column("identity_issuer", sa.String(100), nullable=False, **_TEXT),
        sa.Column("birth_date", sa.String(10), nullable=True),
        sa.Column("first_name", sa.String(100), nullable=False, **_TEXT),
        sa.Column("last_name", sa.String(100), nullable=False, **_TEXT),
        sa.Column("street", sa.String(200), nullable=False, **_TEXT),
        sa.Column("postal_code", sa.String(10), nullable=False, **_TEXT),
        sa.Column("city", sa.String(200), nullable=False, **_TEXT),
        sa.Column("phone", sa.String(40), nullable=False, **_TEXT),
        sa.Column("email", sa.String(200), nullable=False, **_TEXT),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(100), nullable=False, **_TEXT),
        sa.Column("protection_level", sa.String(30), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
        sa.Column("updated_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_persons_identity_value", "persons", ["identity_value"])
    op.create_table(
        "case_persons",
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("person_id", sa.String(32), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("added_utc", sa.String(32), nullable=False),
    )
    op.create_index("ix_case_persons_person_id", "case_persons", ["person_id"])
    op.create_table(
        "person_relations",
        sa.Column("parent_id", sa.String(32), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("child_id", sa.String(32), sa.ForeignKey("persons.id"), primary_key=True),
    )
    op.create_table(
        "case_markers",
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("added_utc", sa.String(32), nullable=False),
        sa.Column("added_by", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
    )
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(32), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False, **_TEXT),
        sa.Column("source_detail", sa.String(200), nullable=False, **_TEXT),
        sa.Column("event_date", sa.String(10), nullable=False, **_TEXT),
        sa.Column("text", sa.Text(), nullable=False, **_TEXT),
        sa.Column("author_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
        sa.Column("saved_utc", sa.String(32), nullable=False),
        sa.Column("signed_utc", sa.String(32), nullable=True),
        sa.Column("corrects_id", sa.Integer(), sa.ForeignKey("journal_entries.id"), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False, **_TEXT),
    )
    op.create_index("ix_journal_case_event", "journal_entries", ["case_id", "event_date", "id"])
    op.create_index("ix_journal_drafts", "journal_entries", ["author_id", "signed_utc"])
    op.create_index("ix_journal_entries_corrects_id", "journal_entries", ["corrects_id"])
    for statement in SQL_OBJECTS:
        op.execute(statement)


# The full-text index over journal text (external content, kept in step by triggers; å, ä and
# ö stay distinct letters) and the rule that a signed entry is never changed or deleted.
SQL_OBJECTS = (
    """CREATE VIRTUAL TABLE journal_fts USING fts5(
        text, content='journal_entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    """CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entries BEGIN
        INSERT INTO journal_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal_entries BEGIN
        INSERT INTO journal_fts(journal_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER journal_fts_update AFTER UPDATE OF text ON journal_entries BEGIN
        INSERT INTO journal_fts(journal_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO journal_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER journal_signed_no_update BEFORE UPDATE ON journal_entries
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed journal entry is read-only');
    END""",
    """CREATE TRIGGER journal_signed_no_delete BEFORE DELETE ON journal_entries
        WHEN old.signed_utc IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'signed journal entry is read-only');
    END""",
)


def downgrade() -> None:
    for name in (
        "journal_signed_no_delete",
        "journal_signed_no_update",
        "journal_fts_update",
        "journal_fts_delete",
        "journal_fts_insert",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS journal_fts")
    for table in (
        "journal_entries",
        "case_markers",
        "person_relations",
        "case_persons",
        "persons",
        "cases",
    ):
        op.drop_table(table)

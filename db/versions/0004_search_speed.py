"""Faster journal search and timeline on large stores.

- `journal_fts_terms` (fts5vocab) lists the indexed words, so a word the user types is
  expanded to the real words it begins with and searched exactly: with
  cipher_memory_security on, a prefix query on a common word costs up to seconds, an exact one
  milliseconds.
- The timeline's index also covers `signed_utc` and `author_id`, so counting what the user may
  see in a case with thousands of entries is answered from the index alone.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE journal_fts_terms USING fts5vocab(journal_fts, 'row')")
    op.drop_index("ix_journal_case_event", table_name="journal_entries")
    op.create_index(
        "ix_journal_case_event",
        "journal_entries",
        ["case_id", "event_date", "id", "signed_utc", "author_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_journal_case_event", table_name="journal_entries")
    op.create_index("ix_journal_case_event", "journal_entries", ["case_id", "event_date", "id"])
    op.execute("DROP TABLE IF EXISTS journal_fts_terms")

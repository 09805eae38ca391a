"""Each user's work phone and e-mail, printed on documents for providers and clients.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy would drop `users`, which audit rows reference.
    op.add_column(
        "users", sa.Column("work_phone", sa.String(40), nullable=False, server_default="")
    )
    op.add_column(
        "users", sa.Column("work_email", sa.String(200), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("work_email")
        batch.drop_column("work_phone")

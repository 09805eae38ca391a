"""The price per dygn in a provider's agreement, for the skyddat boende cost in the statistics.

Whole kronor, empty (NULL) until entered; older agreements have none.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("providers", sa.Column("price_per_night", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("providers", "price_per_night")

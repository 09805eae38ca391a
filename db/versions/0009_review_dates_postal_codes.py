"""A decision's review date (omprövning), and postal codes stored as "NNN NN".

The review date is one of the dates the next follow-up is proposed from (domain/
care_deadlines.py). Postal codes were stored as typed ("84131"); the program now stores the
written form ("841 31", domain/persons.py), and the rows already there are brought in line.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Five digits, perhaps with spaces anywhere: written as "NNN NN".
_NORMALISE = """
UPDATE {table}
   SET postal_code = substr(replace(postal_code, ' ', ''), 1, 3) || ' '
                  || substr(replace(postal_code, ' ', ''), 4, 2)
 WHERE replace(postal_code, ' ', '') GLOB '[0-9][0-9][0-9][0-9][0-9]'
   AND postal_code <> substr(replace(postal_code, ' ', ''), 1, 3) || ' '
                   || substr(replace(postal_code, ' ', ''), 4, 2)
"""


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy would drop `decisions` and its read-only triggers.
    op.add_column("decisions", sa.Column("review_on", sa.String(10), nullable=True))
    for table in ("persons", "providers"):
        op.execute(_NORMALISE.format(table=table))


def downgrade() -> None:
    # The postal codes stay written as "NNN NN": the older program reads them as they are.
    op.execute("ALTER TABLE decisions DROP COLUMN review_on")

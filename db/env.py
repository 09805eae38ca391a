"""Alembic environment: migrations run on the already-open, already-keyed connection."""

from __future__ import annotations

from alembic import context

from vinr_desktop.store import access_schema, case_schema  # noqa: F401  (registers tables)
from vinr_desktop.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment: migrations run on the already-open, already-keyed connection."""

from __future__ import annotations

from alembic import context

from vinr_desktop.store.tables import METADATA

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=METADATA,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()

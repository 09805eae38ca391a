"""Every table of the store together: the table modules registered on one metadata, and the
mappers configured once.

`schema.py` holds the declarative base and the store's own tables (meta, users, audit,
settings); each area maps its tables on that base in its own module (cases, care, risk,
access). Importing this module registers them all, so the store, Alembic's environment and the
test that holds the migrations against the mapping see the same schema.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import configure_mappers

from vinr_desktop.store import (
    access_schema,
    care_schema,
    case_schema,
    facts_schema,
    home_visit_schema,
    insight_schema,
    letter_schema,
    retention_schema,
    risk_schema,
)
from vinr_desktop.store.schema import Base

TABLE_MODULES = (
    access_schema,
    care_schema,
    case_schema,
    facts_schema,
    retention_schema,
    risk_schema,
    home_visit_schema,
    letter_schema,
    insight_schema,
)
METADATA: MetaData = Base.metadata


def configure_all() -> None:
    """Configure the mappers of every table, once, before any session runs.

    Left to the first query, a module's mappers would be configured inside the database thread
    in the middle of some query. The store calls this when it opens, on the thread that opens
    it, so mapping happens once and up front.
    """
    configure_mappers()

"""Apply the Alembic migrations in db/ to an open, keyed store."""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from vinr_desktop.resources import migrations_dir


@cache
def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def is_current(connection: Connection) -> bool:
    """Whether the store's schema is at the newest revision (the usual case at every unlock)."""
    return current_revision(connection) == head_revision()


def upgrade(engine: Engine, target: str = "head") -> bool:
    """Bring the schema up to `target`; return True if anything was applied."""
    with engine.connect() as connection:
        current = is_current(connection)
    if target == "head" and current:
        return False
    with engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, target)
        finally:
            config.attributes.pop("connection", None)
    return True

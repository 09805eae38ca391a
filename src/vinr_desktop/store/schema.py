"""The tables of the encrypted store (SQLAlchemy 2 mapping): the declarative base and the store's
own tables; each area maps its tables in its own module, all registered by store/tables.py.
Migrations live in db/.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class StoreMeta(Base):
    """Facts about the store itself: its id, the unit, the audit key, demo flag."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200))  # comma-separated role codes
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_utc: Mapped[str] = mapped_column(String(32))
    deactivated_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_login_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # Printed on documents for providers and clients: whom to call at the municipality.
    work_phone: Mapped[str] = mapped_column(String(40), server_default="")
    work_email: Mapped[str] = mapped_column(String(200), server_default="")


class AuditRow(Base):
    """One link of the tamper-evident audit chain. Ids and codes only, never names or text."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_case", "case_id", "seq"),
        Index("ix_audit_events_user", "user_id", "seq"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts_utc: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    object_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class SettingRow(Base):
    """A stored setting value; the declarations (type, default, text) live in domain.settings."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

"""The tables of partsinsyn (migration 0017): the client's requests to read her file, the
handläggare's review of each item of the copy, and the marks that a journal entry (or a passage
of it) is another person's secret.

A review row holds the verdict, the OSL references and where the masks lie in the item's text,
with the fingerprint of the text it was made of — never the text itself. A mark is a recorded
fact beside a signed entry (who, when, which reference); the entry itself is never changed.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vinr_desktop.store.schema import Base

_ID = 32


class InsightRequestRow(Base):
    """A request to read the file: who asked, when, what it covers, and the decision on it."""

    __tablename__ = "insight_requests"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    requester: Mapped[str] = mapped_column(String(20))
    representative: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[str] = mapped_column(String(10))
    scope: Mapped[str] = mapped_column(String(20))
    period_from: Mapped[str | None] = mapped_column(String(10), nullable=True)
    period_to: Mapped[str | None] = mapped_column(String(10), nullable=True)
    created_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    created_utc: Mapped[str] = mapped_column(String(32))
    decided_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(_ID), nullable=True)
    decided_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # What the decision came to (the list shows it without rebuilding the copy).
    released: Mapped[int | None] = mapped_column(Integer, nullable=True)
    masked: Mapped[int | None] = mapped_column(Integer, nullable=True)
    withheld: Mapped[int | None] = mapped_column(Integer, nullable=True)


class InsightReviewRow(Base):
    """The review of one item of a request's copy."""

    __tablename__ = "insight_reviews"

    request_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("insight_requests.id"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(20))
    osl_code: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    masks: Mapped[str] = mapped_column(Text, default="[]")  # [[start, end, osl code], …]
    fingerprint: Mapped[str] = mapped_column(String(64))
    reviewed_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    reviewed_utc: Mapped[str] = mapped_column(String(32))


class SecrecyMarkRow(Base):
    """A journal entry, or a passage of it, marked as another person's secret."""

    __tablename__ = "secrecy_marks"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(_ID), ForeignKey("cases.id"), index=True)
    entry_id: Mapped[int] = mapped_column(Integer, ForeignKey("journal_entries.id"), index=True)
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: the whole entry
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    osl_code: Mapped[str] = mapped_column(String(40))
    marked_by: Mapped[str] = mapped_column(String(_ID), ForeignKey("users.id"))
    marked_utc: Mapped[str] = mapped_column(String(32))

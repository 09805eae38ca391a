"""A backup's manifest: what the copy holds, read inside the copy's own read snapshot.

Row counts per table, the audit chain's head (seq, mac), the schema revision, the store id, when
and by which program version it was made. Nothing in it is case content: table names, numbers,
ids and a MAC. It is written into the backup's key file encrypted under the backup key, and
checked against the copy whenever the copy is verified or restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# SQLite's own tables, not ours to count.
_INTERNAL_PREFIX = "sqlite_"
# Suffixes of the shadow tables FTS5 keeps for each full-text index (counted, not shown).
_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


@dataclass(frozen=True)
class Manifest:
    store_id: str
    created_utc: str
    program_version: str
    schema_revision: str
    audit_seq: int
    audit_mac: str
    counts: tuple[tuple[str, int], ...]  # (table, rows), sorted by table name
    virtual_tables: tuple[str, ...] = ()

    def count(self, table: str) -> int | None:
        return dict(self.counts).get(table)

    def shown_counts(self) -> tuple[tuple[str, int], ...]:
        """The tables a person reads: without full-text shadow tables and Alembic's version."""

        def shadow(name: str) -> bool:
            return any(
                name == f"{v}{suffix}" for v in self.virtual_tables for suffix in _SHADOW_SUFFIXES
            )

        return tuple((t, n) for t, n in self.counts if t != "alembic_version" and not shadow(t))

    def to_dict(self) -> dict[str, Any]:
        return {
            "store_id": self.store_id,
            "created_utc": self.created_utc,
            "program_version": self.program_version,
            "schema_revision": self.schema_revision,
            "audit_head": {"seq": self.audit_seq, "mac": self.audit_mac},
            "counts": {table: rows for table, rows in self.counts},
            "virtual_tables": list(self.virtual_tables),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        head = data["audit_head"]
        counts = data["counts"]
        if not isinstance(counts, dict):
            raise ValueError("counts must be a mapping")
        return cls(
            store_id=str(data["store_id"]),
            created_utc=str(data["created_utc"]),
            program_version=str(data["program_version"]),
            schema_revision=str(data["schema_revision"]),
            audit_seq=int(head["seq"]),
            audit_mac=str(head["mac"]),
            counts=tuple(sorted((str(t), int(n)) for t, n in counts.items())),
            virtual_tables=tuple(str(v) for v in data.get("virtual_tables", [])),
        )

    def differences(self, found: Manifest) -> list[str]:
        """What in `found` (read from a copy) does not match this manifest, in Swedish."""
        problems = []
        if found.store_id != self.store_id:
            problems.append("kopian hör till ett annat register än innehållsförteckningen")
        if found.schema_revision != self.schema_revision:
            problems.append(
                f"databasschemat är {found.schema_revision}, inte {self.schema_revision}"
            )
        if (found.audit_seq, found.audit_mac) != (self.audit_seq, self.audit_mac):
            problems.append(
                f"loggen slutar vid post {found.audit_seq}, inte vid post {self.audit_seq}"
            )
        expected, actual = dict(self.counts), dict(found.counts)
        for table in sorted(expected.keys() | actual.keys()):
            if expected.get(table) != actual.get(table):
                problems.append(
                    f"tabellen {table} har {actual.get(table, 0)} rader, "
                    f"inte {expected.get(table, 0)}"
                )
        return problems


def read_manifest(conn: Any, *, created_utc: str, program_version: str) -> Manifest:
    """Read the manifest through a keyed DB-API connection (inside its read transaction).

    Raises the driver's DatabaseError when the file cannot be read; the caller sorts it.
    """
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    virtual = tuple(
        str(name) for name, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL")
    )
    tables = [
        str(name)
        for name, _sql in rows
        if not str(name).startswith(_INTERNAL_PREFIX) and str(name) not in virtual
    ]
    counts = tuple(
        (table, int(conn.execute(f'SELECT count(*) FROM "{_quoted(table)}"').fetchone()[0]))
        for table in tables
    )
    (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    store_id = conn.execute("SELECT value FROM store_meta WHERE key = 'store_id'").fetchone()
    head = conn.execute("SELECT seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    return Manifest(
        store_id=str(store_id[0]) if store_id else "",
        created_utc=created_utc,
        program_version=program_version,
        schema_revision=str(revision),
        audit_seq=int(head[0]) if head else 0,
        audit_mac=str(head[1]) if head else "",
        counts=counts,
        virtual_tables=virtual,
    )


def _quoted(name: str) -> str:
    """A table name from sqlite_master, safe inside double quotes."""
    return name.replace('"', '""')

"""The tamper-evident audit log: an HMAC chain over every event.

mac = HMAC-SHA256(K_audit, prev_mac || canonical fields). The latest (seq, mac) is also kept in
the key-slot header, so a truncated tail or an older database swapped in is found by `verify`.
Entries hold ids and action codes, never names or case text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vinr_desktop.store import keys
from vinr_desktop.store.schema import AuditRow

GENESIS_MAC = "0" * 64
# Events that continue a chain from a backup's head (store/restore.py, store/rebuild.py); their
# reason field names both heads: "kopia=<seq>:<mac> register=<seq>:<mac>" (or "register=okänt").
RESTORE_ACTIONS = frozenset({"store_restored", "key_file_rebuilt"})
_HEADS = re.compile(r"\Akopia=(\d+):([0-9a-f]{64}) register=(?:(\d+):([0-9a-f]{64})|okänt)\Z")


def utc_now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def canonical(
    seq: int,
    ts_utc: str,
    user_id: str | None,
    action: str,
    case_id: str | None,
    object_id: str | None,
    reason: str | None,
) -> bytes:
    return json.dumps(
        [seq, ts_utc, user_id, action, case_id, object_id, reason],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def compute_mac(audit_key: bytes, prev_mac: str, row_fields: bytes) -> str:
    return keys.mac(audit_key, prev_mac.encode("ascii") + row_fields)


def append(
    session: Session,
    audit_key: bytes,
    *,
    user_id: str | None,
    action: str,
    case_id: str | None = None,
    object_id: str | None = None,
    reason: str | None = None,
    ts_utc: str | None = None,
) -> AuditRow:
    """Add the next link in the caller's transaction (which must be a write transaction)."""
    last = session.execute(
        select(AuditRow.seq, AuditRow.mac).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    seq, prev_mac = (last[0] + 1, last[1]) if last else (1, GENESIS_MAC)
    ts = ts_utc or utc_now_text()
    row = AuditRow(
        seq=seq,
        ts_utc=ts,
        user_id=user_id,
        action=action,
        case_id=case_id,
        object_id=object_id,
        reason=reason,
        prev_mac=prev_mac,
        mac=compute_mac(
            audit_key, prev_mac, canonical(seq, ts, user_id, action, case_id, object_id, reason)
        ),
    )
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class RestoreMark:
    """A legitimate restart of the chain: a restore from a backup, or a rebuilt key file.

    The events `backup_seq`+1 … `register_seq` of the register before the restore (when known)
    are not in this file; that is expected, and verify says so instead of calling it a swap.
    """

    seq: int
    ts_utc: str
    action: str
    backup_seq: int
    register_seq: int | None


@dataclass
class ChainReport:
    """What `verify_chain` found. `problems` are Swedish sentences for the user."""

    count: int = 0
    last_seq: int = 0
    last_mac: str = GENESIS_MAC
    problems: list[str] = field(default_factory=list)
    restores: list[RestoreMark] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(
    session: Session, audit_key: bytes, header_seq: int, header_mac: str
) -> ChainReport:
    """Walk the whole chain and compare its end with the (seq, mac) kept in the header."""
    report = ChainReport()
    expected_seq = 1
    prev_mac = GENESIS_MAC
    macs: dict[int, str] = {}
    for row in session.execute(select(AuditRow).order_by(AuditRow.seq)).scalars():
        if row.seq != expected_seq:
            report.problems.append(
                f"Loggpost {expected_seq} saknas (nästa post har nummer {row.seq})."
            )
        if row.prev_mac != prev_mac:
            report.problems.append(f"Loggpost {row.seq} hänger inte ihop med posten före.")
        fields = canonical(
            row.seq, row.ts_utc, row.user_id, row.action, row.case_id, row.object_id, row.reason
        )
        if not keys.mac_equal(compute_mac(audit_key, row.prev_mac, fields), row.mac):
            report.problems.append(f"Loggpost {row.seq} har ändrats.")
        if row.action in RESTORE_ACTIONS:
            _check_restore(row, macs, report)
        macs[row.seq] = row.mac
        prev_mac = row.mac
        expected_seq = row.seq + 1
        report.count += 1
        report.last_seq = row.seq
        report.last_mac = row.mac
    if header_seq > report.last_seq:
        report.problems.append(
            f"Loggen slutar vid post {report.last_seq} men nyckelfilen känner till post "
            f"{header_seq}: poster har tagits bort eller en äldre registerfil har lagts dit."
        )
    elif header_seq > 0 and not keys.mac_equal(macs.get(header_seq, ""), header_mac):
        report.problems.append(
            f"Loggpost {header_seq} stämmer inte med nyckelfilen: loggen har ändrats."
        )
    return report


def head_reason(backup_head: tuple[int, str], register_head: tuple[int, str] | None) -> str:
    """The reason field of a restore event: both audit heads, codes only."""
    register = f"{register_head[0]}:{register_head[1]}" if register_head else "okänt"
    return f"kopia={backup_head[0]}:{backup_head[1]} register={register}"


def _check_restore(row: AuditRow, macs: dict[int, str], report: ChainReport) -> None:
    """A restore event must name a head that is in the chain before it: for a restore, the
    row just before it (the backup's last event); for a rebuilt key file, any earlier row."""
    match = _HEADS.match(row.reason or "")
    if match is None:
        report.problems.append(f"Loggpost {row.seq} (återställning) går inte att läsa.")
        return
    backup_seq, backup_mac = int(match[1]), match[2]
    known = macs.get(backup_seq)
    follows = row.action != "store_restored" or backup_seq == row.seq - 1
    if known is None or not keys.mac_equal(known, backup_mac) or not follows:
        report.problems.append(
            f"Loggpost {row.seq} (återställning) pekar på en kopia som inte finns i loggen."
        )
        return
    report.restores.append(
        RestoreMark(
            row.seq,
            row.ts_utc,
            row.action,
            backup_seq,
            int(match[3]) if match[3] is not None else None,
        )
    )

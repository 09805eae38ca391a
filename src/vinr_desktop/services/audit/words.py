"""Codes the program writes into audit events, in the words the log review shows.

An audit row holds ids and codes only (SECURITY.md). Some events carry a code in `reason`
(`domain.audit_events.PROGRAM_REASONS`) or in `object_id` (a closing reason): a reviewer must
read "Beslut: beviljat", never "granted".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinr_desktop.domain.compliance_sample import selection_code_words
from vinr_desktop.domain.decisions import OUTCOME_LABELS
from vinr_desktop.domain.follow_ups import FOLLOW_UP_DECISION_LABELS
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.domain.redaction import RECIPIENT_LABELS, TITLE_KEYS, DocumentKind, Recipient
from vinr_desktop.resources import document_texts
from vinr_desktop.services.care.common import closing_reasons
from vinr_desktop.views.time_text import datetime_text

if TYPE_CHECKING:
    from vinr_desktop.store.unlocked import Store


def hidden_case_label(store: Store, case_id: str) -> str:
    """A case the reader may not open, as every list across cases shows it: no number, no
    name, only its stable reference ("Skyddat ärende (ref. 3F9A2C)")."""
    return f"Skyddat ärende (ref. {store.case_reference(case_id)})"


def program_reason_words(action: str, reason: str) -> str:
    """The words for a reason the program wrote itself; "" when there is nothing to say.

    A value that is not a known code (a newer program wrote it, or it is already words, as
    the risk documents write) is shown as it is.
    """
    if not reason:
        return ""
    if action == "decision_signed":
        outcomes = {outcome.value: label.lower() for outcome, label in OUTCOME_LABELS.items()}
        return _labelled("Beslut", reason, outcomes)
    if action == "follow_up_signed":
        labels = {d.value: label for d, label in FOLLOW_UP_DECISION_LABELS.items()}
        return labels.get(reason, reason)
    if action in ("insats_ended", "insats_end_decided"):
        return closing_reason_words(reason)
    if action == "case_child_status_changed":
        return {"true": "Barnärende", "false": "Inte barnärende"}.get(reason, reason)
    if action == "care_plan_signed":
        return f"Version {reason}" if reason.isdigit() else reason
    if action == "provider_changed":
        return {"active": "Tagen i bruk igen", "inactive": "Tagen ur bruk"}.get(reason, reason)
    if action in ("document_printed", "document_saved"):
        return document_words(reason)
    if action == "retention_approved" and reason.isdigit():
        return count_text(int(reason), "ärende", "ärenden")
    if action == "archive_exported" and reason.isdigit():
        return count_text(int(reason), "ärende", "ärenden") + " i paketet"
    if action == "compliance_viewed":
        return selection_code_words(reason)
    if action == "compliance_exported":
        how, _, rows = reason.partition(":")
        where = {"csv": "CSV-fil", "cli": "vinr-admin"}.get(how, how)
        return (
            f"{where}, {count_text(int(rows), 'ärende', 'ärenden')}" if rows.isdigit() else reason
        )
    if action in ("login_failed", "recovery_failed"):
        return f"Försöket gjordes {datetime_text(reason)}"
    return reason


def closing_reason_words(code: str) -> str:
    """'Orsak: Övergripande mål uppnått' for a closing reason's code."""
    label = next((r.label for r in closing_reasons() if r.code == code), code)
    return f"Orsak: {label}"


def document_words(reason: str) -> str:
    """'Vårdplan, mottagare: utförare (dokument-id 3f2a…)' for "care_plan:provider:3f2a…"."""
    kind_code, _, rest = reason.partition(":")
    recipient_code, _, document_id = rest.partition(":")
    kinds = {k.value: k for k in DocumentKind}
    recipients = {r.value: r for r in Recipient}
    if kind_code not in kinds or recipient_code not in recipients:
        return reason  # already words (risk documents write them so)
    title = document_texts().get(TITLE_KEYS[kinds[kind_code]], kind_code)
    recipient = RECIPIENT_LABELS[recipients[recipient_code]].lower()
    text = f"{title}, mottagare: {recipient}"
    return f"{text} (dokument-id {document_id})" if document_id else text


def _labelled(caption: str, code: str, labels: dict[str, str]) -> str:
    return f"{caption}: {labels[code]}" if code in labels else code

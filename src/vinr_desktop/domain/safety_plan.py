"""The säkerhetsplan: a person's own protection plan, versioned and signed.

A new version never overwrites an older one. The safe places are locating details: for a
protected person they are hidden like an address, so a draft may carry `safe_places=None`,
meaning "as in the version this one is based on" (the form never had them to show).
"""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.cases import MAX_TEXT
from vinr_desktop.domain.errors import InvalidInput


@dataclass(frozen=True)
class SafetyPlanDraft:
    contacts: str = ""  # who to call: names and numbers agreed with the person
    safe_places: str | None = ""  # None: unchanged (hidden for a protected person)
    signals: str = ""  # agreed signals (a code word, a text message)
    actions_when: str = ""  # what to do when (he turns up, threats come, …)
    children_part: str = ""  # the children's part of the plan


PLAN_PARTS: tuple[tuple[str, str], ...] = (
    ("contacts", "Kontakter"),
    ("safe_places", "Trygga platser"),
    ("signals", "Överenskomna signaler"),
    ("actions_when", "Vad jag gör när"),
    ("children_part", "Barnens del"),
)


def check_plan(draft: SafetyPlanDraft) -> None:
    """Lengths only: a draft may be half-done."""
    for key, label in PLAN_PARTS:
        value = getattr(draft, key)
        if value is not None and len(value) > MAX_TEXT:
            raise InvalidInput(f"{label} är för lång (högst {MAX_TEXT} tecken).")


def check_plan_signable(draft: SafetyPlanDraft) -> None:
    """A signed plan says at least whom to contact and what to do."""
    check_plan(draft)
    missing = []
    if not draft.contacts.strip():
        missing.append("Skriv vilka kontakter planen har.")
    if not draft.actions_when.strip():
        missing.append("Skriv vad personen gör när något händer.")
    if missing:
        raise InvalidInput("Planen kan inte signeras än:\n" + "\n".join(f"• {m}" for m in missing))


def check_review_comment(comment: str) -> str:
    cleaned = comment.strip()
    if not cleaned:
        raise InvalidInput("Skriv en kommentar om genomgången av planen.")
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(f"Kommentaren är för lång (högst {MAX_TEXT} tecken).")
    return cleaned

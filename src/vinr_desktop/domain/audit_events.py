"""The audit events the program writes, in words a manager reviewing the log understands,
and which of them are flagged for log review (loggkontroll).

An event is flagged when it is one a reviewer must look at: nödåtkomst, protected details
shown, a case opened by someone who is not its responsible handläggare, a failed login or
recovery, and anything printed or exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventGroup(StrEnum):
    """What kind of event, for the filter in the log view."""

    ACCESS = "access"  # reading a case
    PROTECTED = "protected"  # protected details shown
    EMERGENCY = "emergency"  # nödåtkomst
    SHARING = "sharing"
    CASE_WORK = "case_work"  # changes to a case
    EXPORT = "export"  # prints, saved documents, exports
    LOGIN = "login"  # logins, locks, failed attempts
    ADMINISTRATION = "administration"  # users, settings, keys
    REVIEW = "review"  # the log review itself


GROUP_LABELS: dict[EventGroup, str] = {
    EventGroup.ACCESS: "Öppnat ärende",
    EventGroup.PROTECTED: "Skyddade uppgifter visade",
    EventGroup.EMERGENCY: "Nödåtkomst",
    EventGroup.SHARING: "Delning",
    EventGroup.CASE_WORK: "Ändring i ärende",
    EventGroup.EXPORT: "Utskrift och export",
    EventGroup.LOGIN: "Inloggning och låsning",
    EventGroup.ADMINISTRATION: "Administration",
    EventGroup.REVIEW: "Loggkontroll",
}


class Flag(StrEnum):
    """Why an event is flagged for review."""

    EMERGENCY = "emergency"
    PROTECTED = "protected"
    OUTSIDE_OWN = "outside_own"
    FAILED_LOGIN = "failed_login"
    EXPORT = "export"


FLAG_LABELS: dict[Flag, str] = {
    Flag.EMERGENCY: "Nödåtkomst",
    Flag.PROTECTED: "Skyddade uppgifter visade",
    Flag.OUTSIDE_OWN: "Utanför egna ärenden",
    Flag.FAILED_LOGIN: "Misslyckad inloggning",
    Flag.EXPORT: "Utskrift eller export",
}


@dataclass(frozen=True)
class EventKind:
    code: str
    label: str
    group: EventGroup
    flag: Flag | None = None  # always flagged for this reason


_E, _G, _F = EventKind, EventGroup, Flag

EVENT_KINDS: tuple[EventKind, ...] = (
    _E("case_opened", "Öppnade ärendet", _G.ACCESS),
    _E("contact_revealed", "Visade skyddade kontaktuppgifter", _G.PROTECTED, _F.PROTECTED),
    _E("emergency_access_started", "Nödåtkomst påbörjad", _G.EMERGENCY, _F.EMERGENCY),
    _E("emergency_access_ended", "Nödåtkomst avslutad", _G.EMERGENCY, _F.EMERGENCY),
    _E("emergency_access_refused", "Nödåtkomst: inget sådant ärende", _G.EMERGENCY, _F.EMERGENCY),
    _E("case_shared", "Delade ärendet", _G.SHARING),
    _E("case_unshared", "Tog bort delning", _G.SHARING),
    _E("case_registered", "Registrerade ärendet", _G.CASE_WORK),
    _E("case_status_changed", "Ändrade status", _G.CASE_WORK),
    _E("case_closed", "Avslutade ärendet", _G.CASE_WORK),
    _E("case_reopened", "Återöppnade ärendet", _G.CASE_WORK),
    _E("marker_added", "Lade till markering", _G.CASE_WORK),
    _E("marker_removed", "Tog bort markering", _G.CASE_WORK),
    _E("person_linked", "Kopplade person", _G.CASE_WORK),
    _E("person_unlinked", "Tog bort person", _G.CASE_WORK),
    _E("person_changed", "Ändrade personuppgifter", _G.CASE_WORK),
    _E("person_role_changed", "Ändrade personens roll", _G.CASE_WORK),
    _E("journal_signed", "Signerade journalanteckning", _G.CASE_WORK),
    _E("journal_corrected", "Rättade journalanteckning", _G.CASE_WORK),
    _E("journal_objection_recorded", "Antecknade klientens invändning", _G.CASE_WORK),
    _E("protection_assessment_recorded", "Registrerade skyddsbedömning", _G.CASE_WORK),
    _E("preliminary_assessment_recorded", "Registrerade förhandsbedömning", _G.CASE_WORK),
    _E("child_report_added", "Registrerade ny anmälan", _G.CASE_WORK),
    _E("preliminary_extended", "Förlängde tiden för förhandsbedömning", _G.CASE_WORK),
    _E("decision_signed", "Signerade beslut", _G.CASE_WORK),
    _E("insats_ended", "Avslutade insats", _G.CASE_WORK),
    _E("disclosure_recorded", "Angav grund för uppgifter till utförare", _G.CASE_WORK),
    _E("insats_end_decided", "Beslutade att avsluta insats mot klientens önskan", _G.CASE_WORK),
    _E("communication_recorded", "Registrerade kommunicering inför beslut", _G.CASE_WORK),
    _E("communication_answered", "Registrerade svar på kommunicering", _G.CASE_WORK),
    _E(
        "decision_signed_without_communication",
        "Signerade beslut utan fullständig kommunicering",
        _G.CASE_WORK,
    ),
    _E("decision_letter_sent", "Registrerade att beslutsmeddelande skickats", _G.CASE_WORK),
    _E("appeal_recorded", "Registrerade överklagande", _G.CASE_WORK),
    _E("appeal_reviewed", "Registrerade omprövning efter överklagande", _G.CASE_WORK),
    _E("appeal_court_outcome", "Registrerade domstolens avgörande", _G.CASE_WORK),
    _E("decision_prepared", "Förberedde barnets beslut om skyddat boende", _G.CASE_WORK),
    _E("case_child_status_changed", "Ändrade om ärendet är ett barnärende", _G.CASE_WORK),
    _E("care_plan_signed", "Signerade vårdplan", _G.CASE_WORK),
    _E("implementation_plan_requested", "Begärde genomförandeplan", _G.CASE_WORK),
    _E("implementation_plan_received", "Registrerade genomförandeplan", _G.CASE_WORK),
    _E("implementation_plan_reminded", "Påminde om genomförandeplan", _G.CASE_WORK),
    _E("investigation_started", "Registrerade att utredning inletts", _G.CASE_WORK),
    _E("investigation_extended", "Förlängde utredningstiden", _G.CASE_WORK),
    _E("investigation_ended", "Registrerade att utredningen avslutats", _G.CASE_WORK),
    _E("case_assigned", "Registrerade tilldelning av ärendet", _G.CASE_WORK),
    _E("case_reassigned", "Överlämnade ärendet till annan handläggare", _G.CASE_WORK),
    _E("child_heard_recorded", "Registrerade barnets rätt att komma till tals", _G.CASE_WORK),
    _E("meeting_recorded", "Registrerade samverkansmöte", _G.CASE_WORK),
    _E("assessment_marked", "Markerade anteckning som risk- och skyddsbedömning", _G.CASE_WORK),
    _E("assessment_unmarked", "Tog bort markering som risk- och skyddsbedömning", _G.CASE_WORK),
    _E("person_sex_set", "Registrerade kön", _G.CASE_WORK),
    _E("follow_up_signed", "Signerade uppföljning", _G.CASE_WORK),
    _E("risk_assessment_signed", "Signerade riskbedömning", _G.CASE_WORK),
    _E("risk_contact_set", "Angav om våldsutövaren har kontakt", _G.CASE_WORK),
    _E("safety_plan_signed", "Signerade säkerhetsplan", _G.CASE_WORK),
    _E("safety_plan_reviewed", "Gick igenom säkerhetsplan", _G.CASE_WORK),
    _E("home_visit_planned", "Planerade hembesök", _G.CASE_WORK),
    _E("home_visit_started", "Påbörjade hembesök (hembesöksläge)", _G.CASE_WORK),
    _E("home_visit_mode_left", "Lämnade hembesöksläget", _G.CASE_WORK),
    _E("home_visit_finished", "Avslutade hembesök", _G.CASE_WORK),
    _E("insight_requested", "Registrerade begäran om partsinsyn", _G.CASE_WORK),
    _E("insight_item_reviewed", "Granskade del av akten inför partsinsyn", _G.CASE_WORK),
    _E("insight_decided", "Beslutade om partsinsyn", _G.CASE_WORK),
    _E("secrecy_marked", "Markerade uppgift som annans sekretess", _G.CASE_WORK),
    _E(
        "safe_places_revealed",
        "Visade skyddade platser i säkerhetsplan",
        _G.PROTECTED,
        _F.PROTECTED,
    ),
    _E("document_printed", "Skrev ut dokument", _G.EXPORT, _F.EXPORT),
    _E("document_saved", "Sparade dokument som PDF", _G.EXPORT, _F.EXPORT),
    _E("statistics_viewed", "Tog fram statistik", _G.EXPORT),
    _E("statistics_exported", "Exporterade statistik", _G.EXPORT, _F.EXPORT),
    _E("audit_report_saved", "Sparade loggkontrollrapport", _G.EXPORT, _F.EXPORT),
    _E("login", "Loggade in", _G.LOGIN),
    _E("logout", "Loggade ut", _G.LOGIN),
    _E("lock", "Låste programmet", _G.LOGIN),
    _E("unlock", "Låste upp programmet", _G.LOGIN),
    _E("login_failed", "Misslyckad inloggning", _G.LOGIN, _F.FAILED_LOGIN),
    _E("recovery_failed", "Misslyckad återställning", _G.LOGIN, _F.FAILED_LOGIN),
    _E("recovery_used", "Återställningskod använd", _G.LOGIN),
    _E("password_changed", "Bytte lösenord", _G.LOGIN),
    _E("provider_added", "Lade till utförare", _G.ADMINISTRATION),
    _E("statistics_facts_set", "Ändrade uppgifter för statistiken", _G.ADMINISTRATION),
    _E("provider_changed", "Ändrade utförare", _G.ADMINISTRATION),
    _E("store_created", "Skapade registret", _G.ADMINISTRATION),
    _E("user_added", "Lade till användare", _G.ADMINISTRATION),
    _E("user_removed", "Tog bort användare", _G.ADMINISTRATION),
    _E("user_contact_changed", "Ändrade kontaktuppgifter i tjänsten", _G.ADMINISTRATION),
    _E("one_time_password_issued", "Gav engångslösenord", _G.ADMINISTRATION),
    _E("recovery_code_replaced", "Bytte återställningskod", _G.ADMINISTRATION),
    _E("setting_changed", "Ändrade inställning", _G.ADMINISTRATION),
    _E("store_rekeyed", "Bytte registrets nyckel", _G.ADMINISTRATION),
    _E("backup_started", "Började säkerhetskopiera", _G.ADMINISTRATION),
    _E("backup_written", "Skrev säkerhetskopia", _G.ADMINISTRATION),
    _E("backup_failed", "Säkerhetskopieringen misslyckades", _G.ADMINISTRATION),
    _E("store_restored", "Återställde registret från säkerhetskopia", _G.ADMINISTRATION),
    _E("key_file_rebuilt", "Byggde upp nyckelfilen från säkerhetskopia", _G.ADMINISTRATION),
    _E("instrument_added", "Lade till bedömningsinstrument", _G.ADMINISTRATION),
    _E("legal_grounds_corrected", "Läste in rättad lagrumsfil", _G.ADMINISTRATION),
    _E("legal_grounds_reverted", "Återgick till programmets lagrumsfil", _G.ADMINISTRATION),
    _E("retention_proposal_viewed", "Öppnade gallringsförslaget", _G.REVIEW),
    _E("retention_approved", "Godkände gallring", _G.CASE_WORK),
    _E("case_gallrad", "Gallrade ärendet", _G.CASE_WORK),
    _E("retention_log_viewed", "Öppnade gallringsloggen", _G.REVIEW),
    _E("retention_plan_loaded", "Läste in dokumenthanteringsplan", _G.ADMINISTRATION),
    _E("archive_exported", "Exporterade till e-arkiv", _G.EXPORT, _F.EXPORT),
    _E("audit_log_opened", "Öppnade loggkontrollen", _G.REVIEW),
    _E("compliance_viewed", "Gjorde egenkontroll", _G.REVIEW),
    _E("compliance_exported", "Exporterade egenkontroll", _G.EXPORT, _F.EXPORT),
    _E("audit_reviewed", "Markerade loggposter som granskade", _G.REVIEW),
)

EVENTS: dict[str, EventKind] = {kind.code: kind for kind in EVENT_KINDS}

# Events whose `reason` the program fills in itself (an outcome code, a version, a time, a
# document's kind and recipient), not with a reason a person typed. The log review shows it in
# words as the event's detail (services/audit/words.py), so "Skäl" only ever holds what a
# person wrote.
PROGRAM_REASONS = frozenset(
    {
        "decision_signed",
        "insats_ended",
        "insats_end_decided",
        "decision_letter_sent",
        "appeal_recorded",
        "appeal_reviewed",
        "appeal_court_outcome",
        "case_child_status_changed",
        "care_plan_signed",
        "follow_up_signed",
        "provider_changed",
        "document_printed",
        "document_saved",
        "retention_approved",
        "archive_exported",
        "compliance_viewed",
        "compliance_exported",
        "login_failed",
        "recovery_failed",
        "insight_requested",
        "insight_item_reviewed",
        "insight_decided",
        "secrecy_marked",
    }
)

# Reading a case: flagged when the reader is not the case's responsible handläggare.
READ_EVENTS = frozenset({"case_opened"})
ALWAYS_FLAGGED = frozenset(kind.code for kind in EVENT_KINDS if kind.flag is not None)


def event_kind(code: str) -> EventKind:
    """The kind of a stored event; an unknown code (a newer program wrote it) is shown as is."""
    return EVENTS.get(code, EventKind(code, code, EventGroup.ADMINISTRATION))


def codes_in(groups: frozenset[EventGroup]) -> frozenset[str]:
    return frozenset(kind.code for kind in EVENT_KINDS if kind.group in groups)


def flag_for(code: str, *, outside_own_case: bool) -> Flag | None:
    """Why this event must be reviewed, or None."""
    kind = EVENTS.get(code)
    if kind is not None and kind.flag is not None:
        return kind.flag
    if code in READ_EVENTS and outside_own_case:
        return Flag.OUTSIDE_OWN
    return None

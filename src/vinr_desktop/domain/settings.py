"""Settings, each declared once with its type, default, limits and Swedish description."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.errors import InvalidInput


@dataclass(frozen=True)
class IntSetting:
    key: str
    default: int
    minimum: int
    maximum: int
    label: str
    description: str

    def parse(self, text: str | None) -> int:
        if text is None:
            return self.default
        try:
            value = int(text)
        except ValueError:
            return self.default
        return min(max(value, self.minimum), self.maximum)

    def validate(self, value: int) -> int:
        if not self.minimum <= value <= self.maximum:
            raise InvalidInput(f"{self.label} måste vara mellan {self.minimum} och {self.maximum}.")
        return value


IDLE_LOCK_MINUTES = IntSetting(
    key="idle_lock_minutes",
    default=5,
    minimum=1,
    maximum=15,
    label="Automatisk låsning",
    description="Minuter utan aktivitet innan programmet låses (högst 15).",
)


EMERGENCY_ACCESS_MINUTES = IntSetting(
    key="emergency_access_minutes",
    default=60,
    minimum=15,
    maximum=240,
    label="Nödåtkomst",
    description="Minuter som en nödåtkomst till ett skyddat ärende gäller (15–240).",
)


IMPLEMENTATION_PLAN_REMINDER_DAYS = IntSetting(
    key="implementation_plan_reminder_days",
    default=14,
    minimum=1,
    maximum=90,
    label="Påminnelse om genomförandeplan",
    description="Dagar efter begäran då utföraren påminns om en genomförandeplan (1–90).",
)


FOLLOW_UP_INTERVAL_MONTHS = IntSetting(
    key="follow_up_interval_months",
    default=6,
    minimum=1,
    maximum=12,
    label="Uppföljning av insatser",
    description="Månader mellan uppföljningar av en pågående insats (1–12).",
)


ADULT_INVESTIGATION_DAYS = IntSetting(
    key="adult_investigation_days",
    default=120,
    minimum=30,
    maximum=365,
    label="Utredning av vuxen",
    description="Dagar en utredning av en vuxen får pågå innan den visas under Bevakningar "
    "(30–365).",
)


JOURNAL_SIGNING_DAYS = IntSetting(
    key="journal_signing_days",
    default=7,
    minimum=1,
    maximum=60,
    label="Signering av journalanteckning",
    description="Dagar efter händelsen inom vilka en journalanteckning ska vara signerad "
    "(1–60). Används av Bevakningar och egenkontrollen.",
)


UNSIGNED_DRAFT_DAYS = IntSetting(
    key="unsigned_draft_days",
    default=7,
    minimum=1,
    maximum=90,
    label="Osignerade utkast",
    description="Dagar ett utkast (journal, bedömning, plan, uppföljning) får vara osignerat "
    "innan det visas under Bevakningar (1–90).",
)


INACTIVITY_DAYS = IntSetting(
    key="inactivity_days",
    default=30,
    minimum=7,
    maximum=365,
    label="Ärende utan aktivitet",
    description="Dagar utan någon händelse i journalen innan ett öppet ärende visas under "
    "Bevakningar (7–365).",
)


@dataclass(frozen=True)
class ChoiceSetting:
    """A setting with a fixed set of values: (code, Swedish label) pairs, the first listed
    is not necessarily the default."""

    key: str
    default: str
    choices: tuple[tuple[str, str], ...]
    label: str
    description: str

    def parse(self, text: str | None) -> str:
        codes = {code for code, _label in self.choices}
        return text if text in codes else self.default

    def validate(self, value: str) -> str:
        if value not in {code for code, _label in self.choices}:
            raise InvalidInput(f"Okänt val för {self.label.lower()}.")
        return value


PROVIDER_CLIENT_IDENTITY = ChoiceSetting(
    key="provider_client_identity",
    default="birth_date",
    choices=(("full", "Hela personnumret"), ("birth_date", "Bara födelsedatum")),
    label="Klientens personnummer i dokument till utförare",
    description=(
        "Om dokument till en utförare (vårdplan, uppdrag, uppföljning) visar klientens hela "
        "personnummer eller bara födelsedatum."
    ),
)


INVESTIGATION_START_DAYS = IntSetting(
    key="investigation_start_days",
    default=7,
    minimum=1,
    maximum=90,
    label="Utredning inleds",
    description="Dagar från aktualisering till inledd utredning för en vuxen (1–90).",
)


START_PAGE = ChoiceSetting(
    key="start_page",  # stored per user: start_page_key(user_id)
    default="cases",
    choices=(("cases", "Ärenden"), ("deadlines", "Bevakningar")),
    label="Första sidan efter inloggning",
    description="Sidan som visas först när du loggar in.",
)


def start_page_key(user_id: str) -> str:
    """The settings row of one user's own first page (each user chooses her own)."""
    return f"{START_PAGE.key}.{user_id}"

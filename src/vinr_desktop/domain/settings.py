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

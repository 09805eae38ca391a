"""IT's preconfiguration (policy.json): the values a municipality's IT fixes for every register.

IT deploys the program to managed laptops and puts one file, `policy.json`, in the computer's
machine-wide configuration folder (store/it_policy_file.py says where), readable but not
writable for users. Each key it holds fixes one value; a key it leaves out leaves the choice
to the program's default and the administrator. A value IT has fixed cannot be changed in the
program, and the administrator page shows it as fixed.

Each key is declared once here (key, type, label, description, check), as settings.py declares
the register's own settings. A bad value never stops the program: the key counts as not fixed
(the default applies) and the problem is reported in Swedish, in the log and on the
administrator page. Pure: parsing a loaded JSON value, no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from vinr_desktop.domain import settings
from vinr_desktop.domain.plurals import count_text

PolicyValue = str | int | bool


@dataclass(frozen=True)
class PolicyKey:
    """One value IT can fix: its key in policy.json, what it is, and how it is checked
    (`check` returns the value to use or raises ValueError with the Swedish reason)."""

    key: str
    label: str
    description: str
    example: PolicyValue
    check: Callable[[object], PolicyValue]


def _text(limit: int) -> Callable[[object], PolicyValue]:
    def check(value: object) -> PolicyValue:
        if not isinstance(value, str) or len(" ".join(value.split())) < 2:
            raise ValueError("ska vara en text med minst 2 tecken")
        text = " ".join(value.split())
        if len(text) > limit:
            raise ValueError(f"får vara högst {limit} tecken")
        return text

    return check


def _folder(value: object) -> PolicyValue:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("ska vara sökvägen till en mapp")
    path = value.strip()
    absolute = PureWindowsPath(path).is_absolute() or PurePosixPath(path).is_absolute()
    if not absolute:
        raise ValueError(
            "ska vara en fullständig sökväg (t.ex. D:\\VINR-kopior eller \\\\server\\dela)"
        )
    return path


def _minutes(value: object) -> PolicyValue:
    setting = settings.IDLE_LOCK_MINUTES
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"ska vara ett heltal mellan {setting.minimum} och {setting.maximum}")
    if not setting.minimum <= value <= setting.maximum:
        most = count_text(setting.maximum, "minut", "minuter")
        raise ValueError(f"ska vara mellan {setting.minimum} och {most}")
    return value


def _flag(value: object) -> PolicyValue:
    if not isinstance(value, bool):
        raise ValueError("ska vara true eller false")
    return value


# What happens when a document is to leave the program as a file: *Spara som PDF* and any
# printer that writes a file (Microsoft Print to PDF, XPS, CUPS-PDF). Every such file is audited
# and, where allowed, confirmed by the user first (SECURITY.md: an export is an explicit act
# with its own confirmation), so IT can forbid it but not remove the question.
PDF_EXPORT_CHOICES: tuple[tuple[str, str], ...] = (
    ("ask", "Tillåtet efter bekräftelse"),
    ("forbidden", "Inte tillåtet"),
)
PDF_EXPORT_DEFAULT = "ask"


def _pdf_export(value: object) -> PolicyValue:
    codes = [code for code, _label in PDF_EXPORT_CHOICES]
    if value not in codes:
        quoted = [f'"{code}"' for code in codes]
        raise ValueError("ska vara " + ", ".join(quoted[:-1]) + " eller " + quoted[-1])
    assert isinstance(value, str)
    return value


MUNICIPALITY = PolicyKey(
    "municipality",
    "Kommun",
    "Kommunens namn i ett nytt register (guiden och vinr-admin init); kan inte ändras där.",
    "Ånge kommun",
    _text(100),
)
UNIT = PolicyKey(
    "unit",
    "Enhet",
    "Enhetens namn i ett nytt register; kan inte ändras där.",
    "Individ- och familjeomsorgen, VINR",
    _text(100),
)
BACKUP_FOLDER = PolicyKey(
    "backup_folder",
    "Mapp för säkerhetskopior",
    "Var säkerhetskopiorna läggs (en fullständig sökväg, gärna en krypterad eller nätverksmapp).",
    "D:\\VINR-kopior",
    _folder,
)
IDLE_LOCK_MINUTES = PolicyKey(
    settings.IDLE_LOCK_MINUTES.key,
    settings.IDLE_LOCK_MINUTES.label,
    "Minuter utan aktivitet innan programmet låses (1–15); administratören kan inte ändra det.",
    5,
    _minutes,
)
DEVICE_BINDING_REQUIRED = PolicyKey(
    "device_binding_required",
    "Datorbindning krävs",
    "true: ett nytt register måste bindas till datorns nyckelring; går det inte, kan registret "
    "inte skapas på den datorn.",
    True,
    _flag,
)
PDF_EXPORT = PolicyKey(
    "pdf_export",
    "Dokument som fil (Spara som PDF, skrivare som skriver till fil)",
    '"ask": efter en bekräftelse (standard), "forbidden": bara utskrift på papper. Varje fil '
    "skrivs i granskningsloggen.",
    "ask",
    _pdf_export,
)
POLICY_KEYS: tuple[PolicyKey, ...] = (
    MUNICIPALITY,
    UNIT,
    BACKUP_FOLDER,
    IDLE_LOCK_MINUTES,
    DEVICE_BINDING_REQUIRED,
    PDF_EXPORT,
)
_BY_KEY = {key.key: key for key in POLICY_KEYS}


@dataclass(frozen=True)
class ItPolicy:
    """The values IT has fixed (only those), where they came from, and what was wrong."""

    source: str = ""
    fixed: Mapping[str, PolicyValue] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def is_fixed(self, key: PolicyKey) -> bool:
        return key.key in self.fixed

    def _text(self, key: PolicyKey) -> str | None:
        value = self.fixed.get(key.key)
        return value if isinstance(value, str) else None

    @property
    def municipality(self) -> str | None:
        return self._text(MUNICIPALITY)

    @property
    def unit(self) -> str | None:
        return self._text(UNIT)

    @property
    def backup_folder(self) -> str | None:
        return self._text(BACKUP_FOLDER)

    @property
    def idle_lock_minutes(self) -> int | None:
        value = self.fixed.get(IDLE_LOCK_MINUTES.key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def device_binding_required(self) -> bool:
        return self.fixed.get(DEVICE_BINDING_REQUIRED.key) is True

    @property
    def pdf_export(self) -> str:
        return self._text(PDF_EXPORT) or PDF_EXPORT_DEFAULT

    def rows(self) -> list[tuple[str, str]]:
        """(label, value in words) for every fixed value, in declaration order."""
        rows = []
        for key in POLICY_KEYS:
            if key.key in self.fixed:
                rows.append((key.label, value_words(key, self.fixed[key.key])))
        return rows


def value_words(key: PolicyKey, value: PolicyValue) -> str:
    if key is PDF_EXPORT:
        return dict(PDF_EXPORT_CHOICES).get(str(value), str(value))
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if key is IDLE_LOCK_MINUTES:
        return count_text(int(value), "minut", "minuter")
    return str(value)


def parse_policy(data: object, source: str) -> ItPolicy:
    """The policy in a parsed policy.json. Keys starting with "_" are comments; an unknown key
    or a bad value is reported and left out (its default applies)."""
    if not isinstance(data, dict):
        return ItPolicy(
            source,
            {},
            (
                f"{source}: filen ska innehålla ett JSON-objekt {{ … }}. "
                "Inga värden från IT används.",
            ),
        )
    fixed: dict[str, PolicyValue] = {}
    problems: list[str] = []
    for name, value in data.items():
        if not isinstance(name, str) or name.startswith("_"):
            continue
        key = _BY_KEY.get(name)
        if key is None:
            known = ", ".join(k.key for k in POLICY_KEYS)
            problems.append(f'{source}: okänd inställning "{name}" används inte (kända: {known}).')
            continue
        try:
            fixed[name] = key.check(value)
        except ValueError as reason:
            problems.append(
                f'{source}: "{name}" {reason} (står: {_shown(value)}). Standardvärdet används.'
            )
    return ItPolicy(source, fixed, tuple(problems))


def unreadable(source: str, reason: str) -> ItPolicy:
    """A policy file that exists but cannot be used: nothing fixed, one problem."""
    return ItPolicy(source, {}, (f"{source}: {reason} Inga värden från IT används.",))


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"

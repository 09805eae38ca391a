"""Bundled files (resources/ and db/) located the same way from a checkout, a wheel or a bundle."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    """Find the bundled folder `name`: inside the package when installed, else the checkout."""
    packaged = _PACKAGE_DIR / f"_{name}"
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled folder '{name}' not found")


def resources_dir() -> Path:
    return _locate("resources")


def migrations_dir() -> Path:
    return _locate("db")


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords, lower-cased, one per line."""
    text = (resources_dir() / "common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def reporter_kinds_data() -> dict[str, object]:
    """resources/reporter_kinds.json, parsed (the domain turns it into ReporterChoices)."""
    data = json.loads((resources_dir() / "reporter_kinds.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("reporter_kinds.json must hold an object")
    return data


@cache
def child_report_rules_data() -> dict[str, object]:
    """resources/child_report_rules.json, parsed (the domain turns it into ReportRules)."""
    data = json.loads((resources_dir() / "child_report_rules.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("child_report_rules.json must hold an object")
    return data


@cache
def investigation_data() -> dict[str, object]:
    """resources/investigation.json, parsed (methods and outcomes of an investigation)."""
    data = json.loads((resources_dir() / "investigation.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("investigation.json must hold an object")
    return data


@cache
def closing_reasons_data() -> dict[str, object]:
    """resources/closing_reasons.json, parsed (the domain turns it into ClosingReasons)."""
    data = json.loads((resources_dir() / "closing_reasons.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("closing_reasons.json must hold an object")
    return data


@cache
def document_texts() -> dict[str, str]:
    """resources/document_texts.json: the fixed texts printed documents carry, by key.

    Keys starting with "_" (the file's comment) are left out. The dict is shared: do not change it.
    """
    data = json.loads((resources_dir() / "document_texts.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("document_texts.json must hold an object")
    texts: dict[str, str] = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"document_texts.json: '{key}' must be a non-empty string")
        texts[key] = value
    return texts


@cache
def instrument_files() -> tuple[tuple[str, bytes], ...]:
    """resources/instruments/*.json as (file name, bytes), sorted by name.

    The domain validates them (domain/instruments.py); the services copy a version into the
    store the first time it is used.
    """
    folder = resources_dir() / "instruments"
    return tuple((path.name, path.read_bytes()) for path in sorted(folder.glob("*.json")))


@cache
def care_data(name: str) -> dict[str, object]:
    """resources/care/<name>.json, parsed (legal grounds, insats types, provider kinds,
    follow-up questions); the domain turns it into its own types. Shared: do not change it."""
    path = resources_dir() / "care" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"care/{name}.json must hold an object")
    return data


@cache
def home_visit_data(name: str) -> dict[str, object]:
    """resources/home_visits/<name>.json, parsed (the risk check before a visit). Shared: do
    not change it."""
    path = resources_dir() / "home_visits" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"home_visits/{name}.json must hold an object")
    return data


@cache
def retention_rules_data() -> dict[str, object]:
    """resources/retention/rules.json, parsed (domain/retention.py turns it into rule sets)."""
    path = resources_dir() / "retention" / "rules.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("retention/rules.json must hold an object")
    return data


@cache
def letter_data(letter: str, language: str) -> dict[str, object]:
    """resources/letters/<letter>.<language>.json, parsed (domain/letter_texts.py checks it).
    FileNotFoundError when the letter has no file in that language. Shared: do not change it."""
    path = resources_dir() / "letters" / f"{letter}.{language}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"letters/{path.name} must hold an object")
    return data


@cache
def letter_languages(letter: str) -> tuple[str, ...]:
    """The languages resources/letters/ holds `letter` in, sorted ("sv" among them)."""
    folder = resources_dir() / "letters"
    return tuple(sorted(p.name.split(".")[1] for p in folder.glob(f"{letter}.*.json")))


def indicator_schema() -> dict[str, object]:
    """resources/statistics/indikatorfil.schema.json: the county indicator file's schema."""
    path = resources_dir() / "statistics" / "indikatorfil.schema.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("indikatorfil.schema.json must hold an object")
    return data

"""Reading an instrument file: `parse_instrument` and the checks behind it, every field of the
file (the types are in domain/instruments.py), each problem named by its place in Swedish
("Avsnitt 2, fråga 3: svarsalternativ saknas"), all collected before anything is reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise
from typing import Any

from vinr_desktop.domain.instruments import (
    FORMAT,
    LEVEL_BY_WORD,
    MAX_DAYS,
    MAX_FILE_BYTES,
    NOT_ANSWERED,
    NOT_ANSWERED_LABEL,
    RISK_LABELS,
    RISK_ORDER,
    AnswerOption,
    ExternalField,
    FieldKind,
    Instrument,
    InstrumentInvalid,
    InstrumentKind,
    Item,
    Mandatory,
    RiskLevel,
    Section,
    Subject,
    SummaryKind,
)
from vinr_desktop.domain.plurals import count_text

_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,63}$")


# -- the checker ----------------------------------------------------------------------------


class Checker:
    """Collects every problem of one file; `instrument` returns None when there were any."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, place: str, text: str) -> None:
        self.problems.append(f"{place}: {text}" if place else text)

    def text(self, data: Mapping[str, Any], key: str, place: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(place, f'"{key}" saknas')
            return ""
        if not isinstance(value, str):
            self.fail(place, f'"{key}" ska vara text')
            return ""
        if required and not value.strip():
            self.fail(place, f'"{key}" är tom')
        return value.strip()

    def instrument(self, data: Mapping[str, Any]) -> Instrument | None:
        top = ""
        if data.get("format", FORMAT) != FORMAT:
            self.fail(top, f'"format" ska vara {FORMAT} (filen är gjord för en annan version)')
        instrument_id = self.text(data, "id", top)
        if instrument_id and not _ID.match(instrument_id):
            self.fail(top, '"id" får bara innehålla små bokstäver a–z, siffror, - _ och .')
        name = self.text(data, "name", top)
        version = data.get("version")
        if version is None:
            self.fail(top, '"version" saknas')
        elif not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fail(top, '"version" ska vara ett heltal från 1 och uppåt')
            version = None
        publisher = self.text(data, "publisher", top)
        licence = self.text(data, "licence", top)
        about = self.enum(data, "about", Subject, top)
        kind = self.enum(data, "kind", InstrumentKind, top)
        summary = self.enum(data, "summary", SummaryKind, top)
        journal_text = self.text(data, "journal_text", top)
        judgement_label = self.text(data, "judgement_label", top, required=False)
        description = self.text(data, "description", top, required=False)
        scale = self.scale(data.get("scale"))
        mandatory = self.mandatory(data.get("mandatory"))
        days = data.get("reassessment_days")
        if days is None:
            self.fail(top, '"reassessment_days" (intervall för ny bedömning i dagar) saknas')
        elif not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
            self.fail(top, f'"reassessment_days" ska vara ett heltal 1–{MAX_DAYS}')
            days = None
        by_level = self.by_level(data.get("reassessment_days_by_level"), scale)
        scale_labels = self.scale_labels(data.get("scale_labels"), scale)
        standardised = data.get("standardised", False)
        if not isinstance(standardised, bool):
            self.fail(top, '"standardised" ska vara true eller false')
            standardised = False
        sections: tuple[Section, ...] = ()
        fields: tuple[ExternalField, ...] = ()
        if kind is InstrumentKind.CHECKLIST:
            if "fields" in data:
                self.fail(top, 'en checklista har "sections", inte "fields"')
            defaults = data.get("answer_options")
            default_options = (
                self.options(defaults, "Standardsvaren (answer_options)")
                if defaults is not None
                else None
            )
            sections = self.sections(data.get("sections"), default_options)
        elif kind is InstrumentKind.EXTERNAL:
            if "sections" in data:
                self.fail(top, 'ett externt resultat har "fields", inte "sections" (inga frågor)')
            fields = self.fields(data.get("fields"))
            if summary is SummaryKind.COUNT:
                self.fail(top, '"summary" kan inte vara "count" utan frågor')
        if summary is SummaryKind.COUNT:
            if Mandatory.MOTIVATION not in mandatory:
                self.fail(top, 'med "summary": "count" måste "motivation" vara obligatorisk')
            if sections and not any(i.has_risk_answer for s in sections for i in s.items):
                self.fail(top, 'med "summary": "count" måste något svar räknas som risk')
        if self.problems:
            return None
        assert about and kind and summary and isinstance(version, int) and isinstance(days, int)
        return Instrument(
            instrument_id=instrument_id,
            name=name,
            version=version,
            publisher=publisher,
            licence=licence,
            about=about,
            kind=kind,
            description=description,
            journal_text=journal_text,
            judgement_label=judgement_label or "Professionell bedömning",
            summary=summary,
            scale=scale,
            mandatory=mandatory | {Mandatory.JUDGEMENT},
            reassessment_days=days,
            sections=sections,
            fields=fields,
            reassessment_by_level=by_level,
            scale_labels=scale_labels,
            standardised=standardised,
        )

    def enum(self, data: Mapping[str, Any], key: str, kind: type[Any], place: str) -> Any:
        value = data.get(key)
        allowed = ", ".join(f'"{m.value}"' for m in kind)
        if value is None:
            self.fail(place, f'"{key}" saknas (ett av {allowed})')
            return None
        try:
            return kind(value)
        except ValueError:
            self.fail(place, f'"{key}" ska vara ett av {allowed}')
            return None

    def scale(self, value: object) -> tuple[RiskLevel, ...]:
        place = "Bedömningsskalan (scale)"
        if not isinstance(value, list) or not value:
            self.fail(place, 'saknas; ange till exempel ["låg", "medel", "hög"]')
            return ()
        levels: list[RiskLevel] = []
        for word in value:
            level = LEVEL_BY_WORD.get(word) if isinstance(word, str) else None
            if level is None:
                self.fail(place, f'"{word}" är inte en nivå (låg, medel eller hög)')
            elif level in levels:
                self.fail(place, f'"{word}" finns två gånger')
            else:
                levels.append(level)
        if levels != sorted(levels, key=RISK_ORDER.__getitem__):
            self.fail(place, "nivåerna ska stå i ordning från låg till hög")
        return tuple(levels)

    def scale_labels(
        self, value: object, scale: tuple[RiskLevel, ...]
    ) -> tuple[tuple[RiskLevel, str], ...]:
        """The instrument's own word per level, e.g. {"låg": "nej", "hög": "ja"}: every level
        of the scale named once, with different words starting with different letters."""
        place = "Nivåernas ord (scale_labels)"
        if value is None:
            return ()
        if not isinstance(value, dict) or not value:
            self.fail(place, 'ska vara ett objekt, till exempel {"låg": "nej", "hög": "ja"}')
            return ()
        found: dict[RiskLevel, str] = {}
        for word, label in value.items():
            level = LEVEL_BY_WORD.get(word)
            if level is None or level not in scale:
                self.fail(place, f'"{word}" finns inte i bedömningsskalan (scale)')
            elif not isinstance(label, str) or not label.strip() or len(label) > 40:
                self.fail(place, f'"{word}" ska ha ett ord på högst 40 tecken')
            else:
                found[level] = label.strip()
        if found and set(found) != set(scale):
            self.fail(place, "varje nivå i bedömningsskalan ska ha sitt ord")
        if len({label[:1].lower() for label in found.values()}) != len(found):
            self.fail(place, "orden ska börja på olika bokstäver (de väljs med Alt+bokstav)")
        return tuple((level, found[level]) for level in scale if level in found)

    def by_level(
        self, value: object, scale: tuple[RiskLevel, ...]
    ) -> tuple[tuple[RiskLevel, int], ...]:
        """The reassessment interval per judged level, e.g. {"hög": 30, "medel": 60, "låg": 90}:
        levels of the instrument's scale, 1–3650 days each, never longer for a higher risk."""
        place = "Intervall per nivå (reassessment_days_by_level)"
        if value is None:
            return ()
        if not isinstance(value, dict) or not value:
            self.fail(
                place, 'ska vara ett objekt, till exempel {"hög": 30, "medel": 60, "låg": 90}'
            )
            return ()
        found: dict[RiskLevel, int] = {}
        for word, days in value.items():
            level = LEVEL_BY_WORD.get(word)
            if level is None:
                self.fail(place, f'"{word}" är inte en nivå (låg, medel eller hög)')
            elif level not in scale:
                self.fail(place, f'"{word}" finns inte i bedömningsskalan (scale)')
            elif not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
                self.fail(place, f'"{word}" ska vara ett heltal 1–{MAX_DAYS} (dagar)')
            else:
                found[level] = days
        ordered = sorted(found.items(), key=lambda pair: RISK_ORDER[pair[0]])
        for (lower, lower_days), (higher, higher_days) in pairwise(ordered):
            if higher_days > lower_days:
                self.fail(
                    place,
                    f"vid {RISK_LABELS[higher]} risk kan det inte dröja längre till nästa "
                    f"bedömning än vid {RISK_LABELS[lower]} ({higher_days} mot "
                    f"{count_text(lower_days, 'dag', 'dagar')})",
                )
        return tuple(ordered)

    def mandatory(self, value: object) -> frozenset[Mandatory]:
        place = "Obligatoriska uppgifter (mandatory)"
        if value is None:
            return frozenset()
        if not isinstance(value, list):
            self.fail(place, "ska vara en lista")
            return frozenset()
        found: set[Mandatory] = set()
        allowed = ", ".join(m.value for m in Mandatory)
        for code in value:
            try:
                found.add(Mandatory(code))
            except ValueError:
                self.fail(place, f'"{code}" är okänd (möjliga: {allowed})')
        return frozenset(found)

    def options(self, value: object, place: str) -> tuple[AnswerOption, ...]:
        if not isinstance(value, list) or not value:
            self.fail(place, "svarsalternativ saknas")
            return ()
        options: list[AnswerOption] = []
        for n, raw in enumerate(value, 1):
            where = f"{place}, svarsalternativ {n}"
            if not isinstance(raw, dict):
                self.fail(where, 'ska vara ett objekt med "code" och "label"')
                continue
            code = self.text(raw, "code", where)
            label = self.text(raw, "label", where)
            risk = raw.get("risk", False)
            if not isinstance(risk, bool):
                self.fail(where, '"risk" ska vara true eller false')
                risk = False
            if code and not _ID.match(code):
                self.fail(where, '"code" får bara innehålla små bokstäver a–z, siffror, - _ och .')
            if any(o.code == code for o in options):
                self.fail(where, f'koden "{code}" finns redan')
            if code == NOT_ANSWERED and risk:
                self.fail(where, f'"{NOT_ANSWERED}" kan inte räknas som risk')
            options.append(AnswerOption(code, label, risk))
        if not any(o.code != NOT_ANSWERED for o in options):
            self.fail(place, "det måste finnas minst ett svar utöver Inte besvarad")
        if not any(o.code == NOT_ANSWERED for o in options):
            options.append(AnswerOption(NOT_ANSWERED, NOT_ANSWERED_LABEL))
        return tuple(options)

    def sections(
        self, value: object, defaults: tuple[AnswerOption, ...] | None
    ) -> tuple[Section, ...]:
        if not isinstance(value, list) or not value:
            self.fail("", '"sections" saknas eller är tom (minst ett avsnitt med frågor)')
            return ()
        seen_items: dict[str, str] = {}
        seen_sections: set[str] = set()
        sections: list[Section] = []
        for s, raw in enumerate(value, 1):
            place = f"Avsnitt {s}"
            if not isinstance(raw, dict):
                self.fail(place, "ska vara ett objekt")
                continue
            section_id = self.text(raw, "id", place)
            if section_id in seen_sections:
                self.fail(place, f'id "{section_id}" används redan av ett annat avsnitt')
            seen_sections.add(section_id)
            title = self.text(raw, "title", place)
            guidance = self.text(raw, "guidance", place, required=False)
            raw_items = raw.get("items")
            if not isinstance(raw_items, list) or not raw_items:
                self.fail(place, "frågor saknas")
                raw_items = []
            items: list[Item] = []
            for q, raw_item in enumerate(raw_items, 1):
                where = f"Avsnitt {s}, fråga {q}"
                if not isinstance(raw_item, dict):
                    self.fail(where, "ska vara ett objekt")
                    continue
                item_id = self.text(raw_item, "id", where)
                if item_id and not _ID.match(item_id):
                    self.fail(
                        where, '"id" får bara innehålla små bokstäver a–z, siffror, - _ och .'
                    )
                if item_id in seen_items:
                    self.fail(where, f'id "{item_id}" används redan ({seen_items[item_id]})')
                seen_items.setdefault(item_id, where.lower())
                text = self.text(raw_item, "text", where)
                item_guidance = self.text(raw_item, "guidance", where, required=False)
                mandatory = raw_item.get("mandatory", False)
                if not isinstance(mandatory, bool):
                    self.fail(where, '"mandatory" ska vara true eller false')
                    mandatory = False
                if "options" in raw_item:
                    options = self.options(raw_item["options"], where)
                elif defaults is not None:
                    options = defaults
                else:
                    self.fail(where, "svarsalternativ saknas")
                    options = ()
                items.append(Item(item_id, text, item_guidance, options, mandatory))
            sections.append(Section(section_id, title, guidance, tuple(items)))
        return tuple(sections)

    def fields(self, value: object) -> tuple[ExternalField, ...]:
        if not isinstance(value, list) or not value:
            self.fail("", '"fields" saknas eller är tom')
            return ()
        fields: list[ExternalField] = []
        for n, raw in enumerate(value, 1):
            place = f"Uppgift {n}"
            if not isinstance(raw, dict):
                self.fail(place, "ska vara ett objekt")
                continue
            field_id = self.text(raw, "id", place)
            if any(f.field_id == field_id for f in fields):
                self.fail(place, f'id "{field_id}" används redan')
            label = self.text(raw, "label", place)
            kind = self.enum(raw, "kind", FieldKind, place)
            mandatory = raw.get("mandatory", False)
            if not isinstance(mandatory, bool):
                self.fail(place, '"mandatory" ska vara true eller false')
                mandatory = False
            choices: tuple[str, ...] = ()
            if kind is FieldKind.CHOICE:
                raw_choices = raw.get("choices")
                if (
                    not isinstance(raw_choices, list)
                    or not raw_choices
                    or not all(isinstance(c, str) and c.strip() for c in raw_choices)
                ):
                    self.fail(place, '"choices" ska vara en lista med minst ett alternativ')
                else:
                    choices = tuple(c.strip() for c in raw_choices)
            guidance = self.text(raw, "guidance", place, required=False)
            standardised = self.standardised_choices(raw, choices, place)
            if kind is not None:
                fields.append(
                    ExternalField(field_id, label, kind, choices, mandatory, guidance, standardised)
                )
        return tuple(fields)

    def standardised_choices(
        self, raw: Mapping[str, Any], choices: tuple[str, ...], place: str
    ) -> tuple[str, ...]:
        """The choices of a field that name a standardised method (SARA:SV, PATRIARK …)."""
        value = raw.get("standardised_choices", [])
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            self.fail(place, '"standardised_choices" ska vara en lista med alternativ')
            return ()
        unknown = [c for c in value if c not in choices]
        if unknown:
            self.fail(place, f'"standardised_choices" har okänt alternativ "{unknown[0]}"')
            return ()
        return tuple(value)


# -- the parser ------------------------------------------------------------------------------


def parse_instrument_bytes(data: bytes) -> Instrument:
    """An instrument from a file's bytes (UTF-8 JSON), or InstrumentInvalid."""
    if len(data) > MAX_FILE_BYTES:
        raise InstrumentInvalid(["Filen är för stor för att vara en instrumentfil."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InstrumentInvalid(["Filen är inte en textfil i UTF-8."]) from None
    return parse_instrument_text(text)


@lru_cache(maxsize=64)
def parse_instrument_text(text: str) -> Instrument:
    """An instrument from JSON text (cached: stored versions are parsed once per process)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentInvalid(
            [f"Filen är inte giltig JSON (rad {error.lineno}, kolumn {error.colno})."]
        ) from None
    return parse_instrument(data)


def parse_instrument(data: object) -> Instrument:
    """Validate parsed JSON as an instrument; every problem is reported at once."""
    check = Checker()
    if not isinstance(data, dict):
        raise InstrumentInvalid(["Filen ska innehålla ett JSON-objekt ({ … })."])
    result = check.instrument(data)
    if check.problems or result is None:
        raise InstrumentInvalid(check.problems or ["Filen kunde inte läsas."])
    return result

"""A small validator for the part of JSON Schema our own data files use (the statistics'
indicator file): type (one or a list), const, enum, required, properties,
additionalProperties: false, items, minItems, minimum, maximum, minLength, maxLength and
pattern. Anything else in a schema is a bug in the schema and raises ValueError.

Returns the problems found, each with the path where it is ("tables[2].rows[0].values[1]"),
in Swedish; an empty list means the document is valid.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_KNOWN = frozenset(
    {
        "$schema", "$id", "title", "description", "$comment", "type", "const", "enum",
        "required", "properties", "additionalProperties", "items", "minItems", "minimum",
        "maximum", "minLength", "maxLength", "pattern",
    }
)  # fmt: skip

_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

_TYPE_WORDS = {
    "object": "ett objekt",
    "array": "en lista",
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "sant eller falskt",
    "null": "null",
}


def validate(document: object, schema: Mapping[str, Any]) -> list[str]:
    """Every way `document` breaks `schema` (the supported subset), with where."""
    problems: list[str] = []
    _check(document, schema, "", problems)
    return problems


def _check(value: object, schema: Mapping[str, Any], where: str, out: list[str]) -> None:
    unknown = set(schema) - _KNOWN
    if unknown:
        raise ValueError(f"schema uses unsupported keywords {sorted(unknown)} at '{where}'")
    here = where or "dokumentet"
    types = schema.get("type")
    if types is not None:
        wanted = [types] if isinstance(types, str) else list(types)
        if not any(_TYPES[t](value) for t in wanted):
            words = " eller ".join(_TYPE_WORDS[t] for t in wanted)
            out.append(f"{here}: ska vara {words}.")
            return
    if "const" in schema and value != schema["const"]:
        out.append(f"{here}: ska vara {schema['const']!r}.")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{here}: ska vara ett av {', '.join(map(repr, schema['enum']))}.")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(f"{here}: är för kort.")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            out.append(f"{here}: är för lång (högst {schema['maxLength']} tecken).")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{here}: har fel form.")
    if _TYPES["number"](value):
        assert isinstance(value, int | float)
        if "minimum" in schema and value < schema["minimum"]:
            out.append(f"{here}: ska vara minst {schema['minimum']}.")
        if "maximum" in schema and value > schema["maximum"]:
            out.append(f"{here}: ska vara högst {schema['maximum']}.")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                out.append(f"{here}: saknar '{key}'.")
        properties = schema.get("properties", {})
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if key in properties:
                _check(item, properties[key], path, out)
            elif schema.get("additionalProperties", True) is False:
                out.append(f"{path}: är inte tillåtet här.")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{here}: ska ha minst {schema['minItems']} delar.")
        items = schema.get("items")
        if items is not None:
            for n, item in enumerate(value):
                _check(item, items, f"{where}[{n}]", out)

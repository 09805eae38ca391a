"""Fictional case work for the demo store and the benchmarks: cases, persons, markers and about
a year of journal entries, generated from templates — never real people.

`fill_demo_cases` writes straight into the store with bulk inserts (a few transactions, not one
service call per row) so that 200,000 entries take seconds, but it writes exactly the rows the
services would: case numbers from `domain.cases.case_number`, the program's own event entries
with the services' wording, `cases.protected` and `cases.last_entry_date` kept in step, the
child steps recorded before a child case is investigated, closing reasons from
resources/closing_reasons.json, and `case_registered` events on the audit chain. The
full-text index gets exactly the rows its insert trigger would give it, in one statement.

Everything is recognisably made up: surnames such as "Testsson" and "Demosson-Fiktiv",
addresses on "Fiktiva vägen" in "Demoby" with postal codes 000 xx, phone numbers from the
series set aside for fiction (070-174 06 xx) and e-mail addresses under `.invalid`. The
personnummer are valid by the Luhn rule (they must pass the program's own checks) but are
drawn at random for fictional names, not taken from any register.

The package: `vocabulary` (the words), `households` (persons, families, case plans),
`case_rows` (a case's status path and child steps), `facts` (the investigation record,
assignments and kön), `journal` (the entries) and `fill` (the bulk writing).
"""

from __future__ import annotations

from vinr_desktop.services.demo.cases.fill import (
    DEFAULT_SEED,
    DEMO_CASES,
    PRIMARY_CASEWORKER,
    SECOND_CASEWORKER,
    DemoFacts,
    fill_demo_cases,
)
from vinr_desktop.services.demo.cases.vocabulary import SEARCH_WORDS

__all__ = [
    "DEFAULT_SEED",
    "DEMO_CASES",
    "PRIMARY_CASEWORKER",
    "SEARCH_WORDS",
    "SECOND_CASEWORKER",
    "DemoFacts",
    "fill_demo_cases",
]

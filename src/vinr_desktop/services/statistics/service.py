"""Statistik for the enhetschef and the handläggare (never the administrator): the page of a
period, the cases behind a cell (only those the user may open), the adult population and the
municipality code the key figures and the county file need, and the CSV of the tables.

Every case counts, protected ones included. The unit's own screen shows exact numbers only to
a user who may open every counted case; everyone else, and everything that leaves the program,
gets the published numbers (domain/statistics_suppression.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import Action, can
from vinr_desktop.domain.cases import INTAKE_LABELS
from vinr_desktop.domain.errors import AccessDenied, InvalidInput
from vinr_desktop.domain.persons import PersonRole, is_protected, masked_name
from vinr_desktop.domain.statistics import Count, count_all
from vinr_desktop.domain.statistics_facts import Period, RegisterFacts
from vinr_desktop.domain.statistics_kolada import kolada
from vinr_desktop.domain.statistics_suppression import RULE_TEXT
from vinr_desktop.services.care.common import insats_types
from vinr_desktop.services.case_access import viewer_of, visible_cases_clause
from vinr_desktop.services.cases.cases import reporter_kinds
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.documents.pipeline import (
    FILE_EXPORT_FORBIDDEN,
    DocumentService,
    RenderedDocument,
)
from vinr_desktop.services.documents.redaction import store_meta
from vinr_desktop.services.statistics.county import indicator_file
from vinr_desktop.services.statistics.facts import register_facts
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, PersonRow
from vinr_desktop.store.header import atomic_write
from vinr_desktop.store.schema import SettingRow, UserRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.statistics import (
    CaseLine,
    StatisticsPage,
    key_figure_view,
    publish,
    summary_lines,
    table_rows,
)

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from vinr_desktop.store.unlocked import Store

POPULATION_KEY = "statistics_adult_population_{year}"
MUNICIPALITY_CODE_KEY = "statistics_municipality_code"
MAX_POPULATION = 10_000_000


def labels() -> dict[str, dict[str, str]]:
    """The row labels of the intake, source and insats tables, from the program's own lists."""
    return {
        "intake_labels": {k.value: v for k, v in INTAKE_LABELS.items()},
        "reporter_labels": {
            r.code: (r.label if r.code != "none" else "Ingen anmälare (ansökan, initiativ)")
            for r in reporter_kinds()
        },
        "insats_labels": {t.code: t.label for t in insats_types()},
    }


def check_municipality_code(code: str) -> str:
    code = code.strip()
    if len(code) != 4 or not code.isdigit():
        raise InvalidInput("Kommunkoden är fyra siffror (SCB:s kommunkod, t.ex. 2260).")
    return code


class StatisticsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- the page ------------------------------------------------------------------------

    def page(self, period: Period, *, published: bool = False) -> StatisticsPage:
        """The tables, charts' numbers and key figures of `period`. `published`: as for the
        nämnd (suppressed) even when the user could see exact numbers."""
        store, user = self.ctx.require(Action.VIEW_STATISTICS)
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            # The egenkontroll's review day: the period's last day, or today if sooner.
            facts = register_facts(session, period, min(period.last_day, viewer.today))
            visible = set(
                session.execute(select(CaseRow.id).where(visible_cases_clause(viewer))).scalars()
            )
            meta = store_meta(session)
            population = _population(session, period.start.year)
            made_by = session.get(UserRow, user.user_id)
            store.record(
                session,
                user_id=user.user_id,
                action="statistics_viewed",
                object_id=f"{period.start.isoformat()}:{period.end.isoformat()}",
            )
        return build_page(
            facts,
            period,
            visible=visible,
            population=population,
            municipality=meta.get("municipality", ""),
            unit=meta.get("unit", ""),
            published=published,
            made_by=made_by.full_name if made_by else "",
            made_utc=self.ctx.now().isoformat(timespec="seconds"),
        )

    def case_lines(self, case_ids: tuple[str, ...]) -> tuple[CaseLine, ...]:
        """The cases behind a cell that the user may open, by number; nothing else."""
        store, user = self.ctx.require(Action.VIEW_STATISTICS)
        viewer = viewer_of(self.ctx, user)
        with store.session() as session:
            rows = session.execute(
                select(
                    CaseRow.id,
                    CaseRow.number,
                    PersonRow.first_name,
                    PersonRow.last_name,
                    PersonRow.protection_level,
                )
                .join(
                    CasePersonRow,
                    (CasePersonRow.case_id == CaseRow.id)
                    & (CasePersonRow.role == PersonRole.MAIN.value),
                )
                .join(PersonRow, PersonRow.id == CasePersonRow.person_id)
                .where(CaseRow.id.in_(case_ids), visible_cases_clause(viewer))
                .order_by(CaseRow.number)
            ).all()
        return tuple(
            CaseLine(
                case_id,
                number,
                masked_name(first, last) if is_protected(level) else f"{first} {last}".strip(),
            )
            for case_id, number, first, last, level in rows
        )

    # -- the facts beside the register ----------------------------------------------------

    def population(self, year: int) -> int | None:
        """The adult population entered for `year` (for those who see or enter it)."""
        store, user = self.ctx.require_store(), self.ctx.require_user()
        if not (can(user, Action.VIEW_STATISTICS) or can(user, Action.SET_STATISTICS_FACTS)):
            raise AccessDenied()
        with store.session() as session:
            return _population(session, year)

    def set_population(self, year: int, adults: int | None) -> None:
        """The number of adult inhabitants (18+) in `year`, for the key figures per 10 000
        (SCB's figure for 31 December of the year before). None removes it."""
        store, user = self.ctx.require(Action.SET_STATISTICS_FACTS)
        if not 2000 <= year <= 2100:
            raise InvalidInput("Ange ett år mellan 2000 och 2100.")
        if adults is not None and not 1 <= adults <= MAX_POPULATION:
            raise InvalidInput("Ange antalet vuxna invånare som ett heltal större än noll.")
        self._set(store, user.user_id, POPULATION_KEY.format(year=year), adults)

    def municipality_code(self) -> str:
        store = self.ctx.require_store()
        self.ctx.require_user()
        with store.session() as session:
            row = session.get(SettingRow, MUNICIPALITY_CODE_KEY)
            return row.value if row else ""

    def set_municipality_code(self, code: str) -> None:
        store, user = self.ctx.require(Action.SET_STATISTICS_FACTS)
        self._set(store, user.user_id, MUNICIPALITY_CODE_KEY, check_municipality_code(code))

    def _set(self, store: Store, user_id: str, key: str, value: object) -> None:
        with store.session() as session:
            row = session.get(SettingRow, key)
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(SettingRow(key=key, value=str(value)))
            else:
                row.value = str(value)
            store.record(session, user_id=user_id, action="statistics_facts_set", object_id=key)

    # -- export --------------------------------------------------------------------------

    def annual_report(self, period: Period) -> RenderedDocument:
        """The årsrapport for the nämnd (published numbers), through the document pipeline:
        preview it, then print or save it there (audited)."""
        page = replace(self.page(period, published=True), document_id=new_id())
        return DocumentService(self.ctx).statistics_report(page)

    def county_file(self, year: int, municipality_code: str = "") -> dict[str, object]:
        """The year as the county's indicator file (services/statistics/county.py): published
        numbers only. The enhetschef's (she may see statistics and keeps the facts beside the
        register); audited. The code given, else the one entered."""
        self.ctx.require(Action.SET_STATISTICS_FACTS)
        code = check_municipality_code(municipality_code or self.municipality_code() or "x")
        page = self.page(Period.year(year), published=True)
        self._record_export(str(year), "json")
        return indicator_file(page, code, self.ctx.now().isoformat(timespec="seconds"))

    def save_csv(self, period: Period, path: Path) -> None:
        """The period's tables as published (suppressed) in one CSV file: audited first, then
        written atomically. Semicolons and a BOM, as Excel in Sweden opens it."""
        page = self.page(period, published=True)
        if self.ctx.it_policy.pdf_export == "forbidden":
            raise InvalidInput(FILE_EXPORT_FORBIDDEN)
        self._record_export(f"{period.start.isoformat()}:{period.end.isoformat()}", "csv")
        atomic_write(path, csv_bytes(page))

    def _record_export(self, object_id: str, how: str) -> None:
        """statistics_exported, before anything leaves the program (codes only)."""
        store, user = self.ctx.require(Action.VIEW_STATISTICS)
        with store.session() as session:
            store.record(
                session,
                user_id=user.user_id,
                action="statistics_exported",
                object_id=object_id,
                reason=how,
            )


def _population(session: Session, year: int) -> int | None:
    row = session.get(SettingRow, POPULATION_KEY.format(year=year))
    return int(row.value) if row and row.value.isdigit() else None


def build_page(
    facts: RegisterFacts,
    period: Period,
    *,
    visible: set[str],
    population: int | None,
    municipality: str = "",
    unit: str = "",
    published: bool = True,
    made_by: str = "",
    made_utc: str = "",
) -> StatisticsPage:
    """The page from gathered facts (also the CLI's file and the benchmark's measure)."""
    counts = count_all(facts, period, **labels())
    figures = kolada(facts, period.start.year, population)
    counted = {i for c in counts for i in c.case_ids} | {i for f in figures for i in f.case_ids}
    counted.discard("")
    exact = not published and counted <= visible
    tables = tuple(publish(c, exact=exact) for c in counts)
    shown = tuple(key_figure_view(f, exact=exact) for f in figures)
    drill = _drill(counts, visible)
    for n, figure in enumerate(figures):
        drill[("kolada", n, 0)] = tuple(sorted(figure.case_ids & visible))
    return StatisticsPage(
        period_label=period.label,
        period_from=period.start.isoformat(),
        period_to=period.last_day.isoformat(),
        year=period.start.year,
        municipality=municipality,
        unit=unit,
        population=population,
        exact=exact,
        tables=tables,
        key_figures=shown,
        drill=drill,
        summary=summary_lines(tables, shown),
        rule_text=RULE_TEXT,
        made_by=made_by,
        made_utc=made_utc,
    )


Drill = dict[tuple[str, int, int], tuple[str, ...]]


def _drill(counts: tuple[Count, ...], visible: set[str]) -> Drill:
    found: Drill = {}
    for count in counts:
        for r, row in enumerate(count.members):
            for c, ids in enumerate(row):
                mine = tuple(sorted(ids & visible))
                if mine:
                    found[(count.key, r, c)] = mine
    return found


def csv_bytes(page: StatisticsPage) -> bytes:
    """Every table as rows of text: title, header, rows, totals; a blank line between."""
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    out.writerow([f"Statistik {page.period_label}", page.municipality, page.unit])
    out.writerow([page.rule_text])
    for table in page.tables:
        out.writerow([])
        out.writerows(table_rows(table))
    out.writerow([])
    out.writerow(["Nyckeltal (Kolada)", "Antal", "Per 10 000 vuxna invånare", "Definition"])
    for f in page.key_figures:
        out.writerow([f.title, f.count_text(), f.rate_text(), f.definition])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

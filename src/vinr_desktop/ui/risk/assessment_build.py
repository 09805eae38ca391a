"""The pages of one assessment, built from its view: the instrument's sections (or the
external result's form), the victim's own estimate, protective factors, the judgement, actions
and the next assessment, and signing. Which end pages there are follows the instrument: who it
is about and what it makes mandatory."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget

from vinr_desktop.domain.instruments import Mandatory, Subject
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.risk import Answer, is_external
from vinr_desktop.ui.risk.assessment_end_pages import ActionsPage, JudgementPage, SignPage
from vinr_desktop.ui.risk.assessment_pages import ExternalPage, SectionPage, TextPage
from vinr_desktop.views.risk import AssessmentView

Page = SectionPage | ExternalPage | TextPage | JudgementPage | ActionsPage | SignPage


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentDialog", text)


@dataclass
class AssessmentPages:
    judgement_page: JudgementPage
    actions_page: ActionsPage
    sign_page: SignPage
    section_pages: list[SectionPage] = field(default_factory=list)
    external_page: ExternalPage | None = None
    victim_page: TextPage | None = None
    protective_page: TextPage | None = None
    ordered: list[Page] = field(default_factory=list)  # in the order of the steps


def build_pages(view: AssessmentView, today: date) -> AssessmentPages:
    """Every page of `view` (read-only when the user may not edit it)."""
    editable = view.editable
    instrument = view.instrument
    ordered: list[Page] = []
    section_pages: list[SectionPage] = []
    external_page: ExternalPage | None = None
    victim_page: TextPage | None = None
    protective_page: TextPage | None = None
    answers: dict[str, Answer] = dict(view.answers)
    number = 1
    for section in instrument.sections:
        page = SectionPage(section, number, answers, editable)
        number += len(section.items)
        section_pages.append(page)
        ordered.append(page)
    if is_external(instrument):
        external_page = ExternalPage(
            tr("Resultat"), instrument.fields, dict(view.field_values), editable
        )
        ordered.append(external_page)
    mandatory = instrument.mandatory
    if (instrument.about is Subject.VICTIM and not is_external(instrument)) or (
        Mandatory.VICTIM_ESTIMATE in mandatory
    ):
        victim_page = TextPage(
            tr("Den utsattas egen bedömning"),
            tr("Hur bedömer den utsatta själv risken? Skriv det med hens egna ord."),
            tr("Egen bedömning *")
            if Mandatory.VICTIM_ESTIMATE in mandatory
            else tr("Egen bedömning"),
            view.victim_estimate,
            editable,
            levels=instrument.scale,
            level=view.victim_level,
        )
        ordered.append(victim_page)
    if not is_external(instrument) or Mandatory.PROTECTIVE_FACTORS in mandatory:
        protective_page = TextPage(
            tr("Skyddsfaktorer"),
            tr("Det som skyddar: personer, stöd, egna resurser, överenskommelser."),
            tr("Skyddsfaktorer *")
            if Mandatory.PROTECTIVE_FACTORS in mandatory
            else tr("Skyddsfaktorer"),
            view.protective_factors,
            editable,
        )
        ordered.append(protective_page)
    judgement_page = JudgementPage(
        instrument.judgement_label,
        instrument.scale,
        view.judgement,
        view.motivation,
        Mandatory.MOTIVATION in mandatory,
        editable,
        instrument.level_label,
    )
    ordered.append(judgement_page)
    next_on = view.next_assessment_on or view.proposed_next_on
    actions_page = ActionsPage(
        view.actions,
        Mandatory.ACTIONS in mandatory,
        date.fromisoformat(next_on),
        today,
        instrument,
        view.judgement,
        view.person_role is not PersonRole.PERPETRATOR,
        editable,
    )
    judgement_page.changed.connect(
        lambda: actions_page.follow_judgement(judgement_page.judgement())
    )
    ordered.append(actions_page)
    signed_text = (
        tr("Signerad {0} av {1}.").format(view.signed_on, view.author) if not view.is_draft else ""
    )
    assessed = date.fromisoformat(view.assessed_on) if view.assessed_on else today
    sign_page = SignPage(assessed, max(today, assessed), editable, signed_text)
    ordered.append(sign_page)
    return AssessmentPages(
        judgement_page,
        actions_page,
        sign_page,
        section_pages,
        external_page,
        victim_page,
        protective_page,
        ordered,
    )


class StepList(QListWidget):
    """The steps on the side: page titles, a section's answered items counted."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Steps")
        self.setAccessibleName(tr("Steg"))
        self.setFixedWidth(250)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def clear_quietly(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)

    def select_quietly(self, row: int) -> None:
        self.blockSignals(True)
        self.setCurrentRow(row)
        self.blockSignals(False)

    def show_progress(self, pages: Sequence[Page]) -> None:
        for row, page in enumerate(pages):
            text = page.title
            if isinstance(page, SectionPage):
                done, total = page.progress()
                text = f"{page.title}  ({done}/{total})"
            item = self.item(row)
            if item is not None and item.text() != text:
                item.setText(text)

"""Showing what is hidden about a protected person — her address and contact details, the safe
places of her säkerhetsplan — only with a reason, which the service writes to the audit log.

One dialog for every reveal: the case banner, what happens, the question in the words of what is
shown, the reason, and the hint that the reason is read at log review. OK runs the service's
reveal in the background; what it returns goes out with `succeeded` and is shown where the
dialog was opened, until that view is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, reason_log_hint
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("RevealDialog", text)


@dataclass(frozen=True)
class RevealWords:
    """What one kind of reveal is called in its dialog."""

    title: str
    question: str  # the label of the reason field
    explanation: str  # what happens: logged, shown here only, hidden again when


class RevealDialog(ServiceDialog):
    """Why the user needs what is hidden: the reason goes to the audit log with the reveal."""

    def __init__(
        self,
        words: RevealWords,
        reveal: Callable[[str], object],
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            words.title, tr("Visa"), tr("Hämtar…"), runner, parent, changes=frozenset()
        )
        self._reveal = reveal
        add_case_banner(self, case_id)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.reason = QLineEdit()
        self.reason_hint = styled_label(reason_log_hint(), "muted")
        self.form.addRow(words.question, self.reason)
        self.form.addRow(self.reason_hint)
        self.body.insertWidget(0, styled_label(words.explanation, "muted"))  # first what happens
        self.reason.setFocus()

    def call(self) -> Callable[[], object]:
        reveal, reason = self._reveal, self.reason.text()
        return lambda: reveal(reason)


def reveal_contact(
    services: CaseWorkServices,
    runner: OperationRunner,
    case_id: str,
    person_id: str,
    parent: QWidget | None = None,
) -> RevealDialog:
    """A protected person's address and contact details (succeeded: ContactDetails)."""
    words = RevealWords(
        tr("Visa skyddade uppgifter"),
        tr("Ange skäl till att du visar adress och kontaktuppgifter"),
        tr(
            "Personen har skyddade personuppgifter. Skälet och att du visade uppgifterna "
            "skrivs i loggen. Uppgifterna visas bara här och döljs igen när du lämnar "
            "ärendet."
        ),
    )
    persons = services.persons
    return RevealDialog(
        words,
        lambda reason: persons.reveal_contact(case_id, person_id, reason),
        runner,
        case_id,
        parent,
    )


def reveal_safe_places(
    services: CaseWorkServices,
    runner: OperationRunner,
    case_id: str,
    plan_id: str,
    parent: QWidget | None = None,
) -> RevealDialog:
    """The safe places of a protected person's säkerhetsplan version."""
    words = RevealWords(
        tr("Visa trygga platser"),
        tr("Ange skäl till att du visar de trygga platserna"),
        tr(
            "Personen har skyddade personuppgifter, och de trygga platserna skyddas som "
            "en adress. Skälet och att du visade dem skrivs i loggen. De visas bara här "
            "och döljs igen när du stänger planen."
        ),
    )
    plans = services.safety_plans
    return RevealDialog(
        words,
        lambda reason: plans.reveal_safe_places(case_id, plan_id, reason),
        runner,
        case_id,
        parent,
    )

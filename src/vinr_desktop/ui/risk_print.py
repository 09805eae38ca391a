"""Skriv ut / spara som PDF for a signed assessment or a safety plan version.

The user chooses the recipient (akten or the enhetschef); the service renders the PDF in the
background and the bytes go to the shared document preview, whose print and save call the
service's audited functions. File names are generic: never a name or a case number.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.risk_views import RECIPIENT_LABELS, AssessmentView, Recipient
from vinr_desktop.ui.document_preview import DocumentPreviewDialog, PreparedDocument
from vinr_desktop.ui.operations import OperationRunner
from vinr_desktop.ui.risk_dialogs import RecipientDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskPrint", text)


def assessment_document(
    services: CaseWorkServices, view: AssessmentView, recipient: Recipient, pdf: bytes
) -> PreparedDocument:
    """The preview's document for an assessment's PDF bytes."""
    risk, case_id, assessment_id = services.risk, view.case_id, view.assessment_id
    on = view.signed_on or view.assessed_on
    return PreparedDocument(
        pdf=pdf,
        title=tr("Riskbedömning"),
        recipient=RECIPIENT_LABELS[recipient],
        file_name=f"riskbedomning-{on}.pdf",
        record_print=lambda: risk.record_print(case_id, assessment_id, recipient),
        save=lambda path: risk.save_assessment_pdf(case_id, assessment_id, recipient, pdf, path),
    )


def print_assessment(
    services: CaseWorkServices, runner: OperationRunner, view: AssessmentView, parent: QWidget
) -> RecipientDialog:
    """Ask for the recipient, render, then open the preview."""
    risk, case_id, assessment_id = services.risk, view.case_id, view.assessment_id
    dialog = RecipientDialog(
        lambda recipient: risk.assessment_pdf(case_id, assessment_id, recipient),
        runner,
        tr("Skriv ut eller spara bedömningen"),
        parent,
    )

    def rendered(result: object) -> None:
        recipient, pdf = cast("tuple[Recipient, bytes]", result)
        document = assessment_document(services, view, recipient, pdf)
        DocumentPreviewDialog(document, runner, parent).open()

    dialog.succeeded.connect(rendered)
    dialog.open()
    return dialog


def print_plan(
    services: CaseWorkServices,
    runner: OperationRunner,
    case_id: str,
    plan_id: str,
    version: int,
    parent: QWidget,
) -> RecipientDialog:
    """The same for a safety plan version (the PDF never holds the safe places)."""
    plans = services.safety_plans
    dialog = RecipientDialog(
        lambda recipient: plans.plan_pdf(case_id, plan_id, recipient),
        runner,
        tr("Skriv ut eller spara säkerhetsplanen"),
        parent,
    )

    def rendered(result: object) -> None:
        recipient, pdf = cast("tuple[Recipient, bytes]", result)
        document = PreparedDocument(
            pdf=pdf,
            title=tr("Säkerhetsplan"),
            recipient=RECIPIENT_LABELS[recipient],
            file_name=f"sakerhetsplan-version-{version}.pdf",
            record_print=lambda: plans.record_print(case_id, plan_id, recipient),
            save=lambda path: plans.save_plan_pdf(case_id, plan_id, recipient, pdf, path),
        )
        DocumentPreviewDialog(document, runner, parent).open()

    dialog.succeeded.connect(rendered)
    dialog.open()
    return dialog

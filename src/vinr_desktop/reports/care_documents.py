"""The documents of an insats as PDF bytes: vårdplan, uppdrag (assignment to the provider),
genomförandeplan and uppföljning. Each renders a `Redacted` view model from the document
pipeline; the report never sees the store and shows only what the model holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from vinr_desktop.reports.care_common import (
    collector_paused,
    head_block,
    insats_block,
    kept_with_last_section,
    meta_of,
    plan_blocks,
    section,
)
from vinr_desktop.reports.document import (
    SMALL,
    build_pdf,
    data_table,
    key_value_table,
    paragraph,
    signature_lines,
    spacer,
)

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.care_documents import (
        AssignmentDocument,
        CarePlanDocument,
        FollowUpDocument,
        ImplementationPlanDocument,
    )
    from vinr_desktop.views.documents import DocumentHead

_LABEL_WIDTH = 50 * mm


def render_care_plan(sealed: Redacted[CarePlanDocument]) -> bytes:
    doc = sealed.view
    story = head_block(doc.head) + insats_block(doc.insats) + plan_blocks(doc.plan)
    return _build(doc.head, kept_with_last_section(story, _signatures()))


def render_assignment(sealed: Redacted[AssignmentDocument]) -> bytes:
    doc = sealed.view
    story = head_block(doc.head)
    p = doc.provider
    rows = [("Utförare", p.name), ("Slag", p.kind_label)]
    for label, value in (
        ("Adress", p.address),
        ("Telefon", p.phone),
        ("E-post", p.email),
        ("Kontaktperson", p.contact_person),
        ("IVO-tillstånd", p.permit_number),
    ):
        if value:
            rows.append((label, value))
    if p.agreement_ref:
        rows.append(("Avtal", p.agreement_ref))
    story += [section("Uppdraget går till"), key_value_table(rows, label_width=_LABEL_WIDTH)]
    story += insats_block(doc.insats)
    if p.quality_requirements:
        story += [section("Kvalitetskrav"), paragraph(p.quality_requirements)]
    story.append(section("Uppdrag"))
    if doc.own:
        story.append(
            paragraph("Insatsen utförs av handläggaren själv. Genomförandeplanen skrivs i ärendet.")
        )
    else:
        ask = (
            "Vi ber er att tillsammans med klienten upprätta en genomförandeplan för insatsen "
            "och skicka den till kontaktpersonen i kommunen"
        )
        ask += f" senast {doc.implementation_due}." if doc.implementation_due else "."
        story.append(paragraph(ask))
    if doc.plan is not None:
        story += [spacer(2), section("Vårdplan"), *plan_blocks(doc.plan)]
    return _build(doc.head, kept_with_last_section(story, _signatures()))


def render_implementation_plan(sealed: Redacted[ImplementationPlanDocument]) -> bytes:
    doc = sealed.view
    story = head_block(doc.head) + insats_block(doc.insats)
    rows = [("Status", doc.status_label)]
    for label, value in (
        ("Begärd", " – ".join(p for p in (doc.requested_on, doc.requested_how) if p)),
        ("Mottagen", doc.received_on),
        ("Fastställd", doc.adopted_on),
        ("Dokument", doc.document_note),
    ):
        if value:
            rows.append((label, value))
    story += [section("Genomförandeplan"), key_value_table(rows, label_width=_LABEL_WIDTH)]
    if doc.activities:
        story += [
            section("Aktiviteter"),
            data_table(
                ["Aktivitet", "Mål", "Vem", "När", "Hur"],
                [[a.activity, a.goal, a.who, a.when, a.how] for a in doc.activities],
                [3, 3, 2, 2, 3],
            ),
        ]
    if doc.participation:
        story += [section("Klientens delaktighet"), paragraph(doc.participation)]
    if doc.follow_up:
        story += [section("Uppföljning"), paragraph(doc.follow_up)]
    return _build(doc.head, story)


def render_follow_up(sealed: Redacted[FollowUpDocument]) -> bytes:
    doc = sealed.view
    story = head_block(doc.head) + insats_block(doc.insats)
    rows = [
        ("Datum", doc.held_on),
        ("Deltog", doc.participants),
        ("Vårdplan", f"version {doc.plan_version}"),
    ]
    story += [section("Uppföljning"), key_value_table(rows, label_width=_LABEL_WIDTH)]
    if doc.goals is not None:
        story += [
            section("Målen"),
            data_table(
                ["Nr", "Mål", "Bedömning", "Kommentar"],
                [[str(g.position), g.goal, g.outcome_label, g.comment] for g in doc.goals],
                [0.5, 4.5, 1.8, 4],
            ),
        ]
    if doc.answers is not None:
        story += [
            section("Klientens egen bedömning"),
            data_table(
                ["Fråga", "Svar", "Med egna ord"],
                [[a.question, a.answer or "–", a.text] for a in doc.answers],
                [4, 1.5, 5],
            ),
        ]
    decision: list[Flowable] = [
        section("Beslut"),
        key_value_table(
            [("Beslut", doc.decision_label or "–")]
            + ([("Motivering", doc.decision_text)] if doc.decision_text else [])
            + ([("Nästa uppföljning", doc.next_on)] if doc.next_on else []),
            label_width=_LABEL_WIDTH,
        ),
    ]
    story.append(KeepTogether(decision))
    if doc.signed_by:
        story += [spacer(3), paragraph(f"Signerad av {doc.signed_by}", SMALL)]
    return _build(doc.head, story)


def _build(head: DocumentHead, story: list[Flowable]) -> bytes:
    with collector_paused():
        return build_pdf(meta_of(head), story)


def _signatures() -> Flowable:
    return KeepTogether(
        [
            spacer(6),
            signature_lines([("Ort och datum:", 1), ("Klient:", 1.4)]),
            signature_lines([("Handläggare:", 1), ("Utförare:", 1)]),
        ]
    )

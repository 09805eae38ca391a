"""The besöksplan (home visit plan) as a one-page PDF for the colleague at the office.

Built from a `Redacted[VisitPlanDocument]` of the document pipeline. The address of a protected
person never reaches the view: it says "Enligt överenskommelse".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from vinr_desktop.reports.care_common import head_block, meta_of
from vinr_desktop.reports.document import (
    build_pdf,
    data_table,
    heading,
    key_value_table,
    notice_box,
    paragraph,
    spacer,
)

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.home_visits import VisitPlanDocument

NOT_GIVEN = "–"


def render(sealed: Redacted[VisitPlanDocument]) -> bytes:
    """The plan as PDF bytes."""
    plan = sealed.view
    story: list[Flowable] = list(head_block(plan.head))
    reach = ", ".join(p for p in (plan.visitor, plan.visitor_phone) if p)
    story += [
        heading("Besöket", 2),
        key_value_table(
            [
                ("Tid", plan.starts),
                ("Beräknad tid tillbaka", plan.expected_back),
                ("Plats", plan.address or NOT_GIVEN),
                ("Syfte", plan.purpose or NOT_GIVEN),
                ("Samtycke", plan.consent or NOT_GIVEN),
                ("Handläggare", reach or NOT_GIVEN),
                ("Följer med", plan.companions or "Ingen"),
            ]
        ),
        heading("Riskkontroll före besöket", 2),
        data_table(("Fråga", "Svar"), [list(r) for r in plan.risk_rows], (0.8, 0.2)),
    ]
    if plan.risk_note.strip():
        story += [spacer(2), paragraph(plan.risk_note)]
    story += [
        spacer(4),
        notice_box(
            "Om handläggaren inte hör av sig",
            [
                f"Har handläggaren inte hört av sig senast {plan.expected_back}: ring. Svarar "
                "ingen, ring enhetschefen, och vid fara polisen på 112.",
                "Programmet larmar ingen: det arbetar utan nät. Den här planen är larmet.",
            ],
            "warning",
        ),
    ]
    return build_pdf(meta_of(plan.head), story)

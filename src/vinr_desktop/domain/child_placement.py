"""A child's own placement in skyddat boende beside a parent's.

Since 1 April 2024 a child who comes along to skyddat boende is assessed and granted the insats
individually. With the consent of every guardian the insats rests on the socialtjänstlag; when
the guardian the child is not placed with does not consent, it rests on the law on placing
children in skyddat boende (a court decides on the nämnd's application, or the nämnd decides at
once and the court reviews it). Which ground is which is data: a legal ground carries
`child_shelter` ("consent" or "without_consent") in resources/care/legal_grounds.json.

The program never signs a child's decision by itself: signing the parent's decision prepares the
child's case and a draft; the handläggare writes the child's needs and the reason, and signs.
"""

from __future__ import annotations

from enum import StrEnum

from vinr_desktop.domain.cases import check_text
from vinr_desktop.domain.errors import InvalidInput


class GuardianConsent(StrEnum):
    """Whether the child's guardians consent to the placement."""

    ALL = "all"  # every guardian (a sole guardian alone)
    NOT_ALL = "not_all"  # the guardian the child is not placed with does not consent


CONSENT_LABELS: dict[GuardianConsent, str] = {
    GuardianConsent.ALL: "Samtliga vårdnadshavare samtycker",
    GuardianConsent.NOT_ALL: "Samtycke saknas från en vårdnadshavare",
}

# The value a legal ground carries in `child_shelter` for each answer.
GROUND_TAG: dict[GuardianConsent, str] = {
    GuardianConsent.ALL: "consent",
    GuardianConsent.NOT_ALL: "without_consent",
}

CHILD_TAGS = frozenset(GROUND_TAG.values())


def consent_of(code: str) -> GuardianConsent | None:
    """The stored answer, or None when not yet answered."""
    try:
        return GuardianConsent(code)
    except ValueError:
        return None


def check_child_placement(child_needs: str, consent_code: str, ground_tag: str) -> None:
    """What a child's own skyddat boende decision needs before it is signed: the child's own
    needs, the guardians' answer, and a legal ground that fits that answer."""
    if not child_needs.strip():
        raise InvalidInput("Beskriv barnets egna behov av skydd och stöd.")
    check_text(child_needs, "Barnets behov")
    consent = consent_of(consent_code)
    if consent is None:
        raise InvalidInput("Ange om samtliga vårdnadshavare samtycker till placeringen.")
    if ground_tag != GROUND_TAG[consent]:
        if consent is GuardianConsent.ALL:
            raise InvalidInput(
                "Med samtycke från samtliga vårdnadshavare beviljas barnet skyddat boende enligt "
                "socialtjänstlagen. Välj det lagrummet."
            )
        raise InvalidInput(
            "Utan samtycke från båda vårdnadshavarna placeras barnet enligt lagen om placering "
            "av barn i skyddat boende. Välj ett lagrum ur den lagen."
        )


def placement_needed(child: bool, shelter: bool, granting: bool) -> bool:
    """A granted skyddat boende decision about a child is a child placement."""
    return child and shelter and granting

"""Hand-made view models through the real redaction step, as the renderers require."""

from __future__ import annotations

from typing import TypeVar

from vinr_desktop.domain.redaction import DocumentKind, Recipient, Redacted, Redactor
from vinr_desktop.domain.scrubber import Scrubber, Secret

T = TypeVar("T")


def sealed(
    view: T,
    kind: DocumentKind,
    recipient: Recipient = Recipient.FILE,
    secrets: tuple[Secret, ...] = (),
) -> Redacted[T]:
    return Redactor(kind, recipient, Scrubber(secrets)).seal(view)

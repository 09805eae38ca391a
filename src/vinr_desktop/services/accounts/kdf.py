"""The key derivation of new key slots (a new user, a changed password, a new recovery code).

Given with the context (tests), the floor when VINR_KDF_FLOOR=1 (tests and scripted set-ups of
the program and of vinr-admin), else measured on this computer once per context: 0.5–1 s per
derivation, never below the floor.
"""

from __future__ import annotations

import os

from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys

KDF_FLOOR_ENV = "VINR_KDF_FLOOR"


def kdf_for_new_slots(ctx: AppContext) -> keys.KdfParams:
    """The parameters for a key slot made now in `ctx`'s register."""
    if ctx.kdf is None:
        floor = os.environ.get(KDF_FLOOR_ENV) == "1"
        ctx.kdf = keys.KdfParams.floor() if floor else keys.calibrate()
    return ctx.kdf

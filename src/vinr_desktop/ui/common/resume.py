"""Where the user was when the program locked, so that unlocking takes her back there.

While the program is locked the main window keeps a `Place`: the page, the open case, its tab
and the draft editor that was open — ids only, never anything shown of a case — and only for
the user who locked (switching user forgets it). The editors are closed by the lock (which
saves their drafts); after unlocking the workspace opens the case again (an audited opening, as
always) and the draft in its editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class EditorKind(StrEnum):
    JOURNAL = "journal"  # target: the draft entry's id (None before its first save)
    CARE_PLAN = "care_plan"  # target: the vårdplan version's id
    ASSESSMENT = "assessment"  # target: the assessment's id
    SAFETY_PLAN = "safety_plan"  # target: the person's id (her own draft version is continued)


@dataclass(frozen=True)
class OpenEditor:
    """A draft editor that was open. `target` is read after unlocking: the save the lock
    queued (on the database thread) may be the one that gives a new draft its id."""

    kind: EditorKind
    target: Callable[[], str | int | None]


@dataclass(frozen=True)
class CasePlace:
    case_id: str
    tab: int = 0
    editor: OpenEditor | None = None


@dataclass(frozen=True)
class Place:
    page: str
    case: CasePlace | None = None

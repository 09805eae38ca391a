"""Sammanställning as PDF bytes: the case for the file (akt) or the manager, from the `Redacted`
view model of the document pipeline (a protected person's address is never in it).

A long journal is rendered in chunks; `progress(done, total)` is called as chunks are laid out
so the UI can show a progress bar (2,000 entries within 3 seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from vinr_desktop.reports.care_common import (
    LABEL_WIDTH,
    collector_paused,
    head_block,
    meta_of,
    plan_blocks,
    section,
)
from vinr_desktop.reports.care_journal_flow import META_SIZE, TEXT_SIZE, JournalEntry, WordWidths
from vinr_desktop.reports.document import (
    CELL,
    FONT,
    SMALL,
    build_pdf,
    cell_lines,
    data_table,
    key_value_table,
    paragraph,
)

if TYPE_CHECKING:
    from vinr_desktop.domain.redaction import Redacted
    from vinr_desktop.views.care_documents import (
        CaseSummaryDocument,
        FollowUpLine,
        JournalLine,
    )

Progress = Callable[[int, int], None]
CHUNK = 100  # journal entries per table (and per progress step)

_TEXT = CELL.clone("summary_text", fontSize=8.5, leading=11)
_NOTE = CELL.clone("summary_note", textColor=SMALL.textColor, fontSize=7.5, leading=9.5)


class _Tick(Flowable):  # type: ignore[misc]
    """A flowable of no size that reports progress when it is laid out."""

    def __init__(self, done: int, total: int, progress: Progress) -> None:
        super().__init__()
        self._args = (done, total)
        self._progress = progress
        self._told = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._told:
            self._told = True
            self._progress(*self._args)
        return 0, 0

    def draw(self) -> None:
        pass


def render(sealed: Redacted[CaseSummaryDocument], progress: Progress | None = None) -> bytes:
    """The summary as PDF bytes; `progress` gets (done, total) steps while it is laid out."""
    doc = sealed.view
    chunks = max(1, -(-len(doc.journal) // CHUNK))
    total = chunks + 2
    tell: Progress = progress or (lambda _done, _total: None)
    tell(0, total)
    story: list[Flowable] = head_block(doc.head)
    story += [section("Ärendet"), key_value_table(list(doc.facts), label_width=LABEL_WIDTH)]
    if doc.persons:
        story += [
            section("Personer"),
            data_table(
                ["Roll", "Namn", "Person-/ samordningsnummer", "Adress och telefon"],
                [
                    [p.role_label, p.name, p.identity, p.protection_label or p.contact or "–"]
                    for p in doc.persons
                ],
                [1.6, 3, 2.4, 4],
            ),
        ]
    if doc.markers:
        story += [section("Markeringar"), paragraph(", ".join(doc.markers))]
    story += _care(doc)
    story.append(_Tick(1, total, tell))
    story.append(section(f"Journal ({len(doc.journal)} anteckningar)"))
    if not doc.journal:
        story.append(paragraph("Inga signerade anteckningar.", SMALL))
    entries = _journal_entries(doc.journal)
    for n in range(0, len(entries), CHUNK):
        story += entries[n : n + CHUNK]
        story.append(_Tick(2 + n // CHUNK, total, tell))
    with collector_paused():
        pdf = build_pdf(meta_of(doc.head), story)
    tell(total, total)
    return pdf


def _care(doc: CaseSummaryDocument) -> list[Flowable]:
    story: list[Flowable] = []
    if doc.decisions:
        story += [
            section("Beslut och insatser"),
            data_table(
                ["Beslut", "Insats", "Utförare", "Period", "Status"],
                [
                    [
                        f"{d.outcome_label} {d.decided_on}",
                        cell_lines(
                            [
                                (d.insats_label, _TEXT),
                                (d.legal_ground_text, _NOTE),
                                (d.motivation, _NOTE),
                            ]
                        ),
                        d.provider_name,
                        d.period_text,
                        d.state_label,
                    ]
                    for d in doc.decisions
                ],
                [2.2, 3.4, 2.6, 2.6, 1.4],
            ),
        ]
    for label, plan in doc.plans:
        story += [section(f"Vårdplan: {label}"), *plan_blocks(plan)]
    if doc.follow_ups:
        story += [
            section("Uppföljningar"),
            data_table(
                ["Datum", "Insats", "Deltog", "Målen", "Beslut", "Nästa"],
                [
                    [
                        f.held_on,
                        f.insats_label,
                        f.participants,
                        f.goals_text,
                        f.decision_label,
                        f.next_on,
                    ]
                    for f in doc.follow_ups
                ],
                [1.6, 2, 2, 2.6, 2.4, 1.6],
            ),
        ]
    return story


def _follow_up_row(f: FollowUpLine) -> list[str]:
    return [f.held_on, f.insats_label, f.participants, f.goals_text, f.decision_label, f.next_on]


def _journal_entries(lines: tuple[JournalLine, ...]) -> list[Flowable]:
    text_widths = WordWidths(FONT, TEXT_SIZE)
    meta_widths = WordWidths(FONT, META_SIZE)
    entries: list[Flowable] = []
    for line in lines:
        about = " · ".join(p for p in (line.kind_label, line.author, line.source_text) if p)
        note = ""
        if line.correction_of is not None:
            note = f"Rättelse av anteckning {line.correction_of}"
        elif line.corrected:
            note = "Rättad av en senare anteckning"
        entries.append(
            JournalEntry(
                [f"{line.number}  {line.event_date}", about],
                line.text,
                struck=line.corrected,
                note=note,
                text_widths=text_widths,
                meta_widths=meta_widths,
            )
        )
    return entries

"""The journal of a Sammanställning, drawn fast: one flowable per entry with its own line
breaking (word widths measured once per document) instead of reportlab paragraphs in table
cells, which lay every cell out several times. 2,000 entries must render within 3 seconds.

An entry is a small line "number · date · kind · author · source" above its text, which uses the
whole width (fewer lines to draw than two columns). An entry taller than the room left on a
page is split between lines of its text.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from vinr_desktop.reports.document import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    ROW_LINE,
    pdf_text,
    text_width,
)

TEXT_SIZE = 8.5
TEXT_LEADING = 11.0
META_SIZE = 7.5
META_LEADING = 9.5
PAD = 3.0
INDENT = 6.0  # the text under its meta line


class WordWidths:
    """Widths of words in one font and size, measured once each."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self.space = text_width(" ", font, size)
        self._cache: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        width = self._cache.get(word)
        if width is None:
            width = self._cache[word] = text_width(word, self.font, self.size)
        return width


def break_lines(text: str, width: float, widths: WordWidths) -> list[str]:
    """`text` (drawable, line breaks kept) as lines no wider than `width`; a word longer than
    a line is cut."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            w = widths(word)
            while w > width:  # a very long word: cut it where it overflows
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                cut = len(word)
                while cut > 1 and widths(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                w = widths(word)
            extra = w if not line else widths.space + w
            if line and used + extra > width:
                lines.append(" ".join(line))
                line, used = [word], w
            else:
                line.append(word)
                used += extra
        lines.append(" ".join(line))
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


class JournalEntry(Flowable):  # type: ignore[misc]
    """One journal entry as two columns; splits between the lines of its text."""

    def __init__(
        self,
        meta: list[str],
        text: str,
        *,
        struck: bool,
        note: str,
        text_widths: WordWidths,
        meta_widths: WordWidths,
        lines: list[str] | None = None,
        meta_lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self._meta = meta  # first line bold (number and date), then the rest
        self._text = pdf_text(text.replace("\r\n", "\n"))
        self._struck = struck
        self._note = pdf_text(note)
        self._tw, self._mw = text_widths, meta_widths
        self._lines = lines
        self._meta_lines = meta_lines
        self._laid_for = -1.0

    def _layout(self, width: float) -> None:
        if self._laid_for == width and self._lines is not None and self._meta_lines is not None:
            return
        if self._meta_lines is None:
            meta = pdf_text("  ·  ".join(part for part in self._meta if part))
            self._meta_lines = [line for line in break_lines(meta, width, self._mw) if line]
        if self._lines is None:
            self._lines = break_lines(self._text, width - INDENT, self._tw)
        self._laid_for = width

    def _height(self) -> float:
        assert self._lines is not None and self._meta_lines is not None
        text = len(self._lines) * TEXT_LEADING + (META_LEADING if self._note else 0)
        return text + len(self._meta_lines) * META_LEADING + 2 * PAD

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._layout(avail_width)
        self.width, self.height = avail_width, self._height()
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._layout(avail_width)
        assert self._lines is not None and self._meta_lines is not None
        fit = int((avail_height - 2 * PAD - len(self._meta_lines) * META_LEADING) // TEXT_LEADING)
        if fit < 2 or fit >= len(self._lines):
            return []
        head = JournalEntry(
            self._meta,
            "",
            struck=self._struck,
            note="",
            text_widths=self._tw,
            meta_widths=self._mw,
            lines=self._lines[:fit],
            meta_lines=self._meta_lines,
        )
        tail = JournalEntry(
            self._meta,
            "",
            struck=self._struck,
            note=self._note,
            text_widths=self._tw,
            meta_widths=self._mw,
            lines=self._lines[fit:],
            meta_lines=[f"{self._meta[0]} (forts.)"],
        )
        return [head, tail]

    def draw(self) -> None:
        assert self._lines is not None and self._meta_lines is not None
        canvas = self.canv
        y = self.height - PAD
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT_BOLD, META_SIZE)
        for line in self._meta_lines:
            y -= META_LEADING
            canvas.drawString(0, y + META_LEADING - META_SIZE, line)
        text = canvas.beginText(INDENT, y - TEXT_SIZE)
        text.setFont(FONT, TEXT_SIZE, TEXT_LEADING)
        text.setFillColor(MUTED if self._struck else INK)
        for line in self._lines:
            text.textLine(line)
        canvas.drawText(text)
        if self._struck:
            canvas.setStrokeColor(MUTED)
            canvas.setLineWidth(0.5)
            for n, line in enumerate(self._lines):
                mid = y - TEXT_SIZE - n * TEXT_LEADING + TEXT_SIZE * 0.3
                if line:
                    canvas.line(INDENT, mid, INDENT + self._tw(line), mid)
        y -= len(self._lines) * TEXT_LEADING
        if self._note:
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, META_SIZE)
            canvas.drawString(INDENT, y - META_SIZE, self._note)
        canvas.setStrokeColor(ROW_LINE)
        canvas.setLineWidth(0.4)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()

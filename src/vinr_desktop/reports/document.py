"""The base every printed document is built on: A4 pages with a header (municipality · unit and
the title) and, on every page, a footer with the confidentiality marking, "Sida x av y", the
document id, the date and who printed it; plus small builders for headings, paragraphs, boxes
and tables.

Pure Python and reportlab: no Qt and no files. `build_pdf` returns the PDF as bytes so preview
and printing work from memory. Text that came from a user goes through `paragraph` and the table
builders, which escape reportlab's markup (a reason such as "<b> & co" is shown as typed) and
replace characters the font cannot draw. The PDF metadata holds only the generic document title,
never a name or anything from a case.

The font is DejaVu Sans Condensed (about as wide as Helvetica), bundled in resources/fonts and
embedded (subset) in every document, so names such as "Łucja Wiśniewska" or "Nguyễn" print as
written, on any computer, and the documents do not depend on the viewer's fonts (as an archive
copy must not).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from vinr_desktop.resources import document_texts, resources_dir
from vinr_desktop.views.time_text import datetime_text

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_SIDE = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 24 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
CONTENT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

FONT = "VinrSans"
FONT_BOLD = "VinrSans-Bold"
_FONT_FILES = {FONT: "DejaVuSansCondensed.ttf", FONT_BOLD: "DejaVuSansCondensed-Bold.ttf"}

INK = colors.HexColor("#1F2328")
MUTED = colors.HexColor("#5A6270")
RULE = colors.HexColor("#B8BEC7")
ROW_LINE = colors.HexColor("#DDE1E6")
HEADER_FILL = colors.HexColor("#ECEFF3")
OK_FILL = colors.HexColor("#E7F4EA")
OK_EDGE = colors.HexColor("#2E7D32")
WARN_FILL = colors.HexColor("#FDECEA")
WARN_EDGE = colors.HexColor("#B71C1C")

BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11, textColor=MUTED)
H1 = ParagraphStyle("h1", parent=BODY, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=8)
H2 = ParagraphStyle(
    "h2", parent=BODY, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=12, spaceAfter=5
)
H3 = ParagraphStyle(
    "h3", parent=BODY, fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3
)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=10)
CELL_HEAD = ParagraphStyle("cell_head", parent=CELL, fontName=FONT_BOLD)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2)
LABEL = ParagraphStyle("label", parent=BODY, fontName=FONT_BOLD, textColor=MUTED)
_CELL_PAD = 3

# Characters the font lacks that read well as something it has.
_FALLBACK = {"\t": " ", "\u2011": "-"}


@cache
def _drawable() -> frozenset[str]:
    """Register the bundled fonts (once, about 0.1 s) and return the characters both can draw."""
    faces = []
    for name, file in _FONT_FILES.items():
        font = TTFont(name, str(resources_dir() / "fonts" / file))
        pdfmetrics.registerFont(font)
        faces.append(set(font.face.charToGlyph))
    return frozenset(chr(code) for code in set.intersection(*faces) if chr(code).isprintable())


def text_width(text: str, font: str, size: float) -> float:
    """reportlab's stringWidth, after the bundled fonts are registered."""
    _drawable()
    return float(pdfmetrics.stringWidth(text, font, size))


@dataclass(frozen=True)
class DocumentMeta:
    """What every page of a document shows around its content.

    `title` is the generic kind of document ("Loggkontroll", "Vårdplan"): it is also the PDF
    metadata title, so it must never hold a name or a case number. `printed_utc` is ISO text in
    UTC and is shown as local date and time.
    """

    title: str
    document_id: str
    municipality: str
    unit: str
    printed_by: str
    printed_utc: str
    recipient: str | None = None  # "Mottagare: …" in the header when the document is for someone


def pdf_text(text: str) -> str:
    """`text` with every character the font can draw; others become their base letter or "?".
    Line breaks are kept, other control characters dropped."""
    drawable = _drawable()
    out: list[str] = []
    for ch in text:
        if ch == "\n" or ch in drawable:
            out.append(ch)
        elif ch in _FALLBACK:
            out.append(_FALLBACK[ch])
        elif unicodedata.category(ch).startswith("C"):
            continue
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if c in drawable)
            out.append(base or "?")
    return "".join(out)


def markup(text: str) -> str:
    """User text as safe Paragraph markup: escaped, drawable, line breaks kept."""
    return escape(pdf_text(text.replace("\r\n", "\n"))).replace("\n", "<br/>")


def number_text(n: int) -> str:
    """A count the Swedish way: 48 213 (a no-break space between thousands)."""
    return f"{n:,}".replace(",", "\u00a0")


# -- flowables ------------------------------------------------------------------------------


def heading(text: str, level: Literal[1, 2, 3] = 1) -> Paragraph:
    """A heading: 1 for the document's title, 2 for a section, 3 below that."""
    return Paragraph(markup(text), {1: H1, 2: H2, 3: H3}[level])


def paragraph(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """User or program text as a paragraph, shown exactly as written."""
    return Paragraph(markup(text), style)


def spacer(height_mm: float) -> Spacer:
    """Vertical space, in millimetres."""
    return Spacer(1, height_mm * mm)


def key_value_table(rows: Sequence[tuple[str, str]], label_width: float = 45 * mm) -> Table:
    """Label–value pairs, labels in a narrow muted column, values wrapping."""
    data = [
        [Paragraph(markup(label), LABEL), Paragraph(markup(value), BODY)] for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10),  # not Helvetica: an archived PDF embeds all
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    return table


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | list[Flowable]]],
    weights: Sequence[float],
    right_aligned: Collection[int] = (),
    total_row: bool = False,
) -> Table:
    """A table with a header row that repeats on every page it spans; cells wrap.

    `weights` share the page width between the columns. Text cells are escaped; a cell may also
    be a list of flowables (see `cell_lines`). A row taller than a page is split inside the row.
    `total_row`: the last row is a sum, bold and ruled off.
    """
    total = sum(weights)
    widths = [CONTENT_WIDTH * w / total for w in weights]
    room = [w - 2 * _CELL_PAD for w in widths]

    def cell(i: int, value: str | list[Flowable], bold: bool) -> str | list[Flowable]:
        if not isinstance(value, str):
            return value
        text = pdf_text(value.replace("\r\n", "\n"))
        font = FONT_BOLD if bold else FONT
        if all(text_width(line, font, CELL.fontSize) <= room[i] for line in text.split("\n")):
            return text  # fits unwrapped: drawn as is, far faster than a paragraph
        # A list, not a bare paragraph: reportlab splits a row taller than a page only so.
        style = (CELL_HEAD if bold else CELL).clone(
            "c", alignment=TA_RIGHT if i in right_aligned else TA_LEFT
        )
        return [Paragraph(markup(value), style)]

    last = len(rows) if total_row else -1
    data = [[cell(i, h, True) for i, h in enumerate(headers)]]
    data += [[cell(i, v, n == last) for i, v in enumerate(row)] for n, row in enumerate(rows, 1)]
    table = _RowsTable(data, colWidths=widths, repeatRows=1, splitInRow=24, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, CELL.fontSize, CELL.leading),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, CELL.fontSize, CELL.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, ROW_LINE),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    style += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i in right_aligned]
    if total_row and rows:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED))
        style.append(("FONT", (0, -1), (-1, -1), FONT_BOLD, CELL.fontSize, CELL.leading))
    table.setStyle(style)
    return table


class _RowsTable(LongTable):  # type: ignore[misc]
    """A table that splits between rows, and inside a row only at the top of a page.

    Splitting inside a row is for a row taller than a whole page; reportlab would otherwise
    also split a row that merely does not fit the rest of the current page (and repeat the
    header above its lower half on the same page).
    """

    splitInRow: int

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        in_row = self.splitInRow
        if avail_height < CONTENT_HEIGHT - 1:
            self.splitInRow = 0
        try:
            parts: list[Flowable] = super().split(avail_width, avail_height)
        finally:
            self.splitInRow = in_row
        for part in parts:
            if isinstance(part, _RowsTable):
                part.splitInRow = in_row
        return parts


def cell_lines(lines: Sequence[tuple[str, ParagraphStyle]]) -> list[Flowable]:
    """Several paragraphs in one table cell (an action and, smaller, what it was about);
    empty texts are left out."""
    return [Paragraph(markup(text), style) for text, style in lines if text]


def notice_box(
    title: str,
    lines: Sequence[str],
    tone: Literal["ok", "warning", "neutral"],
    bullets: Sequence[str] = (),
) -> Table:
    """A framed box: green for a good result, red for a warning, grey for what the reader must
    not miss (how to appeal); `lines` as paragraphs, then `bullets` as a list. All text is
    escaped."""
    fill, edge = {
        "ok": (OK_FILL, OK_EDGE),
        "warning": (WARN_FILL, WARN_EDGE),
        "neutral": (HEADER_FILL, INK),
    }[tone]
    title_style = ParagraphStyle("box_title", parent=H3, textColor=edge, spaceBefore=0)
    data = [[Paragraph(markup(title), title_style)]]
    data += [[Paragraph(markup(line), BODY)] for line in lines]
    data += [[Paragraph(markup(item), BULLET, bulletText="•")] for item in bullets]
    table = Table(data, colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10),
            ("BACKGROUND", (0, 0), (-1, -1), fill),
            ("BOX", (0, 0), (-1, -1), 1.5 if tone == "warning" else 1, edge),
            ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ]
    )
    return table


def signature_lines(fields: Sequence[tuple[str, float]]) -> Table:
    """Blank lines to sign on paper, side by side: (label, relative line length) each."""
    total = sum(weight for _, weight in fields)
    label_widths = [text_width(pdf_text(label), FONT, 10) + 6 for label, _ in fields]
    gaps = 10 * mm * (len(fields) - 1)
    free = CONTENT_WIDTH - sum(label_widths) - gaps
    row: list[str] = []
    widths: list[float] = []
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, ((label, weight), label_width) in enumerate(zip(fields, label_widths, strict=True)):
        col = len(row)
        row += [pdf_text(label), ""]
        widths += [label_width, free * weight / total]
        style.append(("LINEBELOW", (col + 1, 0), (col + 1, 0), 0.7, INK))
        if i < len(fields) - 1:
            row.append("")
            widths.append(10 * mm)
    table = Table([row], colWidths=widths, rowHeights=[12 * mm], hAlign="LEFT")
    table.setStyle(style)
    return table


# -- the document ---------------------------------------------------------------------------


def build_pdf(meta: DocumentMeta, story: Sequence[Flowable]) -> bytes:
    """The document as PDF bytes: A4, the header and footer on every page."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_SIDE,
        rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=pdf_text(meta.title),
        author="",
        subject="",
        keywords="",
        creator="VINR Desktop",
        lang="sv-SE",
        # Our own font from the start: the default (Helvetica) would be listed on every page
        # without being embedded, which an archival PDF (PDF/A) may not have.
        initialFontName=FONT,
    )
    # No frame padding: the content lines up with the header and footer rules.
    body = Frame(
        MARGIN_SIDE,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        CONTENT_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", frames=[body])])
    page_frame = partial(
        _FramedCanvas, meta=meta, confidentiality=document_texts()["confidentiality"]
    )
    doc.build(list(story), canvasmaker=page_frame)
    return buffer.getvalue()


class _FramedCanvas(Canvas):  # type: ignore[misc]
    """Keeps each finished page until the end, then draws header and footer on all of them:
    only then is the page count ("Sida x av y") known."""

    def __init__(self, *args: Any, meta: DocumentMeta, confidentiality: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._confidentiality = confidentiality
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_frame(total)
            super().showPage()
        super().save()

    def _draw_frame(self, total: int) -> None:
        meta = self._meta
        left, right = MARGIN_SIDE, PAGE_WIDTH - MARGIN_SIDE
        self.saveState()
        # Header: where the document comes from, and what it is.
        top = PAGE_HEIGHT - 13 * mm
        origin = " · ".join(part for part in (meta.municipality, meta.unit) if part)
        title = _fit(meta.title, FONT_BOLD, 8.5, CONTENT_WIDTH / 2)
        self.setFillColor(INK)
        self.setFont(FONT_BOLD, 8.5)
        self.drawRightString(right, top, title)
        room = CONTENT_WIDTH - text_width(title, FONT_BOLD, 8.5) - 8 * mm
        self.setFillColor(MUTED)
        self.setFont(FONT, 8.5)
        self.drawString(left, top, _fit(origin, FONT, 8.5, room))
        if meta.recipient:
            self.setFillColor(MUTED)
            self.setFont(FONT, 8)
            recipient = _fit(f"Mottagare: {meta.recipient}", FONT, 8, CONTENT_WIDTH)
            self.drawRightString(right, top - 10, recipient)
        rule_y = top - (14 if meta.recipient else 5)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(left, rule_y, right, rule_y)
        # Footer: the marking, the page, the document id, the date, who printed it.
        base = 11 * mm
        self.line(left, base + 14, right, base + 14)
        page_text = f"Sida {self._pageNumber} av {total}"
        self.setFillColor(INK)
        self.setFont(FONT, 8)
        self.drawRightString(right, base + 4, page_text)
        self.setFont(FONT_BOLD, 8)
        room = CONTENT_WIDTH - text_width(page_text, FONT, 8) - 8 * mm
        self.drawString(left, base + 4, _fit(self._confidentiality, FONT_BOLD, 8, room))
        details = (
            f"Dokument-id: {meta.document_id} · {datetime_text(meta.printed_utc)}"
            f" · Utskriven av {meta.printed_by}"
        )
        self.setFillColor(MUTED)
        self.setFont(FONT, 7.5)
        self.drawString(left, base - 6, _fit(details, FONT, 7.5, CONTENT_WIDTH))
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` made drawable and shortened with "…" to fit `width` points."""
    text = pdf_text(text).replace("\n", " ")
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"

"""A memo laid out on A4 with ReportLab: styles, the blocks as flowables, and the running footer.

:func:`render_pdf` turns a :class:`~model.files.memo_content.Memo` into PDF
bytes. Text is escaped (a scenario's name is shown as typed, never read as
markup) and passed through :func:`~model.files.memo_fonts.printable`; the
document carries its title, author and language, and every page a footer
with "Sida 2 av 5".
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from model.files.memo_charts import draw
from model.files.memo_content import Block, Chart, Figures, Memo, Section, Table, Text
from model.files.memo_fonts import FONT, FONT_BOLD, FONT_ITALIC, printable, register_fonts
from model.files.theme import chart_colours, text_colour
from model.text.i18n import t

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 18 * mm, 20 * mm
FRAME_PADDING = 6  # pt: the padding of SimpleDocTemplate's frame on each side
#: The width a flowable may take [pt].
WIDTH = A4[0] - 2 * MARGIN_X - 2 * FRAME_PADDING
HEADER_FILL = colors.HexColor("#DCE6F0")  # the workbooks' header fill (model/files/spreadsheet.py)
CARD_FILL = colors.HexColor("#F3F6F9")
GRID = colors.HexColor("#C8D2DC")
#: A table with more rows than this may break across pages; a shorter one is kept whole.
LONG_TABLE = 14


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    ink, grey = colors.HexColor(text_colour()), colors.HexColor("#555555")
    accent = colors.HexColor(chart_colours()[0])
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=ink, spaceAfter=5)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=20, leading=24, textColor=accent,
                                spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10, leading=13, textColor=grey, spaceAfter=10),
        "heading": ParagraphStyle("heading", base, fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=10,
                                  spaceAfter=6, textColor=accent),
        "subheading": ParagraphStyle("subheading", base, fontName=FONT_BOLD, fontSize=10.5, leading=14,
                                     spaceBefore=6, spaceAfter=3),
        "lead": ParagraphStyle("lead", base, fontSize=11, leading=15.5, spaceAfter=8),
        "note": ParagraphStyle("note", base, fontName=FONT_ITALIC, fontSize=8.5, leading=11.5, textColor=grey),
        "bullet": ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "source": ParagraphStyle("source", base, fontSize=8, leading=10.5, leftIndent=12, firstLineIndent=-12,
                                 spaceAfter=3),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=FONT_BOLD, fontSize=8, leading=10, spaceAfter=0),
        "cell_number": ParagraphStyle("cell_number", base, fontSize=8, leading=10, spaceAfter=0, alignment=TA_RIGHT),
        "chart_title": ParagraphStyle("chart_title", base, fontName=FONT_BOLD, fontSize=9, leading=12, spaceBefore=4,
                                      spaceAfter=2),
        "figure_label": ParagraphStyle("figure_label", base, fontSize=8, leading=10, textColor=grey, spaceAfter=1),
        "figure_value": ParagraphStyle("figure_value", base, fontName=FONT_BOLD, fontSize=15, leading=18,
                                       spaceAfter=1),
        "figure_reading": ParagraphStyle("figure_reading", base, fontSize=7.5, leading=9.5, textColor=grey,
                                         spaceAfter=0),
    }


def markup(text: str) -> str:
    """Text as a ReportLab paragraph reads it: escaped, printable, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


def _text(block: Text, styles: dict[str, ParagraphStyle]) -> Flowable:
    if block.kind == "bullet":
        return Paragraph(markup(block.text), styles["bullet"], bulletText="•")
    return Paragraph(markup(block.text), styles.get(block.kind, styles["body"]))


def _figures(block: Figures, styles: dict[str, ParagraphStyle]) -> Flowable:
    """Big numbers in cards, two to a row."""
    cards = [[Paragraph(markup(label), styles["figure_label"]), Paragraph(markup(value), styles["figure_value"]),
              Paragraph(markup(reading), styles["figure_reading"])] for label, value, reading in block.rows]
    if len(cards) % 2:
        cards.append([])
    rows = [cards[i:i + 2] for i in range(0, len(cards), 2)]
    table = RLTable(rows, colWidths=[WIDTH / 2] * 2)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), CARD_FILL),
        ("LINEBELOW", (0, 0), (-1, -2), 3, colors.white),
        ("LINEAFTER", (0, 0), (0, -1), 3, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _table(block: Table, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A table of wrapped cells: header repeated on each page, numbers right-aligned."""
    n = len(block.header)
    weights = block.widths or (1.0,) * n
    widths = [WIDTH * block.scale * w / sum(weights) for w in weights]
    has_header = any(block.header)

    def cell(j: int, text: str, bold: bool) -> Paragraph:
        style = styles["cell_number"] if block.is_number(j) else styles["cell_bold" if bold else "cell"]
        if bold and block.is_number(j):
            style = ParagraphStyle("bold_number", style, fontName=FONT_BOLD)
        return Paragraph(markup(text), style)

    data = [[cell(j, h, True) for j, h in enumerate(block.header)]] if has_header else []
    data += [[cell(j, v, i in block.bold_rows) for j, v in enumerate(row)] for i, row in enumerate(block.rows)]
    table = RLTable(data, colWidths=widths, repeatRows=1 if has_header else 0, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if has_header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    table.setStyle(TableStyle(style))
    flow: list[Flowable] = [table]
    if block.note:
        flow.append(Paragraph(markup(block.note), styles["note"]))
    return flow


def _chart(block: Chart, styles: dict[str, ParagraphStyle], language: str) -> list[Flowable]:
    head = [Paragraph(markup(block.title), styles["chart_title"])] if block.title else []
    return [*head, draw(block, WIDTH, language), Spacer(1, 6)]


def flowables(block: Block, styles: dict[str, ParagraphStyle], language: str) -> list[Flowable]:
    """One block as flowables."""
    if isinstance(block, Text):
        return [_text(block, styles)]
    if isinstance(block, Figures):
        return [_figures(block, styles)]
    if isinstance(block, Table):
        return _table(block, styles)
    return _chart(block, styles, language)


def section_flowables(section: Section, styles: dict[str, ParagraphStyle], language: str) -> list[Flowable]:
    """A section: its heading kept with its first block, each block kept whole (a long table may break)."""
    out: list[Flowable] = [PageBreak()] if section.new_page else [CondPageBreak(60 * mm)]
    heading: list[Flowable] = [Paragraph(markup(section.title), styles["heading"])]
    for block in section.blocks:
        flow = heading + flowables(block, styles, language)
        heading = []
        whole = not (isinstance(block, Table) and len(block.rows) > LONG_TABLE)
        out.extend([KeepTogether(flow)] if whole else [KeepTogether(flow[:2]), *flow[2:]])
    return out + [KeepTogether(heading)] if heading else out


def _numbered_canvas(memo: Memo) -> type[Canvas]:
    """A canvas that writes the footer with the page count, known only once every page is laid out."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset (its documented recipe)

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, pages: int) -> None:
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(MARGIN_X, 10 * mm, printable(memo.footer))
            self.drawRightString(A4[0] - MARGIN_X, 10 * mm, printable(
                t("memo.page", memo.language, page=self.getPageNumber(), pages=pages)))
            self.setStrokeColor(GRID)
            self.line(MARGIN_X, 13 * mm, A4[0] - MARGIN_X, 13 * mm)

    return NumberedCanvas


def render_pdf(memo: Memo) -> bytes:
    """The memo as the bytes of an A4 PDF."""
    styles = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=printable(f"{memo.title} – {memo.subtitle}"), author=memo.author,
        subject=memo.title, creator=memo.author, lang=memo.language, invariant=True,
    )
    story: list[Flowable] = [Paragraph(markup(memo.title), styles["title"]),
                             Paragraph(markup(memo.subtitle), styles["subtitle"])]
    for section in memo.sections:
        story.extend(section_flowables(section, styles, memo.language))
    doc.build(story, canvasmaker=_numbered_canvas(memo))
    return buf.getvalue()

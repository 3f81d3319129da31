"""The annual report as a PDF a department can publish as it is (fpdf2, as for reply letters).

Sections 一 to 六 in order; the tables are drawn from the same grids as the page and the XLSX
(`disclosure.report_layout`), with their merged cells, on landscape A4; a table running onto
another page repeats its header rows there.
"""

import re

from django.conf import settings
from django.utils.html import strip_tags
from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from .report_layout import Grid

# relative column widths per table width (the label columns of table 三 need room)
COLUMN_WIDTHS = {4: (40, 30, 30, 30), 10: (14, 18, 58, 12, 12, 12, 12, 12, 12, 12), 15: (1,) * 15}
HEADINGS = {
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}


def _paragraphs(html: str) -> str:
    """Rich text as plain paragraphs (the PDF carries the words, not the markup)."""
    text = re.sub(r"</(p|h[2-4]|li)>|<br\s*/?>", "\n", html or "")
    return "\n".join(line.strip() for line in strip_tags(text).splitlines() if line.strip())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("cjk", size=13)
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)


def _narrative(pdf: FPDF, report, name: str) -> None:
    _heading(pdf, HEADINGS[name])
    text = _paragraphs(getattr(report.narrative, name, "") if report.narrative else "")
    pdf.multi_cell(0, 7, text or "无。", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, grid: Grid) -> None:
    _heading(pdf, grid.caption)
    pdf.set_font("cjk", size=8 if grid.width > 4 else 10)
    # the header rows are repeated on top of every page the table continues on (table 三 spans
    # pages); table 二's blocks carry their own header rows, so it declares none
    with pdf.table(
        col_widths=COLUMN_WIDTHS[grid.width],
        text_align="CENTER",
        first_row_as_headings=grid.head_rows > 0,
        num_heading_rows=grid.head_rows,
        line_height=5,
        headings_style=FontFace(),
        cell_fill_mode=TableCellFillMode.NONE,
    ) as table:
        for row in grid.rows:
            cells = table.row()
            for cell in row:
                align = "LEFT" if cell.scope in ("row", "rowgroup") else "CENTER"
                cells.cell(cell.text, colspan=cell.colspan, rowspan=cell.rowspan, align=align)
    pdf.set_font("cjk", size=11)


def to_pdf(report) -> bytes:
    """`report` (a `disclosure.reports.Report`) as PDF bytes."""
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("cjk", "", settings.DISCLOSURE_PDF_FONT, collection_font_number=2)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 10, report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    if report.narrative is not None and report.narrative.index_number:
        pdf.set_font("cjk", size=10)
        pdf.cell(0, 6, f"索引号：{report.narrative.index_number}", align="C")
        pdf.ln(8)
    pdf.set_font("cjk", size=11)
    _narrative(pdf, report, "overview")
    _table(pdf, report.table_two_grid)
    _table(pdf, report.table_three_grid)
    _table(pdf, report.table_four_grid)
    _narrative(pdf, report, "problems")
    _narrative(pdf, report, "other_matters")
    return bytes(pdf.output())

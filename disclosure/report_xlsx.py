"""The annual report's tables as an XLSX workbook with the format's merged cells and borders.

Each table is drawn from the same grid as the HTML page (`disclosure.report_layout`), one sheet
per table, so a department can hand the file on or print it as it is.
"""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .report_layout import Grid, place

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
SHEETS = ["二、主动公开", "三、依申请公开", "四、复议诉讼"]
FIRST_ROW = 3  # row 1: the report title, row 2: the table caption


def _value(cell):
    if cell.value is None:
        return cell.text
    return float(cell.value) if isinstance(cell.value, Decimal) else cell.value


def write_grid(sheet, title: str, grid: Grid) -> None:
    """Draw `grid` on `sheet` below the title, merging spanned cells and boxing every cell."""
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value=grid.caption).font = Font(bold=True)
    for r, c, cell in place(grid):
        row, column = FIRST_ROW + r, 1 + c
        target = sheet.cell(row=row, column=column, value=_value(cell))
        if cell.colspan > 1 or cell.rowspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + cell.rowspan - 1,
                end_column=column + cell.colspan - 1,
            )
        for dr in range(cell.rowspan):  # a merged range shows the borders of all its cells
            for dc in range(cell.colspan):
                sheet.cell(row=row + dr, column=column + dc).border = BORDER
        target.alignment = CENTRE if cell.header and cell.scope != "row" else LEFT
        if cell.value is not None:
            target.alignment = CENTRE
        if cell.header:
            target.font = Font(bold=cell.scope in ("col", "colgroup"))
    for column in range(1, grid.width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.print_options.horizontalCentered = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def to_xlsx(report) -> bytes:
    """Tables 二, 三 and 四 of `report` (a `disclosure.reports.Report`) as XLSX bytes."""
    book = Workbook()
    grids = [report.table_two_grid, report.table_three_grid, report.table_four_grid]
    for index, (name, grid) in enumerate(zip(SHEETS, grids, strict=True)):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        write_grid(sheet, report.title, grid)
    book["三、依申请公开"].column_dimensions["A"].width = 10
    book["三、依申请公开"].column_dimensions["C"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""The printed layout of annual-report tables 二, 三 and 四 (国办公开办函〔2021〕30号 format).

The format fixes where every label sits, which cells are merged and how the header rows are
stacked; reports are checked against it, not only against their numbers. This module turns a
report's numbers into grids of cells with their spans, and both the HTML page and the XLSX
export draw those same grids, so the two can never disagree.
"""

from dataclasses import dataclass
from decimal import Decimal

from .outcomes import OUTCOME_GROUPS, OUTCOME_ROWS

# Table 三: value columns under 申请人情况 (key, label); the five 法人或其他组织 kinds in between.
APPLICANT_COLUMNS = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HANDLED_HEADING = "三、本年度办理结果"

# Table 二: four blocks of 第二十条; each row names its table 二 source keys, one per column.
TABLE_TWO_BLOCKS = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        [
            ("规章", ["regulations_issued", "regulations_repealed", "regulations_valid"]),
            ("行政规范性文件", ["normative_issued", "normative_repealed", "normative_valid"]),
        ],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["licensing_decisions"])]),
    (
        "第二十条第（六）项",
        ["本年处理决定数量"],
        [("行政处罚", ["penalty_decisions"]), ("行政强制", ["enforcement_decisions"])],
    ),
    (
        "第二十条第（八）项",
        ["本年收费金额（单位：万元）"],
        [("行政事业性收费", ["fees_amount"])],
    ),
]
TABLE_TWO_WIDTH = 4

# Table 四: 行政复议, then 行政诉讼 split into 未经复议直接起诉 and 复议后起诉, five results each.
REMEDY_BLOCKS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after", "复议后起诉"),
]
REMEDY_COLUMNS = [
    ("maintained", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]


@dataclass(frozen=True)
class Cell:
    """One table cell: header cells carry a `scope`, merged cells a colspan or rowspan."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    scope: str = ""
    value: int | Decimal | None = None


@dataclass(frozen=True)
class Grid:
    """A table as rows of cells; the first `head_rows` rows form the header (thead)."""

    caption: str
    rows: list[list[Cell]]
    head_rows: int
    width: int

    @property
    def columns(self) -> range:
        """One entry per column (templates draw a <col> each, for fixed column widths)."""
        return range(self.width)


def format_value(value) -> str:
    """Counts as written; amounts in 万元 without trailing zeros (12.5000 → 12.5)."""
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}"
        return text if text not in ("-0", "") else "0"
    return str(value)


def _number(value, colspan: int = 1) -> Cell:
    return Cell(format_value(value), colspan=colspan, value=value)


def table_two_grid(values: dict) -> Grid:
    """Table 二 as four stacked blocks, each with its own heading and 信息内容 header row."""
    rows: list[list[Cell]] = []
    for heading, columns, block_rows in TABLE_TWO_BLOCKS:
        rows.append([Cell(heading, colspan=TABLE_TWO_WIDTH, header=True, scope="colgroup")])
        span = (TABLE_TWO_WIDTH - 1) // len(columns)
        rows.append(
            [Cell("信息内容", header=True, scope="col")]
            + [Cell(label, colspan=span, header=True, scope="col") for label in columns]
        )
        for label, keys in block_rows:
            rows.append(
                [Cell(label, header=True, scope="row")]
                + [_number(values.get(key, 0), colspan=span) for key in keys]
            )
    return Grid("二、主动公开政府信息情况", rows, head_rows=0, width=TABLE_TWO_WIDTH)


def _values(row: dict) -> list[Cell]:
    return [_number(row.get(key, 0)) for key, _label in APPLICANT_COLUMNS]


def table_three_grid(values: dict) -> Grid:
    """Table 三: three label columns, 申请人情况 over seven value columns, 一 to 四 with 三's rows.

    `values` maps row keys ("new", "carried", each outcome code, "handled", "pending") to
    {column key: count}.
    """
    head = [
        [
            Cell(CHECK_NOTE, colspan=3, rowspan=3, header=True, scope="col"),
            Cell("申请人情况", colspan=7, header=True, scope="colgroup"),
        ],
        [
            Cell("自然人", rowspan=2, header=True, scope="col"),
            Cell("法人或其他组织", colspan=5, header=True, scope="colgroup"),
            Cell("总计", rowspan=2, header=True, scope="col"),
        ],
        [Cell(label, header=True, scope="col") for _key, label in APPLICANT_COLUMNS[1:6]],
    ]
    body = [
        [Cell("一、本年新收政府信息公开申请数量", colspan=3, header=True, scope="row")]
        + _values(values["new"]),
        [Cell("二、上年结转政府信息公开申请数量", colspan=3, header=True, scope="row")]
        + _values(values["carried"]),
    ]
    handled_rows = len(OUTCOME_ROWS) + 1  # the outcome rows and （七）总计
    first = True
    for group, heading in OUTCOME_GROUPS:
        codes = [(code, label) for code, label, g in OUTCOME_ROWS if g == group]
        for index, (code, label) in enumerate(codes):
            row = []
            if first:
                row.append(
                    Cell(HANDLED_HEADING, rowspan=handled_rows, header=True, scope="rowgroup")
                )
                first = False
            if len(codes) == 1:  # （一）予以公开, （二）部分公开: the kind is the row itself
                row.append(Cell(label, colspan=2, header=True, scope="row"))
            else:
                if index == 0:
                    row.append(Cell(heading, rowspan=len(codes), header=True, scope="rowgroup"))
                row.append(Cell(label, header=True, scope="row"))
            body.append(row + _values(values[code]))
    body.append(
        [Cell("（七）总计", colspan=2, header=True, scope="row")] + _values(values["handled"])
    )
    body.append(
        [Cell("四、结转下年度继续办理", colspan=3, header=True, scope="row")]
        + _values(values["pending"])
    )
    return Grid("三、收到和处理政府信息公开申请情况", head + body, head_rows=3, width=10)


def table_four_grid(values: dict) -> Grid:
    """Table 四: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), one data row of 15 numbers."""
    head = [
        [
            Cell("行政复议", colspan=5, header=True, scope="colgroup"),
            Cell("行政诉讼", colspan=10, header=True, scope="colgroup"),
        ],
        [Cell(label, rowspan=2, header=True, scope="col") for _key, label in REMEDY_COLUMNS]
        + [
            Cell(label, colspan=5, header=True, scope="colgroup")
            for _kind, label in REMEDY_BLOCKS[1:]
        ],
        [Cell(label, header=True, scope="col") for _key, label in REMEDY_COLUMNS] * 2,
    ]
    data = [
        _number(values[kind].get(key, 0))
        for kind, _label in REMEDY_BLOCKS
        for key, _l in REMEDY_COLUMNS
    ]
    return Grid("四、政府信息公开行政复议、行政诉讼情况", [*head, data], head_rows=3, width=15)


def place(grid: Grid):
    """Yield (row index, column index, cell) with columns shifted past cells merged from above.

    The HTML table does this implicitly; the XLSX writer needs absolute positions.
    """
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan

"""Table 二 of the annual report (国办公开办函〔2021〕30号) is fed by the apps owning the numbers.

The catalog counts 规章 and 行政规范性文件; approval results count 行政许可 decisions. An app
names its sources in its AppConfig as `annual_report_sources` (dotted paths), so it needs no
import of this app; `discover()` registers them when this app is ready. The report sums what
the sources return.
"""

from collections.abc import Callable
from decimal import Decimal

from django.apps import apps
from django.utils.module_loading import import_string

TABLE_TWO_ROWS = {
    "regulations_issued": "规章·本年制发件数",
    "regulations_repealed": "规章·本年废止件数",
    "regulations_valid": "规章·现行有效件数",
    "normative_issued": "行政规范性文件·本年制发件数",
    "normative_repealed": "行政规范性文件·本年废止件数",
    "normative_valid": "行政规范性文件·现行有效件数",
    "licensing_decisions": "行政许可·本年处理决定数量",
    "penalty_decisions": "行政处罚·本年处理决定数量",
    "enforcement_decisions": "行政强制·本年处理决定数量",
    "fees_amount": "行政事业性收费·本年收费金额（万元）",
}

TableTwoSource = Callable[[object, int], dict[str, int | Decimal]]
_sources: list[TableTwoSource] = []


def register_table_two_source(source: TableTwoSource) -> TableTwoSource:
    """Register `source(organisation, year) -> {row key: number}`; usable as a decorator."""
    if source not in _sources:
        _sources.append(source)
    return source


def discover() -> None:
    """Register every installed app's `annual_report_sources`."""
    for config in apps.get_app_configs():
        for path in getattr(config, "annual_report_sources", ()):
            register_table_two_source(import_string(path))


def table_two_counts(organisation, year: int) -> dict[str, int | Decimal]:
    """Every table 二 row for `organisation` and `year`, summed over the registered sources."""
    counts: dict[str, int | Decimal] = dict.fromkeys(TABLE_TWO_ROWS, 0)
    for source in _sources:
        for key, value in source(organisation, year).items():
            if key not in TABLE_TWO_ROWS:
                raise KeyError(f"unknown table 二 row: {key}")
            counts[key] += value
    return counts

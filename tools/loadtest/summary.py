"""Print throughput, p50/p95/p99 and errors (5xx apart) from locust's CSV files."""

import csv
import re
import sys
from pathlib import Path


def _rows(name: str) -> list[dict]:
    with Path(name).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def main(prefix: str) -> None:
    stats, failures = _rows(f"{prefix}_stats.csv"), _rows(f"{prefix}_failures.csv")
    server_errors = sum(
        int(row["Occurrences"]) for row in failures if re.search(r"\b5\d\d\b", row["Error"])
    )
    print(
        f"{'请求':<14} {'次数':>8} {'失败':>6} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7}  (ms)"
    )
    for row in stats:
        name = row["Name"] if row["Name"] != "Aggregated" else "合计"
        print(
            f"{name:<14} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>8.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    print(f"5xx 响应：{server_errors}")
    for row in failures:
        print(f"  失败：{row['Method']} {row['Name']} {row['Error']} × {row['Occurrences']}")


if __name__ == "__main__":
    main(sys.argv[1])

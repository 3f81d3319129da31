"""The exchange folder: files dropped by the approval system, picked up periodically.

Layout: <APPROVALS_EXCHANGE_DIR>/<source code>/<file>. A picked-up file moves to
processing/ (an atomic rename, so two workers never take the same file), then to done/ or
failed/ with its report beside it (<file>.report.csv). A file counts as failed when it cannot
be read or none of its rows could be stored.
"""

import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .files import FORMATS, UnreadableFile, intake_file
from .models import ApprovalSource

logger = logging.getLogger(__name__)


def exchange_dir() -> Path:
    return Path(settings.APPROVALS_EXCHANGE_DIR)


def pick_up(now: float | None = None) -> list[tuple[Path, str]]:
    """Process every settled file of every active source; returns (final path, summary)."""
    now = now or time.time()
    settle = getattr(settings, "APPROVALS_EXCHANGE_SETTLE_SECONDS", 30)
    handled = []
    for source in ApprovalSource.objects.filter(active=True):
        folder = exchange_dir() / source.code
        if not folder.is_dir():
            continue
        _requeue_stale(folder, now)
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.name.startswith(".") or path.suffix in {".part", ".tmp"}:
                continue
            if now - path.stat().st_mtime < settle:
                continue  # still being written
            handled.append(_process(source, path))
    return handled


def _process(source, path: Path) -> tuple[Path, str]:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    processing = folder_of(path, "processing") / f"{stamp}-{path.name}"
    try:
        path.rename(processing)
    except FileNotFoundError:
        return path, "已被其他进程处理"
    os.utime(processing)  # marks when processing started (see _requeue_stale)
    try:
        if processing.suffix.lower() not in FORMATS:
            raise UnreadableFile(f"不支持的文件格式，仅支持 {'、'.join(FORMATS)}")
        report = intake_file(source, processing)
    except UnreadableFile as error:
        target = folder_of(path, "failed") / processing.name
        processing.rename(target)
        target.with_name(target.name + ".report.csv").write_text(
            f"# 文件无法处理：{error}\n", encoding="utf-8-sig"
        )
        logger.warning("approval exchange file failed: %s: %s", target, error)
        return target, f"文件无法处理：{error}"
    outcome = "done" if report.stored or not report.total else "failed"
    target = folder_of(path, outcome) / processing.name
    processing.rename(target)
    report.path = target
    report.write(target.with_name(target.name + ".report.csv"))
    logger.info("approval exchange file %s: %s", outcome, report.summary())
    return target, report.summary()


def _requeue_stale(folder: Path, now: float) -> None:
    """A worker that died mid-file leaves it in processing/: put it back (intake is idempotent)."""
    stale_after = getattr(settings, "APPROVALS_EXCHANGE_STALE_SECONDS", 3600)
    processing = folder / "processing"
    if not processing.is_dir():
        return
    for path in processing.iterdir():
        if path.is_file() and now - path.stat().st_mtime > stale_after:
            original = path.name.split("-", 2)[-1]
            try:
                path.rename(folder / original)
            except FileNotFoundError:
                continue
            logger.warning("approval exchange file requeued after a stalled run: %s", original)


def folder_of(path: Path, name: str) -> Path:
    folder = path.parent / name
    folder.mkdir(exist_ok=True)
    return folder

"""Point 7: legacy import with row-level rejections and no duplicates on re-run."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from catalog.importing import COLUMNS
from catalog.models import DisclosureItemPage

pytestmark = [pytest.mark.django_db, pytest.mark.backends]

HEADERS = list(COLUMNS)
GOOD = {
    "名称": "云溪市关于印发《城市道路管理办法》的通知",
    "文号": "云政发[2019]12号",
    "成文日期": "2019-05-06",
    "发布日期": "2019/05/08",
    "主题分类": "城乡建设",
    "体裁分类": "通知",
    "五公开": "决策公开",
    "有效性": "有效",
    "第二十条事项": "1",
    "文件类别": "行政规范性文件",
    "内容概述": "规范城市道路建设、养护和管理。",
    "正文": "第一条 为加强城市道路管理，制定本办法。\n第二条 本办法适用于本市城市道路。",
}
LEGACY = GOOD | {
    "索引号": "yyzwzx-2010-000023",
    "名称": "关于2010年度财政预算执行情况的报告",
    "文号": "",
    "成文日期": "2010年3月2日",
    "发布日期": "2010年3月5日",
    "主题分类": "0401",
    "体裁分类": "报告",
    "第二十条事项": "7",
    "文件类别": "其他",
}
BAD_ROWS = [
    GOOD | {"名称": "发布早于成文", "发布日期": "2019-05-01", "文号": "云政发〔2019〕13号"},
    GOOD | {"名称": "未知分类", "主题分类": "星际旅行", "文号": "云政发〔2019〕14号"},
    GOOD | {"名称": "日期错误", "成文日期": "2019-02-30", "文号": "云政发〔2019〕15号"},
    GOOD | {"名称": "文号错误", "文号": "云政发2019第16号"},
    GOOD | {"名称": "<script>alert(1)</script>", "文号": "云政发〔2019〕17号"},
    GOOD | {"名称": ""},
    GOOD | {"名称": "联系人", "文号": "云政发〔2019〕18号", "内容概述": "联系人手机13812345678。"},
]


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADERS)
        writer.writeheader()
        writer.writerows(rows)


def _run(path, org="fgw"):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalog", str(path), org=org, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_import_keeps_good_rows_rejects_bad_ones_with_reasons(tmp_path, dept):
    path = tmp_path / "legacy.csv"
    _write_csv(path, [GOOD, *BAD_ROWS, LEGACY])
    out, err = _run(path)
    assert "导入 2 条，已存在跳过 0 条，拒绝 7 条。" in out
    assert "第3行未导入：发布日期：发布日期不能早于成文日期。" in err
    assert "第4行未导入：主题分类“星际旅行”不存在" in err
    assert "第5行未导入：成文日期“2019-02-30”不是有效日期" in err
    assert "第6行未导入：文号：文号“云政发2019第16号”格式不正确" in err
    assert "第7行未导入：标题：此处只能填写纯文本" in err
    assert "第8行未导入：缺少必填列：名称" in err
    assert "第9行未导入：内容概述：第6个字符处有未打码的手机号码“138****5678”" in err
    assert "13812345678" not in err
    item = DisclosureItemPage.objects.get(document_number="云政发〔2019〕12号")
    assert item.live and item.organisation == dept and item.topic.name == "城乡建设"
    assert item.get_parent().slug == "gzhgfxwj" and "<p>第二条" in item.body
    legacy = DisclosureItemPage.objects.get(index_number="yyzwzx-2010-000023")
    assert legacy.get_parent().slug == "czyjs" and legacy.publish_date.isoformat() == "2010-03-05"


def test_rerunning_the_same_file_creates_no_duplicates(tmp_path, dept):
    path = tmp_path / "legacy.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in (GOOD, LEGACY):
        sheet.append([row.get(header, "") for header in HEADERS])
    workbook.save(path)
    assert "导入 2 条" in _run(path)[0]
    assert "导入 0 条，已存在跳过 2 条，拒绝 0 条。" in _run(path)[0]
    assert DisclosureItemPage.objects.count() == 2


def test_unknown_organisation_is_refused(tmp_path, dept):
    from django.core.management.base import CommandError

    path = tmp_path / "legacy.csv"
    _write_csv(path, [GOOD])
    with pytest.raises(CommandError, match="机构“nope”不存在"):
        _run(path, org="nope")

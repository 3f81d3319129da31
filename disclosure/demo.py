"""Demo applications (虚构) in every state and outcome, spanning the National Day 2026 holidays.

Called by `manage.py load_demo`; idempotent: each demo application carries a fixed submission
token and is skipped when it already exists.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from cluster.demo.loader import DEMO_PASSWORD
from cluster.provisioning import role_group

from . import report_publishing, sample_files
from .models import AnnualReport, DisclosureRequest, Remedy
from .registration import register
from .workflow import perform

D = dt.date
APPLICANTS = [
    {"applicant_kind": "natural", "legal_kind": "", "applicant_name": "林晓雨", "id_type": "居民身份证",
     "id_number": "439001199203150021"},
    {"applicant_kind": "legal", "legal_kind": "business", "applicant_name": "云溪市恒远建材有限公司",
     "id_type": "统一社会信用代码", "id_number": "91439900MA4T000018", "legal_representative": "周建国"},
    {"applicant_kind": "legal", "legal_kind": "research", "applicant_name": "云溪大学城市发展研究院",
     "id_type": "统一社会信用代码", "id_number": "12439900MB0000021X"},
    {"applicant_kind": "legal", "legal_kind": "public_welfare", "applicant_name": "云溪市绿源环保公益协会",
     "id_type": "统一社会信用代码", "id_number": "51439900MJ00000316"},
    {"applicant_kind": "legal", "legal_kind": "legal_service", "applicant_name": "云溪明理律师事务所",
     "id_type": "统一社会信用代码", "id_number": "31439900MD00000423"},
    {"applicant_kind": "natural", "legal_kind": "", "applicant_name": "陈默", "id_type": "居民身份证",
     "id_number": "439001198811020035"},
]  # fmt: skip


def reply(kind, outcome, on, details="经审查，现将相关信息提供给您。"):
    return [("submit_reply", on, {"kind": kind, "outcome": outcome, "details": details}),
            ("approve_reply", on, {})]  # fmt: skip


# (received, description, steps); steps: (action, date, data)
SCENARIOS = [
    (D(2025, 12, 24), "2025年度重点项目投资计划执行情况", [("accept", D(2025, 12, 25), {}),
        *reply("disclosed", "disclosed", D(2026, 1, 14))]),
    (D(2026, 9, 25), "2026年城区道路改造项目立项批复", [("accept", D(2026, 9, 28), {}),
        *reply("disclosed", "disclosed", D(2026, 10, 20))]),
    (D(2026, 9, 29), "某企业节能审查意见", [("accept", D(2026, 9, 30), {}),
        ("consult_third_party", D(2026, 10, 8), {"note": "涉及企业商业秘密，书面征求意见"}),
        ("third_party_answered", D(2026, 10, 16), {}),
        *reply("partial", "partial", D(2026, 10, 30), "涉及商业秘密的部分已作区分处理。")]),
    (D(2026, 9, 30), "重大项目招商谈判过程记录", [("accept", D(2026, 10, 8), {}),
        *reply("withheld", "withheld_process", D(2026, 10, 22), "属于过程性信息，不予公开。")]),
    (D(2026, 10, 9), "2010年某项目原始档案", [("accept", D(2026, 10, 10), {}),
        *reply("not_exist", "unavailable_not_held", D(2026, 10, 28), "经检索，本机关未制作或获取该信息。")]),
    (D(2026, 10, 12), "已公开的2025年部门决算", [("accept", D(2026, 10, 13), {}),
        *reply("already_published", "disclosed", D(2026, 10, 15), "该信息已在本机关网站主动公开。")]),
    (D(2026, 10, 13), "同一事项再次申请", [*reply("repeat", "not_handled_repeat", D(2026, 10, 20),
        "与您此前的申请内容相同，不予重复处理。")]),
    (D(2026, 8, 3), "“有关文件”", [("request_correction", D(2026, 8, 5), {"reply_by": D(2026, 8, 19)}),
        ("correction_expired", D(2026, 8, 20), {})]),
    (D(2026, 8, 10), "近十年全部审批档案复印件", [("accept", D(2026, 8, 11), {}),
        ("issue_fee_notice", D(2026, 8, 12), {"method": "per_page", "pages": 320}),
        ("fee_expired", D(2026, 9, 25), {})]),
    (D(2026, 9, 28), "全市物价监测原始数据（大量）", [("accept", D(2026, 9, 29), {}),
        ("approve_extension", D(2026, 10, 20), {"days": 20, "note": "需汇总多个科室数据"})]),
    (D(2026, 10, 26), "某项目环评公众参与材料", [("accept", D(2026, 10, 27), {}),
        ("consult_third_party", D(2026, 11, 10), {"note": "征求建设单位意见"})]),
    (D(2026, 11, 2), "跨部门联合审批意见", [("accept", D(2026, 11, 3), {}),
        ("consult_other_organ", D(2026, 11, 12), {"note": "征求市财政局意见"})]),
    (D(2026, 11, 3), "2026年全部会议纪要", [("accept", D(2026, 11, 4), {}),
        ("issue_fee_notice", D(2026, 11, 5), {"method": "per_page", "pages": 150})]),
    (D(2026, 10, 30), "价格调整听证会记录", [("accept", D(2026, 11, 2), {}),
        ("submit_reply", D(2026, 11, 18), {"kind": "disclosed", "outcome": "disclosed",
                                           "details": "现提供听证会记录电子版。"})]),
    (D(2026, 11, 16), "表述不清的申请", [("request_correction", D(2026, 11, 17), {"reply_by": D(2026, 12, 4)})]),
    (D(2026, 11, 17), "2026年第三季度项目审批清单", [("review", D(2026, 11, 18), {})]),
    (D(2026, 11, 18), "2027年度预算编制说明", []),
    (D(2026, 11, 9), "2026年新能源项目备案清单", [("accept", D(2026, 11, 10), {})]),
]  # fmt: skip
SHORT = {0, 1, 3, 7, 12, 15, 16}  # the scenarios every other organisation gets


def load_demo(organisations, log=print):
    """Officer and head accounts per organisation, and the demo applications."""
    accounts = []
    for key, organisation in organisations.items():
        head = _account(organisation, key, "head", "公开工作机构负责人")
        accounts.append(
            (head.username, DEMO_PASSWORD, f"{organisation.short_name}·公开工作机构负责人")
        )
        officer = _account(organisation, key, "officer", "依申请公开经办人")
        accounts.append(
            (officer.username, DEMO_PASSWORD, f"{organisation.short_name}·依申请公开经办人")
        )
        wanted = range(len(SCENARIOS)) if key in ("fgw", "portal") else sorted(SHORT)
        created = sum(_scenario(organisation, key, index, head, officer) for index in wanted)
        _reports(organisation)
        log(f"{organisation.name}: {created} 件新依申请公开演示申请")
    return accounts


def _account(organisation, key, role, label):
    user, created = get_user_model().objects.get_or_create(
        username=f"{key}_{role}",
        defaults={
            "first_name": f"{organisation.short_name}{label}",
            "email": f"{key}_{role}@example.com",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(role_group(organisation, role))
    return user


def _actor(action, head, officer):
    """Who takes a demo step: the system for expiries, the officer drafts replies (the head
    may not approve a reply he drafted), the head does the rest."""
    if action.endswith("expired"):
        return None
    return officer if action == "submit_reply" else head


def _scenario(organisation, key, index, head, officer) -> bool:
    token = f"demo-{key}-{index}"
    if DisclosureRequest.objects.filter(submission_token=token).exists():
        return False
    received, description, steps = SCENARIOS[index]
    applicant = APPLICANTS[(index + len(key)) % len(APPLICANTS)]
    request, _code = register(
        organisation=organisation, submitted_on=received, received_on=received,
        submission_token=token, channel="online" if index % 2 else "mail", phone="0739-8800000",
        description=description, information_form="electronic", delivery="email",
        email="applicant@example.com", files=sample_files.for_application(index, applicant),
        **applicant,
    )  # fmt: skip
    for action, on, data in steps:
        if action == "submit_reply":
            data = {**data, "files": sample_files.for_reply(index, description)}
        perform(request, action, _actor(action, head, officer), on=on, **data)
    if index == 3:
        Remedy.objects.create(request=request, kind="reconsideration", filed_on=D(2026, 11, 5),
                              result="maintained", decided_on=D(2026, 11, 19))  # fmt: skip
    return True


def _reports(organisation):
    report, _created = AnnualReport.objects.get_or_create(
        organisation=organisation,
        year=2026,
        defaults={
            "overview": f"<p>{organisation.name}坚持以公开为常态、不公开为例外，依法办理政府信息公开申请。"
            "（演示数据，统计截至演示日期。）</p>",
            "problems": "<p>个别申请答复说理不够充分。下一步将加强答复书规范化建设。</p>",
            "other_matters": "<p>本年度未收取信息处理费。</p>",
            "penalty_decisions": 3,
        },
    )
    report_publishing.publish(report)  # freezes the tables and files it in the catalog

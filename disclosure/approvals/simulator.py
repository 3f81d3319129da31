"""Plays the city's approval system: realistic approval items and result records.

Used by the demo (approval items and guides), by `play_approval_system` (a few hundred
records, some deliberately invalid) and by the intake benchmark. All names, numbers and
addresses are fictional (虚构，仅供演示).
"""

import datetime as dt
import random

from cluster.personal_data import ID_CARD_CHECK, ID_CARD_WEIGHTS
from cluster.validators import credit_code_check_character

_COMMON_GUIDE = {
    "procedure": "1. 申请人通过云溪市政务服务网或市民之家窗口提交申请；\n2. 窗口受理（材料不全的一次性告知补正）；\n3. 审查（需要现场核查的组织核查）；\n4. 作出准予或不予许可的决定；\n5. 送达决定书或证照，并在7个工作日内公示结果。",
    "fees": "不收费。",
    "complaint_channel": "云溪市12345政务服务便民热线；云溪市行政审批服务局投诉电话 0739-8812690；云溪市政务服务网“好差评”。",
}
ITEMS = {
    "spj": [
        {
            "code": "YX-SP-0101",
            "name": "建筑工程施工许可证核发",
            "category": "普通",
            "legal_basis": "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）。",
            "conditions": "已办理用地批准手续；已取得建设工程规划许可证；施工场地已基本具备施工条件；已确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料。",
            "materials": "1. 建筑工程施工许可证申请表；\n2. 用地批准手续及规划许可证；\n3. 施工合同；\n4. 施工图设计文件审查合格书；\n5. 资金到位承诺书。",
            "time_limit": "法定办结时限：15个工作日；承诺办结时限：5个工作日。",
            "promised_days": 5,
        },
        {
            "code": "YX-SP-0203",
            "name": "食品经营许可",
            "category": "普通",
            "legal_basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。",
            "conditions": "具有与经营的食品品种、数量相适应的经营场所和设施设备；有专职或兼职的食品安全管理人员和管理制度。",
            "materials": "1. 食品经营许可申请书；\n2. 营业执照复印件；\n3. 经营场所平面图和设备布局图；\n4. 食品安全管理制度文本。",
            "time_limit": "法定办结时限：10个工作日；承诺办结时限：3个工作日。",
            "promised_days": 3,
        },
        {
            "code": "YX-SP-0305",
            "name": "公共场所卫生许可",
            "category": "普通",
            "legal_basis": "《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条。",
            "conditions": "经营场所符合卫生标准和要求；有卫生管理制度和卫生管理人员。",
            "materials": "1. 卫生许可申请表；\n2. 营业执照；\n3. 场所平面图；\n4. 卫生检测报告。",
            "time_limit": "法定办结时限：20个工作日；承诺办结时限：5个工作日。",
            "promised_days": 5,
        },
        {
            "code": "YX-SP-0410",
            "name": "医疗机构执业登记",
            "category": "登记",
            "legal_basis": "《医疗机构管理条例》第十五条；《医疗机构管理条例实施细则》第二十五条。",
            "conditions": "符合医疗机构基本标准；有相应的医务人员和设备；有必要的规章制度。",
            "materials": "1. 医疗机构执业登记申请书；\n2. 设置医疗机构批准书；\n3. 医务人员资格证书；\n4. 房屋产权证明或租赁协议。",
            "time_limit": "法定办结时限：45日；承诺办结时限：10个工作日。",
            "promised_days": 10,
        },
    ],
    "fgw": [
        {
            "code": "YX-FG-0102",
            "name": "企业投资项目核准",
            "category": "核准",
            "legal_basis": "《企业投资项目核准和备案管理条例》（国务院令第673号）第六条；《政府核准的投资项目目录》。",
            "conditions": "项目符合国家法律法规和宏观调控政策；符合发展规划、产业政策和准入标准；合理开发利用资源；不影响国家安全和生态安全。",
            "materials": "1. 项目申请报告；\n2. 城乡规划、用地预审意见；\n3. 法律法规规定的其他文件。",
            "time_limit": "法定办结时限：20个工作日；承诺办结时限：10个工作日。",
            "promised_days": 10,
        },
        {
            "code": "YX-FG-0207",
            "name": "固定资产投资项目节能审查",
            "category": "其他",
            "legal_basis": "《中华人民共和国节约能源法》第十五条；《固定资产投资项目节能审查办法》。",
            "conditions": "年综合能源消费量达到审查标准的固定资产投资项目。",
            "materials": "1. 节能审查申请；\n2. 节能报告。",
            "time_limit": "承诺办结时限：10个工作日。",
            "promised_days": 10,
        },
    ],
    "czj": [
        {
            "code": "YX-CZ-0101",
            "name": "代理记账机构执业许可",
            "category": "普通",
            "legal_basis": "《中华人民共和国会计法》第三十六条；《代理记账管理办法》（财政部令第98号）第三条。",
            "conditions": "为依法设立的企业；专职从业人员不少于3名；主管代理记账业务的负责人具有会计师以上职称；有健全的代理记账业务内部规范。",
            "materials": "1. 代理记账执业许可申请表；\n2. 专职从业人员身份及专业能力证明；\n3. 业务规范和内部管理制度。",
            "time_limit": "法定办结时限：10日；承诺办结时限：5个工作日。",
            "promised_days": 5,
        },
    ],
    "qsx": [
        {
            "code": "YX-QS-0301",
            "name": "取水许可",
            "category": "普通",
            "legal_basis": "《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》第二条。",
            "conditions": "取水符合水资源规划和水量分配方案；有取水论证报告或论证表。",
            "materials": "1. 取水许可申请书；\n2. 建设项目水资源论证报告；\n3. 与第三者利害关系的相关说明。",
            "time_limit": "法定办结时限：45日；承诺办结时限：15个工作日。",
            "promised_days": 15,
        },
    ],
}
for _items in ITEMS.values():
    for _item in _items:
        for _key, _value in _COMMON_GUIDE.items():
            _item.setdefault(_key, _value)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = (
    "建华",
    "秀英",
    "志强",
    "丽娟",
    "海燕",
    "国平",
    "晓东",
    "春梅",
    "文杰",
    "桂兰",
    "德明",
    "雪梅",
)
PLACES = ("溪城", "青山", "云岭", "白沙", "桃源", "龙泉", "石门", "清水")
TRADES = (
    ("建筑工程", "建设"),
    ("食品", "商贸"),
    ("医药连锁", "医药"),
    ("酒店管理", "服务"),
    ("代理记账", "财务咨询"),
    ("新能源", "科技"),
    ("水务", "环保"),
)
STREETS = ("解放路", "人民路", "迎宾大道", "建设街", "溪湖路", "龙泉路")


def company_credit_code(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "914399" + "00" + "".join(rng.choice(alphabet) for _ in range(9))
    return first17 + credit_code_check_character(first17)


def resident_id(rng: random.Random, born: dt.date) -> str:
    first17 = f"4399{rng.randint(1, 30):02d}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(d) * w for d, w in zip(first17, ID_CARD_WEIGHTS, strict=True))
    return first17 + ID_CARD_CHECK[total % 11]


def _person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _mobile(rng):
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def make_record(rng: random.Random, organisation, item: dict | None, serial: str, today: dt.date):
    """One valid record issued by `organisation` for `item` (None: no guide link)."""
    # Most decisions are recent (published on time); some are a backlog of older ones.
    decided = today - dt.timedelta(
        days=rng.randint(1, 8) if rng.random() < 0.8 else rng.randint(9, 180)
    )
    applied = decided - dt.timedelta(days=rng.randint(1, 20))
    kind = rng.choices(("法人及非法人组织", "自然人", "个体工商户"), weights=(70, 15, 15))[0]
    legal = _person(rng)
    born = dt.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
    place = rng.choice(PLACES)
    trade, suffix = rng.choice(TRADES)
    if kind == "自然人":
        holder, code = legal, ""
    elif kind == "个体工商户":
        holder, code = f"云溪市{place}区{legal[0]}记{trade}店", company_credit_code(rng)
    else:
        holder, code = f"云溪{place}{trade}{suffix}有限公司", company_credit_code(rng)
    item_name = item["name"] if item else "行政许可"
    valid_to = decided + dt.timedelta(days=365 * rng.randint(1, 5))
    record = {
        "holder_name": holder,
        "holder_type": kind,
        "holder_credit_code": code,
        "legal_representative": legal,
        "legal_representative_id_type": "身份证",
        "legal_representative_id_number": resident_id(rng, born),
        "decision_document_name": f"{item_name}决定书",
        "decision_document_number": f"云{organisation.short_name[:2]}许字〔{decided.year}〕{serial}号",
        "category": item["category"] if item else "普通",
        "licence_name": f"{item_name}证" if item else "",
        "licence_number": f"YX{decided:%Y%m}{serial}",
        "content": f"准予{item_name}。",
        "decision_date": decided.isoformat(),
        "valid_from": decided.isoformat(),
        "valid_to": valid_to.isoformat(),
        "authority_name": organisation.name,
        "authority_credit_code": organisation.credit_code,
        "status": "有效",
        "data_source_name": organisation.name,
        "data_source_credit_code": organisation.credit_code,
        "item_code": item["code"] if item else "",
        "application_date": applied.isoformat(),
    }
    if kind != "法人及非法人组织":
        record["holder_address"] = f"云溪市{place}区{rng.choice(STREETS)}{rng.randint(1, 300)}号"
        record["holder_phone"] = _mobile(rng)
    if rng.random() < 0.05:
        record["status"] = rng.choice(("撤销", "注销", "吊销"))
        record["status_date"] = min(
            today, decided + dt.timedelta(days=rng.randint(1, 60))
        ).isoformat()
    return record


def _break(rng: random.Random, record: dict, today: dt.date) -> dict:
    """Spoil a valid record in one of the ways the intake must refuse."""
    kind = rng.randrange(9)
    if kind == 0:
        code = record["holder_credit_code"] or company_credit_code(rng)
        record["holder_credit_code"] = code[:17] + ("0" if code[17] != "0" else "1")
    elif kind == 1:
        record["valid_from"], record["valid_to"] = record["valid_to"], record["valid_from"]
    elif kind == 2:
        future = (today + dt.timedelta(days=rng.randint(3, 30))).isoformat()
        record["decision_date"] = record["valid_from"] = future
    elif kind == 3:
        record["content"] += "<script>alert('x')</script>"
    elif kind == 4:
        record["authority_credit_code"] = "11100000000013127D"
    elif kind == 5:
        del record["holder_name"]
    elif kind == 6:
        record["licence_number"] = rng.randint(10**8, 10**9)
    elif kind == 7:
        record["category"] = "一般许可"
    else:
        record["decision_date"] = "2026/13/45"
    return record


def generate(
    organisations,
    count: int,
    *,
    seed: int = 2026,
    invalid_ratio: float = 0.08,
    prefix: str = "",
    today: dt.date | None = None,
) -> list[dict]:
    """`count` records spread over `organisations` (each with its ITEMS when it has any)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rng = random.Random(seed)
    records = []
    for number in range(1, count + 1):
        organisation = organisations[number % len(organisations)]
        items = ITEMS.get(organisation.slug, [])
        item = rng.choice(items) if items and rng.random() < 0.9 else None
        record = make_record(rng, organisation, item, f"{prefix}{number:05d}", today)
        if rng.random() < invalid_ratio:
            record = _break(rng, record, today)
        records.append(record)
    return records

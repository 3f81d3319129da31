"""Chinese vocabulary for generated data, drawn from the demo content so generated pages read
like the demo's: organisations beyond the five demo ones, and title/body building blocks."""

from catalog import demo_content as catalog_demo
from cluster.demo import content as site_demo

CITY = site_demo.CITY_NAME  # 云溪市 (fictional)

# (slug, full name, short name, level) of the organisations after the demo's five.
DEPARTMENTS = [
    ("jyj", "教育局", "市教育局"), ("kjj", "科学技术局", "市科技局"),
    ("gxj", "工业和信息化局", "市工业和信息化局"), ("mzj", "民政局", "市民政局"),
    ("sfj", "司法局", "市司法局"), ("rsj", "人力资源和社会保障局", "市人力资源社会保障局"),
    ("zrzyj", "自然资源和规划局", "市自然资源规划局"), ("sthjj", "生态环境局", "市生态环境局"),
    ("zjj", "住房和城乡建设局", "市住房城乡建设局"), ("jtj", "交通运输局", "市交通运输局"),
    ("slj", "水利局", "市水利局"), ("nyj", "农业农村局", "市农业农村局"),
    ("swj", "商务局", "市商务局"), ("wlj", "文化旅游广电体育局", "市文化旅游广电体育局"),
    ("wjw", "卫生健康委员会", "市卫生健康委"), ("tyjrj", "退役军人事务局", "市退役军人事务局"),
    ("yjj", "应急管理局", "市应急管理局"), ("sjj", "审计局", "市审计局"),
    ("gzw", "人民政府国有资产监督管理委员会", "市国资委"), ("scjgj", "市场监督管理局", "市市场监管局"),
    ("tjj", "统计局", "市统计局"), ("ybj", "医疗保障局", "市医保局"),
    ("cgj", "城市管理局", "市城市管理局"), ("lyj", "林业局", "市林业局"),
    ("xfj", "信访局", "市信访局"), ("sjzyj", "政务服务数据管理局", "市政务服务数据管理局"),
    ("jrb", "地方金融管理局", "市地方金融管理局"), ("gaj", "公安局", "市公安局"),
    ("mzzj", "民族宗教事务局", "市民族宗教事务局"), ("rfb", "人民防空办公室", "市人防办"),
    ("ghj", "粮食和物资储备局", "市粮食和物资储备局"), ("jgswj", "机关事务管理局", "市机关事务管理局"),
    ("xzb", "乡村振兴局", "市乡村振兴局"), ("zxj", "招商投资促进局", "市投资促进局"),
]  # fmt: skip
COUNTIES = [
    ("xcq", "溪城区人民政府", "溪城区政府", "county"), ("bsx", "白沙县人民政府", "白沙县政府", "county"),
    ("tyx", "桃源县人民政府", "桃源县政府", "county"), ("lqs", "龙泉市人民政府", "龙泉市政府", "county"),
    ("smx", "石门县人民政府", "石门县政府", "county"), ("qsq", "清水区人民政府", "清水区政府", "county"),
    ("ylx", "云岭县人民政府", "云岭县政府", "county"), ("hxq", "湖西区人民政府", "湖西区政府", "county"),
    ("dpx", "东坪县人民政府", "东坪县政府", "county"), ("nsx", "南山县人民政府", "南山县政府", "county"),
    ("bhx", "碧湖县人民政府", "碧湖县政府", "county"), ("fcx", "丰城县人民政府", "丰城县政府", "county"),
]  # fmt: skip

TOPICS = str.split(
    "营商环境 政务服务 重大项目 财政预算 乡村振兴 防汛抗旱 森林防火 公开招聘 价格监测 天然气保供 "
    "医疗保障 社会保险 城市更新 生态环境保护 大气污染防治 耕地保护 农田水利 交通运输 义务教育 "
    "卫生健康 住房保障 养老服务 就业创业 科技创新 招商引资 安全生产 应急管理 市场监管 知识产权 "
    "文化旅游 公共数据 老旧小区改造 消费券发放 冬季供暖 人才引进 中小企业发展 数字政府 河湖长制"
)
ACTIONS = str.split(
    "召开 部署 推进 开展 启动 调研 督导 通报 深化 落实 加强 优化 规范 表彰 签约 举办"
)
NEWS_NOUNS = str.split("工作会议 推进会 现场会 专题培训 座谈会 调度会 专项行动 检查 工作")
# 体裁 value → how a title of that genre ends.
GENRE_TITLES = {
    "notice": "的通知", "announcement": "的公告", "public_notice": "的通告", "opinion": "的实施意见",
    "decision": "的决定", "report": "情况的报告", "bulletin": "情况的通报",
}  # fmt: skip
POLICY_KINDS = str.split("实施方案 管理办法 实施细则 工作规范 行动计划 若干措施 工作要点")


def _sentences():
    """Sentences of the demo articles and demo catalog items, for generated bodies."""
    found = []
    for articles in site_demo.ARTICLES.values():
        for article in articles:
            for paragraph in article["body"]:
                found += [s + "。" for s in paragraph.split("。") if len(s) > 12]
    for item in catalog_demo.COMMON_ITEMS:
        found += [point for point in item.get("points", []) if "{" not in point]
    return found


SENTENCES = _sentences()
AUTHORS = str.split("刘晓舟 陈思语 王立新 张雨桐 李明轩 赵欣然 周文博 孙嘉怡 何思远 吴凯")

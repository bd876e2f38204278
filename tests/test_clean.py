"""Unit tests of the clean stage on synthetic documents in the style of other
Chinese government / news sites (never the seeds): every rule is exercised on
inputs the seeds do not contain."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import clean
from generator.models import RawDocument
from generator.read import read_bytes

BODY = "今年以来，我县坚持项目为王，全力推进产业集聚区提质发展，一季度完成固定资产投资45.6亿元，同比增长12.3%。"
BODY2 = "会议要求，各乡镇、各部门要进一步统一思想，强化措施，确保全年目标任务圆满完成。"


def raw(text: str, name: str = "t_doc.txt") -> RawDocument:
    return read_bytes(name, text.encode("utf-8"))


def run(text: str, profile: clean.CorpusProfile | None = None):
    r = raw(text)
    doc = clean.clean(r, profile or clean.CorpusProfile())
    assert clean.conservation_residue(r.text, doc) == ""
    return doc


def rules_of(doc, action: str | None = None) -> set[str]:
    return {e.rule for e in doc.record if action is None or e.action == action}


def roles(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in doc.cues:
        out.setdefault(c.role, []).append(c.text)
    return out


# --- chrome lines: (line, rule id, action) ----------------------------------

CHROME = [
    ("【打印】【关闭】", "chrome.page_controls", "removed"),
    ("【字体：大 中 小】【打印本页】【关闭窗口】", "chrome.page_controls", "removed"),
    ("[打印此文] [关闭窗口] [返回顶部]", "chrome.page_controls", "removed"),
    ("分享到：微信 微博 QQ空间", "chrome.share", "removed"),
    ("上一篇：我市召开春季农业生产现场会", "chrome.prev_next", "removed"),
    ("下一篇：洛阳市2015年重点项目名单公布", "chrome.prev_next", "removed"),
    ("当前位置：首页 > 新闻中心 > 县区动态", "chrome.breadcrumb", "removed"),
    ("首页>>政务公开>>部门动态", "chrome.breadcrumb", "removed"),
    ("首页 / 要闻动态 / 政务要闻", "chrome.breadcrumb", "removed"),
    ("字体大小[]打印", "chrome.page_controls", "removed"),
    ("顶一下", "chrome.vote", "removed"),
    ("(0)", "chrome.vote", "removed"),
    ("0%", "chrome.vote", "removed"),
    ("支持(12)", "chrome.vote", "removed"),
    ("广告位", "chrome.ad", "removed"),
    ("热门搜索：新闻发布会 营商环境 放管服", "chrome.search_box", "removed"),
    ("百度推荐", "chrome.related", "removed"),
    ("共有人强势围观,期待你的评论!评论区", "chrome.comments", "removed"),
    ("信息发布者：吴某某", "chrome.editor", "removed"),
    ("扫描到手机,新闻随时看", "chrome.app_promo", "removed"),
    ("首页 | 新闻 | 政务公开 | 信息公开 | 互动交流", "chrome.nav", "removed"),
    ("要闻", "chrome.nav", "removed"),
    ("切换城市", "chrome.nav", "removed"),
    ("关于我们 | 联系我们 | 网站地图 | 法律声明", "chrome.link_row", "removed"),
    ("报社简介 · 广告刊例 · 投稿须知 · 联系方式 · 友情链接", "chrome.link_row", "removed"),
    ("豫ICP备05001234号-1", "chrome.registration", "removed"),
    ("豫公网安备 41030202000123号", "chrome.registration", "removed"),
    ("网站标识码：4103000012", "chrome.registration", "removed"),
    ("违法和不良信息举报电话：0371-12345678", "chrome.report", "removed"),
    ("举报邮箱：jubao@example.com.cn", "chrome.report", "removed"),
    ("E-mail：news@lyd.com.cn", "chrome.report", "removed"),
    ("技术支持：洛阳某某网络科技有限公司", "chrome.tech_support", "removed"),
    ("责任编辑：王小二", "chrome.editor", "removed"),
    ("（编辑 陈某某）", "chrome.editor", "removed"),
    ("[责任编辑:李四 王五]", "chrome.editor", "removed"),
    ("阅读：1234", "chrome.counter", "removed"),
    ("评论(0) 阅读(356) 收藏", "chrome.counter", "removed"),
    ("扫一扫在手机打开当前页", "chrome.app_promo", "removed"),
    ("关注微信公众号，获取更多资讯", "chrome.app_promo", "removed"),
    ("（完）", "chrome.end_mark", "removed"),
    ("｜", "chrome.separator", "removed"),
    ("------------------------", "chrome.separator", "removed"),
    # lines that name the site are lifted (body loses them, metadata learns the site)
    ("洛阳网版权所有 未经授权禁止复制", "chrome.copyright", "lifted"),
    ("Copyright © 2003-2024 大河网 All Rights Reserved", "chrome.copyright", "lifted"),
    ("免责声明：本文为河南商务网网友自行发布，仅代表作者观点。", "chrome.disclaimer", "lifted"),
    ("凡本网注明“来源：大河网”的所有作品，版权均属于大河网，转载请注明出处。", "chrome.disclaimer", "lifted"),
    ("本文来源于人民网", "cue.source_ref", "lifted"),
    ("原标题：洛阳高新区一季度签约项目12个", "cue.original_title", "lifted"),
    # e-paper, WeChat and official-document furniture
    ("上一期\u3000下一期", "chrome.prev_next", "removed"),
    ("上一版 下一版 返回目录", "chrome.prev_next", "removed"),
    ("点击上方蓝字关注我们", "chrome.wechat", "removed"),
    ("阅读原文", "chrome.wechat", "removed"),
    ("（此件公开发布）", "chrome.release_note", "removed"),
    ("[打印此页]\u3000[关闭窗口]", "chrome.page_controls", "removed"),
    ("编辑｜刘洋", "chrome.editor", "removed"),
    ("图片｜许昌市商务局", "cue.byline", "lifted"),
    ("以上内容来源：许昌日报", "cue.source_ref", "lifted"),
    # traditional characters meet the same rules
    ("責任編輯：陳宇", "chrome.editor", "removed"),
    ("【字體：大 中 小】【打印】【關閉】", "chrome.page_controls", "removed"),
    # Furniture seen on real pages of the genre (issue 12); the lines here are written for the tests.
    ("上一篇  下一篇", "chrome.prev_next", "removed"),
    ("责编：王某 | 审核：李某 | 监制：赵某", "chrome.editor", "removed"),
    ("Top", "chrome.latin_token", "removed"),
    ("share weibo", "chrome.latin_token", "removed"),
    ("20230412_0931.png", "chrome.image_file", "removed"),
    ("园区一期厂房全景5.JPG", "chrome.image_file", "removed"),
    ("网友评论（共有 3 条评论）", "chrome.comments", "removed"),
    ("！我要举报这篇文章", "chrome.comments", "removed"),
    ("关键词：", "chrome.empty_label", "removed"),
    ("发布时间：", "chrome.empty_label", "removed"),
    ("打开大河客户端 阅读全文", "chrome.app_promo", "removed"),
    ("手机扫码 随时看", "chrome.app_promo", "removed"),
    ("编辑短信 XX 发送到 10658000 即可订阅《某市手机报》", "chrome.subscription", "removed"),
    ("您的浏览器版本太低，请升级至最新版本浏览", "chrome.page_notice", "removed"),
    ("本文由某某网注册会员上传并发布，该网仅提供信息发布平台。", "chrome.page_notice", "removed"),
    ("精品av 一区二区 国产成人 亚洲无码", "chrome.spam", "removed"),
    ("某县举行第二批项目集中开工活动_某某新闻网", "chrome.page_title", "removed"),
    ("欢迎访问某某县人民政府网站！", "chrome.welcome", "removed"),
    ("热门推荐", "chrome.nav", "removed"),
    ("来自：某某日报；王某", "cue.source_ref", "lifted"),
]


@pytest.mark.parametrize("line,rule,action", CHROME, ids=[c[0][:12] for c in CHROME])
def test_chrome_line_is_taken_out_of_the_body(line, rule, action):
    doc = run(f"{BODY}\n\n{line}\n\n{BODY2}\n")
    assert line not in doc.body_text
    assert rule in rules_of(doc, action)
    assert BODY.replace("，", "") in doc.body_text.replace("，", "")
    assert "各乡镇、各部门要进一步统一思想" in doc.body_text


@pytest.mark.parametrize("line", [
    "网站简介 - 联系我们 - 版权声明 - 广告服务 - 网站地图",
    "主办：洛阳市人民政府办公室  承办：洛阳市大数据管理局",
    "地址：洛阳市开元大道218号  邮编：471000  电话：0379-63900000",
    "【返回顶部】",
])
def test_footer_chrome_after_last_paragraph(line):
    doc = run(f"洛阳市召开重点项目推进会\n\n{BODY}\n\n{BODY2}\n\n{line}\n")
    assert line not in doc.body_text
    assert doc.blocks[-1].text.startswith("会议要求")


def test_related_list_after_marker_is_chrome():
    doc = run(f"标题：项目建设再提速\n\n{BODY}\n\n相关新闻\n\n我市召开项目观摩点评会\n\n郑州航空港区新签约项目20个\n")
    assert "相关新闻" not in doc.body_text
    assert "观摩点评会" not in doc.body_text and "新签约" not in doc.body_text


def test_site_naming_lines_become_cues():
    doc = run(f"{BODY}\n\n大河网版权所有\n\n免责声明：本文为工业信息网用户自行上传，不代表本站立场。\n")
    footer = roles(doc)["footer"]
    assert "大河网版权所有" in footer
    assert any("工业信息网" in f for f in footer)


def test_disclaimer_without_site_is_only_removed():
    doc = run(f"{BODY}\n\n声明：文章内容仅代表作者观点，转载请注明出处。\n")
    assert "声明" not in doc.body_text
    assert not doc.cues


# --- header lines carrying metadata ----------------------------------------

def test_meta_header_line_is_lifted_and_counters_removed():
    text = ("洛阳高新区一季度签约项目12个\n\n"
            "来源：洛阳日报  作者：王某  发布时间：2015-03-02 09:12  浏览次数：88  评论：3\n\n"
            f"{BODY}\n")
    doc = run(text)
    r = roles(doc)
    assert r["headline"] == ["洛阳高新区一季度签约项目12个"]
    assert any("来源：洛阳日报" in h and "2015-03-02" in h for h in r["header"])
    assert "chrome.counter" in rules_of(doc, "removed")
    assert not any("评论" in c.text for c in doc.cues)
    assert doc.blocks[0].text.startswith("今年以来")


def test_scattered_date_fragments_become_one_date_cue():
    doc = run(f"大河网\n本地\n许昌市召开产业集聚区观摩会\n2015\n05/06\n09:30\n\n{BODY}\n")
    assert roles(doc)["date"] == ["2015 05/06 09:30"]
    assert roles(doc)["headline"] == ["许昌市召开产业集聚区观摩会"]


@pytest.mark.parametrize("lead,dateline,byline", [
    ("大河网讯（记者 李四 通讯员 王五）", "大河网讯", "（记者 李四 通讯员 王五）"),
    ("人民网郑州4月30日电 （记者 张三）", "人民网郑州4月30日电", "（记者 张三）"),
    ("本报讯（记者 赵六）", "本报讯", "（记者 赵六）"),
    ("洛阳网讯 ", "洛阳网讯", None),
])
def test_lead_dateline_and_byline_are_cut_from_first_paragraph(lead, dateline, byline):
    doc = run(f"周口市重点项目集中开工\n\n{lead}5月6日，{BODY}\n\n{BODY2}\n")
    r = roles(doc)
    assert r["dateline"] == [dateline]
    if byline:
        assert r["byline"] == [byline]
    assert doc.blocks[0].text.startswith("5月6日，今年以来")


@pytest.mark.parametrize("line", ["■本报记者 刘某某 通讯员 孙某", "记者 张三 李四", "文/图 本报记者 周某"])
def test_byline_lines(line):
    doc = run(f"鹤壁市项目建设掀热潮\n\n{line}\n\n{BODY}\n")
    assert roles(doc)["byline"] == [line]
    assert line not in doc.body_text


def test_paper_name_date_and_page_code_in_footer():
    doc = run(f"{BODY}\n\n{BODY2}\n\n洛阳日报 2015年3月2日\n\nA03\n\n第02版：要闻\n")
    r = roles(doc)
    assert r["source"] == ["洛阳日报 2015年3月2日"]
    assert r["page"] == ["A03", "第02版：要闻"]
    assert doc.body_text.count("\n") == 1


def test_continuation_markers_are_removed_and_recorded():
    doc = run(f"（上接第一版）{BODY}\n\n{BODY2}（下转A3版）\n\n(紧接02版)各县区要抓好落实。\n")
    removed = [e.text for e in doc.record if e.rule == "chrome.continuation"]
    assert removed == ["（上接第一版）", "（下转A3版）", "(紧接02版)"]
    assert "版）" not in doc.body_text and "版)" not in doc.body_text


def test_markdown_prefixes_are_artefacts_and_hint_headline_subtitle():
    doc = run(f"# 项目为王 实干为先\n\n## 全县重点项目推进会召开\n\n{BODY}\n")
    r = roles(doc)
    assert r["headline"] == ["项目为王 实干为先"] and r["subtitle"] == ["全县重点项目推进会召开"]
    assert "artefact.md_heading" in rules_of(doc, "removed")
    assert "#" not in doc.body_text


def test_kicker_above_headline():
    doc = run(f"王某某在全县招商引资工作会议上要求\n以更大力度推进开放招商\n\n{BODY}\n")
    r = roles(doc)
    assert r["kicker"] == ["王某某在全县招商引资工作会议上要求"]
    assert r["headline"] == ["以更大力度推进开放招商"]


def test_speech_header():
    text = ("在全市产业集聚区建设推进会上的讲话\n——在全市产业集聚区建设推进会上的讲话\n（2015年7月20日）\n\n"
            "同志们：\n\n" + BODY + "\n")
    doc = run(text)
    r = roles(doc)
    assert r["date"] == ["（2015年7月20日）"]
    assert "——在全市产业集聚区建设推进会上的讲话" in r["subtitle"]
    assert doc.blocks[0].kind == "salutation" and doc.blocks[0].text == "同志们："


# --- paragraphs ----------------------------------------------------------------

def test_paragraph_broken_mid_sentence_is_joined():
    doc = run("各地要加大招商力度，积极引进一批投资规模大、带动能力\n\n强的好项目。同时要优化服务。\n")
    assert [b.text for b in doc.blocks] == ["各地要加大招商力度，积极引进一批投资规模大、带动能力强的好项目。同时要优化服务。"]
    assert "para.join" in rules_of(doc, "changed")


def test_hard_wrapped_lines_are_joined_but_titles_are_not():
    doc = run("平顶山市召开重点项目推进会\n会议指出，要坚持把项目建设作为\n稳增长的关键举措，确保项目早日\n投产见效。\n")
    assert roles(doc)["headline"] == ["平顶山市召开重点项目推进会"]
    assert [b.text for b in doc.blocks] == ["会议指出，要坚持把项目建设作为稳增长的关键举措，确保项目早日投产见效。"]


def test_one_line_dump_is_split_at_source_paragraph_breaks():
    paras = [
        "各位代表：现在，我代表县人民政府作工作报告，请予审议。",
        "一、过去一年工作回顾",
        "过去的一年，全县上下攻坚克难，经济运行稳中向好，生产总值完成210亿元，增长8.1%。",
        "二、今年工作安排",
        "今年是全面深化改革的关键之年，我们要坚持稳中求进，狠抓项目建设，着力改善民生。",
    ]
    line = "\u3000".join(paras[:2]) + " " + paras[2] + "　" + " ".join(paras[3:])
    doc = run(line + "\n")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == ("salutation", "各位代表：")
    assert ("heading", "一、过去一年工作回顾") in kinds
    assert ("heading", "二、今年工作安排") in kinds
    assert len([k for k in kinds if k[0] == "paragraph"]) == 3


def test_whitespace_normalised():
    doc = run("\ufeff\u3000\u3000今年以来，全市\u00a0项目建设\r\n\r\n\u3000\u3000势头良好。\r\n")
    assert doc.body_text == "今年以来，全市项目建设势头良好。"


# --- structure -----------------------------------------------------------------

def test_di_yi_heading_is_split_from_its_paragraph():
    text = ("同志们：\n\n" + BODY + "\n\n第一，坚持规划引领。今年以来，我县高标准编制了集聚区发展规划，明确了主导产业。\n\n"
            "第二，强化要素保障。要积极盘活存量土地，破解融资难题。\n")
    doc = run(text)
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("第一，坚持规划引领", 2), ("第二，强化要素保障", 2)]
    assert any(b.text.startswith("今年以来，我县高标准") for b in doc.blocks)
    assert "structure.heading_stop" in rules_of(doc, "removed")


def test_nested_headings_get_levels():
    text = ("一、总体要求\n\n" + BODY + "\n\n（一）加强组织领导。各乡镇要成立专班，明确责任。\n\n"
            "（二）完善考核机制。要把项目建设纳入年度考核。\n\n二、重点任务\n\n" + BODY2 + "\n")
    doc = run(text)
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("一、总体要求", 2), ("（一）加强组织领导", 3), ("（二）完善考核机制", 3), ("二、重点任务", 2)]


def test_running_enumeration_is_not_a_heading():
    text = ("会议指出，要抓好三项工作：一是加强领导。二是强化督查。三是严格考核。\n\n"
            "一是加强领导，提高认识，各单位主要负责同志要亲自抓、负总责，确保各项任务落到实处。\n\n"
            "第一次全体会议审议通过了有关文件，会议由常务副县长主持。\n")
    doc = run(text)
    assert not [b for b in doc.blocks if b.kind == "heading"]


def test_out_of_sequence_number_is_not_a_heading():
    doc = run(BODY + "\n\n三是加强督查。要定期通报进展情况。\n")
    assert not [b for b in doc.blocks if b.kind == "heading"]


def test_pull_quotes_become_quote_blocks():
    text = (BODY + "\n\n“\n\n要坚持项目为王，以项目论英雄，以实绩论成败。\n\n——李某某\n\n"
            "要把优化营商环境作为一号工程来抓。\n\n——张某\n\n”\n")
    doc = run(text)
    quotes = [(b.text, b.attribution) for b in doc.blocks if b.kind == "quote"]
    assert quotes == [("要坚持项目为王，以项目论英雄，以实绩论成败。", "李某某"), ("要把优化营商环境作为一号工程来抓。", "张某")]
    assert "“" not in doc.body_text and "——" not in doc.body_text


def test_quote_without_lone_marks():
    doc = run(BODY + "\n\n发展是第一要务，项目是第一支撑。\n——王某某\n\n" + BODY2 + "\n")
    q = [b for b in doc.blocks if b.kind == "quote"]
    assert len(q) == 1 and q[0].attribution == "王某某"


def test_salutation_variants():
    doc = run("尊敬的各位领导、各位来宾：\n\n" + BODY + "\n")
    assert doc.blocks[0].kind == "salutation"
    doc = run("各位代表：今天，我们在这里召开全县经济工作会议。" + BODY + "\n")
    assert doc.blocks[0] .kind == "salutation" and doc.blocks[1].text.startswith("今天")
    doc = run(BODY + "\n\n同志们，让我们团结一心，为实现全年目标而努力奋斗！\n")
    assert all(b.kind == "paragraph" for b in doc.blocks)


# --- injected site names ---------------------------------------------------------

def test_injected_site_name_is_removed_but_cited_name_kept():
    text = ("今年以来，我公文范文网县坚持项目为王，全力推进集聚区建设。\n\n"
            "上半年，我公文范文网县新签约项目15个，全公文范文网市排名第三。\n\n"
            "据公文范文网报道，我省多地出台了支持政策。\n")
    doc = run(text)
    assert "我县坚持项目为王" in doc.body_text
    assert "我县新签约" in doc.body_text and "全市排名" in doc.body_text
    assert "据公文范文网报道" in doc.body_text
    assert sum(1 for e in doc.record if e.rule == "inject.site_name") == 3


def test_words_ending_in_wang_are_not_watermarks():
    text = ("我市大力发展物联网产业，推动互联网与制造业融合。物联网产业园已入驻企业30家。\n\n"
            "全市光纤宽带网络覆盖率达到95%，电网改造加快推进，物联网产业规模持续扩大。\n")
    doc = run(text)
    assert not [e for e in doc.record if e.rule == "inject.site_name"]


def test_corpus_profile_knows_site_tokens_across_documents():
    a = raw("今年，我资料网市项目建设成效明显，产业集聚区发展提速。\n", "a.txt")
    b = raw("上半年，我资料网市经济运行平稳，工业增加值增长8%。\n", "b.txt")
    profile = clean.profile_corpus([a, b])
    assert "资料网" in profile.site_tokens
    doc = clean.clean(a, profile)
    assert "我市项目建设" in doc.body_text
    assert clean.conservation_residue(a.text, doc) == ""


# --- typography and redactions -------------------------------------------------

def test_ascii_punctuation_between_chinese_becomes_full_width():
    doc = run("会议强调,要抓好三点:一是稳增长;二是调结构!你准备好了吗?各县(市)区要落实。\n")
    assert doc.body_text == "会议强调，要抓好三点：一是稳增长；二是调结构！你准备好了吗？各县（市）区要落实。"
    changes = [(e.text, e.replacement) for e in doc.record if e.rule == "typo.fullwidth"]
    assert len(changes) == 7 and (",", "，") in changes and ("(", "（") in changes


def test_numbers_dates_latin_and_urls_are_not_touched():
    text = ("总投资1,000万元,其中已完成144.3亿元。发布时间2013-04-19 10:24:07,详见网址:http://www.ly.gov.cn/a.php?id=1&b=2 。"
            "English title: Hello, world! 邮箱:service@example.com。\n")
    doc = run(text)
    t = doc.body_text
    assert "1,000万元，其中" in t and "144.3亿元" in t and "2013-04-19 10:24:07，" in t
    assert "网址：http://www.ly.gov.cn/a.php?id=1&b=2" in t
    assert "Hello, world!" in t and "邮箱：service@example.com" in t


def test_redactions_are_kept_literally():
    doc = run("刚才,**同志和**市长分别讲了话,**区、**县要抓好落实。\n")
    assert doc.body_text == "刚才，**同志和**市长分别讲了话，**区、**县要抓好落实。"


# --- corpus statistics ----------------------------------------------------------------

def test_lines_repeated_across_documents_of_one_source_are_chrome():
    template = "今日鹤壁\n频道精选\n{body}\n\n鹤壁在线服务中心\n网上投稿平台\n"
    bodies = [BODY, BODY2, "各县区要抓紧谋划一批大项目、好项目，确保项目储备充足。"]
    raws = [raw(template.format(body=b), f"d{i}.txt") for i, b in enumerate(bodies)]
    other = raw("周口市召开春耕生产会\n\n" + BODY2 + "\n", "o.txt")
    profile = clean.profile_corpus(raws + [other])
    assert len(profile.source_groups) == 1 and len(profile.source_groups[0]) == 3
    for r in raws:
        doc = clean.clean(r, profile)
        assert "鹤壁在线服务中心" not in doc.body_text and "网上投稿平台" not in doc.body_text
        assert "chrome.repeated" in rules_of(doc, "removed")
        assert clean.conservation_residue(r.text, doc) == ""


def test_empty_profile_and_determinism():
    text = f"河南日报\n标题一二三四\n\n{BODY}\n\n{BODY2}\n\n责任编辑：某某\n"
    a, b = run(text), run(text)
    assert a == b


def test_conservation_checker_detects_loss():
    r = raw(BODY + "\n\n" + BODY2 + "\n")
    doc = clean.clean(r, clean.CorpusProfile())
    from dataclasses import replace
    from generator.models import Block

    broken = replace(doc, blocks=doc.blocks[:1])
    assert clean.conservation_residue(r.text, broken) != ""
    tampered = replace(doc, blocks=(Block("paragraph", doc.blocks[0].text.replace("全力", "全面")),) + doc.blocks[1:])
    assert clean.conservation_residue(r.text, tampered) != ""
    reordered = replace(doc, blocks=doc.blocks[::-1])
    assert clean.conservation_residue(r.text, reordered) != ""
    assert clean.multiset_residue(r.text, reordered) == ""


def test_notice_addressee_is_a_salutation_not_a_title():
    doc = run("关于加快产业集聚区发展的实施意见\n\n各乡镇人民政府，县直各单位：\n\n为加快推进产业集聚区建设，现提出如下意见。\n")
    assert [c.role for c in doc.cues] == ["headline"]
    assert doc.blocks[0].kind == "salutation" and doc.blocks[0].text == "各乡镇人民政府，县直各单位："


def test_government_site_page():
    text = ("\ufeff\u3000\u3000首页\u3000\u3000政务公开\u3000\u3000互动交流\n"
            "\u3000\u3000关于加快产业集聚区发展的实施意见\n"
            "\u3000\u3000发布时间：2014-06-12\u3000\u3000信息来源：县发改委\u3000\u3000浏览次数：356\n"
            "\u3000\u3000一、总体要求\n\u3000\u3000坚持规划引领，突出主导产业，推动集群发展。\n"
            "\u3000\u3000（一）强化招商引资。围绕主导产业开展精准招商，全年引进亿元以上项目20个。\n"
            "\u3000\u3000【打印本页】【关闭窗口】\n\u3000\u3000主办：某某县人民政府办公室\n"
            "\u3000\u3000网站标识码：4116000000\u3000豫ICP备12345678号\n")
    doc = run(text)
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "heading", "paragraph"]
    assert [c.role for c in doc.cues] == ["headline", "header"]
    assert doc.blocks[-1].text == "围绕主导产业开展精准招商，全年引进亿元以上项目20个。"


def test_portal_masthead_is_a_source_cue_not_the_headline():
    doc = run("许昌市人民政府门户网站\n长葛市召开重点项目推进会\n发布时间：2018-03-02 来源：长葛市政府办\n3月1日，长葛市召开重点项目推进会，部署全年工作。\n")
    roles = {c.text: c.role for c in doc.cues}
    assert roles["许昌市人民政府门户网站"] == "source"
    assert roles["长葛市召开重点项目推进会"] == "headline"


def test_speaker_line_under_a_speech_title_is_lifted_as_speaker():
    doc = run("在全县招商引资工作会议上的讲话\n（2016年3月1日）\n县委书记 王某某\n同志们：\n今天召开全县招商引资工作会议，我讲三点意见。\n")
    assert [c.text for c in doc.cues if c.role == "speaker"] == ["县委书记 王某某"]
    assert "王某某" not in doc.body_text


def test_headline_naming_an_official_without_a_space_is_not_a_speaker_line():
    doc = run("副市长张三调研产业集聚区建设\n2018-03-02 来源：开封网\n3月1日，副市长张三到产业集聚区调研项目建设。\n")
    assert not [c for c in doc.cues if c.role == "speaker"]


def test_date_in_chinese_numerals_under_a_title_is_a_date_cue():
    doc = run("在全县重点项目建设推进会上的讲话\n二〇一六年七月八日\n同志们：\n今天我们召开推进会，总结上半年工作。\n")
    assert [c.text for c in doc.cues if c.role == "date"] == ["二〇一六年七月八日"]
    assert [c.text for c in doc.cues if c.role == "headline"] == ["在全县重点项目建设推进会上的讲话"]


def test_html_left_by_a_scraper_is_removed_and_decoded_with_a_record():
    doc = run("<p>许昌市产业集聚区建设提速</p>\n&nbsp;&nbsp;本网讯 3月1日，许昌市召开推进会。<br>会议指出，要抓&ldquo;项目&rdquo;。<br/>\n")
    assert "<" not in doc.body_text and "&" not in doc.body_text
    assert "会议指出，要抓“项目”。" in [b.text for b in doc.blocks]  # <br> ended the paragraph
    rules = [e.rule for e in doc.record]
    assert rules.count("html.tag") == 4 and "html.entity" in rules
    changed = {(e.text, e.replacement) for e in doc.record if e.rule == "html.entity"}
    assert ("&ldquo;", "“") in changed


def test_text_that_only_looks_like_html_is_kept():
    doc = run("会议要求，不良贷款率控制在<5%以内，A&B公司项目按期投产。\n")
    assert "<5%" in doc.body_text and "A&B" in doc.body_text


# --- generalisation: other sites' layouts ---------------------------------------


def test_traditional_page_is_cleaned_with_the_same_rules_and_kept_as_written():
    doc = run("鄭州航空港區招商引資再創新高\n2015年07月20日 來源：大公網\n"
              "　　【大公網訊】記者日前從鄭州航空港經濟綜合實驗區獲悉，今年上半年新簽約項目42個。\n責任編輯：陳宇\n")
    r = roles(doc)
    assert r["headline"] == ["鄭州航空港區招商引資再創新高"]
    assert r["header"] == ["2015年07月20日 來源：大公網"]
    assert "責任編輯" not in doc.body_text and "新簽約項目42個" in doc.body_text  # not converted


@pytest.mark.parametrize("line,role", [
    ("洛阳日报\u30002015年3月18日\u3000第01版：要闻", "source"),
    ("大河报·大河客户端", "source"),
    ("鹤壁日报 2019年5月8日 星期三", "source"),
    ("版次：A02", "page"),
    ("驻马店发布\u30002021-04-02", "source"),
    ("原创 许昌发布 许昌发布 2022-08-03 18:30 发表于河南", "source"),
    ("漯河市人民政府", "source"),
    ("河南省发展和改革委员会", "source"),
    ("漯政〔2018〕12号", "header"),
])
def test_header_lines_of_other_layouts_are_cues(line, role):
    doc = run(f"{line}\n关于印发重点项目建设工作方案的通知\n{BODY}\n")
    assert [c.role for c in doc.cues if c.text == line] == [role]
    assert roles(doc)["headline"] == ["关于印发重点项目建设工作方案的通知"]


def test_issuer_and_date_under_a_notice_are_lifted():
    doc = run(f"关于印发重点项目建设工作方案的通知\n各县区人民政府，市人民政府各部门：\n{BODY}\n"
              "附件：2018年重点项目名单\n漯河市人民政府\n2018年3月5日\n（此件公开发布）\n")
    assert doc.blocks[0].kind == "salutation"
    assert doc.blocks[-1].text == "附件：2018年重点项目名单"
    assert ("source", "漯河市人民政府") in {(c.role, c.text) for c in doc.cues}


def test_names_in_brackets_after_a_wire_dateline_are_a_byline():
    doc = run("人民网郑州3月9日电（王晶晶、赵磊）3月8日，新郑市举行招商引资项目集中签约仪式，共签约项目21个。\n")
    assert roles(doc)["byline"] == ["（王晶晶、赵磊）"]
    assert doc.blocks[0].text.startswith("3月8日")
    plain = run("（王晶晶、赵磊）3月8日，新郑市举行招商引资项目集中签约仪式，共签约项目21个。\n")
    assert "byline" not in roles(plain)  # without a dateline it is text


def test_one_line_page_is_split_at_its_header_and_footer_fields():
    doc = run("许昌市召开产业集聚区提质转型工作会议 2015-04-12 10:30 来源：许昌日报 本报讯（记者 赵铭）4月11日，"
              "全市产业集聚区提质转型工作会议召开。市长王保存出席并讲话。 会议要求，各县（市、区）要加快标准化厂房建设，"
              "完善配套设施。 责任编辑：孙丽")
    r = roles(doc)
    assert r["headline"] == ["许昌市召开产业集聚区提质转型工作会议"]
    assert r["date"] == ["2015-04-12 10:30"] and r["source"] == ["来源：许昌日报"]
    assert [b.text[:5] for b in doc.blocks] == ["4月11日", "会议要求，"]
    assert "责任编辑" not in doc.body_text


def test_every_rule_id_has_one_declared_reason():
    """Each id of the cleaning record is declared once, with the reason shown
    to readers, in clean/rules.yaml; code names rules only by id."""
    import re as _re
    from pathlib import Path as _Path

    from generator.clean.rules import rules as _rules

    r = _rules()
    assert r.undeclared() == []
    code = "\n".join(p.read_text(encoding="utf-8") for p in _Path(clean.__file__).parent.glob("*.py"))
    used = set(_re.findall(r'"((?:chrome|cue|structure|para|html|typo|artefact|text)\.[a-z_]+)"', code))
    assert used and used <= set(r.reasons), sorted(used - set(r.reasons))
    assert not _re.search(r"rec\.(?:remove|lift|change)\([^)]*\"[\u4e00-\u9fff]", code)  # no reason literals in code


@pytest.mark.parametrize("line", [
    "A03",  # a page code is a cue, not Latin chrome
    "2024年3月5日 来源：某某网-地方频道",  # a dated header, not a page <title> line
    "来自全市的30余家企业参加了签约仪式，现场签约项目12个，总投资56亿元。",  # 来自 in running text
    "会议要求，各县区要瞄准长三角、珠三角开展精准招商，确保全年签约亿元以上项目80个。",
])
def test_new_furniture_rules_leave_body_and_cues_alone(line):
    doc = run(f"{BODY}\n\n{line}\n\n{BODY2}\n")
    removed = {e.rule for e in doc.record if e.action == "removed" and e.text == line}
    assert not removed & {"chrome.latin_token", "chrome.page_title", "chrome.comments", "chrome.spam",
                          "chrome.app_promo", "chrome.empty_label"}, removed


def test_pinyin_glosses_a_site_inserted_are_deleted_and_recorded():
    doc = run("河南日報(bào)3月28日電(記者段某某) 臺前縣大力實(shí)施“開放招商”戰(zhàn)略，兩個集團投資70億元。\n\n" + BODY2 + "\n")
    assert "(bào)" not in doc.body_text and "(shí)" not in doc.body_text
    glosses = [e.text for e in doc.record if e.rule == "text.pinyin_gloss"]
    assert glosses == ["(bào)", "(shí)", "(zhàn)"]
    assert all(e.reason for e in doc.record if e.rule == "text.pinyin_gloss")


@pytest.mark.parametrize("kept", ["项目分为（a）（b）两类", "地区生产总值(GDP)增长8%", "产业集聚区（园区）"])
def test_brackets_that_are_not_pinyin_readings_stay(kept):
    doc = run(f"今年以来，{kept}，全市上下奋力拼搏。\n\n{BODY2}\n")
    assert not [e for e in doc.record if e.rule == "text.pinyin_gloss"]


def test_an_exclaiming_headline_over_the_date_and_source_line_is_a_header():
    doc = run("签约额近200亿元！某市项目巡展活动收获颇丰！\n\n时间:2023-08-02 来源:河南日报\n\n" + BODY + "\n\n" + BODY2 + "\n")
    assert "收获颇丰" not in doc.body_text
    lifted = {e.rule for e in doc.record if e.action == "lifted"}
    assert "structure.headline" in lifted


def test_a_company_pages_bank_details_above_the_text_are_contact_chrome():
    doc = run("开户行：中国银行某某支行营业部 账号248100000000\n户名：某某果园有限责任公司\n\n" + BODY + "\n\n" + BODY2 + "\n")
    assert "账号" not in doc.body_text and "户名" not in doc.body_text
    assert [e.rule for e in doc.record if e.action == "removed"] == ["chrome.contact", "chrome.contact"]


def _pairwise_groups(raws):
    """The definition, one pair at a time: two documents are linked when they
    share a template line of 8+ characters or two of 2+."""
    from generator.clean import profile as P

    keys = {r.doc_id: {P.line_key(s.text) for s in P.raw_lines(r.text) if P.is_template_candidate(s.text)} for r in raws}
    parent = {d: d for d in keys}

    def find(d):
        while parent[d] != d:
            d = parent[d]
        return d

    ids = sorted(keys)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            shared = {k for k in keys[a] & keys[b] if len(k) >= 2}
            if len(shared) >= 2 or any(len(k) >= 8 for k in shared):
                parent[find(a)] = find(b)
    groups = {}
    for d in ids:
        groups.setdefault(find(d), []).append(d)
    return tuple(tuple(m) for m in sorted(groups.values()) if len(m) > 1)


_TEMPLATE_LINES = ["网站首页", "新闻中心", "联系我们", "本站声明", "首页 | 要闻 | 县区", "版权所有：某某市人民政府办公室",
                   "主办单位：某某日报社", "责任编辑", "打印本页", "关闭窗口", "要闻", "县区"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TEMPLATE_LINES), max_size=5), min_size=2, max_size=12))
def test_source_groups_are_those_of_the_pairwise_definition(docs):
    from generator.read import read_bytes

    raws = [read_bytes(f"d{i:02d}.txt", ("\n".join(lines) + f"\n正文第{i}段，会议强调要加快项目建设。\n").encode())
            for i, lines in enumerate(docs)]
    assert clean.profile_corpus(raws).source_groups == _pairwise_groups(raws)

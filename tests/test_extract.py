"""Extractor rules on synthetic documents (none taken from seeds/)."""

from __future__ import annotations

import hashlib

import pytest

from generator.config import Settings
from generator.reference import gazetteer
from generator.extract import extract
from generator.models import Block, CleanedDocument, Cue, Person, RawDocument


def make_doc(text: str, cues: tuple[Cue, ...] = (), kinds: dict[int, str] | None = None) -> CleanedDocument:
    """Every non-blank line a block, as the baseline cleaner does; ``cues``
    as a lifting cleaner would hand them over."""
    raw = RawDocument("t1", "t1.txt", text, "utf-8", hashlib.sha256(text.encode()).hexdigest(), len(text.encode()))
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    kinds = kinds or {}
    return CleanedDocument(raw, tuple(Block(kinds.get(i, "paragraph"), l) for i, l in enumerate(lines)), cues)


def meta_of(text: str, **kw):
    return extract(make_doc(text, **kw), Settings())


BODY = "会议强调，要坚定不移推进产业集聚区建设，加快重点项目进度，确保全年目标任务完成。各县区要强化责任，狠抓落实。"


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("header,expected", [
    ("2016-05-12 08:01:33 来源:", "2016-05-12"),
    ("发布时间：2017/3/9", "2017-03-09"),
    ("2015.11.02", "2015-11-02"),
    ("2018年6月1日 星期五", "2018-06-01"),
])
def test_date_on_one_header_line(header, expected):
    m = meta_of(f"南阳推进产业集聚区提质发展\n{header}\n{BODY}")
    assert (m.date, m.date_precision) == (expected, "day")
    assert m.provenance_of("date").method == "explicit"


def test_date_split_over_header_lines():
    m = meta_of(f"首页\n漯河市召开重点项目推进会\n2016\n09/21\n08:45\n{BODY}")
    assert (m.date, m.date_precision) == ("2016-09-21", "day")


def test_date_split_then_joined_by_a_cleaner_in_a_cue():
    doc = make_doc(BODY, cues=(Cue("headline", "漯河市召开重点项目推进会", 1), Cue("date", "2016 09/21 08:45", 2)))
    assert extract(doc, Settings()).date == "2016-09-21"


def test_date_in_newspaper_footer():
    m = meta_of(f"周口市产业集聚区建设提速\n{BODY}\n周口日报 2019年7月3日\nA01")
    assert m.date == "2019-07-03"
    assert m.source == "周口日报" and m.source_page == "A01"


def test_month_day_with_year_stated_elsewhere():
    m = meta_of(f"4月18日，全县召开招商引资工作会议。{BODY}\n2017")
    assert (m.date, m.date_precision) == ("2017-04-18", "day")
    assert m.provenance_of("date").method == "pattern"


def test_copyright_years_are_not_a_date():
    m = meta_of(f"{BODY}\n责任编辑：\n©2001-2023 某某网版权所有")
    assert m.date is None and m.date_precision is None


def test_no_evidence_no_date():
    m = meta_of(f"同志们：\n{BODY}今年上半年，全市固定资产投资增长较快。")
    assert m.date is None


def test_year_inferred_from_awards_for_previous_year():
    m = meta_of(f"{BODY}\n会议对2016年度产业集聚区建设先进单位进行了表彰。")
    assert (m.date, m.date_precision) == ("2017", "year")
    prov = m.provenance_of("date")
    assert prov.method == "inferred" and "2016年度" in prov.evidence


def test_year_inferred_from_ranking_of_a_past_year():
    m = meta_of(f"同志们：\n{BODY}2019年全省“十快”产业集聚区中，我市有2家。今年上半年增速回落。")
    assert (m.date, m.date_precision) == ("2020", "year")


def test_deadline_year_is_not_past():
    m = meta_of(f"{BODY}力争到2025年完成投资100亿元，实现了翻番。")
    assert m.date is None


def test_year_inferred_from_upcoming_known_event():
    m = meta_of(f"{BODY}郑焦铁路6月将开通运营，沿线各县要主动对接。")
    assert (m.date, m.date_precision) == ("2015", "year")
    assert "郑焦" in m.provenance_of("date").evidence


# --- titles -------------------------------------------------------------------------------


def test_title_is_headline_not_kicker_or_site_name():
    text = f"首页\n新闻\n王五在全市产业集聚区观摩点评会上强调\n抢抓机遇 加快转型\n2016-03-02 10:00\n开封网讯（记者 赵六）3月1日，{BODY}"
    m = meta_of(text)
    assert m.title == "抢抓机遇 加快转型"
    assert m.subtitle == "王五在全市产业集聚区观摩点评会上强调"


def test_speaker_prefixed_web_title_yields_to_newspaper_headline():
    text = f"王五：抢抓机遇 加快转型\n2016-03-02 10:00\n王五在全市产业集聚区观摩点评会上强调\n抢抓机遇 加快转型\n{BODY}"
    assert meta_of(text).title == "抢抓机遇 加快转型"


def test_markdown_banner_is_not_the_title():
    raw = f"# 出彩河南 项目为王\n\n## 全市重点项目建设推进会召开 坚定信心 迅速掀起项目建设 和招商引资新高潮\n\n{BODY}"
    m = meta_of(raw)
    assert m.title == "全市重点项目建设推进会召开 坚定信心 迅速掀起项目建设和招商引资新高潮"


def test_kicker_printed_on_the_headline_line_is_split_off():
    raw = f"## 全市重点项目推进会强调 坚定信心 迅速掀起项目建设新高潮\n\n{BODY}"
    m = meta_of(raw)
    assert m.title == "坚定信心 迅速掀起项目建设新高潮"
    assert m.subtitle == "全市重点项目推进会强调"


def test_cue_called_headline_can_still_be_a_banner():
    raw = f"# 出彩河南 项目为王\n## 全市重点项目建设推进会召开 迅速掀起项目建设新高潮\n{BODY}"
    doc = make_doc(BODY, cues=(Cue("headline", "出彩河南 项目为王", 1), Cue("subtitle", "全市重点项目建设推进会召开 迅速掀起项目建设新高潮", 2)))
    doc = CleanedDocument(RawDocument("t1", "t1.txt", raw, "utf-8", "0" * 64, 1), doc.blocks, doc.cues)
    assert extract(doc, Settings()).title == "全市重点项目建设推进会召开 迅速掀起项目建设新高潮"


def test_speech_without_headline_gets_derived_title():
    text = "同志们：\n今天，我们召开全市招商引资工作推进会议，主要任务是总结经验。下面，我讲几点意见。\n" + BODY
    m = meta_of(text, kinds={0: "salutation"})
    assert m.doc_type == "speech"
    assert m.title == "在全市招商引资工作推进会议上的讲话"
    assert m.provenance_of("title") .method == "inferred"
    assert m.provenance_of("title").evidence == "derived from speaker and occasion"


def test_report_without_headline_names_speaker_and_occasion():
    text = ("会议要求，各级干部要提振信心。张国强强调，要抓好项目建设，确保按期投产。"
            "张国强指出，要以此次观摩点评活动为新起点，推动全市发展。\n张国强最后强调，要抓好安全生产。")
    m = meta_of(text)
    assert m.title == "张国强在全市观摩点评活动上的讲话"
    assert m.provenance_of("title").method == "inferred"


# --- sources, reporters, type -----------------------------------------------------------------


def test_byline_with_box_and_publication():
    m = meta_of(f"全市项目建设观摩活动启动\n□洛阳日报记者 陈一鸣 刘晓\n{BODY}")
    assert m.reporters == ("陈一鸣", "刘晓")
    assert m.source == "洛阳日报"
    assert m.city == "洛阳市"


def test_news_lead_with_reporter_in_brackets():
    m = meta_of(f"濮阳网讯（记者 孙立新 通讯员 郭明）5月6日，{BODY}")
    assert m.source == "濮阳网"
    assert m.reporters == ("孙立新", "郭明")
    assert m.doc_type == "news"


def test_source_from_upload_disclaimer():
    m = meta_of(f"{BODY}\n免责声明：本文为某园区网用户自行上传并发布，仅代表该用户观点。")
    assert m.source == "某园区网"


def test_speech_detected_from_first_person_address():
    m = meta_of(f"同志们：\n{BODY}下面，我谈几点意见。")
    assert m.doc_type == "speech"


def test_other_when_no_signal():
    assert meta_of("产业集聚区名录\n一号园区\n二号园区").doc_type == "other"


# --- places ------------------------------------------------------------------------------------


def test_city_from_official_title():
    m = meta_of(f"平顶山市委书记赵建国强调，{BODY}")
    assert m.city == "平顶山市" and m.provenance_of("city").method == "pattern"


def test_visited_and_compared_cities_are_only_mentioned():
    text = (f"鹤壁市长钱文华带队到郑州、洛阳学习考察产业集聚区建设。{BODY}"
            "从规模看，我市仅有1家，而洛阳有4家。要在浚县、淇县加快布局。鹤壁要学习先进。")
    m = meta_of(text)
    assert m.city == "鹤壁市"
    assert "郑州市" in m.places_mentioned and "洛阳市" in m.places_mentioned
    assert "鹤壁市" not in m.places_mentioned


def test_city_from_counties_and_mentions():
    text = f"{BODY}罗山县、光山县、潢川县、固始县分别作了汇报。信阳要加快发展，信阳的产业集聚区要提质。"
    m = meta_of(text)
    assert m.city == "信阳市" and m.provenance_of("city").method == "inferred"


def test_redacted_city_is_null():
    text = f"同志们：\n{BODY}我**市产业集聚区规模不大，而郑州有3家、新乡有2家。**市要加快追赶。"
    m = meta_of(text)
    assert m.city is None
    assert "郑州市" in m.places_mentioned


def test_watermark_in_place_of_city_is_null():
    text = f"同志们：\n{BODY}我某秘网市产业集聚区发展较快，而许昌有5家。"
    assert meta_of(text).city is None


def test_outside_henan_city():
    m = meta_of(f"宝鸡日报讯（记者 马一平）{BODY}宝鸡市委书记强调，要招大引强。")
    assert m.city == "宝鸡市"


def test_county_from_county_official():
    m = meta_of(f"林州市委书记刘建设强调，{BODY}")
    assert m.county == "林州市" and m.city == "安阳市"


def test_gazetteer_henan_cities():
    cities = gazetteer.henan_cities()
    assert len(cities) == 18
    names = {c.name for c in cities}
    assert {"安阳市", "郑州市", "济源市", "驻马店市"} <= names
    slugs = [c.slug for c in cities]
    assert len(set(slugs)) == 18 and all(s.isascii() and s.isalpha() and s.islower() for s in slugs)
    for c in cities:
        assert 31 < c.lat < 37 and 110 < c.lon < 117, c
    anyang = gazetteer.city_by_name("anyang")
    assert anyang.short == "安阳" and "林州市" in {c.name for c in anyang.counties}


# --- people ----------------------------------------------------------------------------------------


def test_officials_with_titles_and_attendee_lists():
    text = (f"市委书记张建国强调，{BODY}市委副书记、市长李红梅主持会议。"
            "市领导王志刚、刘文华、陈晓东、张建国等出席会议。市委常委、常务副市长王志刚作了点评。")
    m = meta_of(text)
    people = [(p.name, p.title) for p in m.people]
    assert people == [
        ("张建国", "市委书记"), ("李红梅", "市委副书记、市长"), ("王志刚", "市委常委、常务副市长"),
        ("刘文华", ""), ("陈晓东", ""),
    ]


def test_place_lists_are_not_people():
    m = meta_of(f"{BODY}温县、武陟县、博爱县等出席会议并作了发言。")
    assert m.people == ()


# --- keywords, summary, provenance ---------------------------------------------------------------------


def test_keywords_prefer_domain_terms_over_officialese():
    text = ("同志们：\n" + "同志们，工作要抓紧。产业集聚区是工作的载体，产业集聚区要提质转型，郑焦铁路带动沿线产业集聚区发展。" * 3)
    kws = meta_of(text).keywords
    assert kws[0] == "产业集聚区"
    assert "郑焦铁路" in kws
    assert "同志" not in kws and "工作" not in kws and "产业" not in kws[:1]


def test_summary_is_short_and_from_the_lead():
    m = meta_of(f"某某网讯（记者 孙立新）{BODY * 4}")
    assert m.summary.startswith("会议强调")
    assert len(m.summary) <= 121


def test_every_value_has_provenance():
    m = meta_of(f"洛阳市召开产业集聚区建设推进会\n2016-03-02\n□洛阳日报记者 陈一鸣\n{BODY}")
    for field in ("title", "date", "city", "source", "reporters", "doc_type", "keywords", "summary"):
        assert m.provenance_of(field) is not None, field


def test_deterministic():
    text = f"市委书记张建国强调，{BODY}市领导王志刚、刘文华、陈晓东等出席会议。"
    assert meta_of(text) == meta_of(text)


def test_keywords_leave_people_to_the_people_field():
    text = f"{BODY}市委书记王五强调，王五要求各县区抓好产业集聚区建设。王五指出，产业集聚区是载体。"
    m = meta_of(text)
    assert "王五" in {p.name for p in m.people}
    assert "王五" not in m.keywords and "产业集聚区" in m.keywords


def test_speaker_line_gives_the_speech_its_person():
    doc = make_doc(f"在全县招商引资工作会议上的讲话\n县委书记 王某某\n同志们：\n{BODY}",
                   cues=(Cue("headline", "在全县招商引资工作会议上的讲话", 1), Cue("speaker", "县委书记 王某某", 2)))
    m = extract(doc, Settings())
    assert m.title == "在全县招商引资工作会议上的讲话"
    assert m.people[0] == Person("王某某", "县委书记")


def test_derived_title_skips_the_leads_time_phrase():
    m = meta_of("开封日报讯（记者 赵六）2016年3月1日，开封市召开产业集聚区建设推进会。会议要求加快项目建设。")
    assert m.title == "开封市召开产业集聚区建设推进会"
    assert m.provenance_of("title").method == "inferred"


def test_keywords_drop_fragments_of_names_and_titles():
    text = f"{BODY}县长刘黎明要求，刘黎明强调，要抓好产业集聚区招商。县委书记王忠指出，产业集聚区是主平台。"
    m = meta_of(text)
    assert not {"黎明", "县长", "书记", "县委书记"} & set(m.keywords)


@pytest.mark.parametrize("line,expected", [
    ("二〇一六年七月八日", ("2016-07-08", "day")),
    ("（二○一五年十二月三十一日）", ("2015-12-31", "day")),
    ("二〇一四年三月", ("2014-03", "month")),
])
def test_dates_in_chinese_numerals(line, expected):
    doc = make_doc(f"在全市工作会议上的讲话\n{line}\n{BODY}", cues=(Cue("headline", "在全市工作会议上的讲话", 1), Cue("date", line, 2)))
    m = extract(doc, Settings())
    assert (m.date, m.date_precision) == expected


# --- generalisation: other sites' layouts ------------------------------------------------


def test_traditional_page_gives_simplified_places_sources_and_names():
    m = meta_of("洛陽產業集聚區轉型升級見成效\n文章來源：香港商報　　發佈時間：2016-11-03\n"
                "洛陽市近年來大力推進產業集聚區建設。洛陽市長劉宛康表示，將以智能製造為主攻方向。")
    assert m.title == "洛陽產業集聚區轉型升級見成效"  # the title stays as written
    assert (m.date, m.city, m.source) == ("2016-11-03", "洛阳市", "香港商报")
    assert [p.name for p in m.people] == ["刘宛康"] and m.doc_type == "news"


def test_labelled_source_outranks_the_portal_masthead_and_channel_is_dropped():
    cues = (Cue("source", "长垣市人民政府门户网站", 1),)
    m = meta_of("长垣市召开重点项目集中开工活动\n发布时间：2020-05-14 09:12　信息来源：长垣市融媒体中心\n" + BODY, cues=cues)
    assert m.source == "长垣市融媒体中心"
    assert meta_of("新郑：签约额同比增长三成\n2019年03月09日16:21  来源：人民网-河南频道\n" + BODY).source == "人民网"
    assert meta_of("信阳：茶产业园区引来百亿投资\n" + BODY, cues=(Cue("source", "大河报·大河客户端", 1),)).source == "大河报"


def test_page_inside_a_masthead_line():
    m = meta_of("洛阳高新区招商引资开门红\n" + BODY, cues=(Cue("source", "洛阳日报　2015年3月18日　第01版：要闻", 1),))
    assert (m.source, m.source_page, m.date) == ("洛阳日报", "01", "2015-03-18")


@pytest.mark.parametrize("byline,names", [
    ("文/图　本报记者 杜鹏　通讯员 任芳", ["杜鹏", "任芳"]),
    ("【大公网讯】记者李晓明郑州报道：记者日前获悉", ["李晓明"]),
    ("人民网郑州3月9日电（王晶晶、赵磊）3月8日，新郑市举行签约仪式", ["王晶晶", "赵磊"]),
])
def test_reporters_of_other_bylines(byline, names):
    assert list(meta_of(f"新郑市招商引资取得新突破\n{byline}\n{BODY}").reporters) == names


@pytest.mark.parametrize("header,title,subtitle", [
    ("周口市召开全市产业集聚区建设暨\n招商引资工作推进会", "周口市召开全市产业集聚区建设暨招商引资工作推进会", None),
    ("凝心聚力 真抓实干\n推动产业集聚区建设再上新台阶\n——在全市产业集聚区建设工作会议上的讲话",
     "凝心聚力 真抓实干 推动产业集聚区建设再上新台阶", "在全市产业集聚区建设工作会议上的讲话"),
    ("聚焦“项目建设年”\n全市重点项目观摩点评会召开\n穆为民出席并讲话", "全市重点项目观摩点评会召开", "聚焦“项目建设年”"),
    ("关于印发重点项目建设工作方案的通知\n漯政〔2018〕12号\n各县区人民政府，市人民政府各部门：", "关于印发重点项目建设工作方案的通知", None),
])
def test_titles_of_other_layouts(header, title, subtitle):
    m = meta_of(f"{header}\n{BODY}")
    assert (m.title, m.subtitle) == (title, subtitle)


def test_notice_is_other_even_with_an_addressee_salutation():
    text = ("关于印发漯河市重点项目建设工作方案的通知\n漯政〔2018〕12号\n各县区人民政府，市人民政府各部门：\n"
            "现将《工作方案》印发给你们，请认真贯彻执行。\n附件：重点项目名单\n漯河市人民政府\n2018年3月5日")
    m = extract(make_doc(text, kinds={2: "salutation"}), Settings())
    assert m.doc_type == "other" and m.provenance_of("doc_type").evidence.startswith("official document")
    assert meta_of("平顶山市2019年招商引资工作要点\n一、总体要求\n" + BODY).doc_type == "other"


def test_report_without_byline_is_news_from_third_person_reporting():
    assert meta_of("淅川县：生态产业集聚区走出绿色发展新路\n近年来，淅川县引进绿色产业项目46个。县委书记杨红忠表示，要守好一库碧水。").doc_type == "news"
    assert meta_of("焦作市重点项目建设开局良好\n记者从焦作市发改委获悉，全市共安排市级重点项目216个。").doc_type == "news"


@pytest.mark.parametrize("text,city,county", [
    ("永城市产业集聚区“百日攻坚”成效显著\n永城市产业集聚区掀起项目建设热潮。永城市把产业集聚区作为主战场。", "商丘市", "永城市"),
    ("在全县招商引资工作会议上的讲话\n去年，固始县全年新签约项目52个。今年，全县要突出产业招商，全县上下要再上新台阶。", "信阳市", "固始县"),
    ("在全市产业集聚区建设工作会议上的讲话\n孟州市产业集聚区、武陟县产业集聚区晋升为二星级。我市产业集聚区还存在不足。", "焦作市", None),
])
def test_city_and_county_from_headline_and_scope(text, city, county):
    m = meta_of(text)
    assert (m.city, m.county) == (city, county)


def test_changyuan_is_a_county_of_xinxiang():
    m = meta_of("长垣市召开重点项目集中开工活动\n长垣市委书记秦保建宣布项目开工，市长王宏伟致辞。")
    assert (m.city, m.county) == ("新乡市", "长垣市")
    assert [p.name for p in m.people] == ["秦保建", "王宏伟"]  # 宣布 and 致辞 close a name


@pytest.mark.parametrize("phrase,year", [("今年是“十三五”开局之年", "2016"), ("今年是十二五收官之年", "2015"),
                                         ("今年是“十四五”规划的开局之年", "2021")])
def test_five_year_plan_year_dates_a_month_day_lead(phrase, year):
    m = meta_of(f"焦作市重点项目建设开局良好\n3月22日，记者从焦作市发改委获悉，{phrase}，全市共安排市级重点项目216个。")
    assert (m.date, m.date_precision) == (f"{year}-03-22", "day")
    assert meta_of(f"焦作市重点项目建设开局良好\n{phrase}，全市共安排市级重点项目216个。").date == year


# --- issue 12: metadata that holds on real pages (inputs written for these tests) ---------------

NEWS = "今年以来，该区坚持项目为王，狠抓项目谋划和落地，一批重点项目相继开工。全区上下形成了比学赶超的浓厚氛围。"


def test_pinyin_glosses_of_a_converter_are_folded_away():
    from generator.extract.rules import norm
    assert norm("許(xǔ)昌(chāng)市(shì)(shì)會(huì )議") == "许昌市会议"
    assert norm("世界贸易组织(WTO)的规则") == "世界贸易组织(WTO)的规则"  # an acronym is not a gloss
    m = meta_of(f"據(jù)《商丘日報(bào)》報(bào)道 {NEWS}")
    assert m.source == "商丘日报"


def test_prose_without_any_signal_is_a_report():
    m = meta_of(f"漯河市召开项目建设推进会\n{NEWS}")
    assert m.doc_type == "news"
    assert meta_of("产业集聚区名录\n一号园区\n二号园区").doc_type == "other"  # a list is not prose


@pytest.mark.parametrize("text", [
    f"西平县产业集聚区位于县城东部，成立于2008年，规划面积20平方公里。{NEWS}",
    f"某某县产业集聚区简介\n{NEWS}",
    f"致全县在外创业人士的一封信\n亲爱的乡友们：\n{NEWS}",
    f"推进项目建设须久久为功\n来源：某某日报评论员\n{NEWS}",
    f"三、实施园区提升行动。完善园区道路、供水、供电等基础设施。\n责任单位：县发改委、县工信局\n{NEWS}",
    f"扛稳责任 奋勇争先\n某某县委书记 刘某某\n{NEWS}",
])
def test_other_genres_are_typed_other(text):
    assert meta_of(text).doc_type == "other"


@pytest.mark.parametrize("line", [
    "您当前的位置：首页 > 要闻 > 正文", "今日热点 > 正文", "某某网 > 注册登录", "数字报刊平台", "电子报阅读机",
    "【加入会员】免费发布", "上一篇 下一篇", "某某日报客户端", "融媒宣传下载", "分 享 至 手 机", "浏览次数：1024",
    "第03版：要闻 上一版 下一版", "某某日报/2019 年/3 月/5 日/第 002 版", "日期：05-06", "欢迎访问某某县人民政府网站！",
    "园区一号车间生产线现场", "项目工地一角 张某某摄", "二、突出抓好项目建设", "上接第一版", "洛河网首页 | 洛河日报 | 洛河晚报",
    "【某某之声】手机APP",
])
def test_site_furniture_is_never_the_headline(line):
    m = meta_of(f"{line}\n某县召开重点项目建设推进会议\n{NEWS}")
    assert m.title == "某县召开重点项目建设推进会议"


def test_a_headline_starting_with_a_navigation_word_is_kept():
    assert meta_of(f"中原数字经济产业园项目集中开工\n{NEWS}").title == "中原数字经济产业园项目集中开工"
    assert meta_of(f"大抓项目 抓大项目 全力推动经济回升向好\n{NEWS}").title == "大抓项目 抓大项目 全力推动经济回升向好"


def test_epaper_page_list_gives_way_to_the_headline_above_the_body():
    raw = ("第02版：综合 上一版 下一版\n我市召开春季植树动员会\n某某镇开展消防演练\n县域经济观察\n"
           "上一篇 下一篇\n坚持项目为王 推动县域经济提质增效\n" + NEWS)
    m = meta_of(raw)
    assert m.title == "坚持项目为王 推动县域经济提质增效"


def test_epaper_continuation_page_has_no_headline_of_its_own():
    raw = ("第04版：要闻 上一版 下一版\n我市召开春季植树动员会\n某某镇开展消防演练\n县域经济观察\n"
           "返回主页 | 版面导航\n上接第一版\n" + NEWS)
    assert meta_of(raw).provenance_of("title").method == "inferred"


def test_headline_repeated_above_the_body_wins_and_keeps_its_kicker():
    raw = ("第01版：要闻\n科技创新看某县\n春耕备耕正当时\n版面导航\n2019年3月5日\n"
           "创新引领 产业升级\n科技创新看某县\n" + NEWS)
    m = meta_of(raw)
    assert (m.title, m.subtitle) == ("科技创新看某县", "创新引领 产业升级")


@pytest.mark.parametrize("credit", ["刘某某主持并讲话", "王明华、李建国讲话 张新民宣读表彰决定"])
def test_credit_line_is_never_the_headline(credit):
    m = meta_of(f"{credit}\n{NEWS}")
    assert m.provenance_of("title").method == "inferred"
    m = meta_of(f"全县重点项目建设推进会召开\n{credit}\n{NEWS}")
    assert (m.title, m.subtitle) == ("全县重点项目建设推进会召开", credit)


def test_kicker_naming_the_occasion_or_the_unit():
    m = meta_of(f"贯彻落实全县经济工作会议精神\n开局就要冲刺 起步就要争先\n{NEWS}")
    assert (m.title, m.subtitle) == ("开局就要冲刺 起步就要争先", "贯彻落实全县经济工作会议精神")
    m = meta_of(f"市高新技术产业开发区\n抢抓机遇谋发展 项目建设跑出加速度\n{NEWS}")
    assert (m.title, m.subtitle) == ("抢抓机遇谋发展 项目建设跑出加速度", "市高新技术产业开发区")


def test_headline_printed_as_a_couplet_is_one_title():
    m = meta_of(f"打好“攻坚战”\n跑出“加速度”\n{NEWS}")
    assert m.title == "打好“攻坚战” 跑出“加速度”"


def test_motto_the_body_never_uses_is_a_banner():
    m = meta_of(f"新闻源 财富源\n项目为王 实干为先\n{NEWS}")
    assert m.title == "项目为王 实干为先"


def test_auto_title_cut_from_the_lead_is_not_a_headline():
    m = meta_of(f"[p]今年以来\n{NEWS}")
    assert m.provenance_of("title").method == "inferred"


def test_original_title_of_a_repost():
    m = meta_of(f"{NEWS}\n（原标题：某县项目建设跑出加速度）")
    assert m.title == "某县项目建设跑出加速度" and m.provenance_of("title").method == "explicit"


def test_report_of_a_meeting_without_a_speaker_is_not_titled_as_a_speech():
    m = meta_of("4月9日，全市重点项目建设观摩讲评会召开。会上，某区被评为先进单位，受到通报表扬。")
    assert not m.title.endswith("讲话") and m.provenance_of("title").method == "inferred"


@pytest.mark.parametrize("lead,source", [
    ("某某网许昌讯（记者 王某某）", "某某网"),
    ("平原融媒体中心3月2日讯（记者 李某）", "平原融媒体中心"),
    ("中国某某网5月17日消息 ", "中国某某网"),
    ("某某网河南分网消息（记者 张某某）", "某某网"),
    ("【中国园区网】3月5日上午，", "中国园区网"),
    ("据安阳晚报报道，", "安阳晚报"),
    ("某某日报3月28日电（记者 段某某）", "某某日报"),
    ("消息来源：上海证券报 原标题：打造更高层次的合作平台", "上海证券报"),
])
def test_source_from_the_lead(lead, source):
    assert meta_of(f"某县重点项目集中开工\n{lead}{NEWS}").source == source


@pytest.mark.parametrize("line,source", [
    ("来源：某某网编辑：王某", "某某网"),
    ("来源：某某网-某某日报 作者：刘某", "某某日报"),
    ("来自：某某晚报 ;张某", "某某晚报"),
    ("内容来源：某某融媒 转载请注明出处", "某某融媒"),
    ("当前报纸名称：某某日报", "某某日报"),
    ("2023-06-01 08:00:00 - 某某观察报", "某某观察报"),
    ("Mou Mou Ri Bao·2023-06-01 08:00", "Mou Mou Ri Bao"),
    ("□《某某农垦日报》记者 林 梅", "某某农垦日报"),
])
def test_source_from_a_header_line(line, source):
    assert meta_of(f"某县重点项目集中开工\n{line}\n{NEWS}").source == source


def test_labelled_source_that_says_unknown_is_no_source():
    assert meta_of(f"某县重点项目集中开工\n2022/6/8 来源：不详\n{NEWS}").source is None


def test_reprint_note_names_the_source_on_another_papers_page():
    m = meta_of(f"第01版：要闻\n《经济日报》2016年3月4日3版刊发通讯\n某县转型记\n{NEWS}")
    assert m.source == "经济日报"


def test_only_paper_in_the_furniture_of_a_house_report():
    m = meta_of(f"某某日报客户端\n县里召开项目推进会\n本报讯（记者 王某）{NEWS}")
    assert m.source == "某某日报"
    m = meta_of(f"某某日报 | 某某晚报\n县里召开项目推进会\n本报讯（记者 王某）{NEWS}")
    assert m.source is None  # two papers named: which one is not evident


def test_newsroom_speaking_of_itself():
    assert meta_of(f"县里召开项目推进会\n{NEWS}某某网记者了解到，项目进展顺利。").source == "某某网"
    assert meta_of(f"县里召开项目推进会\n{NEWS}\n{NEWS}人民网记者王某多次报道该县。\n{NEWS}").source is None


def test_copyright_owner_after_the_words():
    raw = f"县里召开项目推进会\n{NEWS}\n版权所有：某某县人民政府 主办单位：某某县人民政府办公室"
    assert meta_of(raw).source == "某某县人民政府"


def test_source_from_the_page_title_line():
    raw = f"县里召开项目推进会__新闻频道——某某网-某某市委、市政府重点新闻网站\n县里召开项目推进会\n{NEWS}"
    assert meta_of(raw).source == "某某网"


@pytest.mark.parametrize("header,expected", [
    ("某某日报/2019 年/3 月/5 日/第 002 版", "2019-03-05"),
    ("2024年04月28日 星期天\n发布时间：2015-04-01 00:31:12", "2015-04-01"),
])
def test_date_forms_of_real_pages(header, expected):
    assert meta_of(f"县里召开项目推进会\n{header}\n{NEWS}").date == expected


def test_date_in_a_line_a_cleaner_called_subtitle():
    doc = make_doc(NEWS, cues=(Cue("headline", "县里召开项目推进会", 1), Cue("subtitle", "2017-01-12 01:51:34 转载", 2)))
    assert extract(doc, Settings()).date == "2017-01-12"


def test_labelled_day_without_year_contradicting_a_widget_date_is_unknown():
    assert meta_of(f"2025-12-30\n星期二\n县里召开项目推进会\n日期：03-29\n{NEWS}").date is None


def test_epaper_date_line_a_cleaner_dropped():
    raw = f"第001版：要闻\n2020年7月25日 星期\n县里召开项目推进会\n{NEWS}"
    doc = make_doc(NEWS, cues=(Cue("page", "第001版：要闻", 1), Cue("headline", "县里召开项目推进会", 3)))
    doc = CleanedDocument(RawDocument("t1", "t1.txt", raw, "utf-8", "0" * 64, 1), doc.blocks, doc.cues)
    assert extract(doc, Settings()).date == "2020-07-25"


@pytest.mark.parametrize("lead", ["据资料显示，2015年7月1日上午，", "2024-12-07 9月25日上午，"])
def test_a_full_date_inside_the_story_is_not_the_page_date(lead):
    assert meta_of(f"{lead}{NEWS}").date is None


def test_a_full_date_opening_the_lead_dates_the_text():
    m = meta_of(f"2013年4月19日，{NEWS}")
    assert m.date == "2013-04-19" and m.provenance_of("date").method == "pattern"


def test_teaser_above_the_header_lines():
    raw = (f"县里召开项目推进会\n{NEWS}\n县里召开项目推进会\n来源：某某网 发布时间：2021-01-13 07:16:09\n"
           f"{NEWS}又有一批项目落地。")
    m = meta_of(raw)
    assert (m.date, m.source) == ("2021-01-13", "某某网")


@pytest.mark.parametrize("text,city", [
    ("某县县委书记王某带队赴郑州经开区开展招商考察。" + NEWS, "郑州市"),
    ("洛阳市委书记张某带领洛阳市党政考察团参观考察长垣县产业集聚区建设工作。" + NEWS, "新乡市"),
    ("商丘市长李某率队赴上海拜访对接重点企业，洽谈项目合作。李某说，商丘区位优越，商丘欢迎上海企业。" + NEWS, "商丘市"),
    ("鹤壁市委书记王某带领鹤壁市党政考察团到漯河、许昌考察。" + NEWS, None),
])
def test_the_city_a_delegation_visits(text, city):
    assert meta_of(text).city == city


@pytest.mark.parametrize("text,city", [
    ("淮阳区产业集聚区举行项目集中签约仪式。" + NEWS, "周口市"),
    ("全市重点项目观摩活动结束。焦作的项目建设势头良好。" + NEWS, "焦作市"),
    ("我县在深圳、东莞举办专场推介会，宣传推介濮阳的投资环境，签约项目12个。" + NEWS, "濮阳市"),
])
def test_city_named_without_rival(text, city):
    assert meta_of(text).city == city


def test_province_wide_text_naming_the_capital_once_has_no_city():
    text = "全省产业集聚区建设工作会议在郑州召开。全省各地要以产业集聚区为载体，全省上下要再接再厉。"
    assert meta_of(text).city is None


def test_city_of_the_officials_outranks_a_partner_city_named_almost_as_often():
    text = ("新乡市长王某表示，郑新融合是大势所趋。" + "新乡要主动对接，郑州辐射带动新乡发展，郑州与新乡交通互联。" * 4
            + "郑州的产业向外延伸，郑州和新乡共建园区。新乡加快融入。" * 2)
    m = meta_of(text)
    assert m.city == "新乡市" and m.provenance_of("city").method == "pattern"


def test_source_labelled_on_a_line_the_cleaner_dropped():
    raw = f"某县项目集中开工\n{NEWS}\n责任编辑：王某\n内容来源：某某融媒 转载请注明出处！"
    doc = make_doc(NEWS, cues=(Cue("headline", "某县项目集中开工", 1),))
    doc = CleanedDocument(RawDocument("t1", "t1.txt", raw, "utf-8", "0" * 64, 1), doc.blocks, doc.cues)
    assert extract(doc, Settings()).source == "某某融媒"


def test_headline_repeated_after_a_breadcrumb_bullet():
    raw = f"有趣、有爱、正能量...\n• 网站首页 >\n• 某县：项目建设跑出加速度\n某县：项目建设跑出加速度\n{NEWS}"
    assert meta_of(raw).title == "某县：项目建设跑出加速度"


def test_thresholds_are_read_typed_from_the_rule_data():
    """Every number the extractor decides by is declared once, in
    extract/rules.yaml, and a missing or unknown one is an error at load."""
    import dataclasses

    from generator.extract import rules as extract_rules

    t = extract_rules.thresholds()
    assert t.source_lead_window == 60 and t.date_lead_window == 80  # two windows, two names
    data = dict(extract_rules.rules())
    data["thresholds"] = {**data["thresholds"], "mystery": 1}
    extract_rules.thresholds.cache_clear()
    try:
        original = extract_rules.rules
        extract_rules.rules = lambda: data  # type: ignore[assignment]
        with pytest.raises(ValueError, match="mystery"):
            extract_rules.thresholds()
    finally:
        extract_rules.rules = original  # type: ignore[assignment]
        extract_rules.thresholds.cache_clear()
    assert dataclasses.asdict(extract_rules.thresholds()) == dataclasses.asdict(t)


def test_a_national_paper_named_after_a_city_outside_henan_gives_no_city():
    m = meta_of(f"某县重点项目集中开工\n消息来源：上海证券报 原标题：郑州打造合作平台\n{NEWS}")
    assert m.source == "上海证券报" and m.city != "上海市"


def test_a_paper_outside_henan_on_its_own_city_gives_that_city():
    m = meta_of(f"阜阳市召开全市招商引资工作推进会\n来源：阜阳日报\n{NEWS}")
    assert m.city == "阜阳市"

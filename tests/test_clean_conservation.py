"""Property tests: on messy generated documents the cleaner never raises,
is deterministic, produces well-formed blocks, and its record conserves the
raw text (raw == blocks + removed/lifted spans, modulo whitespace and the
recorded punctuation changes, order preserved)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import clean
from generator.read import read_bytes

HAN = "的是在了和有我市县区省项目建设产业集聚发展招商引资会议要求推进工作全年经济重点企业服务强化落实加快提升"
CHROME = [
    "【打印】【关闭】", "分享到：微信 微博", "上一篇：我县召开会议", "责任编辑：某某", "豫ICP备05001234号",
    "洛阳网版权所有", "免责声明:本文为某某网用户自行上传", "[不良信息举报:a@b.cn]", "评论:0 点击: 收藏", "|",
    "首页 | 新闻 | 政务", "网站简介 - 联系方法 - 招聘信息", "AA02", "河南日报 2015年3月2日", "2014", "04/30",
    "13:13", "□本报记者 张三", "(上接一版)", "（下转A3版）", "# 标题文字", "## 副标题文字", "“", "”", "——李某",
    "同志们:", "一、加强领导", "（二）完善机制", "第一,学习先进", "一是抓项目建设。", "相关新闻", "（完）",
    "来源：大河网 作者：王某 发布时间：2015-03-02", "新乡网讯 (记者 李四)", "\u00a0", "\u3000\u3000", "***",
]
PUNCT = ["，", "。", ",", ":", ";", "?", "!", "(", ")", "、", "“", "”", "**", "1,000", "144.3", " ", "\u00a0",
         "10:24:07", "abc", "a@b.com", "http://x.cn/a?b=1", "我某某网市", "——", "。 ",
         # HTML a scraper left behind, and look-alikes that are not HTML
         "<p>", "</p>", "<br/>", '<span style="color:red">', "&nbsp;", "&ldquo;", "&#8220;", "&amp;", "&bogus;",
         "<5%", "a < b > c"]

sentence = st.lists(st.one_of(st.text(alphabet=HAN, min_size=1, max_size=12), st.sampled_from(PUNCT)),
                    min_size=1, max_size=12).map("".join)
paragraph = st.lists(sentence, min_size=1, max_size=6).map(lambda xs: "。".join(xs) + "。")


@st.composite
def broken(draw):
    p = draw(paragraph)
    i = draw(st.integers(0, len(p)))
    return p[:i] + draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])) + p[i:]


line = st.one_of(st.sampled_from(CHROME), paragraph, broken(), sentence,
                 st.text(alphabet=HAN + "，。,:()“”—|#□ \u3000\n一二三、是要第", max_size=30))
document = st.lists(line, min_size=1, max_size=14).flatmap(
    lambda ls: st.sampled_from(["\n", "\n\n", "\r\n", " "]).map(lambda sep: sep.join(ls))
).filter(lambda t: t.strip())

PROFILE = clean.CorpusProfile(site_tokens=frozenset({"某某网"}))


def check(text: str, profile=PROFILE) -> None:
    raw = read_bytes("gen.txt", text.encode("utf-8"))
    doc = clean.clean(raw, profile)
    assert clean.conservation_residue(raw.text, doc) == ""
    assert clean.clean(raw, profile) == doc
    for b in doc.blocks:
        assert b.text and b.text == b.text.strip()
        assert b.kind in ("paragraph", "heading", "quote", "salutation")
        assert (2 <= b.level <= 4) if b.kind == "heading" else b.level == 0
    for e in doc.record:
        assert e.action in ("removed", "changed", "lifted") and e.rule and e.line >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(document)
def test_generated_documents_conserve_text(text):
    check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip()))
def test_arbitrary_text_never_raises(text):
    try:
        raw = read_bytes("gen.txt", text.encode("utf-8"))
    except Exception:  # the read stage rejects e.g. binary-looking text
        return
    doc = clean.clean(raw, clean.CorpusProfile())
    assert clean.conservation_residue(raw.text, doc) == ""


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document, min_size=2, max_size=4))
def test_profile_over_generated_corpus(texts):
    raws = [read_bytes(f"g{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts)]
    profile = clean.profile_corpus(raws)
    assert clean.profile_corpus(raws) == profile
    for raw in raws:
        doc = clean.clean(raw, profile)
        assert clean.conservation_residue(raw.text, doc) == ""


def test_watermark_and_mixed_example():
    check("# 标题\n\n同志们:\n\n我某某网市今年,项目(一期)投资1,000万元。我某某网市将加快推进\n\n建设。\n\n|\n评论:0 点击: 收藏\n")


def test_span_joined_across_removed_line_is_recorded_in_pieces():
    check("::,\n【打印】【关闭】\n一")
    check("标题文字,\n责任编辑：某某\n继续标题\n\n" + "今年以来，全县项目建设进展顺利。" * 3)

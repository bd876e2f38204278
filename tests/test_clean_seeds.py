"""Quality of the clean stage on the five seeds: no chrome left in the body,
no body sentence lost, structure recognised, record conserves the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import clean
from generator.read import read_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ASCII_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"})


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u3000", " ").replace("\xa0", " ")).translate(ASCII_TO_FULL)


@pytest.fixture(scope="module")
def docs():
    raws = [read_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    profile = clean.profile_corpus(raws)
    return {r.file_name[:3]: clean.clean(r, profile) for r in raws}


def full_text(doc) -> str:
    return norm("".join(b.text + b.attribution for b in doc.blocks))


def taken(doc) -> list[str]:
    return [norm(e.text) for e in doc.record if e.action in ("removed", "lifted")]


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_conservation(docs, key):
    doc = docs[key]
    assert clean.conservation_residue(doc.raw.text, doc) == ""
    assert clean.multiset_residue(doc.raw.text, doc) == ""


# Chrome kinds that must never survive in any body.
CHROME_MARKERS = ["免责声明", "举报", "版权所有", "责任编辑", "评论", "点击", "收藏", "AA02", "网站简介", "招聘信息",
                  "切换", "上接", "©", "@", "|", "老秘网", "#", "□", "技术支持", "意见反馈"]


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_no_chrome_left(docs, key):
    body = docs[key].body_text
    for marker in CHROME_MARKERS:
        assert marker not in body, marker
    for b in docs[key].blocks:
        assert b.text == b.text.strip() and b.text


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_no_body_sentence_lost(docs, key):
    """Every sentence of the raw text is either in the body or in a removed /
    lifted span of the record (after removing injected site names)."""
    doc = docs[key]
    body = full_text(doc)
    rest = norm(doc.raw.text)
    for t in taken(doc):  # record order is document order
        assert t in rest, t
        if len(t) >= 3:  # single marks (“ ” 。) are ambiguous to locate
            rest = rest.replace(t, "\x00", 1)
    for piece in re.split(r"[。\x00]", rest):
        piece = piece.strip("“”—")
        if len(piece) >= 4:
            assert piece in body, piece


def test_000(docs):
    d = docs["000"]
    cues = {(c.role, c.text) for c in d.cues}
    assert ("headline", "安阳市长马林青就全市产业集聚区建设作周密部署") in cues
    assert ("date", "2014 04/30 13:13") in cues
    assert any(c.role == "footer" and "工业园网" in c.text for c in d.cues)
    assert [b.text for b in d.blocks if b.kind == "heading"] == ["第一，学习先进找差距", "第二，凝神聚力促发展", "第三，强化措施抓落实"]
    assert d.blocks[0].text.startswith("昨天上午，全市产业集聚区建设暨工业经济工作会议")
    assert "确保今年完成投资144.3亿元。" in d.body_text
    assert "新闻" != d.blocks[0].text


def test_001(docs):
    d = docs["001"]
    roles = {c.role: c.text for c in d.cues}
    assert roles["headline"] == "集聚产业 追梦中原"
    assert roles["subtitle"].startswith("全市强投资重点项目暨产业集聚区建设督察讲评会强调")
    assert roles["byline"] == "□郑州晚报记者 王继兵 袁帅"
    assert roles["page"] == "AA02"
    assert any(c.role == "source" and c.text == "郑州晚报 2013年4月28日" for c in d.cues)
    quotes = [(b.text[:9], b.attribution) for b in d.blocks if b.kind == "quote"]
    assert quotes == [("全市上下要着眼于“", "吴天君"), ("要按照“三规合一、", "马懿")]
    assert "促使企业尽快投产、达产，早日发挥效益。" in d.body_text
    assert "把握重点，力求突破。" in d.body_text
    assert sum(1 for e in d.record if e.rule == "para.join") == 2


def test_002(docs):
    d = docs["002"]
    assert d.blocks[0].kind == "salutation" and d.blocks[0].text == "同志们："
    heads = [(b.text, b.level) for b in d.blocks if b.kind == "heading"]
    assert heads == [
        ("一、肯定成绩，正视问题", 2), ("二、突出重点、持续推进", 2),
        ("一是推进产业集聚区提质转型创新发展", 3), ("二是全力以赴抓好项目建设", 3), ("三是坚持不懈推进招商引资", 3),
        ("三、狠抓落实、强化保障", 2),
    ]
    assert len([b for b in d.blocks if b.kind == "paragraph"]) == 9
    assert "我和**市长、**主任各带一组" in d.body_text and "**区分别入选" in d.body_text
    assert "集中展示了我市产业发展" in d.body_text
    assert sum(1 for e in d.record if e.rule == "inject.site_name") == 8
    assert any(e.rule == "chrome.separator" and e.text == "|" for e in d.record)


def test_003(docs):
    d = docs["003"]
    assert any(e.action == "removed" and e.rule == "chrome.continuation" and e.text == "(上接一版)" and e.line == 1 for e in d.record)
    assert d.blocks[0].text.startswith("各级领导干部要提振信心")
    # "第一，要上下贯通。" is running text here, not a heading.
    assert not [b for b in d.blocks if b.kind == "heading"]
    assert len(d.blocks) == 6


def test_004(docs):
    d = docs["004"]
    cues = [(c.role, c.text) for c in d.cues]
    assert ("headline", "李庆贵:全力以赴招大商 千方百计上大项目") == cues[0]
    assert ("header", "2013-04-19 10:24:07 来源:") in cues
    assert ("kicker", "李庆贵在全市项目汇报会上强调") in cues
    assert ("dateline", "新乡网讯") in cues and ("byline", "(记者 李颖华)") in cues
    assert ("footer", "大河新乡网版权所有") in cues
    assert d.blocks[0].text.startswith("4月18日，我市召开项目汇报会")
    heads = [(b.text, b.level) for b in d.blocks if b.kind == "heading"]
    assert heads[:3] == [("一、认真学习外地经验，始终突出发展这个第一要务", 2), ("二、全力以赴招大商，千方百计上大项目", 2),
                         ("三、健全干部业绩档案，强化注重实绩的用人导向", 2)]
    assert [h for h, lvl in heads if lvl == 3] == ["一是抓城市建设", "二是抓招商引资", "三是抓央企合作项目", "四是抓农业项目", "五是抓商贸服务项目"]
    assert d.blocks[-1].text.endswith("形成一批新的消费热点区域。")
    removed = {e.rule for e in d.record if e.action == "removed"}
    assert {"chrome.editor", "chrome.link_row", "chrome.tech_support", "chrome.counter"} <= removed

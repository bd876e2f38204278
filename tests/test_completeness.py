"""Incomplete originals (issue 15, item 5): a text cut off by the site it was
scraped from is flagged ``incomplete``, by a truncation notice or by a body
that stops mid-sentence; a whole text is not."""

from __future__ import annotations

import pytest

from generator.extract import completeness
from generator.models import Block, CleanedDocument, RawDocument


def _doc(*paragraphs: str, raw: str | None = None, kinds: tuple[str, ...] = ()) -> CleanedDocument:
    blocks = tuple(Block(kinds[i] if i < len(kinds) else "paragraph", t) for i, t in enumerate(paragraphs))
    text = raw if raw is not None else "\n".join(paragraphs)
    return CleanedDocument(RawDocument("x", "x.txt", text, "utf-8", "0" * 64, len(text)), blocks)


WHOLE = "会议要求，各地要加快项目建设进度。"


@pytest.mark.parametrize("paragraphs", [
    (WHOLE,),
    (WHOLE, "要坚定不移地推进产业集群发展！"),
    ("他说：“要按照三规合一的要求推进。”",),
    ("会议强调……",),
    (WHOLE, "（完）"),
    (WHOLE, "（记者 张三 通讯员 李四）"),
    (WHOLE, "安阳市人民政府办公室", "2014年4月30日"),
    (WHOLE, "——吴天君"),
    ("计划年内建成通车。本报记者聂冬晗摄",),
    ("推动县域经济发展。记者：翟庆田",),
    ("投资2.3亿元。 |",),
])
def test_a_whole_text_is_not_flagged(paragraphs):
    found = completeness.completeness(_doc(*paragraphs))
    assert found == completeness.Finding(False, "")


@pytest.mark.parametrize("paragraphs,tail", [
    ((WHOLE, "为建设中原城市群副中心、全国"), "为建设中原城市群副中心、全国"),
    ((WHOLE, "市政协还充分发挥政"), "市政协还充分发挥政"),  # short, but no sign-off
    ((WHOLE, "要抓紧进入工作状态，组建专班、明确节点，"), "组建专班、明确节点，"),
    (("会议通报近期全市招商引资工作情况，安排部 ...",), "安排部 ..."),
    ((WHOLE, "责任单位："), "责任单位："),
    (("高铁线路中穿过（8月17日摄）。新华社记",), "新华社记"),
])
def test_a_text_that_stops_mid_sentence_is_flagged(paragraphs, tail):
    found = completeness.completeness(_doc(*paragraphs))
    assert found.incomplete and found.evidence.startswith("ends mid-sentence") and found.evidence.endswith(tail)


def test_a_heading_with_nothing_under_it_ends_a_cut_text():
    found = completeness.completeness(_doc(WHOLE, "一、产业发展", kinds=("paragraph", "heading")))
    assert found.incomplete


@pytest.mark.parametrize("notice", [
    "(未完，全文共3562字，当前显示1200字)",
    "（未完）",
    "全文共3562字，当前仅显示1200字",
    "点击阅读全文",
    "全文阅读请登录",
    "阅读全文>>",
    "未完待续",
])
def test_a_sites_truncation_notice_flags_the_text_wherever_it_is(notice):
    # in the raw text only (the cleaner removed it as chrome) ...
    found = completeness.completeness(_doc(WHOLE, raw=WHOLE + "\n" + notice + "\n"))
    assert found.incomplete and found.evidence.startswith("truncation notice: ")
    assert found.evidence.split(": ", 1)[1] in notice
    # ... or left in the body, though the body itself ends properly
    assert completeness.completeness(_doc(WHOLE, notice + "。")).incomplete


def test_words_near_a_notice_do_not_flag_a_whole_text():
    for text in ("全文共分三个部分。", "请阅读全文后签字。", "未完成的项目要加快进度。"):
        assert not completeness.completeness(_doc(WHOLE, text)).incomplete, text


def test_an_empty_body_is_not_judged():
    assert not completeness.completeness(_doc()).incomplete


def test_the_flag_is_noted_with_its_evidence():
    noted = []
    assert completeness.incomplete(_doc("未完成的", raw="未完成的\n点击阅读全文"), lambda *a: noted.append(a))
    assert noted == [("incomplete", "pattern", "truncation notice: 点击阅读全文")]
    noted.clear()
    assert not completeness.incomplete(_doc(WHOLE), lambda *a: noted.append(a)) and noted == []

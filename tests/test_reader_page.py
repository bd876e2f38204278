"""What a reader meets on a document page (issue 15, items 5 and 6): the
cleaning record reads in Chinese and groups repeated changes, the 摘要 box is
not shown when it would repeat the lead, and an incomplete original says so
beside 字数 and in the data export; an archivist can correct the flag."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from archive_docs import make_doc
from generator import curate, export
from generator.config import Settings
from generator.models import Block, Edit, Provenance
from generator.render.page import record_section, summary_repeats_lead
from test_render import page_of, to_html


def _record_rows(html: str) -> list[list[str]]:
    table = html.split("整理记录", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", r, re.S)] for r in rows]


COMMA = Edit("changed", "typo.fullwidth", ",", "，", 8, "中文语境的半角标点改为全角")


def test_the_record_leads_with_the_reason_and_groups_identical_changes():
    record = (Edit("removed", "chrome.nav", "河南切换", "", 1, "频道/站点切换导航词"),
              *[dataclasses.replace(COMMA, line=n) for n in (8, 8, 8, 9, 12)],
              dataclasses.replace(COMMA, text=";", replacement="；", line=9),
              Edit("removed", "chrome.nav", "新闻", "", 2, "频道/站点切换导航词"))
    doc = make_doc("r1", record=record)
    html = to_html(page_of([doc], "r1"))
    assert "整理记录（8 处，合并为 4 行）" in html
    rows = _record_rows(html)
    assert rows == [
        ["频道/站点切换导航词", "删除", "河南切换", "", "1", "chrome.nav"],
        ["中文语境的半角标点改为全角 ×5", "修改", ",", "，", "8、9、12", "typo.fullwidth"],
        ["中文语境的半角标点改为全角", "修改", ";", "；", "9", "typo.fullwidth"],
        ["频道/站点切换导航词", "删除", "新闻", "", "2", "chrome.nav"],
    ]
    # Conserving: the counts add up to the record, every edit has its row.
    counts = [int(r[0].rsplit("×", 1)[1]) if "×" in r[0] else 1 for r in rows]
    assert sum(counts) == len(record)
    # The rule id is kept, small and last, for whoever maintains the rules.
    assert '<code class="archive-rule">typo.fullwidth</code>' in html


def test_a_rule_without_a_reason_shows_its_id():
    section = record_section(make_doc("r2", record=(Edit("removed", "chrome.x", "广告", "", 3, ""),)))
    assert "| chrome\\.x | 删除 | 广告 |" in section


LEAD = (Block("paragraph", "昨天上午，全市产业集聚区建设会议召开。会议全面贯彻落实全省会议精神。"),
        Block("paragraph", "会议指出，要坚定信心。"))


def test_summary_that_repeats_the_lead_is_detected():
    assert summary_repeats_lead("昨天上午，全市产业集聚区建设会议召开。", LEAD)
    assert summary_repeats_lead("昨天上午， 全市产业集聚区\n建设会议召开。会议全面贯彻落实全省会议精神。", LEAD)  # whitespace folded
    assert summary_repeats_lead("昨天上午，全市产业集聚区建设会议召开。会议全面贯彻…", LEAD)  # a cut summary
    assert summary_repeats_lead("昨天上午，全市产业集聚区建设会议召开。会议全面贯彻落实全省会议精神。会议指出，要坚定信心。", LEAD)
    assert not summary_repeats_lead("全市召开产业集聚区建设会议，部署全年工作。", LEAD)
    assert not summary_repeats_lead("会议指出，要坚定信心。", LEAD)  # not the lead: worth showing


def test_the_summary_box_is_shown_only_when_it_adds_something():
    same = make_doc("s1", summary="昨天上午，全市产业集聚区建设会议召开。", blocks=LEAD)
    other = make_doc("s2", summary="全市召开产业集聚区建设会议，部署全年工作。", blocks=LEAD)
    assert '!!! abstract "摘要"' not in page_of([same], "s1")
    assert '!!! abstract "摘要"' in page_of([other], "s2")


def _incomplete(doc):
    prov = tuple(sorted(doc.meta.provenance + (("incomplete", Provenance("pattern", "ends mid-sentence: …全国")),)))
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, incomplete=True, provenance=prov))


def test_an_incomplete_original_says_so_beside_the_character_count():
    whole, cut = make_doc("w1"), _incomplete(make_doc("c1"))
    assert "原文不完整" not in page_of([whole], "w1")
    page = page_of([cut], "c1")
    dd = re.search(r"<dt>字数</dt>\n<dd markdown>(.*?)</dd>", page).group(1)
    assert dd.startswith(f"{cut.meta.chars} ") and "原文不完整" in dd and "规则识别" in dd
    assert "incomplete: true" in page.split("\n---\n", 1)[0]
    assert "incomplete: false" in page_of([whole], "w1").split("\n---\n", 1)[0]


def test_the_data_export_carries_the_flag():
    docs = [make_doc("w1"), _incomplete(make_doc("c1"))]
    records = json.loads(export.metadata_json(docs, Settings()))
    assert [r["incomplete"] for r in records] == [False, True]
    rows = list(csv.DictReader(io.StringIO(export.metadata_csv(docs, Settings()).decode("utf-8-sig"))))
    assert [r["incomplete"] for r in rows] == ["false", "true"]
    assert "incomplete" in export.COLUMNS


def test_an_archivist_corrects_the_flag_in_a_sidecar(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.txt").write_text("正文", encoding="utf-8")
    (seeds / "x.yaml").write_text("incomplete: false\nnotes: the print edition ends here too\n", encoding="utf-8")
    out = curate.apply_sidecar(_incomplete(make_doc("x")).meta, curate.load_sidecar(seeds, "x.txt"))
    assert out.incomplete is False and out.provenance_of("incomplete").method == "curated"
    (seeds / "x.yaml").write_text("incomplete: 是\n", encoding="utf-8")
    try:
        curate.load_sidecar(seeds, "x.txt")
    except curate.SidecarError as exc:
        assert "incomplete" in str(exc) and "true or false" in str(exc)
    else:
        raise AssertionError("a non-boolean flag was accepted")

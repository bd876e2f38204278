"""Same text from several outlets (同文异源): generator/curate/reposts.py and
what readers see of a group (document page, listings, check)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from conftest import ENV, make_project

from generator import pipeline
from generator.config import Settings
from generator.curate import reposts
from generator.read import read_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "docs"
BASE = "a_09_kaifeng_repost.txt"  # a real page of the genre


def body_of(name: str) -> str:
    """The real page's text without its header lines (as a repost would carry it)."""
    return "\n".join(read_file(CORPUS / name).text.splitlines()[1:])


def traditional_repost(text: str) -> str:
    """The same text as a traditional-character site reposts it: other script,
    ASCII punctuation, its own header and footer chrome."""
    trad = opencc.OpenCC("s2t").convert(text).replace("，", ",").replace("。", ". ")
    return "首頁 > 新聞中心 > 正文\n來源:某某網\n" + trad + "\n責任編輯:王某\n版權所有 某某網"


def test_a_repost_in_other_script_punctuation_and_chrome_is_the_same_text():
    text = body_of(BASE)
    assert reposts.groups({"a": text, "b": traditional_repost(text)}) == [("a", "b")]


def test_a_copy_cut_off_by_its_site_is_the_same_text():
    text = body_of(BASE)
    assert reposts.groups({"a": text, "b": text[: len(text) * 2 // 3]}) == [("a", "b")]


def test_different_real_texts_on_one_topic_and_city_are_not_grouped():
    # the most alike pair of the 140 development pages (both 济源, 重点项目)
    texts = {n: read_file(CORPUS / f"{n}.txt").text for n in ("c_41_jiyuan_epaper", "e_20_jiyuan_mobile")}
    assert reposts.groups(texts) == []


def test_no_group_among_the_real_development_pages():
    """The labelled development pages are all different texts: precision on real pages."""
    import yaml

    dev = yaml.safe_load((ROOT / "tests" / "corpus" / "split.yaml").read_text(encoding="utf-8"))["dev"]
    texts = {i: read_file(CORPUS / f"{i}.txt").text for i in dev}
    assert reposts.groups(texts) == []


def test_short_texts_are_never_grouped():
    notice = "关于召开全市重点项目建设工作会议的通知"
    assert reposts.groups({"a": notice, "b": notice}) == []


def test_groups_do_not_depend_on_input_order():
    text = body_of(BASE)
    other = body_of("c_41_jiyuan_epaper.txt")
    items = [("a", text), ("b", traditional_repost(text)), ("c", other), ("d", text[:-40]), ("e", traditional_repost(other))]
    expected = reposts.groups(dict(items))
    assert expected == [("a", "b", "d"), ("c", "e")]
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert reposts.groups(dict(items)) == expected


def test_exact_duplicates_name_the_kept_file():
    assert reposts.exact_duplicates({"b.txt": "1", "a.txt": "1", "c.txt": "2"}) == [("a.txt", "b.txt")]


# --------------------------------------------------------- through the build


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("reposts"))
    text = read_file(CORPUS / BASE).text
    (project.seeds / "r1.txt").write_text(text, encoding="utf-8")
    (project.seeds / "r2.txt").write_text(traditional_repost(body_of(BASE)), encoding="utf-8")
    (project.seeds / "r2.yaml").write_text("source: 某某网\ndate: 2018-04-18\n", encoding="utf-8")
    result = pipeline.build(Settings(seeds_dir=project.seeds, docs_dir=project.docs, cache_dir=None))
    return project, result


def test_members_carry_the_earliest_ones_id(grouped):
    _project, result = grouped
    meta = {d.meta.raw_file: d.meta for d in result.documents}
    assert meta["r1.txt"].date == "2018-04-17"
    assert meta["r1.txt"].repost_group == meta["r2.txt"].repost_group == meta["r1.txt"].id
    assert all(m.repost_group is None for f, m in meta.items() if f not in ("r1.txt", "r2.txt"))


def test_each_page_lists_the_others_with_source_date_and_link(grouped):
    project, result = grouped
    meta = {d.meta.raw_file: d for d in result.documents}
    page = (project.docs / meta["r1.txt"].md_path).read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    assert '!!! note "同文异源：此文另见 1 处"' in page
    assert f"2018-04-18 · 某某网 · [" in page and f"{meta['r2.txt'].meta.id}.md)" in page
    other = (project.docs / meta["r2.txt"].md_path).read_text(encoding="utf-8").replace("\\", "")
    assert "2018-04-17 · 河南日报 · [" in other


def test_listings_show_a_group_once_with_its_count(grouped):
    project, result = grouped
    for listing in ("years/2018/index.md", "years/2018/04.md", "cities/kaifeng/index.md"):
        text = (project.docs / listing).read_text(encoding="utf-8")
        rows = [l for l in text.splitlines() if "archive/2018/r1.md" in l or "archive/2018/r2.md" in l]
        assert len(rows) == 1 and "同文异源×2</span>" in rows[0], listing


def test_export_carries_the_group_id(grouped):
    import json

    project, result = grouped
    records = [json.loads(l) for l in (project.docs / "data" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    groups = {r["raw_file"]: r["repost_group"] for r in records}
    assert groups["r1.txt"] == groups["r2.txt"] and groups["r1.txt"]
    assert "repost_group" in (project.docs / "data" / "metadata.csv").read_text(encoding="utf-8").splitlines()[0]


def test_check_reports_the_groups(grouped):
    project, _result = grouped
    out = subprocess.run([sys.executable, "-m", "generator", "check", "--no-cache"], cwd=project.root, env=ENV,
                         capture_output=True, text=True, timeout=600)
    assert "same text from several outlets (2): r1.txt (2018-04-17, 河南日报), r2.txt (2018-04-18, 某某网)" in out.stdout

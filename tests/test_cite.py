"""GB/T 7714 (2025 and 2015) and BibTeX citations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from archive_docs import corpus, make_doc
from generator.render import cite
from generator.models import Person

SITE = "https://user.github.io/repo/"


def test_newspaper_2025_has_no_citation_date_2015_does():
    doc = make_doc("a1", "产业集聚区建设推进会召开", date="2014-04-30", source="安阳日报", source_page="第01版",
                   reporters=("王明", "李华"))
    url = "https://user.github.io/repo/archive/2014/a1/"
    assert cite.gbt7714(doc, SITE, "2025") == f"王明，李华. 产业集聚区建设推进会召开[N/OL]. 安阳日报，2014-04-30（1）. {url}."
    assert cite.gbt7714(doc, SITE, "2015") == f"王明, 李华. 产业集聚区建设推进会召开[N/OL]. 安阳日报, 2014-04-30(1)[{cite.CITE_DATE}]. {url}."


def test_web_page_with_source_as_responsible_body():
    doc = make_doc("w1", "招商引资", date="2016-05-03", source="大河网")
    text = cite.gbt7714(doc, SITE)
    assert text.startswith("大河网. 招商引资[EB/OL]. （2016-05-03）[")
    assert cite.gbt7714(doc, SITE, "2015").startswith("大河网. 招商引资[EB/OL]. (2016-05-03)[")
    assert cite.CITE_DATE in text


def test_more_than_three_authors_and_inferred_date():
    doc = make_doc("n1", "标题", date="2015", inferred=("date",), source="河南日报", reporters=("甲", "乙", "丙", "丁"))
    assert cite.gbt7714(doc, SITE).startswith("甲，乙，丙，等. 标题[N/OL]. 河南日报，[2015]. ")
    assert cite.gbt7714(doc, SITE, "2015").startswith("甲, 乙, 丙, 等. 标题[N/OL]. 河南日报, [2015][")
    web = make_doc("n2", "标题", date="2015", inferred=("date",))
    assert "2015" not in cite.gbt7714(web, SITE).split("[EB/OL]")[1].replace(SITE, "").replace("archive/2015", "")


def test_speech_author_is_the_single_speaker():
    doc = make_doc("s1", "在全市会议上的讲话", date="2015-03-01", doc_type="speech", people=(Person("谢玉安", "市委书记"),))
    assert cite.gbt7714(doc, SITE).startswith("谢玉安. 在全市会议上的讲话[EB/OL]. （2015-03-01）")


def test_url_placeholder_without_site_url():
    doc = make_doc("p1", "标题")
    assert cite.URL in cite.gbt7714(doc, "") and cite.URL in cite.bibtex(doc, "")


def test_bibtex_escapes_and_balances():
    doc = make_doc("b1", "50% {集聚} & #1_a\\b", date="2014-04", source="安阳日报", reporters=("王明",))
    entry = cite.bibtex(doc, SITE)
    assert entry.startswith("@article{henan:b1,")
    assert r"50\% \{集聚\} \& \#1\_a\textbackslash{}b" in entry
    assert "month = {4}" in entry and "entrysubtype = {newspaper}" in entry
    depth = 0
    for i, ch in enumerate(entry):
        if ch in "{}" and entry[i - 1] != "\\":
            depth += 1 if ch == "{" else -1
            assert depth >= 0
    assert depth == 0
    assert cite.bibtex(make_doc("b2", "x", source="大河网"), SITE).startswith("@online{henan:b2,")


# --- records: CSL-JSON, RIS, Highwire meta --------------------------------


def test_csl_json_record_of_a_newspaper_report():
    doc = make_doc("a1", "产业集聚区建设推进会召开", subtitle="全年签约", date="2014-04-30", source="安阳日报",
                   source_page="第01版", reporters=("王明", "李华"), keywords=("产业集聚区",))
    [item] = json.loads(cite.csl_json(doc, SITE))
    assert item["type"] == "article-newspaper" and item["language"] == "zh-CN"
    assert item["title"] == "产业集聚区建设推进会召开：全年签约"
    assert item["author"] == [{"literal": "王明"}, {"literal": "李华"}]
    assert item["container-title"] == "安阳日报" and item["page"] == "1"
    assert item["issued"] == {"date-parts": [[2014, 4, 30]]}
    assert item["URL"] == "https://user.github.io/repo/archive/2014/a1/"
    assert "accessed" not in item  # the reader's citation date, not the build's


def test_csl_json_web_page_inferred_date_and_no_site_url():
    doc = make_doc("w1", "招商引资", date="2015", inferred=("date",), source="大河网")
    [item] = json.loads(cite.csl_json(doc, ""))
    assert item["type"] == "webpage" and item["author"] == [{"literal": "大河网"}]
    assert item["issued"] == {"date-parts": [[2015]], "circa": True}
    assert "URL" not in item and "日期为推断" in item["note"]


def test_ris_record_is_one_tag_a_line_whatever_the_text():
    doc = make_doc("r1", "标题\nER  - 注入", date="2014-04", source="安阳日报", reporters=("王明",))
    text = cite.ris(doc, SITE)
    lines = text.split("\r\n")
    assert lines[0] == "TY  - NEWS" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "TI  - 标题 ER - 注入" in lines and "AU  - 王明" in lines and "T2  - 安阳日报" in lines
    assert "DA  - 2014/04//" in lines and "UR  - https://user.github.io/repo/archive/2014/r1/" in lines
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    assert sum(line.startswith("ER  -") for line in lines) == 1
    assert cite.ris(make_doc("r2", "网页", source="大河网"), SITE).startswith("TY  - ELEC\r\n")


def test_highwire_tags_for_newspaper_and_web_page():
    doc = make_doc("h1", "标题", date="2014-04-30", source="安阳日报", source_page="第01版", reporters=("王明", "李华"))
    tags = cite.highwire(doc, SITE)
    assert ("citation_title", "标题") in tags and ("citation_journal_title", "安阳日报") in tags
    assert [v for k, v in tags if k == "citation_author"] == ["王明", "李华"]
    assert ("citation_publication_date", "2014/04/30") in tags and ("citation_language", "zh") in tags
    assert ("citation_public_url", "https://user.github.io/repo/archive/2014/h1/") in tags
    web = dict(cite.highwire(make_doc("h2", "网页", date="2015", inferred=("date",), source="大河网"), ""))
    assert web["citation_publisher"] == "大河网" and "citation_journal_title" not in web
    assert "citation_publication_date" not in web and "citation_public_url" not in web
    assert "citation_author" not in web  # an organisation is not an author tag


_CSL_SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8"))


def test_csl_json_records_are_valid_csl_data():
    """Every record validates against the CSL project's own schema for CSL
    input data (no unknown key: the schema forbids additional properties)."""
    validator = jsonschema.Draft7Validator(_CSL_SCHEMA)
    docs = corpus() + [make_doc("v1", "标题", subtitle="副题", date="2015", inferred=("date",), source="安阳日报",
                                source_page="第01版", reporters=("甲", "乙", "丙", "丁"), summary="摘要。")]
    for doc in docs:
        for site in (SITE, ""):
            data = json.loads(cite.csl_json(doc, site))
            assert [e.message for e in validator.iter_errors(data)] == [], doc.meta.id
    bad = [{"id": "x", "type": "webpage", "container_title": "typo"}]
    assert list(validator.iter_errors(bad))  # the schema does catch a misspelt variable

"""Data export (CSV, JSON, JSONL, raw), Atom feed and JSON-LD head tags."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

from archive_docs import corpus, make_doc, settings_for
from generator import export
from generator.listings import feeds
from generator.render.jsonld import document_jsonld, head_tags, script_json
from generator.models import Person, metadata_to_dict

SITE = "https://user.github.io/repo/"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_csv_one_row_per_document_every_field(tmp_path):
    docs = corpus() + [make_doc("f1", "=HYPERLINK(\"x\")", people=(Person("甲", "县长"), Person("乙")), keywords=("a|b", "c"))]
    data = export.metadata_csv(docs, settings_for(tmp_path, SITE))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(docs)
    assert set(metadata_to_dict(docs[0].meta)) | {"people_titles", "url", "raw_url"} == set(rows[0])
    row = rows[-1]
    assert row["title"] == "'=HYPERLINK(\"x\")"
    assert row["people"] == "甲 | 乙" and row["people_titles"] == "县长 | "
    assert row["keywords"] == "a｜b | c"
    assert row["url"] == SITE + "archive/undated/f1/"
    assert json.loads(rows[2]["provenance"]) == {"date": {"method": "inferred", "evidence": "测试"}}


def test_json_and_jsonl(tmp_path):
    docs = corpus()
    settings = settings_for(tmp_path)
    records = json.loads(export.metadata_json(docs, settings))
    assert [r["id"] for r in records] == [d.meta.id for d in docs]
    assert records[0]["people"][0] == {"name": "马林青", "title": "市长"}
    lines = export.corpus_jsonl(docs, settings).decode().splitlines()
    assert len(lines) == len(docs) and json.loads(lines[0])["text"].startswith("正文第一段")


def test_data_page_documents_every_column(tmp_path):
    docs = corpus()
    page = export.data_page(docs, settings_for(tmp_path)).decode()
    header = export.metadata_csv(docs, settings_for(tmp_path)).decode("utf-8-sig").splitlines()[0].split(",")
    for column in header:
        assert f"| `{column}` |" in page, column
    assert "（未说明）" not in page
    assert "[metadata.csv](metadata.csv)" in page


def test_raw_copies_are_byte_exact(tmp_path):
    settings = settings_for(tmp_path)
    settings.seeds_dir.mkdir()
    raw = "标题\r\n正文".encode("gb18030")
    (settings.seeds_dir / "a1.txt").write_bytes(raw)
    files = {f.path: f.content for f in export.raw_copies([make_doc("a1")], settings)}
    assert files == {"raw/a1.txt": raw}


def test_atom_feed_parses_and_is_ordered(tmp_path):
    docs = corpus() + [make_doc("x1", "<b>&\x01", date="2020-01-01", city="郑州市")]
    root = ET.fromstring(feeds.atom_feed(docs, settings_for(tmp_path, SITE)))
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries][:2] == ["<b>&", "无城市"]
    assert len(entries) == sum(1 for d in docs if d.meta.date)
    assert entries[0].find(f"{ATOM}link").get("href") == SITE + "archive/2020/x1/"
    assert root.find(f"{ATOM}updated").text == "2020-01-01T00:00:00+08:00"
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)


def test_jsonld_types_and_script_safety():
    news = metadata_to_dict(make_doc("n", "</script><script>alert(1)</script>", date="2014-04-30", city="安阳市",
                                     reporters=("王明",), source="安阳日报").meta)
    html = head_tags(news, SITE + "archive/2014/n/", "档案")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script
    data = json.loads(script)
    assert data["@type"] == "NewsArticle" and data["headline"] == news["title"]
    assert data["contentLocation"]["geo"]["latitude"] > 35
    assert data["author"] == [{"@type": "Person", "name": "王明"}]
    assert '<meta property="og:title" content="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in html
    speech = metadata_to_dict(make_doc("s", "讲话", doc_type="speech", people=(Person("谢玉安", "市委书记"),)).meta)
    data = document_jsonld(speech, None, "档案")
    assert data["@type"] == "CreativeWork" and data["genre"] == "讲话稿" and data["author"][0]["jobTitle"] == "市委书记"
    assert json.loads(script_json({"a": "\u2028<&>"})) == {"a": "\u2028<&>"}


def test_citation_records_one_csl_json_and_one_ris_per_document(tmp_path):
    docs = corpus()
    files = {f.path: f.content for f in export.citation_records(docs, settings_for(tmp_path, SITE))}
    assert set(files) == {f"cite/{d.meta.id}.{ext}" for d in docs for ext in ("json", "ris")}
    [item] = json.loads(files["cite/a1.json"])
    assert item["title"] == "安阳一" and item["URL"] == SITE + "archive/2014/a1/"
    assert files["cite/a1.ris"].decode().startswith("TY  - NEWS\r\n")
    again = {f.path: f.content for f in export.citation_records(docs, settings_for(tmp_path, SITE))}
    assert again == files
    assert "`cite/<id>.json`" in export.data_page(docs, settings_for(tmp_path, SITE)).decode()

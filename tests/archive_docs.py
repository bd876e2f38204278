"""Synthetic documents with full metadata for the browse/cite/export tests
(the real extractor is not needed to exercise rendering)."""

from __future__ import annotations

from pathlib import Path

from generator.config import Settings
from generator.models import Block, CleanedDocument, Document, Edit, Metadata, Person, Provenance, RawDocument


def make_doc(doc_id: str, title: str = "标题", *, date: str | None = None, precision: str | None = None,
             city: str | None = None, source: str | None = None, source_page: str | None = None,
             reporters: tuple[str, ...] = (), doc_type: str = "news", people: tuple[Person, ...] = (),
             keywords: tuple[str, ...] = (), inferred: tuple[str, ...] = (), subtitle: str | None = None,
             summary: str | None = None, blocks: tuple[Block, ...] | None = None,
             record: tuple[Edit, ...] = ()) -> Document:
    text = f"{title}\n正文。"
    raw = RawDocument(doc_id=doc_id, file_name=f"{doc_id}.txt", text=text, encoding="utf-8", sha256="0" * 64, size=len(text.encode()))
    blocks = blocks if blocks is not None else (Block("paragraph", "正文第一段。"), Block("paragraph", "正文第二段。"))
    if date and precision is None:
        precision = {4: "year", 7: "month"}.get(len(date), "day")
    provenance = tuple(sorted((f, Provenance("inferred", "测试")) for f in inferred))
    meta = Metadata(
        id=doc_id, title=title, raw_file=f"{doc_id}.txt", raw_sha256="0" * 64, encoding="utf-8",
        chars=sum(len(b.text) for b in blocks), subtitle=subtitle, date=date, date_precision=precision, city=city,
        source=source, source_page=source_page, reporters=reporters, doc_type=doc_type, people=people,
        keywords=keywords, summary=summary, rights="测试版权说明", provenance=provenance,
    )
    return Document(CleanedDocument(raw=raw, blocks=blocks, record=record), meta)


def corpus() -> list[Document]:
    """A small corpus covering every bucket: several cities, years, months,
    an unknown city, an undated document, year-only and inferred dates."""
    p1, p2 = Person("马林青", "市长"), Person("丁巍", "市委书记")
    return [
        make_doc("a1", "安阳一", date="2014-04-30", city="安阳市", source="安阳日报", source_page="第01版",
                 reporters=("王明", "李华"), people=(p1, p2), keywords=("产业集聚区", "招商引资")),
        make_doc("a2", "安阳二", date="2014-06", city="安阳市", source="大河网", people=(p1,), keywords=("产业集聚区",)),
        make_doc("a3", "安阳三", date="2015", city="安阳市", inferred=("date",), doc_type="speech", people=(p2,)),
        make_doc("z1", "郑州一", date="2013-01-05", city="郑州市", source="郑州日报", keywords=("重点项目",)),
        make_doc("u1", "无城市", date="2016-02-01"),
        make_doc("n1", "无日期", city="洛阳市"),
    ]


def settings_for(tmp: Path, site_url: str = "") -> Settings:
    return Settings(seeds_dir=tmp / "seeds", docs_dir=tmp / "docs", site_url=site_url)

"""Accuracy pinned on the five seeds, with the real cleaner (cues) and with a
cleaner that lifts nothing (every line a block): both must agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import clean, read
from generator.config import Settings
from generator.extract import extract
from generator.models import Block, CleanedDocument

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

EXPECTED = {
    "000_3ef23ce910235c0e": dict(
        title="安阳市长马林青就全市产业集聚区建设作周密部署", date="2014-04-30", date_precision="day",
        city="安阳市", source="工业园网", doc_type="news"),
    "001_2ac1f2df68704ade": dict(
        title="深化认识 坚定信心 长短结合 综合施策 迅速掀起重点项目和产业集聚区建设热潮",
        subtitle="全市强投资重点项目暨产业集聚区建设督察讲评会强调",
        date="2013-04-28", date_precision="day", city="郑州市", source="郑州晚报", source_page="AA02",
        reporters=("王继兵", "袁帅"), doc_type="news"),
    "002_be97a1da7821cc56": dict(date="2022", date_precision="year", city=None, doc_type="speech"),
    "003_d2beecadfe933e25": dict(date="2015", date_precision="year", city="焦作市", doc_type="news"),
    "004_7cea77d591a3b84f": dict(
        title="全力以赴招大商 千方百计上大项目", subtitle="李庆贵在全市项目汇报会上强调",
        date="2013-04-19", date_precision="day", city="新乡市", source="新乡网", reporters=("李颖华",), doc_type="news"),
}


def _baseline(raw) -> CleanedDocument:
    return CleanedDocument(raw, tuple(Block("paragraph", l.strip()) for l in raw.text.split("\n") if l.strip()))


@pytest.fixture(scope="module")
def metas():
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip("no seeds")
    raws = [read.read_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    profile = clean.profile_corpus(raws)
    out = {}
    for raw in raws:
        out[(raw.doc_id, "cleaner")] = extract(clean.clean(raw, profile), Settings())
        out[(raw.doc_id, "baseline")] = extract(_baseline(raw), Settings())
    return out


@pytest.mark.parametrize("mode", ["cleaner", "baseline"])
@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_seed_fields(metas, doc_id, mode):
    meta = metas[(doc_id, mode)]
    for field, value in EXPECTED[doc_id].items():
        assert getattr(meta, field) == value, (field, getattr(meta, field))


def test_derived_titles_are_marked_inferred(metas):
    for doc_id in ("002_be97a1da7821cc56", "003_d2beecadfe933e25"):
        meta = metas[(doc_id, "cleaner")]
        prov = meta.provenance_of("title")
        assert prov.method == "inferred" and prov.evidence == "derived from speaker and occasion"
        assert meta.title.endswith("的讲话")
    assert metas[("003_d2beecadfe933e25", "cleaner")].title.startswith("谢玉安在")


def test_inferred_dates_carry_evidence(metas):
    assert "2021" in metas[("002_be97a1da7821cc56", "cleaner")].provenance_of("date").evidence
    assert "2014年度" in metas[("003_d2beecadfe933e25", "cleaner")].provenance_of("date").evidence

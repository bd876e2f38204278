"""Generalisation set: raw documents in the styles the archive receives from
sites other than the seeds' (provincial papers and their portals, city
dailies' e-paper pages, government portals, 新华网/人民网 local channels,
WeChat copies, speech transcripts, notices and plans, traditional characters,
GBK/GB18030/Big5 files, counties, other provinces, undated texts, one-line
dumps).  Fixtures and their expected metadata live in ``tests/fixtures/unseen/``.

Run ``python tests/test_unseen.py`` for the scorecard (fields correct, chrome
lines left in the body, body sentences lost).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # pragma: no cover - when run as a script
    sys.path.insert(0, str(ROOT))

from generator import clean  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.read import read_file  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "unseen"
FIELDS = ("title", "subtitle", "date", "city", "county", "source", "source_page", "reporters", "doc_type", "people")
ASCII_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"})
# Strings that are page chrome wherever they occur in these fixtures.
CHROME_MARKERS = ("责任编辑", "责编", "字体", "打印", "关闭", "ICP", "版权", "Copyright", "浏览次数", "阅读原文",
                  "点击上方", "相关新闻", "相关阅读", "主办：", "网站标识码", "当前位置", "您现在的位置", "下转",
                  "监制", "审核：", "在看", "上一期")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u3000", " ").replace("\xa0", " ")).translate(ASCII_TO_FULL)


@lru_cache(maxsize=1)
def expected() -> dict:
    with open(FIXTURES / "expected.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def built() -> dict:
    """doc id -> (raw, cleaned, meta), the way the pipeline builds them (one
    corpus profile over the whole set)."""
    raws = [read_file(p) for p in sorted(FIXTURES.glob("*.txt"))]
    profile = clean.profile_corpus(raws)
    out = {}
    for raw in raws:
        doc = clean.clean(raw, profile)
        out[raw.doc_id] = (raw, doc, extract(doc, Settings()))
    return out


def actual(meta, field: str):
    if field == "date":
        return [meta.date, meta.date_precision] if meta.date else None
    if field == "reporters":
        return list(meta.reporters)
    if field == "people":
        return [p.name for p in meta.people]
    return getattr(meta, field)


def want(exp: dict, field: str):
    value = exp.get(field)
    if field == "date" and value:
        return [str(value[0]), value[1]]
    if field in ("reporters", "people"):
        return list(value or [])
    return None if value is None else str(value)


def field_cases() -> list[tuple[str, str]]:
    return [(doc_id, f) for doc_id, exp in expected().items() for f in FIELDS
            if f in exp or f in ("county", "subtitle", "source_page")]


def body_check(doc_id: str) -> tuple[list[str], list[str]]:
    """(chrome left in the body, body sentences lost)."""
    exp = expected()[doc_id]
    raw, doc, _ = built()[doc_id]
    body = norm(doc.body_text)
    lines = raw.text.split("\n")
    left, lost = [], []
    if "body" in exp:
        a, b = (int(x) for x in str(exp["body"]).split("-"))
        for i, line in enumerate(lines, 1):
            n = norm(line)
            if not n:
                continue
            if a <= i <= b:
                pieces = re.findall(r"[^。！？]+[。！？]”?", n) or [n]
                # a heading keeps its words but loses its full stop
                lost += [p for p in pieces if len(p) >= 4 and p.rstrip("。！？")[-10:] not in body]
            elif any(n == t or (len(n) >= 4 and (t.startswith(n) or t.endswith(n)))
                     for t in (norm(blk.text) for blk in doc.blocks)):
                left.append(line.strip())  # the line is a block, or glued to one
    for s in exp.get("body_sentences") or ():
        if norm(s) not in body:
            lost.append(s)
    for s in exp.get("chrome_strings") or ():
        if norm(s) in body:
            left.append(s)
    left += [m for m in CHROME_MARKERS if norm(m) in body and m not in " ".join(left)]
    return left, lost


# --- tests ---------------------------------------------------------------------


@pytest.mark.parametrize("doc_id,field", field_cases())
def test_field(doc_id, field):
    exp = expected()[doc_id]
    reason = (exp.get("known") or {}).get(field)
    if reason:
        pytest.xfail(reason)
    meta = built()[doc_id][2]
    assert actual(meta, field) == want(exp, field)


@pytest.mark.parametrize("doc_id", sorted(expected()))
def test_body(doc_id):
    left, lost = body_check(doc_id)
    assert not left, f"chrome left in the body: {left}"
    assert not lost, f"body sentences lost: {lost}"


@pytest.mark.parametrize("doc_id", sorted(expected()))
def test_conservation(doc_id):
    raw, doc, _ = built()[doc_id]
    assert clean.conservation_residue(raw.text, doc) == ""


def test_every_fixture_has_expectations():
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(expected())


def test_encodings_are_detected():
    enc = {d: r.encoding for d, (r, _, _) in built().items()}
    assert enc["u06_gongyi_portal_gbk"] == "gb18030"
    assert enc["u26_gb18030_lankao"] == "gb18030"
    assert enc["u15_big5_luoyang"] == "big5"


def test_deterministic():
    raws = [read_file(p) for p in sorted(FIXTURES.glob("*.txt"))]
    profile = clean.profile_corpus(raws)
    for raw in raws[::7]:
        again = extract(clean.clean(raw, profile), Settings())
        assert again == built()[raw.doc_id][2]
        assert clean.clean(raw, profile) == built()[raw.doc_id][1]


# --- scorecard -------------------------------------------------------------------


def scorecard(prefix: str = "") -> str:
    """Per-field accuracy over the fixtures whose id starts with ``prefix``
    ("u": the campaign set, "h": the held-out batch, "": all)."""
    per_field: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    misses = []
    ids = sorted(d for d in expected() if d.startswith(prefix))
    for doc_id, field in field_cases():
        if doc_id not in ids:
            continue
        got, exp = actual(built()[doc_id][2], field), want(expected()[doc_id], field)
        per_field[field][1] += 1
        if got == exp:
            per_field[field][0] += 1
        else:
            misses.append(f"  {doc_id}.{field}: got {got!r}, want {exp!r}")
    chrome = lost = 0
    body_misses = []
    for doc_id in ids:
        left, gone = body_check(doc_id)
        chrome += len(left)
        lost += len(gone)
        body_misses += [f"  {doc_id} chrome: {x}" for x in left] + [f"  {doc_id} lost: {x}" for x in gone]
    ok = sum(v[0] for v in per_field.values())
    total = sum(v[1] for v in per_field.values())
    rows = [f"{f:12s} {c:3d}/{t:3d}" for f, (c, t) in per_field.items()]
    return "\n".join([f"documents: {len(ids)}", *rows, f"{'ALL':12s} {ok:3d}/{total:3d}",
                      f"chrome lines left in body: {chrome}", f"body sentences lost: {lost}", "misses:", *misses, *body_misses])


if __name__ == "__main__":
    print(scorecard(sys.argv[1] if len(sys.argv) > 1 else ""))

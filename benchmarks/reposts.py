"""Where the 同文异源 threshold sits (generator/curate/reposts.yaml).

Different texts: every pair of the labelled development pages (real pages
of the genre from 100+ sites, many on one topic, city and year).  Same text:
each development page against a copy made the way reposts differ (other
script, ASCII punctuation, other header/footer chrome) and against the same
copy cut off by its site at two thirds and at half.  Prints the overlap
coefficient (share of the shorter text's shingles in the longer one) of
both sides and the verdict of ``reposts.groups`` on them.

    .venv/bin/python benchmarks/reposts.py
"""

from __future__ import annotations

import itertools
import statistics
import sys
from pathlib import Path

import opencc
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.curate import reposts  # noqa: E402
from generator.read import read_file  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def repost_of(text: str) -> str:
    trad = opencc.OpenCC("s2t").convert(text).replace("，", ",").replace("。", ". ")
    return "首頁 > 新聞中心 > 正文\n來源:某某網\n" + trad + "\n責任編輯:王某\n版權所有 某某網"


def main() -> int:
    cfg = reposts.settings()
    dev = yaml.safe_load((CORPUS / "split.yaml").read_text(encoding="utf-8"))["dev"]
    texts = {i: read_file(CORPUS / "docs" / f"{i}.txt").text for i in dev}
    sets = {i: reposts.shingles(t) for i, t in texts.items()}
    sets = {i: s for i, s in sets.items() if len(s) >= cfg.min_shingles}
    different = sorted((reposts.containment(sets[a], sets[b]), a, b) for a, b in itertools.combinations(sorted(sets), 2))
    same = []
    for i in sorted(sets):
        copy = repost_of(texts[i])
        for label, variant in (("repost", copy), ("cut at 2/3", copy[: len(copy) * 2 // 3]), ("cut at 1/2", copy[: len(copy) // 2])):
            same.append((reposts.containment(sets[i], reposts.shingles(variant)), label, i))
    values = [c for c, *_ in different]
    print(f"different texts: {len(different)} pairs of {len(sets)} development pages; overlap "
          f"median {statistics.median(values):.3f}, max {max(values):.3f} ({different[-1][1]} / {different[-1][2]})")
    for label in ("repost", "cut at 2/3", "cut at 1/2"):
        vals = sorted((c, i) for c, lab, i in same if lab == label)
        print(f"same text, {label:<10}: {len(vals)} copies; overlap min {vals[0][0]:.3f} ({vals[0][1]}), "
              f"median {statistics.median(c for c, _ in vals):.3f}")
    print(f"threshold min_containment = {cfg.min_containment} (candidates from Jaccard >= {cfg.candidate_jaccard})")
    grouped_diff = reposts.groups(texts)
    found = sum(bool(reposts.groups({"a": texts[i], "b": repost_of(texts[i])})) for i in sorted(sets))
    print(f"groups among the development pages: {len(grouped_diff)}; reposts found: {found}/{len(sets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

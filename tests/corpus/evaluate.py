"""Score cleaning and extraction on the labelled corpus of real pages
(``tests/corpus/``, see its README).  ``make eval`` prints, for each part of
the split (development, held-out):

* per field: right / wrong / missing.  A field the label leaves ``null``
  (the text does not establish it) is right when the archive says unknown
  too, and wrong when it claims a value; a labelled field the archive leaves
  unknown is missing.  Unknown and wrong are different failures: a curator
  can fill in the first, but a reader is misled by the second;
* chrome lines removed: labelled chrome lines that are not in the body;
* body sentences kept: sentences of labelled body lines found in the body;
* the list of misses.

A title the archive derives because it found no headline (provenance
``inferred``, shown as 推断) counts as unknown, not as a claimed headline.
Comparison folds what the cleaner itself folds (whitespace, full-width
forms, traditional characters, pinyin inserted by converters).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from generator import clean  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.models import Metadata, RawDocument  # noqa: E402
from generator.read import read_file  # noqa: E402
from generator.reference.hanzi import t2s  # noqa: E402

HERE = Path(__file__).resolve().parent
#: The fields with targets (issue 12): right >= 0.95, wrong <= 0.02.
SCORED = ("title", "date", "city", "source", "doc_type")
#: Reported beside them, without a target.
REPORTED = ("subtitle", "county")
FIELDS = SCORED + REPORTED
PARTS = ("dev", "heldout")
# Pinyin a converter put after each character: 產(chǎn), 會(huì ).
_PINYIN = re.compile(r"[(（][a-zA-Z\u00c0-\u024f\u0300-\u036f ]{1,8}[)）]")
_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"})
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
# Newspaper continuation markers ("（下转02版）") are chrome even inside a body line.
_CONTINUATION = re.compile(r"[(（](上接|下转|紧转|转|接)[^)）]{1,8}[)）]")


def norm(text: str) -> str:
    text = _PINYIN.sub("", t2s(unicodedata.normalize("NFKC", text)))
    return re.sub(r"\s+", "", text).translate(_PUNCT)


def line_numbers(ranges: str | None) -> set[int]:
    """"1-3,7" -> {1, 2, 3, 7}"""
    out: set[int] = set()
    for part in str(ranges or "").replace(" ", "").split(","):
        if part:
            a, _, b = part.partition("-")
            out.update(range(int(a), int(b or a) + 1))
    return out


@dataclass(frozen=True)
class Case:
    doc_id: str
    label: dict
    raw: RawDocument


@dataclass
class Score:
    documents: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0] for f in FIELDS})  # right wrong missing
    chrome: list[int] = field(default_factory=lambda: [0, 0])  # removed, labelled
    body: list[int] = field(default_factory=lambda: [0, 0])  # kept, labelled
    misses: list[str] = field(default_factory=list)

    def rate(self, name: str, kind: int = 0) -> float:
        counts = self.fields[name]
        return counts[kind] / max(1, sum(counts))

    @property
    def chrome_removed(self) -> float:
        return self.chrome[0] / max(1, self.chrome[1])

    @property
    def body_kept(self) -> float:
        return self.body[0] / max(1, self.body[1])


def split() -> dict[str, list[str]]:
    return yaml.safe_load((HERE / "split.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def cases(part: str) -> tuple[Case, ...]:
    out = []
    for doc_id in split()[part]:
        label = yaml.safe_load((HERE / "labels" / f"{doc_id}.yaml").read_text(encoding="utf-8"))
        out.append(Case(doc_id, label, read_file(HERE / "docs" / f"{doc_id}.txt")))
    return tuple(out)


@lru_cache(maxsize=None)
def built(part: str) -> dict[str, tuple[Case, object, Metadata]]:
    """doc id -> (case, cleaned document, metadata), built as the pipeline
    builds a corpus: one corpus profile over the part."""
    part_cases = cases(part)
    profile = clean.profile_corpus([c.raw for c in part_cases])
    out = {}
    for case in part_cases:
        doc = clean.clean(case.raw, profile)
        out[case.doc_id] = (case, doc, extract(doc, Settings()))
    return out


def expected(label: dict, name: str) -> str | None:
    value = label.get(name)
    return None if value is None or value == "" else norm(str(value))


def actual(meta: Metadata, name: str) -> str | None:
    if name == "title" and meta.provenance_of("title").method == "inferred":
        return None  # no headline found: the page shows a description marked 推断, not a claimed headline
    value = getattr(meta, name)
    return None if value is None or value == "" else norm(str(value))


def score(part: str) -> Score:
    result = Score()
    for doc_id, (case, doc, meta) in built(part).items():
        result.documents += 1
        for name in FIELDS:
            want, got = expected(case.label, name), actual(meta, name)
            kind = 0 if want == got else (2 if got is None else 1)
            result.fields[name][kind] += 1
            if kind:
                result.misses.append(f"{doc_id}.{name}: {('got ' + repr(got)) if got else 'unknown'}, want {want!r}")
        body = norm(doc.body_text)
        lines = case.raw.text.split("\n")
        marked = case.label.get("lines") or {}
        chrome_nos = line_numbers(marked.get("chrome"))
        not_body = chrome_nos | line_numbers(marked.get("header"))
        body_lines = [norm(line) for i, line in enumerate(lines, 1) if i not in not_body and norm(line)]
        for i in sorted(chrome_nos):
            n = norm(lines[i - 1]) if i <= len(lines) else ""
            # A chrome string that also stands in the body's own lines cannot be told apart.
            if not n or any(n in b for b in body_lines):
                continue
            result.chrome[1] += 1
            if n in body:
                result.misses.append(f"{doc_id} chrome kept (line {i}): {lines[i - 1].strip()[:60]}")
            else:
                result.chrome[0] += 1
        for n in body_lines:
            for sentence in _SENTENCE.findall(_CONTINUATION.sub("", n)):
                core = sentence.rstrip("。！？")
                if len(core) < 4:
                    continue
                result.body[1] += 1
                # a heading keeps its words but may lose its full stop; a lead's dateline and
                # byline ("本报讯（记者 …）") go to the metadata: a sentence is lost when its end is
                if core in body or core[-12:] in body:
                    result.body[0] += 1
                else:
                    result.misses.append(f"{doc_id} body lost: {sentence[:60]}")
    return result


def report(part: str, result: Score, show_misses: bool = True) -> str:
    rows = [f"== {part}: {result.documents} documents", f"{'field':10s} {'right':>7s} {'wrong':>7s} {'missing':>7s}"]
    for name in FIELDS:
        r, w, m = result.fields[name]
        n = max(1, r + w + m)
        mark = "" if name in SCORED else "  (no target)"
        rows.append(f"{name:10s} {r / n:7.3f} {w / n:7.3f} {m / n:7.3f}{mark}")
    rows.append(f"chrome lines removed: {result.chrome_removed:.3f} ({result.chrome[0]}/{result.chrome[1]})")
    rows.append(f"body sentences kept:  {result.body_kept:.3f} ({result.body[0]}/{result.body[1]})")
    if show_misses:
        rows += ["misses:"] + [f"  {m}" for m in result.misses]
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=PARTS + ("all",), default="all")
    parser.add_argument("--no-misses", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    for part in PARTS if args.part == "all" else (args.part,):
        print(report(part, score(part), not args.no_misses))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Loads ``generator/clean/rules.yaml`` once and compiles its patterns
(vocabulary placeholders ``{{group}}`` composed by
:mod:`generator.reference.vocabulary`).

The rules are data so that they can be read, commented and extended without
touching the algorithm; this module only turns them into regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..reference.hanzi import t2s
from ..reference.loader import load_yaml
from ..reference.vocabulary import compose

DATA = Path(__file__).resolve().parent / "rules.yaml"


class FoldedPattern:
    """A compiled pattern that matches the traditional->simplified fold of
    its input (:mod:`.fold`).  The fold keeps every offset, so match
    positions apply to the original text unchanged."""

    __slots__ = ("rx",)

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(compose(pattern))

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def match(self, text: str, *args):
        return self.rx.match(t2s(text), *args)

    def search(self, text: str, *args):
        return self.rx.search(t2s(text), *args)

    def fullmatch(self, text: str, *args):
        return self.rx.fullmatch(t2s(text), *args)

    def finditer(self, text: str, *args):
        return self.rx.finditer(t2s(text), *args)

    def findall(self, text: str, *args):
        return self.rx.findall(t2s(text), *args)

    def split(self, text: str, *args):
        return self.rx.split(t2s(text), *args)


def compile_rule(pattern: str) -> FoldedPattern:
    return FoldedPattern(pattern)


@dataclass(frozen=True)
class LineRule:
    id: str
    action: str  # remove | lift | lift_if_site
    role: str
    zone: str  # any | edge
    pattern: FoldedPattern
    search: bool
    max_len: int
    tail_start: bool

    def matches(self, text: str) -> bool:
        if len(text) > self.max_len:
            return False
        return bool(self.pattern.search(text) if self.search else self.pattern.match(text))


@dataclass(frozen=True)
class HeadingFamily:
    family: str
    rank: int
    pattern: FoldedPattern
    max_clause: int
    max_commas: int


class Rules:
    """Compiled view of the YAML file (one instance per process)."""

    def __init__(self, data: dict) -> None:
        self.data = data
        #: rule id -> the reason shown in the cleaning record (declared once per id)
        self.reasons: dict[str, str] = dict(data["reasons"])
        self.line_rules = tuple(
            LineRule(
                id=r["id"], action=r["action"], role=r.get("role", ""), zone=r.get("zone", "any"),
                pattern=compile_rule(r["pattern"]), search=bool(r.get("search", False)),
                max_len=int(r.get("max_len", 10_000)),
                tail_start=bool(r.get("tail_start", False)),
            )
            for r in data["line_rules"]
        )
        c = data["counter"]
        self.counter = compile_rule(c["pattern"])
        self.counter_id, self.counter_max = c["id"], int(c["max_len"])
        m = data["meta_line"]
        self.meta_labels = compile_rule(m["labels"])
        self.meta_date = compile_rule(m["date"])
        self.meta_id, self.meta_max = m["id"], int(m["max_len"])
        self.nav_words = frozenset(data["nav"]["words"])
        self.nav_id = data["nav"]["id"]
        lr = data["link_row"]
        self.link_sep = compile_rule(lr["separators"])
        self.link_max_item = int(lr["max_item"])
        self.link_keywords = tuple(lr["keywords"])
        self.link_id = lr["id"]
        co = data["continuation"]
        self.continuation = compile_rule(co["pattern"])
        self.continuation_id = co["id"]
        md = data["md_prefix"]
        self.md_prefix = compile_rule(md["pattern"])
        self.md_id = md["id"]
        lead = data["lead"]
        self.lead = compile_rule(
            rf"^(?P<dateline>{lead['dateline']})?\s*(?P<byline>{lead['byline']})?"
        )
        self.bare_byline = compile_rule("^" + lead["bare_byline"])
        self.names_byline = compile_rule("^" + lead["names_byline"])
        self.kicker_verbs = compile_rule(data["kicker_verbs"])
        self.salutation = compile_rule(data["salutation"])
        self.headings = tuple(
            HeadingFamily(h["family"], int(h["rank"]), compile_rule(h["pattern"]), int(h["max_clause"]), int(h["max_commas"]))
            for h in data["headings"]
        )
        q = data["quote"]
        self.quote_open = compile_rule(q["open"])
        self.quote_close = compile_rule(q["close"])
        self.attribution = compile_rule(q["attribution"])
        self.max_quote_chars = int(q["max_quote_chars"])
        w = data["watermark"]
        self.wm = w
        self.wm_collocations = frozenset(w["collocations"])
        self.wm_legit_before = tuple(sorted(w["legit_before"], key=len, reverse=True))
        self.wm_legit_after = tuple(sorted(w["legit_after"], key=len, reverse=True))
        t = data["typography"]
        self.typo_map = dict(t["map"])
        self.typo_id = t["id"]
        rp = data["repeated"]
        self.repeated_id = rp["id"]
        self.repeated_max_len, self.repeated_min_docs = int(rp["max_len"]), int(rp["min_docs"])
        # Not text at all: plain patterns, no fold (it would only cost time).
        self.invisible = tuple((i["id"], re.compile(i["pattern"])) for i in data["invisible"])
        mj = data["mojibake"]
        self.mojibake_id, self.mojibake_gb_id = mj["utf8_id"], mj["gb_id"]
        self.mojibake_min_plausibility = float(mj["min_plausibility"])
        self.mojibake_max_before = float(mj["max_plausibility_before"])
        self.mojibake_warn_plausibility = float(mj["warn_plausibility"])


    def undeclared(self) -> list[str]:
        """Rule ids the data uses without declaring their reason."""
        ids = [r.id for r in self.line_rules] + [self.counter_id, self.meta_id, self.nav_id, self.link_id,
                                                  self.continuation_id, self.md_id, self.typo_id, self.repeated_id,
                                                  self.wm["id"], self.mojibake_id, self.mojibake_gb_id]
        ids += [rule_id for rule_id, _ in self.invisible]
        return sorted({i for i in ids if i not in self.reasons})


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules(load_yaml(DATA))

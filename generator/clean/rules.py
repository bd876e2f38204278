"""Loads ``generator/data/clean_rules.yaml`` once and compiles its patterns.

The rules are data so that they can be read, commented and extended without
touching the algorithm; this module only turns them into regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "clean_rules.yaml"


@dataclass(frozen=True)
class LineRule:
    id: str
    action: str  # remove | lift | lift_if_site
    role: str
    zone: str  # any | edge
    pattern: re.Pattern
    search: bool
    max_len: int
    reason: str
    tail_start: bool

    def matches(self, text: str) -> bool:
        if len(text) > self.max_len:
            return False
        return bool(self.pattern.search(text) if self.search else self.pattern.match(text))


@dataclass(frozen=True)
class HeadingFamily:
    family: str
    rank: int
    pattern: re.Pattern
    max_clause: int
    max_commas: int


class Rules:
    """Compiled view of the YAML file (one instance per process)."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.line_rules = tuple(
            LineRule(
                id=r["id"], action=r["action"], role=r.get("role", ""), zone=r.get("zone", "any"),
                pattern=re.compile(r["pattern"]), search=bool(r.get("search", False)),
                max_len=int(r.get("max_len", 10_000)), reason=r.get("reason", ""),
                tail_start=bool(r.get("tail_start", False)),
            )
            for r in data["line_rules"]
        )
        c = data["counter"]
        self.counter = re.compile(c["pattern"])
        self.counter_id, self.counter_reason, self.counter_max = c["id"], c["reason"], int(c["max_len"])
        m = data["meta_line"]
        self.meta_labels = re.compile(m["labels"])
        self.meta_date = re.compile(m["date"])
        self.meta_id, self.meta_reason, self.meta_max = m["id"], m["reason"], int(m["max_len"])
        self.nav_words = frozenset(data["nav"]["words"])
        self.nav_id, self.nav_reason = data["nav"]["id"], data["nav"]["reason"]
        lr = data["link_row"]
        self.link_sep = re.compile(lr["separators"])
        self.link_max_item = int(lr["max_item"])
        self.link_keywords = tuple(lr["keywords"])
        self.link_id, self.link_reason = lr["id"], lr["reason"]
        co = data["continuation"]
        self.continuation = re.compile(co["pattern"])
        self.continuation_id, self.continuation_reason = co["id"], co["reason"]
        md = data["md_prefix"]
        self.md_prefix = re.compile(md["pattern"])
        self.md_id, self.md_reason = md["id"], md["reason"]
        lead = data["lead"]
        self.lead = re.compile(
            rf"^(?P<dateline>{lead['dateline']})?\s*(?P<byline>{lead['byline']})?"
        )
        self.bare_byline = re.compile("^" + lead["bare_byline"])
        self.kicker_verbs = re.compile(data["kicker_verbs"])
        self.salutation = re.compile(data["salutation"])
        self.headings = tuple(
            HeadingFamily(h["family"], int(h["rank"]), re.compile(h["pattern"]), int(h["max_clause"]), int(h["max_commas"]))
            for h in data["headings"]
        )
        q = data["quote"]
        self.quote_open = re.compile(q["open"])
        self.quote_close = re.compile(q["close"])
        self.attribution = re.compile(q["attribution"])
        self.max_quote_chars = int(q["max_quote_chars"])
        w = data["watermark"]
        self.wm = w
        self.wm_collocations = frozenset(w["collocations"])
        self.wm_legit_before = tuple(sorted(w["legit_before"], key=len, reverse=True))
        self.wm_legit_after = tuple(sorted(w["legit_after"], key=len, reverse=True))
        t = data["typography"]
        self.typo_map = dict(t["map"])
        self.typo_id, self.typo_reason = t["id"], t["reason"]
        rp = data["repeated"]
        self.repeated_id, self.repeated_reason = rp["id"], rp["reason"]
        self.repeated_max_len, self.repeated_min_docs = int(rp["max_len"]), int(rp["min_docs"])


@lru_cache(maxsize=1)
def rules() -> Rules:
    with DATA.open(encoding="utf-8") as fh:
        return Rules(yaml.safe_load(fh))

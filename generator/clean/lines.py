"""Line-level chrome and cue recognition (one stripped line at a time)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.hanzi import t2s
from ..reference.vocabulary import compose
from .rules import Rules
from .text import SENTENCE_END, Span

_SITE_NAME = re.compile(compose(r"[\u4e00-\u9fffA-Za-z]{1,12}({{web_suffixes|newspaper_suffixes|broadcast_suffixes}}|报社|报|新闻)"))
_NAV_SPLIT = re.compile(r"[\s|｜·•/>»\-–—]+")


@dataclass(frozen=True)
class Verdict:
    rule: str
    action: str  # remove | lift
    role: str
    tail_start: bool = False


def names_site(text: str) -> bool:
    return bool(_SITE_NAME.search(t2s(text)))


def is_nav_line(text: str, r: Rules) -> bool:
    if len(text) > 40:
        return False
    items = [t for t in _NAV_SPLIT.split(t2s(text)) if t]
    return bool(items) and all(t in r.nav_words for t in items)


def is_link_row(text: str, r: Rules) -> bool:
    if len(text) > 160 or any(c in text for c in "。，,！？；"):
        return False
    items = [t for t in r.link_sep.split(text) if t and t.strip("-–—|｜·•/ ")]
    if len(items) < 3 or any(len(t) > r.link_max_item for t in items):
        return False
    hits = sum(1 for t in items if t in r.nav_words or any(k in t for k in r.link_keywords))
    return hits >= 2


def classify(text: str, r: Rules, edge: bool) -> Verdict | None:
    """The first rule that claims this whole line, or None (body text)."""
    for rule in r.line_rules:
        if rule.zone == "edge" and not edge:
            continue
        if rule.matches(text):
            action, role = rule.action, rule.role
            if action == "lift_if_site":
                action = "lift" if names_site(text) else "remove"
            return Verdict(rule.id, action, role, rule.tail_start)
    if is_nav_line(text, r):
        return Verdict(r.nav_id, "remove", "")
    if is_link_row(text, r):
        return Verdict(r.link_id, "remove", "")
    return None


def counter_spans(span: Span, r: Rules) -> list[tuple[int, int]]:
    """Offsets of view/comment/favourite counters in a short metadata line;
    empty unless at least two occur (so a title saying 收藏 is safe)."""
    text = span.text
    if len(text) > r.counter_max or any(c in text for c in SENTENCE_END + "，"):
        return []
    found = [(m.start(), m.end()) for m in r.counter.finditer(text) if m.group().strip()]
    return found if len(found) >= 2 else []


def is_meta_line(text: str, r: Rules) -> bool:
    if len(text) > r.meta_max or any(c in text for c in SENTENCE_END):
        return False
    labels = len(r.meta_labels.findall(text))
    return labels >= 2 or (labels >= 1 and bool(r.meta_date.search(text)))

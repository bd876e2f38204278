"""Site names injected into running text ("我老秘网市" for "我市").

A candidate is a short token ending in 网/网站 that is not itself a word.
At an occurrence, if the characters on either side of it form a collocation
(a dictionary word, a frequent corpus bigram or a listed collocation), the
token has broken a word apart: it was injected.  A token seen doing so at
least ``min_hits`` times in the document (or known from the corpus profile)
is removed from every running-text position except cited ones ("据…网报道").
"""

from __future__ import annotations

import logging
from collections import Counter
from functools import lru_cache
from typing import Iterable

from .rules import Rules
from .text import is_han


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.initialize()
        return jieba.dt.FREQ
    except Exception:  # noqa: BLE001 - fall back to listed collocations only
        return {}


def is_word(s: str) -> bool:
    return _dictionary().get(s, 0) > 0


def _collocation(pair: str, r: Rules, bigrams: frozenset[str]) -> bool:
    return pair in r.wm_collocations or pair in bigrams or is_word(pair)


def breaking_hits(text: str, r: Rules, bigrams: frozenset[str]) -> Counter:
    """Tokens that split a collocation in ``text``, with their counts."""
    hits: Counter = Counter()
    lo, hi = int(r.wm["min_len"]), int(r.wm["max_len"])
    max_freq = int(r.wm["max_word_freq"])
    i = text.find("网")
    while i != -1:
        ends = [i + 1] + ([i + 2] if text[i + 1:i + 2] == "站" else [])
        for end in ends:
            for start in range(max(0, i - hi + 1), i):
                token = text[start:end]
                if not (lo <= len(token) <= hi) or not all(is_han(c) for c in token):
                    continue
                if start == 0 or end >= len(text):
                    continue
                before, after = text[start - 1], text[end]
                if not (is_han(before) and is_han(after)):
                    continue
                if (_dictionary().get(token, 0) >= max_freq or is_word(before + token)
                        or is_word(token + after)):
                    continue
                if _collocation(before + after, r, bigrams):
                    hits[token] += 1
        i = text.find("网", i + 1)
    return hits


def choose_tokens(texts: Iterable[str], r: Rules, bigrams: frozenset[str], known: frozenset[str]) -> list[str]:
    total: Counter = Counter()
    for t in texts:
        total.update(breaking_hits(t, r, bigrams))
    need = int(r.wm["min_hits"])
    chosen = [t for t, n in total.items() if n >= need or (t in known and n >= 1)]
    # Prefer the longest token when one contains another ("老秘网" over "秘网").
    chosen.sort(key=lambda t: (-len(t), t))
    out: list[str] = []
    for t in chosen:
        if not any(t in o for o in out):
            out.append(t)
    return out


def legit(text: str, start: int, end: int, r: Rules) -> bool:
    """A cited site name ("据大河网报道", "来源：老秘网") stays."""
    before = text[:start]
    after = text[end:]
    return any(before.endswith(w) for w in r.wm_legit_before) or any(after.startswith(w) for w in r.wm_legit_after)


def occurrences(text: str, token: str, r: Rules) -> list[tuple[int, int]]:
    out = []
    i = text.find(token)
    while i != -1:
        j = i + len(token)
        if not legit(text, i, j, r):
            out.append((i, j))
        i = text.find(token, j)
    return out

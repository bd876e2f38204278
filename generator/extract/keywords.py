"""Keywords (jieba TF-IDF minus generic officialese) and a short summary."""

from __future__ import annotations

import re
from functools import lru_cache

from . import nlp
from .doctype import strip_lead
from ..reference.loader import word_list
from .rules import DATA_DIR, thresholds

TOP_K = thresholds().keywords
SUMMARY_MAX = thresholds().summary_max
SUMMARY_MIN = thresholds().summary_min
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


@lru_cache(maxsize=None)
def _stop() -> frozenset[str]:
    return frozenset(word_list(DATA_DIR / "stopwords.txt"))


def keywords(text: str, top_k: int = TOP_K, exclude: frozenset[str] = frozenset()) -> list[str]:
    """Topic words.  ``exclude`` holds people's names and titles, which have
    their own field: a word inside one of them (a name, a fragment of a name
    such as 黎明 of 刘黎明, or 书记 of 市委书记) would crowd out the topics."""
    out = []
    for word in nlp.tfidf_tags(text, top_k * 4):
        if word in _stop() or any(word in ex for ex in exclude) or len(word) < 2 or re.search(r"\d", word):
            continue
        out.append(word)
        if len(out) == top_k:
            break
    return out


def summary(paragraphs: tuple[str, ...]) -> str | None:
    """The first substantive sentences, at most ~120 characters."""
    for para in paragraphs[:4]:
        text = strip_lead(para)
        if len(text) < 30:
            continue
        out = ""
        for sentence in _SENTENCE.findall(text):
            sentence = sentence.strip()
            if not out and len(sentence) > SUMMARY_MAX:
                cut = sentence[:SUMMARY_MAX]
                comma = max(cut.rfind(","), cut.rfind("，"), cut.rfind("；"), cut.rfind(";"))
                return (cut[:comma] if comma > SUMMARY_MIN else cut[: SUMMARY_MAX - 1]) + "…"
            if len(out) + len(sentence) > SUMMARY_MAX:
                break
            out += sentence
            if len(out) >= SUMMARY_MIN:
                break
        if out:
            return out
    return None

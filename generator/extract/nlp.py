"""jieba, initialised once per process, quiet and deterministic.

The default dictionary plus the domain user dictionary
(``data/domain_userdict.txt``, via :mod:`generator.reference.lexicon`) and the gazetteer's place names, so that
产业集聚区 or 安阳县 stay one token.  Everything else in the extractor goes
through :func:`tokens`, :func:`pos_tags` and :func:`tfidf_tags`.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import jieba

from ..reference import lexicon

_lock = threading.Lock()
_ready = False


def _load_userdict() -> None:
    for word, freq, tag in lexicon.domain_words():
        jieba.add_word(word, freq, tag)


def init() -> None:
    """Idempotent; cheap after the first call."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.initialize()
        _load_userdict()
        from ..reference import gazetteer  # late: gazetteer does not need jieba

        for name in gazetteer.dictionary_words():
            if name not in jieba.dt.FREQ or not jieba.dt.FREQ.get(name):
                jieba.add_word(name, 2000, "ns")
        _ready = True


@lru_cache(maxsize=64)
def tokens(text: str) -> tuple[str, ...]:
    init()
    return tuple(jieba.lcut(text, HMM=False))


@lru_cache(maxsize=64)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    init()
    import jieba.posseg  # late: its tag table takes a second to load; user tags merge in at the first cut

    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


def tfidf_tags(text: str, top_k: int) -> list[str]:
    init()
    import jieba.analyse  # late: loading its IDF table takes a second

    return jieba.analyse.extract_tags(
        text, topK=top_k, allowPOS=("n", "nz", "ns", "nt", "vn", "l", "nr", "j", "i"),
    )


def is_person_name(word: str) -> bool:
    """jieba tags ``word`` (in isolation) as a personal name."""
    tags = pos_tags(word)
    return len(tags) == 1 and tags[0][1] == "nr"

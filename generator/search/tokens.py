"""Tokens of the search index: words (for lunr, fuzzy mode) and character
grams (for exact mode).  Everything here works on *folded* text.

Words come from jieba's ``cut_for_search`` (a word and the dictionary words
inside it, so 集聚区 is found inside 产业集聚区), with jieba's dictionary
plus the archive's domain words (:mod:`generator.reference.lexicon`).  jieba cuts each run of
Han/alphanumeric characters independently, so cutting the runs one by one
(and memoising them, which matters for boilerplate) gives exactly jieba's
output for the whole text.  The browser never re-runs jieba: it segments a
query by longest match against the indexed words themselves.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Iterator

from ..reference import lexicon

# JavaScript's \s, which is what the browser splits a query on.  Grams that
# contain one of these can never be part of a query, so they are not indexed.
JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
WS_RE = re.compile("[" + re.escape(JS_WHITESPACE) + "]+")
RUN_RE = re.compile("[^" + re.escape(JS_WHITESPACE) + "]+")

# jieba's own block pattern (jieba.re_han_default).
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_CACHE_LIMIT = 500_000


# Punctuation a query is split on besides whitespace (after folding, so
# full-width forms are ASCII here): quotes, brackets (Unicode categories Ps,
# Pe, Pi, Pf) and these; "," and ":" only when not between two digits
# (1,000 and 12:30 stay whole).  "." "-" "%" "#" "&" "/" are kept: 144.3亿元,
# 2014-04-30.  The browser's engine.js PUNCT is the same.
QUERY_PUNCT = "\"'`!?;,:，；：？！、。…—·・《》「」『』【】〈〉〔〕"
_PUNCT_CATEGORIES = {"Ps", "Pe", "Pi", "Pf"}


def _is_separator(text: str, i: int) -> bool:
    ch = text[i]
    if ch in JS_WHITESPACE:
        return True
    if ch in ",:":
        return not (0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isdigit()
                    and text[i + 1].isascii() and text[i + 1].isdigit())
    return ch in QUERY_PUNCT or unicodedata.category(ch) in _PUNCT_CATEGORIES


def query_parts(folded_query: str) -> list[str]:
    """Split a folded query into its parts, each once (as the browser does):
    whitespace and punctuation (:data:`QUERY_PUNCT`) separate them, so a
    quoted "产业" is the part 产业."""
    parts, current = [], []
    for i, ch in enumerate(folded_query):
        if _is_separator(folded_query, i):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return list(dict.fromkeys(p for p in parts if p))


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    # A private instance: other stages may add words to jieba's global
    # dictionary, which must not change the search index.
    tok = jieba.Tokenizer()
    tok.initialize()
    # The archive's domain words (shared with extraction): with them
    # cut_for_search yields 集聚区 and 产业集聚区 besides 产业 / 集聚.
    for word, freq, tag in lexicon.domain_words():
        tok.add_word(word, freq, tag)
    return tok


_block_cache: dict[str, tuple[str, ...]] = {}


def _cut_block(block: str) -> tuple[str, ...]:
    words = _block_cache.get(block)
    if words is None:
        words = tuple(w.lower() for w in _tokenizer().cut_for_search(block) if _is_word(w))
        if len(_block_cache) > _CACHE_LIMIT:
            _block_cache.clear()
        _block_cache[block] = words
    return words


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token) and not any(ch in JS_WHITESPACE for ch in token)


def words(folded_text: str) -> Iterator[str]:
    """jieba ``cut_for_search`` tokens of folded text, without punctuation
    and whitespace tokens; lower-cased as lunr.py's tokenizer would."""
    for block in _RE_HAN.split(folded_text):
        if not block:
            continue
        if _RE_HAN.fullmatch(block):
            yield from _cut_block(block)
        else:
            for ch in block:  # jieba yields other characters one by one
                if _is_word(ch):
                    yield ch.lower()


def name_terms(names: Iterable[str]) -> list[str]:
    """Terms for short metadata values (people, city): the whole value (with
    inner spaces removed) plus its jieba words."""
    out: list[str] = []
    for name in names:
        compact = WS_RE.sub("", name).lower()
        if compact and _is_word(compact):
            out.append(compact)
            out.extend(w for w in words(compact) if w != compact)
    return out


def runs(folded_text: str) -> Iterator[tuple[int, str]]:
    """``(offset, run)`` for each maximal stretch without whitespace."""
    for m in RUN_RE.finditer(folded_text):
        yield m.start(), m.group()

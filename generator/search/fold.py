"""Folding: the one normalisation applied to indexed text and to queries.

``fold`` maps every code point on its own (a string homomorphism:
``fold(a + b) == fold(a) + fold(b)``), so a query that occurs in a document
as written still occurs after both are folded.  Per code point it applies
NFKC, Unicode case folding and OpenCC's traditional->simplified character
conversion (``t2s``, the first candidate of each character), repeated until
nothing changes, so ``fold(fold(x)) == fold(x)``.

OpenCC's phrase tables are deliberately *not* used: phrase conversion depends
on the neighbouring characters, which would break substring containment
(a query converted on its own could differ from the same characters converted
inside a sentence).

The browser applies the very same mapping.  The code points typed in nearly
every Chinese query (CJK ideographs, CJK punctuation, full-width forms) fold
by one file, ``search/index/fold/common.json``, fetched only when a query has
a character there that folds (``meta.json`` says which CJK ideographs do), so
a simplified-Chinese query needs no table at all; the rest of the
table is published in pages of 256 code points (``fold/<page>.json``) loaded
only for the pages a query touches.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..reference import hanzi
from . import shards as sh

MAX_CODE_POINT = hanzi.MAX_CODE_POINT
PAGE_BITS = 8


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """``{char: folded}`` for every code point that folding changes."""
    t2s = hanzi.t2s_characters()

    def step(text: str) -> str:
        out = []
        for ch in text:
            for c in unicodedata.normalize("NFKC", ch).casefold():
                out.append(t2s.get(c, c))
        return "".join(out)

    table: dict[str, str] = {}
    for cp in range(0, MAX_CODE_POINT + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = step(ch)
        for _ in range(8):  # iterate to a fixed point (idempotent folding)
            again = step(folded)
            if again == folded:
                break
            folded = again
        if folded != ch:
            table[ch] = folded
    return table


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    return {ord(k): v for k, v in fold_table().items()}


def fold(text: str) -> str:
    """Fold ``text`` for matching (NFKC, casefold, traditional->simplified)."""
    return text.translate(_translation())


def fold_pages() -> dict[int, dict[str, str]]:
    """The fold table grouped by page (code point >> 8), for the browser."""
    pages: dict[int, dict[str, str]] = {}
    for ch, folded in fold_table().items():
        pages.setdefault(ord(ch) >> PAGE_BITS, {})[ch] = folded
    return pages


CJK_FIRST, CJK_LAST = 0x4E00, 0x9FFF  # CJK Unified Ideographs
COMMON_PAGES = (0x30, 0xFF)  # CJK symbols and punctuation; half/full-width forms


def common_fold() -> dict:
    """The folding of the commonly typed code points, compactly:
    ``{"cjk": {"first", "last", "bits", "to"}, "pages": {page: table}}``;
    bit i of ``bits`` is set iff ``first + i`` folds, and ``to`` lists the
    single characters those fold to, in code point order."""
    table = fold_table()
    bits = bytearray((CJK_LAST - CJK_FIRST + 8) // 8)
    to = []
    for cp in range(CJK_FIRST, CJK_LAST + 1):
        target = table.get(chr(cp))
        if target is None:
            continue
        if len(target) != 1:  # never seen in OpenCC's t2s; kept out of the compact form
            raise ValueError(f"fold of U+{cp:04X} is not one character")
        sh.set_bit(bits, cp - CJK_FIRST)
        to.append(target)
    pages = fold_pages()
    return {"cjk": {"first": CJK_FIRST, "last": CJK_LAST, "bits": sh.b64(bytes(bits)), "to": "".join(to)},
            "pages": {str(p): pages[p] for p in COMMON_PAGES if p in pages}}

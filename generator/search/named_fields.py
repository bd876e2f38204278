"""The named fields of a document that search finds besides its title and
body - city, source, reporters and people - and their pinyin.

Exact mode: the folded values are part of each document's indexed text
(after the title and the body, one value a line, so no gram crosses from one
value to the next), so 郑州晚报 or a reporter's name is found like any text.
Fuzzy mode: people and city are lunr fields, source and reporters one more.
The search page names the field a part was found in (``来源：郑州晚报``) from
the values in the document's text file (``t/<n>.json``).

Pinyin (``y/<letter>.json``): every value's reading in toneless pinyin (from
pypinyin at generate time; for people, every reading pypinyin knows of the
surname), filed under its first letter.  A query part of two or more Latin
letters matches a value when it begins the value's full pinyin (zhengzhou ->
郑州市) or its initials (zz -> 郑州市).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..fields import label
from ..models import Document
from . import shards as sh
from .fold import fold

# field key -> what the search page calls it (in reasons: 来源：郑州晚报)
FIELDS = ("city", "source", "reporter", "person")
# The labels are the pages' own (generator/fields.py), declared once.
FIELD_LABELS = {"city": label("city"), "source": label("source"), "reporter": label("reporters"), "person": label("people")}
MAX_READINGS = 4  # of one person's name (surname heteronyms)
PINYIN_RE = re.compile("[a-z]{2,}")  # a query part that may be pinyin
_SYLLABLE_CLEAN = re.compile("[^a-z0-9]")
_HAN = re.compile("[\u3400-\u9fff\U00020000-\U0002ffff]")


def field_values(doc: Document) -> list[tuple[str, str]]:
    """``(field, value)`` of the document's named fields, each pair once, in
    the order of :data:`FIELDS`."""
    m = doc.meta
    pairs = [("city", m.city or ""), ("source", m.source or "")]
    pairs += [("reporter", r) for r in m.reporters] + [("person", p.name) for p in m.people]
    out: list[tuple[str, str]] = []
    for field, value in pairs:
        value = value.strip()
        if value and (field, value) not in out:
            out.append((field, value))
    return out


def field_text(doc: Document) -> str:
    """The folded values, one a line (what exact mode indexes after the
    body)."""
    return "\n".join(dict.fromkeys(fold(v) for _, v in field_values(doc)))


@lru_cache(maxsize=1)
def _pypinyin():
    import pypinyin

    return pypinyin


def _syllables(tokens: Iterable[str]) -> list[str]:
    out = []
    for tok in tokens:
        tok = _SYLLABLE_CLEAN.sub("", tok.lower())
        if tok:
            out.append(tok)
    return out


def readings(value: str, field: str) -> list[str]:
    """The value's readings as space-separated toneless syllables (``zheng
    zhou shi``); none for a value without Han characters.  For a person,
    each reading of the surname pypinyin knows (单: dan, shan, chan)."""
    if not _HAN.search(value):
        return []
    py = _pypinyin()
    base = _syllables(py.lazy_pinyin(value, style=py.Style.NORMAL, errors="ignore"))
    if not base:
        return []
    out = [" ".join(base)]
    if field == "person" and _HAN.match(value[0]):
        for first in py.pinyin(value[0], style=py.Style.NORMAL, heteronym=True)[0]:
            first = _SYLLABLE_CLEAN.sub("", first.lower())
            alt = " ".join([first] + base[1:])
            if first and alt not in out and len(out) < MAX_READINGS:
                out.append(alt)
    return out


def pinyin_files(docs: list[Document]) -> dict[str, list]:
    """Per first letter, the entries ``[field number, value, reading, docs]``
    of the values whose reading starts with it (docs: the ordinals, as
    varint deltas), sorted."""
    postings: dict[tuple[str, str], list[int]] = {}
    for ord_, doc in enumerate(docs):
        for pair in field_values(doc):
            postings.setdefault(pair, []).append(ord_)
    files: dict[str, list] = {}
    for (field, value), ords in sorted(postings.items()):
        docs_text = sh.encode_varints(b - a for a, b in zip([0] + ords, ords))
        for reading in readings(value, field):
            files.setdefault(reading[0], []).append([FIELDS.index(field), value, reading, docs_text])
    for entries in files.values():
        entries.sort()
    return files


def pinyin_match(part: str, reading: str) -> bool:
    """Whether query part ``part`` (folded) is pinyin of ``reading``: two or
    more Latin letters that begin its full pinyin or its initials."""
    if not PINYIN_RE.fullmatch(part):
        return False
    syllables = reading.split(" ")
    return "".join(syllables).startswith(part) or "".join(s[0] for s in syllables).startswith(part)

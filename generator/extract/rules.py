"""Load the extractor's data files (``rules.yaml``, ``events.yaml``,
``stopwords.txt`` beside this module; surnames from the shared reference
data) once, with vocabulary placeholders ``{{group}}`` composed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..reference.hanzi import t2s
from ..reference.loader import REFERENCE_DATA, load_yaml, word_list
from ..reference.vocabulary import compose

DATA_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def rules() -> dict[str, Any]:
    """``rules.yaml`` with every pattern's vocabulary placeholders composed."""
    return {k: compose(v) if isinstance(v, str) else v for k, v in load_yaml(DATA_DIR / "rules.yaml").items()}


@dataclass(frozen=True)
class Thresholds:
    """The numbers the extractor decides by (``thresholds`` in rules.yaml,
    where each says why it is that number)."""

    source_lead_window: int
    date_lead_window: int
    raw_head_lines: int
    raw_edge_lines: int
    byline_line_max: int
    header_max_lines: int
    footer_max_lines: int
    short_line: int
    teaser_max: int
    teaser_key: int
    max_title: int
    min_title_cjk: int
    banner_max: int
    derived_title_max: int
    couplet_max: int
    strong_source: int
    strong_official: int
    evidence_max: int
    keywords: int
    summary_max: int
    summary_min: int


@lru_cache(maxsize=None)
def thresholds() -> Thresholds:
    data = dict(rules()["thresholds"])
    names = {f.name for f in fields(Thresholds)}
    if set(data) != names:
        raise ValueError(f"extract/rules.yaml thresholds: missing {sorted(names - set(data))}, unknown {sorted(set(data) - names)}")
    return Thresholds(**{k: int(v) for k, v in data.items()})


@lru_cache(maxsize=None)
def rx(name: str) -> re.Pattern[str]:
    """The compiled regular expression stored under ``name``."""
    return re.compile(rules()[name])


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    return frozenset(word_list(REFERENCE_DATA / "surnames.txt"))


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0}
_CN_NUM = "〇○零Ｏ一二三四五六七八九十"
# Dates written in Chinese numerals, as official documents and speeches date
# themselves: "二〇一六年七月八日", "二○一五年三月".
_CN_DATE = re.compile(
    r"(?P<y>[〇○零Ｏ一二三四五六七八九]{4})\s*年"
    r"(?:\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月(?:\s*(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日)?)?")


def _cn_small(text: str) -> int:
    """一..三十一 (as used for months and days) to an int."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _arabic_date(m: re.Match) -> str:
    out = "".join(str(_CN_DIGIT[c]) for c in m.group("y")) + "年"
    if m.group("m"):
        out += f"{_cn_small(m.group('m'))}月"
        if m.group("d"):
            out += f"{_cn_small(m.group('d'))}日"
    return out


# Pinyin a converter put after each character of a page: 產(chǎn), 濮（pu）.
# Lower-case letters (with tone marks) only, so "组织(WTO)" keeps its acronym.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff》”])(?:[(（][a-z\u00e0-\u01dc\u0300-\u036f]{1,7} ?[)）])+")


def norm(text: str) -> str:
    """Text for pattern matching: full-width ASCII forms folded (NFKC), so
    rules can be written with ``, : ( )`` and digits only once, and dates in
    Chinese numerals rewritten with Arabic digits; traditional characters
    are folded to simplified (one for one), so a 繁體 page meets the same
    rules and its places, names and sources come out in simplified form;
    pinyin glosses a converter put after characters (濮(pu)阳) are dropped."""
    text = t2s(unicodedata.normalize("NFKC", text))
    if "(" in text:
        text = _PINYIN_GLOSS.sub("", text)
    return _CN_DATE.sub(_arabic_date, text) if "年" in text else text


def looks_like_name(word: str) -> bool:
    """A 2-4 character string that starts with a common surname."""
    if not 2 <= len(word) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return False
    if word[:2] in surnames():
        return len(word) >= 3
    return word[0] in surnames() and len(word) <= 3

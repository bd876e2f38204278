"""Traditional -> simplified Chinese, one character at a time, from OpenCC's
data (the ``opencc`` package, ``t2s``).

Shared by the cleaner and extractor (rules written once, in simplified
characters, must match a traditional-character page) and by the search
index (folding of indexed text and queries).  Each code point is converted
on its own, newline-separated, so no OpenCC phrase rule can span two of them:
the mapping depends on a character alone, which is what offset-preserving
rule matching and substring search both need.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Highest code point considered (covers CJK Extensions B-F and the
#: compatibility supplement; everything above maps to itself).
MAX_CODE_POINT = 0x2FFFF


@lru_cache(maxsize=1)
def t2s_characters() -> dict[str, str]:
    """``{character: simplified}`` for every code point OpenCC's t2s changes."""
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = [chr(c) for c in range(0x20, MAX_CODE_POINT + 1) if not 0xD800 <= c <= 0xDFFF]
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC contract
        raise RuntimeError("OpenCC t2s changed the number of lines")
    return {a: b for a, b in zip(chars, converted) if a != b}


@lru_cache(maxsize=1)
def _same_length_table() -> dict[int, str]:
    return {ord(a): b for a, b in t2s_characters().items() if len(b) == 1}


def t2s(text: str) -> str:
    """``text`` with traditional characters folded to simplified, one
    character for one character (so offsets in the result are offsets in
    ``text``)."""
    return text.translate(_same_length_table())


# How much a text reads as ordinary Chinese writing: shared by the read stage
# (choosing an encoding) and the clean stage (repairing mojibake).
# Punctuation and full-width forms of everyday Chinese typesetting.
_CJK_PUNCTUATION = frozenset(
    "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～\u3000"
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F))
)


def _level(ch: str) -> int | None:
    """1 for a frequent hanzi (GB2312 level 1: the 3,755 commonest simplified
    characters; Big5 level 1: 5,401 frequent traditional ones), 2 for a less
    frequent one (the second levels), 0 for a symbol either charset has,
    ``None`` for anything else."""
    levels = []
    try:
        lead = ch.encode("gb2312")[0]
        levels.append(1 if 0xB0 <= lead <= 0xD7 else 2 if 0xD8 <= lead <= 0xF7 else 0)
    except UnicodeEncodeError:
        pass
    try:
        code = int.from_bytes(ch.encode("big5"), "big")
        levels.append(1 if 0xA440 <= code <= 0xC67E else 2 if 0xC940 <= code <= 0xF9D5 else 0)
    except UnicodeEncodeError:
        pass
    hanzi = [lv for lv in levels if lv]
    return min(hanzi) if hanzi else (0 if levels else None)


def _weight(ch: str) -> float:
    if ch in _CJK_PUNCTUATION:
        return 1.0
    level = _level(ch)
    if level == 1:
        return 1.0
    if level == 2:
        return 0.4
    if level == 0:  # pinyin, Greek, Cyrillic, kana, box drawing...
        return 0.5
    return 0.1 if unicodedata.category(ch) == "Lo" else 0.0


def plausibility(text: str) -> float:
    """How much the non-ASCII characters of ``text`` look like ordinary
    Chinese writing, from 0 to 1: frequent hanzi and Chinese punctuation
    weigh most, rare hanzi less, stray symbols little.  Bytes decoded with
    the wrong codec give rarer characters, so the right decoding scores
    highest even for a text of two or three characters, where a statistical
    detector can only guess."""
    others = [ch for ch in text if ord(ch) > 0x7F and ch != "\ufeff"]
    if not others:
        return 1.0
    weights = {ch: _weight(ch) for ch in set(others)}
    return sum(weights[ch] for ch in others) / len(others)

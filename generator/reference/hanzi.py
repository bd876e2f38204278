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

"""Traditional -> simplified folding for rule matching.

Rules (``data/clean_rules.yaml``, ``data/extract_rules.yaml``) are written
once, in simplified characters; a page in traditional characters (a Hong Kong
or Taiwan copy, a 繁體 channel, a Big5 file) must meet the same rules.  The
fold is OpenCC's ``t2s`` applied to each character on its own, so it never
changes the length of a text: offsets found in the folded text are offsets
in the original, and the cleaner still cuts and records the original
characters (nothing is converted in the body).
"""

from __future__ import annotations

from functools import lru_cache

# CJK blocks where traditional forms live (Extension A, URO, compatibility).
_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def table() -> dict[int, str]:
    try:
        import opencc
    except ImportError:  # pragma: no cover - the locked environment has it
        return {}
    chars = [chr(c) for a, b in _RANGES for c in range(a, b)]
    out = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # pragma: no cover - OpenCC contract
        return {}
    return {ord(a): b for a, b in zip(chars, out) if a != b and len(b) == 1}


def t2s(text: str) -> str:
    """``text`` with traditional characters folded to simplified, one
    character for one character."""
    return text.translate(table())

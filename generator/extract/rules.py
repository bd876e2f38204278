"""Load the extractor's data files (``generator/data/extract_*``) once."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def rules() -> dict[str, Any]:
    with open(DATA_DIR / "extract_rules.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def rx(name: str) -> re.Pattern[str]:
    """The compiled regular expression stored under ``name``."""
    return re.compile(rules()[name])


@lru_cache(maxsize=None)
def word_list(file_name: str) -> tuple[str, ...]:
    """Words of a one-per-line (or space separated) data file; ``#`` comments."""
    words: list[str] = []
    for line in (DATA_DIR / file_name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.extend(line.split())
    return tuple(dict.fromkeys(words))


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    return frozenset(word_list("extract_surnames.txt"))


def norm(text: str) -> str:
    """Text for pattern matching: full-width ASCII forms folded (NFKC), so
    rules can be written with ``, : ( )`` and digits only once."""
    return unicodedata.normalize("NFKC", text)


def looks_like_name(word: str) -> bool:
    """A 2-4 character string that starts with a common surname."""
    if not 2 <= len(word) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return False
    if word[:2] in surnames():
        return len(word) >= 3
    return word[0] in surnames() and len(word) <= 3

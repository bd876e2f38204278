"""One loader for the data files the stages and the reference modules read:
YAML documents and word lists, each read once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

#: The shared reference data (gazetteer, vocabulary, lexicon, surnames).
REFERENCE_DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def load_yaml(path: Path) -> Any:
    """A YAML data file, parsed safely."""
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def word_list(path: Path) -> tuple[str, ...]:
    """Words of a one-per-line (or space separated) data file, ``#`` starting
    a comment line; duplicates dropped, file order kept."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.extend(line.split())
    return tuple(dict.fromkeys(words))

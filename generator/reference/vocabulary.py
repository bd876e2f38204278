"""The genre's vocabulary (``data/vocabulary.yaml``) and its composition into
rule patterns: ``{{group}}`` or ``{{group_a|group_b}}`` in a pattern becomes a
non-capturing alternation of the group's words, longest first (so 日报 is
tried before 报), regex-escaped.  Declared once, used by every rule."""

from __future__ import annotations

import re
from functools import lru_cache

from .loader import REFERENCE_DATA, load_yaml

_PLACEHOLDER = re.compile(r"\{\{([a-z_|]+)\}\}")


def groups() -> dict[str, list[str]]:
    return load_yaml(REFERENCE_DATA / "vocabulary.yaml")


def words(*names: str) -> tuple[str, ...]:
    """The words of one or more groups, in file order, without repeats."""
    data = groups()
    missing = [n for n in names if n not in data]
    if missing:
        raise KeyError(f"vocabulary.yaml has no group {', '.join(missing)}")
    return tuple(dict.fromkeys(w for n in names for w in data[n]))


def alternation(*names: str) -> str:
    """``(?:…)`` matching any word of the groups, longest first."""
    ordered = sorted(words(*names), key=lambda w: (-len(w), words(*names).index(w)))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@lru_cache(maxsize=None)
def compose(pattern: str) -> str:
    """``pattern`` with every ``{{group}}`` placeholder expanded."""
    return _PLACEHOLDER.sub(lambda m: alternation(*m.group(1).split("|")), pattern)

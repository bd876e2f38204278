"""ASCII punctuation between Chinese characters -> full width.

Never inside numbers (144.3亿元, 1,000), times (10:24:07) or Latin text,
e-mails and URLs: a mark is converted only when a neighbour is Chinese and it
does not sit between two digits.
"""

from __future__ import annotations

import re

from .record import Recorder
from .rules import Rules
from .text import Span, is_cjk, is_ws

_ENTITY_BEFORE = re.compile(r"&#?[A-Za-z0-9]{1,8}$")


def _neighbour(text: str, i: int, step: int) -> int:
    """Index of the nearest non-space character from ``i`` in ``step``."""
    j = i + step
    while 0 <= j < len(text) and is_ws(text[j]):
        j += step
    return j if 0 <= j < len(text) else -1


def _convertible(text: str, i: int) -> bool:
    c = text[i]
    li, ri = _neighbour(text, i, -1), _neighbour(text, i, 1)
    left = text[li] if li >= 0 else ""
    right = text[ri] if ri >= 0 else ""
    if c in ",:" and left.isdigit() and right.isdigit():
        return False  # 1,000 / 10:24
    if c == ";" and _ENTITY_BEFORE.search(text[:i]):
        return False  # &nbsp;
    if is_cjk(left):
        return True
    if not is_cjk(right):
        return False
    if left.isascii() and left.isalpha():
        # After a Latin word: only an acronym inside Chinese text (GDP,同比)
        # is Chinese context; "Hello, world! 邮箱" is Latin text.
        j = li
        while j > 0 and text[j - 1].isascii() and text[j - 1].isalnum():
            j -= 1
        return j > 0 and is_cjk(text[j - 1])
    return True


def fullwidth(span: Span, r: Rules, rec: Recorder) -> Span:
    text = span.text
    todo: dict[int, str] = {}
    # Parentheses in pairs, so that "(市)" never ends up half converted.
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            pairs.append((stack.pop(), i))
    paired = set()
    for a, b in pairs:
        paired.update((a, b))
        inner = text[a + 1:b]
        if any(is_cjk(ch) for ch in inner) or _convertible(text, a) or _convertible(text, b):
            todo[a], todo[b] = "（", "）"
    for i, c in enumerate(text):
        if c in r.typo_map and i not in paired and _convertible(text, i):
            todo[i] = r.typo_map[c]
    if not todo:
        return span
    chars = list(text)
    for i in sorted(todo):
        rec.change(span.pos[i], chars[i], todo[i], r.typo_id)
        chars[i] = todo[i]
    return Span("".join(chars), span.pos)

"""Text that remembers where each character came from.

A :class:`Span` is a piece of the raw text with the raw offset of every
character, so that whatever the cleaner cuts out can be recorded with its
line and in document order, and the record can be checked for conservation.
"""

from __future__ import annotations

import bisect
import re

# Characters that only lay text out; conservation is checked modulo these.
WS_CHARS = frozenset(" \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                     "\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u2060")
WS_RE = "[" + "".join(sorted(WS_CHARS)).replace("\\", "\\\\").replace("]", "\\]") + "]"
_WS_RUN = re.compile(WS_RE + "+")

SENTENCE_END = "。！？!?"
CLOSING = "。！？!?；;：:…”’」』）)】》"


def is_ws(c: str) -> bool:
    return c in WS_CHARS or c.isspace()


def strip_ws(text: str) -> str:
    return "".join(c for c in text if not is_ws(c))


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def is_cjk(c: str) -> bool:
    """Han characters and the punctuation used with them."""
    if not c:
        return False
    return (is_han(c) or ("\u3001" <= c <= "\u303f") or ("\uff01" <= c <= "\uff5e")
            or c in "“”‘’…—·《》【】「」『』")


class Span:
    """``text`` plus ``pos[i]`` = raw offset of ``text[i]``."""

    __slots__ = ("text", "pos")

    def __init__(self, text: str, pos: tuple[int, ...]) -> None:
        assert len(text) == len(pos)
        self.text = text
        self.pos = pos

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __getitem__(self, sl: slice) -> "Span":
        return Span(self.text[sl], self.pos[sl])

    def __add__(self, other: "Span") -> "Span":
        return Span(self.text + other.text, self.pos + other.pos)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Span({self.text!r}@{self.start})"

    @property
    def start(self) -> int:
        return self.pos[0] if self.pos else -1

    def strip(self) -> "Span":
        i, j = 0, len(self.text)
        while i < j and is_ws(self.text[i]):
            i += 1
        while j > i and is_ws(self.text[j - 1]):
            j -= 1
        return self[i:j]

    def replace_char(self, i: int, c: str) -> "Span":
        return Span(self.text[:i] + c + self.text[i + 1:], self.pos)

    @staticmethod
    def concat(spans: list["Span"]) -> "Span":
        out = Span("", ())
        for s in spans:
            out = out + s
        return out


class LineIndex:
    """Raw offset -> 1-based line number."""

    def __init__(self, raw: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", raw)]

    def line(self, offset: int) -> int:
        if offset < 0:
            return 0
        return bisect.bisect_right(self.starts, offset)


def raw_lines(raw: str) -> list[Span]:
    """Split raw text into line spans (any of CRLF, CR, LF ends a line)."""
    out = []
    start = 0
    for m in re.finditer(r"\r\n|\r|\n", raw):
        out.append(Span(raw[start:m.start()], tuple(range(start, m.start()))))
        start = m.end()
    out.append(Span(raw[start:], tuple(range(start, len(raw)))))
    return out


def tidy(text: str) -> str:
    """Final whitespace of a block: NBSP/ideographic spaces and runs become
    one space, and a space between two Chinese characters (or their
    punctuation) goes, because Chinese text does not use them."""
    text = _WS_RUN.sub(" ", text).strip()
    if " " not in text:
        return text
    out = []
    for i, c in enumerate(text):
        if c == " " and i > 0 and i + 1 < len(text) and is_cjk(text[i - 1]) and is_cjk(text[i + 1]):
            continue
        out.append(c)
    return "".join(out)

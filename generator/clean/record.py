"""The cleaning record: edits and cues collected in raw-text order."""

from __future__ import annotations

from ..models import Cue, Edit
from .text import LineIndex, Span, is_ws


class Recorder:
    def __init__(self, lines: LineIndex, raw: str = "") -> None:
        self.lines = lines
        self.raw = raw
        self._edits: list[tuple[int, int, Edit]] = []
        self._cues: list[tuple[int, int, Cue]] = []
        self._seq = 0

    def _key(self, offset: int) -> tuple[int, int]:
        self._seq += 1
        return offset, self._seq

    def segments(self, span: Span) -> list[Span]:
        """``span`` cut where it skips raw text other than whitespace (a
        paragraph joined across a removed line), so every recorded span is
        one contiguous piece of the raw text."""
        out, start = [], 0
        for i in range(1, len(span.pos)):
            a, b = span.pos[i - 1], span.pos[i]
            if b != a + 1 and not all(is_ws(c) for c in self.raw[a + 1:b]):
                out.append(span[start:i].strip())
                start = i
        out.append(span[start:].strip())
        return [s for s in out if s]

    def remove(self, span: Span, rule: str, reason: str = "") -> None:
        for seg in self.segments(span) if self.raw else [span]:
            if not seg.text:
                continue
            off, seq = self._key(seg.start)
            self._edits.append((off, seq, Edit("removed", rule, seg.text, line=self.lines.line(off), reason=reason)))

    def lift(self, span: Span, role: str, rule: str, reason: str = "") -> None:
        for seg in self.segments(span) if self.raw else [span]:
            if not seg.text:
                continue
            off, seq = self._key(seg.start)
            line = self.lines.line(off)
            self._edits.append((off, seq, Edit("lifted", rule, seg.text, line=line, reason=reason)))
            self._cues.append((off, seq, Cue(role, seg.text, line)))  # type: ignore[arg-type]

    def change(self, offset: int, text: str, replacement: str, rule: str, reason: str = "") -> None:
        off, seq = self._key(offset)
        self._edits.append((off, seq, Edit("changed", rule, text, replacement, line=self.lines.line(off), reason=reason)))

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(e for _, _, e in sorted(self._edits, key=lambda t: (t[0], t[1])))

    @property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(c for _, _, c in sorted(self._cues, key=lambda t: (t[0], t[1])))

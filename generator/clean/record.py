"""The cleaning record: edits and cues collected in raw-text order."""

from __future__ import annotations

import bisect

from ..models import Cue, Edit
from .rules import rules
from .text import LineIndex, Span, is_ws


class Recorder:
    """Collects the edits and cues of one document.  Each edit names its rule
    by id; the reason shown to readers is the one declared for that id in
    the rule data (``reasons`` in ``rules.yaml``)."""

    def __init__(self, lines: LineIndex, raw: str = "", reasons: dict[str, str] | None = None) -> None:
        self.lines = lines
        self.raw = raw
        self.reasons = rules().reasons if reasons is None else reasons
        self._edits: list[tuple[int, int, Edit]] = []
        self._cues: list[tuple[int, int, Cue]] = []
        self._seq = 0
        # Raw ranges repaired into fewer characters (mojibake) or dropped as
        # no text (controls): text read on across one is still contiguous
        # (see segments), so a title with a NUL inside is one cue.
        self._elided: list[tuple[int, int]] = []

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
            if b != a + 1 and not self._skippable(a + 1, b):
                out.append(span[start:i].strip())
                start = i
        out.append(span[start:].strip())
        return [s for s in out if s]

    def _skippable(self, start: int, end: int) -> bool:
        """Is raw ``[start, end)`` only whitespace, repaired or dropped text?"""
        if not self._elided:
            return all(is_ws(c) for c in self.raw[start:end])
        i = start
        while i < end:
            k = bisect.bisect_right(self._elided, (i, float("inf"))) - 1
            if k >= 0 and self._elided[k][0] <= i < self._elided[k][1]:
                i = self._elided[k][1]
            elif is_ws(self.raw[i]):
                i += 1
            else:
                return False
        return True

    def reason(self, rule: str) -> str:
        try:
            return self.reasons[rule]
        except KeyError:
            raise KeyError(f"cleaning rule {rule!r} has no reason declared in clean/rules.yaml") from None

    def remove(self, span: Span, rule: str) -> None:
        reason = self.reason(rule)
        for seg in self.segments(span) if self.raw else [span]:
            if not seg.text:
                continue
            off, seq = self._key(seg.start)
            self._edits.append((off, seq, Edit("removed", rule, seg.text, line=self.lines.line(off), reason=reason)))

    def lift(self, span: Span, role: str, rule: str) -> None:
        reason = self.reason(rule)
        for seg in self.segments(span) if self.raw else [span]:
            if not seg.text:
                continue
            off, seq = self._key(seg.start)
            line = self.lines.line(off)
            self._edits.append((off, seq, Edit("lifted", rule, seg.text, line=line, reason=reason)))
            self._cues.append((off, seq, Cue(role, seg.text, line)))  # type: ignore[arg-type]

    def drop(self, span: Span, rule: str) -> None:
        """Record that the contiguous raw ``span`` (characters that are no
        text: controls, U+FFFD) is deleted in place: a change to nothing, as
        a decoded entity is a change, so that the text around it stays one
        piece for later rules (a title with a NUL inside is one title)."""
        self.repair(span, "", rule)

    def repair(self, span: Span, replacement: str, rule: str) -> None:
        """Record that the contiguous raw ``span`` reads ``replacement``
        (mojibake repaired, or nothing).  The repaired characters keep raw
        offsets inside ``span``, and text read across it counts as
        contiguous, so later cuts are recorded as one piece each."""
        if span:
            self.change(span.start, span.text, replacement, rule)
            bisect.insort(self._elided, (span.pos[0], span.pos[-1] + 1))

    def change(self, offset: int, text: str, replacement: str, rule: str) -> None:
        reason = self.reason(rule)
        off, seq = self._key(offset)
        self._edits.append((off, seq, Edit("changed", rule, text, replacement, line=self.lines.line(off), reason=reason)))

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(e for _, _, e in sorted(self._edits, key=lambda t: (t[0], t[1])))

    @property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(c for _, _, c in sorted(self._cues, key=lambda t: (t[0], t[1])))

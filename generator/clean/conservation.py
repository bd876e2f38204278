"""Conservation of text through cleaning.

Every character of the raw text (whitespace aside) must be accounted for:
either it is in a block (possibly after a recorded punctuation change) or it
is in a removed/lifted span of the record.  The check is order-preserving:
the raw text must be an interleaving of the block text and the recorded
spans, each recorded span contiguous and in record order.
"""

from __future__ import annotations

from collections import Counter

from ..models import CleanedDocument
from .text import strip_ws

MAX_STATES = 20_000


def _kept(doc: CleanedDocument) -> str:
    return "".join(strip_ws(b.text) + strip_ws(b.attribution) for b in doc.blocks)


def _changes(doc: CleanedDocument) -> list[tuple[tuple[str, str], int]]:
    c: Counter = Counter()
    for e in doc.record:
        if e.action == "changed":
            a, b = strip_ws(e.text), strip_ws(e.replacement)
            if a != b:
                c[(a, b)] += 1
    return sorted(c.items())


def multiset_residue(raw_text: str, doc: CleanedDocument) -> str:
    """Weaker check: character counts only."""
    have = Counter(_kept(doc))
    for (a, b), n in _changes(doc):
        for _ in range(n):
            have.subtract(Counter(b))
            have.update(Counter(a))
    for e in doc.record:
        if e.action in ("removed", "lifted"):
            have.update(strip_ws(e.text))
    want = Counter(strip_ws(raw_text))
    missing = want - have
    extra = have - want
    parts = []
    if missing:
        parts.append("missing " + "".join(sorted(missing.elements())))
    if extra:
        parts.append("extra " + "".join(sorted(extra.elements())))
    return "; ".join(parts)


def conservation_residue(raw_text: str, doc: CleanedDocument) -> str:
    """Empty string when raw == blocks + record (modulo whitespace and the
    recorded changes, order preserved); otherwise a description of where
    reconstruction failed."""
    problems = []
    lifted = Counter(e.text for e in doc.record if e.action == "lifted")
    cues = Counter(c.text for c in doc.cues)
    if lifted != cues:
        problems.append(f"cues do not match lifted record entries: {sorted((cues - lifted).elements())} / {sorted((lifted - cues).elements())}")

    raw = strip_ws(raw_text)
    kept = _kept(doc)
    pieces = [p for p in (strip_ws(e.text) for e in doc.record if e.action in ("removed", "lifted")) if p]
    changes = _changes(doc)
    quota = tuple(n for _, n in changes)

    # Changes by the first character of their raw text (a repaired mojibake
    # document has one per run of repaired characters).
    by_first: dict[str, list[int]] = {}
    for j, ((a, _), _) in enumerate(changes):
        if a:
            by_first.setdefault(a[0], []).append(j)

    def emit(b: str, k: int, p: int, o: int) -> set[tuple[int, int, int]]:
        """Where the result ``b`` of a change can end up, in order: kept
        text and recorded spans alike (a repaired run may be cut by a later
        rule, its start lifted as a byline and the rest kept)."""
        here = {(k, p, o)}
        for c in b:
            there = set()
            for k, p, o in here:
                if o:
                    if pieces[p][o] == c:
                        there.add((k, p + 1, 0) if o + 1 == len(pieces[p]) else (k, p, o + 1))
                    continue
                if k < len(kept) and kept[k] == c:
                    there.add((k + 1, p, o))
                if p < len(pieces) and pieces[p][0] == c:
                    there.add((k, p + 1, 0) if len(pieces[p]) == 1 else (k, p, 1))
            here = there
            if not here:
                break
        return here

    # State: (k = chars of kept consumed, p = piece index, o = offset in piece, used changes)
    start = (0, 0, 0, tuple(0 for _ in changes))
    frontier: dict[int, set] = {0: {start}}
    best = 0
    i = 0
    n = len(raw)
    while i <= n:
        states = frontier.pop(i, None)
        if not states:
            if not frontier:
                break
            i = min(frontier)
            continue
        best = i
        if i == n:
            for k, p, o, used in states:
                if k == len(kept) and p == len(pieces) and o == 0 and used == quota:
                    return "; ".join(problems)
            break
        if len(states) > MAX_STATES:
            problems.append("too ambiguous to check order; fell back to multiset")
            res = multiset_residue(raw_text, doc)
            return "; ".join(problems + ([res] if res else []))
        ch = raw[i]
        nxt = frontier.setdefault(i + 1, set())
        for k, p, o, used in states:
            if o:  # inside a recorded span: it must continue
                if pieces[p][o] == ch:
                    nxt.add((k, p + 1, 0, used) if o + 1 == len(pieces[p]) else (k, p, o + 1, used))
            else:
                if k < len(kept) and kept[k] == ch:
                    nxt.add((k + 1, p, o, used))
                if p < len(pieces) and pieces[p][0] == ch:
                    nxt.add((k, p + 1, 0, used) if len(pieces[p]) == 1 else (k, p, 1, used))
            for j in by_first.get(ch, ()):
                (a, b), limit = changes[j]
                if used[j] >= limit or not raw.startswith(a, i):
                    continue
                u = used[:j] + (used[j] + 1,) + used[j + 1:]
                after = frontier.setdefault(i + len(a), set())
                # The result is kept, or removed later (a decoded entity that
                # was a pull-quote mark), or partly each.
                for k2, p2, o2 in emit(b, k, p, o):
                    after.add((k2, p2, o2, u))
        if not nxt:
            del frontier[i + 1]
        i += 1
    ctx = raw[best:best + 40]
    problems.append(f"raw text not reconstructible from blocks + record at raw char {best}: {ctx!r}")
    return "; ".join(problems)

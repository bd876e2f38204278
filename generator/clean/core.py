"""The clean stage: raw text -> body blocks + cues + the record of changes.

Order of work (each step records what it takes out or changes):

1. lines: repair mojibake and remove characters that are not text
   (``repair.py``), strip, drop scraper "# " prefixes and page-continuation
   markers, split one-line dumps into paragraphs;
2. chrome and cue lines anywhere (rules in ``data/clean_rules.yaml``), and
   template lines the corpus profile found repeated within a source;
3. join paragraphs broken mid-sentence;
4. header / footer zones (before the first / after the last sentence-bearing
   paragraph): dates, sources, page codes, metadata lines, headline,
   subtitle and kicker become cues;
5. body structure: pull quotes, lead dateline/byline, salutation, headings;
6. injected site names; 7. full-width punctuation; 8. blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Block, CleanedDocument, RawDocument
from . import html, repair, watermark
from .lines import Verdict, classify, counter_spans, is_meta_line
from .paragraphs import looks_continued, split_dump
from .profile import CorpusProfile, is_template_candidate, line_key
from .record import Recorder
from .rules import Rules, rules
from .text import SENTENCE_END, LineIndex, Span, raw_lines, strip_ws, tidy
from .typography import fullwidth

# The record rule of each part of a news lead ("新乡网讯" / "（记者 李颖华）").
LEAD_RULES = {"dateline": "cue.dateline", "byline": "cue.lead_byline"}

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_TERMINAL = "。！？!?；;：:"
_SEPARATOR_ONLY = re.compile(r"^[\s|｜/\\\-—–_·•:：]*$")


@dataclass
class Para:
    span: Span
    md: int = 0  # number of "#" the scraper put in front, a hint only
    kind: str = "paragraph"
    level: int = 0
    attribution: Span | None = None
    split: bool = False  # cut from the previous paragraph on purpose: never rejoin

    @property
    def text(self) -> str:
        return self.span.text


def cn_number(s: str) -> int:
    """一..九十九 (enough for section numbers); Arabic digits too."""
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _NUMERALS.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _NUMERALS.get(tens, 0) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return _NUMERALS.get(s, 0)


def is_body(text: str) -> bool:
    return (len(text) >= 15 and any(c in text for c in SENTENCE_END)) or len(text) >= 100


def is_title_like(text: str) -> bool:
    t = strip_ws(text)
    if not 4 <= len(t) <= 80:
        return False
    # A trailing colon introduces text (an addressee, a label): not a title.
    if any(c in t[:-1] for c in SENTENCE_END) or t[-1] in "，,、；;。：:":
        return False
    return True


class Cleaner:
    def __init__(self, raw: RawDocument, profile: CorpusProfile) -> None:
        self.raw = raw
        self.profile = profile
        self.r: Rules = rules()
        self.rec = Recorder(LineIndex(raw.text), raw.text)
        self.tail_offsets: list[int] = []
        self.mojibake_lines: list[int] = []  # raw lines left looking like mojibake
        self.exclaimed: set[int] = set()  # raw offsets of sentence-like headlines (see headline_over_meta)

    # -- helpers -----------------------------------------------------------

    def apply(self, v: Verdict, span: Span) -> None:
        if v.action == "lift":
            self.rec.lift(span, v.role, v.rule)
        else:
            self.rec.remove(span, v.rule)
        if v.tail_start:
            self.tail_offsets.append(span.start)

    def cut(self, span: Span, ranges: list[tuple[int, int]], rule: str) -> list[Span]:
        """Remove ``ranges`` of ``span`` (recorded); return the pieces left."""
        pieces, last = [], 0
        for a, b in sorted(ranges):
            self.rec.remove(span[a:b].strip() or span[a:b], rule)
            pieces.append(span[last:a])
            last = b
        pieces.append(span[last:])
        return [p.strip() for p in pieces if p.strip()]

    # -- 1. lines ----------------------------------------------------------

    def lines(self) -> list[Para]:
        out: list[Para] = []
        for number, line in enumerate(raw_lines(self.raw.text), start=1):
            line = repair.mojibake(line, self.rec, self.r)
            if repair.looks_like_mojibake(line.text, self.r):
                self.mojibake_lines.append(number)
            line = repair.invisible(line, self.rec, self.r)
            for piece in html.clean_html(line, self.rec):
                out.extend(self.paragraphs_of(piece.strip()))
        return out

    def paragraphs_of(self, s: Span) -> list[Para]:
        """One source line (HTML already gone) -> its paragraphs."""
        r = self.r
        if not s:
            return []
        md = 0
        m = r.md_prefix.match(s.text)
        if m:
            self.rec.remove(s[:m.end()], r.md_id)
            md, s = m.end(), s[m.end():].strip()
        marks = [(m.start(), m.end()) for m in r.continuation.finditer(s.text)]
        if marks:
            s = Span.concat(self.cut(s, marks, r.continuation_id)).strip()
        if not s:
            return []
        return [Para(piece, md if k == 0 else 0, split=k > 0) for k, piece in enumerate(split_dump(s, self.rec))]

    # -- 2. chrome anywhere ------------------------------------------------

    def chrome(self, paras: list[Para]) -> list[Para]:
        r = self.r
        out = []
        for p in paras:
            v = classify(p.text, r, edge=False)
            if v is not None:
                self.apply(v, p.span)
                continue
            counters = counter_spans(p.span, r)
            if counters and all(_SEPARATOR_ONLY.match(x.text) for x in self._rest(p.span, counters)):
                self.rec.remove(p.span, r.counter_id)
                continue
            if (self.profile.repeated_lines and line_key(p.text) in self.profile.repeated_lines
                    and is_template_candidate(p.text) and classify(p.text, r, edge=True) is None
                    and not is_meta_line(p.text, r)):
                self.rec.remove(p.span, r.repeated_id)
                continue
            out.append(p)
        return out

    @staticmethod
    def _rest(span: Span, ranges: list[tuple[int, int]]) -> list[Span]:
        pieces, last = [], 0
        for a, b in ranges:
            pieces.append(span[last:a])
            last = b
        pieces.append(span[last:])
        return pieces

    # -- 3. joins ----------------------------------------------------------

    def join(self, paras: list[Para]) -> list[Para]:
        r = self.r
        out: list[Para] = []
        for p in paras:
            prev = out[-1] if out else None
            if (prev is not None and not prev.md and not p.md and not p.split
                    and not (len(prev.text) <= 42 and any(h.pattern.match(prev.text) for h in r.headings))
                    and looks_continued(prev.text, p.text)
                    and any(c in prev.text for c in "，,。；;")
                    and classify(p.text, r, edge=True) is None and not is_meta_line(p.text, r)
                    and not counter_spans(p.span, r)):
                self.rec.change(p.span.start, prev.text[-1] + "\n" + p.text[0], prev.text[-1] + p.text[0],
                                "para.join")
                prev.span = prev.span + p.span
                continue
            out.append(p)
        return out

    # -- 4. header and footer ---------------------------------------------

    def headline_over_meta(self, paras: list[Para], i: int) -> bool:
        """The first sentence-like paragraph is a headline when the page's
        date/source line stands right under it ("签约额近200亿元！…收获颇丰！"
        over "时间：2023-08-02 来源：河南日报"): exclaiming headlines end like
        sentences, but a body does not start with its own header line."""
        if i + 1 >= len(paras) or not is_meta_line(paras[i + 1].text, self.r):
            return False
        t = strip_ws(paras[i].text)
        return (4 <= len(t) <= 80 and "。" not in t and t[-1] not in "，,、；;：:"
                and not any(is_meta_line(p.text, self.r) for p in paras[:i]))

    def starts_body(self, text: str) -> bool:
        """Sentence-bearing text, or speech structure (salutation, numbered
        section) that belongs to the body even though it is short."""
        r = self.r
        if is_body(text):
            return True
        if r.salutation.match(text):
            return True
        return len(text) <= 42 and any(h.pattern.match(text) for h in r.headings if h.rank <= 3)

    def edge_item(self, p: Para, pending_dates: list[Span]) -> list[Para]:
        """Handle one header/footer paragraph; return what stays in play."""
        r = self.r
        spans = [p.span]
        counters = counter_spans(p.span, r)
        if counters:
            spans = self.cut(p.span, counters, r.counter_id)
        left: list[Para] = []
        for s in spans:
            v = classify(s.text, r, edge=True)
            if v is not None and v.rule == "cue.date":
                pending_dates.append(s)
                continue
            self.flush_dates(pending_dates)
            if v is not None:
                self.apply(v, s)
            elif is_meta_line(s.text, r) or (counters and not is_title_like(s.text)):
                self.rec.lift(s, "header", r.meta_id)
            else:
                left.append(Para(s, p.md))
        return left

    def flush_dates(self, pending: list[Span]) -> None:
        """Date fragments on consecutive lines ("2014" / "04/30" / "13:13")
        become one date cue."""
        if pending:
            merged = pending[0]
            for s in pending[1:]:
                merged = merged + Span(" ", (s.start,)) + s
            self.rec.lift(merged, "date", "cue.date")
            pending.clear()

    def header(self, paras: list[Para]) -> list[Para]:
        pending: list[Span] = []
        rest: list[Para] = []
        for p in paras:
            rest.extend(self.edge_item(p, pending))
        self.flush_dates(pending)
        titles = [p for p in rest if p.md or is_title_like(p.text) or p.span.start in self.exclaimed]
        keep = []
        headline: str | None = None
        for p in rest:
            if p not in titles:
                if len(strip_ws(p.text)) < 4 and not any(c.isdigit() for c in p.text):
                    self.rec.remove(p.span, "chrome.header_short")
                else:
                    keep.append(p)
                continue
            i = titles.index(p)
            next_is_title = i + 1 < len(titles)
            flat = strip_ws(p.text)
            if p.md >= 2 and headline is not None:
                role = "subtitle"
            elif self.r.kicker_verbs.search(flat) and next_is_title and p.md != 1:
                role = "kicker"
            elif headline is None:
                role, headline = "headline", flat
            elif flat in headline or headline in flat:
                role = "headline"  # the same title repeated above the article
            else:
                role = "subtitle"
            self.rec.lift(p.span, role, f"structure.{role}")
        return keep

    def footer(self, paras: list[Para], body_end: int) -> list[Para]:
        pending: list[Span] = []
        keep: list[Para] = []
        for p in paras:
            tail = any(body_end < off < p.span.start for off in self.tail_offsets)
            if tail and is_title_like(p.text) and len(p.text) <= 60:
                self.rec.remove(p.span, "chrome.related_list")
                continue
            keep.extend(self.edge_item(p, pending))
        self.flush_dates(pending)
        return keep

    # -- 5. structure --------------------------------------------------------

    def quotes(self, paras: list[Para]) -> list[Para]:
        r = self.r
        out: list[Para] = []
        in_quote = False
        for i, p in enumerate(paras):
            t = p.text
            if r.quote_open.match(t) and not in_quote:
                self.rec.remove(p.span, "structure.quote_mark")
                in_quote = any(r.quote_close.match(q.text) for q in paras[i + 1:])
                continue
            if r.quote_close.match(t) and (in_quote or t in "”」』"):
                self.rec.remove(p.span, "structure.quote_mark")
                in_quote = False
                continue
            m = r.attribution.match(t)
            if (m and out and out[-1].kind in ("paragraph", "quote") and out[-1].attribution is None
                    and len(out[-1].text) <= r.max_quote_chars and is_body(out[-1].text)):
                self.rec.remove(p.span[:m.start(1)].strip(), "structure.attribution_dash")
                out[-1].kind = "quote"
                out[-1].attribution = p.span[m.start(1):m.end(1)]
                continue
            if in_quote:
                p.kind = "quote"
            out.append(p)
        return out

    def lead(self, paras: list[Para]) -> None:
        r = self.r
        for p in paras:
            if p.kind != "paragraph":
                continue
            m = r.lead.match(p.text)
            if m and (m.group("dateline") or m.group("byline")):
                for name in ("dateline", "byline"):
                    if m.group(name):
                        self.rec.lift(p.span[m.start(name):m.end(name)], name, LEAD_RULES[name])
                p.span = p.span[m.end():].strip()
                n = r.names_byline.match(p.text) if m.group("dateline") and not m.group("byline") else None
                if n:
                    self.rec.lift(p.span[:n.end()], "byline", "cue.wire_byline")
                    p.span = p.span[n.end():].strip()
            else:
                m = r.bare_byline.match(p.text)
                if m:
                    self.rec.lift(p.span[:m.end()], "byline", "cue.lead_byline")
                    p.span = p.span[m.end():].strip()
            return  # only the first paragraph has a lead

    def salutations(self, paras: list[Para]) -> list[Para]:
        r = self.r
        out: list[Para] = []
        for i, p in enumerate(paras):
            m = r.salutation.match(p.text) if p.kind == "paragraph" else None
            if m and (m.end() == len(p.text) or (i < 3 and m.group("mark") in "：:")):
                out.append(Para(p.span[:m.end()], kind="salutation"))
                rest = p.span[m.end():].strip()
                if rest:
                    out.append(Para(rest))
                continue
            out.append(p)
        return out

    def headings(self, paras: list[Para]) -> list[Para]:
        r = self.r
        found: dict[int, tuple] = {}
        last: dict[str, int] = {}
        for i, p in enumerate(paras):
            if p.kind != "paragraph":
                continue
            for fam in r.headings:
                m = fam.pattern.match(p.text)
                if not m:
                    continue
                n = cn_number(m.group(1))
                if n != 1 and n != last.get(fam.family, 0) + 1:
                    break
                body = p.text[m.end():]
                stop = next((j for j, c in enumerate(body) if c in _TERMINAL), None)
                clause = body if stop is None else body[:stop]
                if not (2 <= len(strip_ws(clause)) <= fam.max_clause):
                    break
                if sum(clause.count(c) for c in "，,") > fam.max_commas:
                    break
                if any(c in clause for c in "“”\"") and stop is None and len(body) > fam.max_clause:
                    break
                found[i] = (fam, m.end() + len(clause), None if stop is None else m.end() + stop)
                last[fam.family] = n
                for other in r.headings:
                    if other.rank > fam.rank:
                        last.pop(other.family, None)
                break
        if not found:
            return paras
        ranks = sorted({f[0].rank for f in found.values()})
        level_of = {rank: min(2 + k, 4) for k, rank in enumerate(ranks)}
        out: list[Para] = []
        for i, p in enumerate(paras):
            if i not in found:
                out.append(p)
                continue
            fam, clause_end, stop = found[i]
            out.append(Para(p.span[:clause_end].strip(), kind="heading", level=level_of[fam.rank]))
            rest_start = clause_end
            if stop is not None:
                self.rec.remove(p.span[stop:stop + 1], "structure.heading_stop")
                rest_start = stop + 1
            rest = p.span[rest_start:].strip()
            if rest:
                out.append(Para(rest))
        return out

    # -- 6. watermarks -----------------------------------------------------

    def watermarks(self, paras: list[Para]) -> None:
        r = self.r
        tokens = watermark.choose_tokens((p.text for p in paras), r, self.profile.bigrams, self.profile.site_tokens)
        for token in tokens:
            for p in paras:
                occ = watermark.occurrences(p.text, token, r)
                if occ:
                    p.span = Span.concat(self._cut_keep_ws(p.span, occ, r.wm["id"]))

    def _cut_keep_ws(self, span: Span, ranges: list[tuple[int, int]], rule: str) -> list[Span]:
        pieces, last = [], 0
        for a, b in ranges:
            self.rec.remove(span[a:b], rule)
            pieces.append(span[last:a])
            last = b
        pieces.append(span[last:])
        return pieces

    # -- run -----------------------------------------------------------------

    def run(self) -> CleanedDocument:
        paras = self.join(self.chrome(self.lines()))
        body_idx = [i for i, p in enumerate(paras) if self.starts_body(p.text)]
        if body_idx and self.headline_over_meta(paras, body_idx[0]):
            self.exclaimed.add(paras[body_idx[0]].span.start)
            body_idx = [i for i in body_idx if i > body_idx[0] + 1] or body_idx
        if body_idx:
            first, last = body_idx[0], body_idx[-1]
        else:
            first = 1 if paras and is_title_like(paras[0].text) else 0
            last = len(paras) - 1
        head = self.header(paras[:first])
        body_end = paras[last].span.pos[-1] if 0 <= last < len(paras) and paras[last].span else -1
        tail = self.footer(paras[last + 1:], body_end)
        body = head + paras[first:last + 1] + tail

        body = self.quotes(body)
        self.lead(body)
        body = [p for p in body if p.span]
        body = self.salutations(body)
        body = self.headings(body)
        self.watermarks(body)

        blocks = []
        r = self.r
        for p in body:
            span = fullwidth(p.span, r, self.rec)
            attribution = ""
            if p.attribution is not None:
                attribution = tidy(fullwidth(p.attribution, r, self.rec).text)
            text = tidy(span.text)
            if text:
                blocks.append(Block(p.kind, text, p.level, attribution))  # type: ignore[arg-type]
        return CleanedDocument(raw=self.raw, blocks=tuple(blocks), cues=self.rec.cues, record=self.rec.edits,
                               warnings=self.warnings())

    def warnings(self) -> tuple[str, ...]:
        if not self.mojibake_lines:
            return ()
        lines = ", ".join(map(str, self.mojibake_lines[:5])) + (", …" if len(self.mojibake_lines) > 5 else "")
        return (f"line(s) {lines} look like mojibake (text once decoded with the wrong encoding) that could "
                "not be repaired; check the file's encoding",)


def clean(raw: RawDocument, profile: CorpusProfile) -> CleanedDocument:
    return Cleaner(raw, profile).run()

"""The document's date: stated forms first, inference from the text second.

Stated forms (provenance ``explicit`` when in a header/footer line or a date
cue, ``pattern`` when in the lead paragraph):

* ``2013-04-19 10:24:07``, ``2013/4/19``, ``2013.04.19``, ``2013年4月28日``
* a date split over header lines: ``2014`` / ``04/30`` / ``13:13``
* ``2013年4月`` (month precision)
* a month and day only (``4月18日,我市召开…``) with the year stated elsewhere

Inference (provenance ``inferred``, year precision) uses only evidence in the
text: the latest year spoken of as finished (rankings, awards, results for
that year) puts the document in the year after; an upcoming event from
``data/extract_events.yaml`` puts it in the event's year.  Nothing is ever
taken from the clock: no evidence, no date.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache


from .layout import Layout, Line
from ..reference.loader import load_yaml
from .rules import DATA_DIR, norm, rules, rx

YEAR = r"(?:19[4-9]\d|20\d{2})"
FULL = re.compile(rf"(?<!\d)(?P<y>{YEAR})\s*[-/.年]\s*(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})(?!\d)\s*日?")
# "2014 04/30 13:13": a split date the cleaner joined onto one line
YEAR_SPACE_MONTH_DAY = re.compile(rf"(?<!\d)(?P<y>{YEAR})\s+(?P<m>\d{{1,2}})\s*[-/]\s*(?P<d>\d{{1,2}})(?![\d/-])")
YEAR_MONTH = re.compile(rf"(?<!\d)(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*日)")
YEAR_ONLY_LINE = re.compile(rf"^\s*(?P<y>{YEAR})\s*年?\s*$")
MONTH_DAY_LINE = re.compile(r"^\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?![\d])")
THIS_YEAR = re.compile(rf"今年(?:是|即)?\s*[(（]?(?P<y>{YEAR})\s*年")
YEAR_MENTION = re.compile(rf"(?<![\d])(?P<y>{YEAR})\s*年")
_NOT_A_DATE_LINE = re.compile(r"©|版权|copyright|Copyright|技术支持|ICP|备案")
LEAD_WINDOW = 80


@dataclass(frozen=True)
class DateResult:
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str  # day | month | year
    method: str  # explicit | pattern | inferred
    evidence: str


def valid(y: int, m: int = 1, d: int = 1) -> bool:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _day(m: re.Match, year: str | None = None) -> str | None:
    y, mo, d = int(year or m.group("y")), int(m.group("m")), int(m.group("d"))
    return f"{y:04d}-{mo:02d}-{d:02d}" if valid(y, mo, d) else None


def _usable(line: Line) -> bool:
    return not _NOT_A_DATE_LINE.search(line.n)


def parse_iso(value: str) -> tuple[str, str] | None:
    """``(value, precision)`` for an ISO date, month or year; None if invalid."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    if not valid(y, mo, d):
        return None
    precision = "day" if m.group(3) else "month" if m.group(2) else "year"
    return value.strip(), precision


def _from_lines(lines: list[Line], method: str) -> DateResult | None:
    usable = [l for l in lines if _usable(l)]
    for pattern in (FULL, YEAR_SPACE_MONTH_DAY):  # a full date on one line
        for line in usable:
            m = pattern.search(line.n)
            if m and (value := _day(m)):
                return DateResult(value, "day", method, line.plain)
    for i, line in enumerate(usable):  # "2014" / "04/30" on the next lines
        y = YEAR_ONLY_LINE.match(line.n)
        if not y:
            continue
        for nxt in usable[i + 1 : i + 3]:
            md = MONTH_DAY_LINE.match(nxt.n)
            if md and (value := _day(md, y.group("y"))):
                return DateResult(value, "day", method, f"{line.plain} / {nxt.plain}")
    return None


def plan_year(text: str) -> tuple[str, str] | None:
    """"今年是“十三五”开局之年" -> ("2016", evidence)."""
    m = rx("plan_year").search(text)
    if not m:
        return None
    first = int(rules()["plan_periods"][m.group("plan")])
    return str(first + 4 if m.group("pos") == "收官" else first), m.group(0)


def _year_stated(lines: list[Line], text: str) -> tuple[str, str] | None:
    """A year the text states as its own: a year-only header/footer line,
    "今年是2013年" or "今年是“十三五”开局之年"."""
    for line in lines:
        if _usable(line) and (m := YEAR_ONLY_LINE.match(line.n)):
            return m.group("y"), line.plain
    if m := THIS_YEAR.search(norm(text)):
        return m.group("y"), m.group(0)
    return plan_year(norm(text))


def explicit_date(lay: Layout) -> DateResult | None:
    cue_lines = [Line(t, "date") for t in lay.cue_texts("date", "dateline")]
    header = [l for l in lay.header if l.role not in ("headline", "subtitle", "kicker")]
    for lines, method in ((cue_lines, "explicit"), (header, "explicit"), (list(lay.footer), "explicit")):
        if found := _from_lines(lines, method):
            return found
    lead = norm(lay.lead)[:LEAD_WINDOW]
    if (m := FULL.search(lead)) and (value := _day(m)):
        return DateResult(value, "day", "pattern", m.group(0))
    edge = cue_lines + list(lay.header) + list(lay.footer)
    if m := MONTH_DAY.search(lead):
        stated = _year_stated(edge, "\n".join(lay.body))
        if stated and (value := _day(m, stated[0])):
            return DateResult(value, "day", "pattern", f"{m.group(0)} (year: {stated[1]})")
    for line in edge:
        if _usable(line) and (m := YEAR_MONTH.search(line.n)) and valid(int(m.group("y")), int(m.group("m"))):
            return DateResult(f"{int(m.group('y')):04d}-{int(m.group('m')):02d}", "month", "explicit", line.plain)
    return None


@lru_cache(maxsize=None)
def _events() -> list[dict]:
    return (load_yaml(DATA_DIR / "events.yaml") or {}).get("events") or []


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(ch, 0, start) for ch in "。;；!?\n") + 1
    right = min([i for i in (text.find(ch, end) for ch in "。;；!?\n") if i >= 0] or [len(text)])
    return text[left:right].strip()


def infer_date(text: str) -> DateResult | None:
    """Year of an undated document from evidence in its text, or None."""
    t = norm(text)
    if m := THIS_YEAR.search(t):
        return DateResult(m.group("y"), "year", "inferred", m.group(0))
    if stated := plan_year(t):
        return DateResult(stated[0], "year", "inferred", stated[1])
    past = rx("year_past_context")
    future_before = rx("year_future_context")
    lower, lower_ev = None, ""
    for m in YEAR_MENTION.finditer(t):
        y = int(m.group("y"))
        if future_before.search(t[max(0, m.start() - 4) : m.start()]):
            continue
        if past.match(t, m.end() - 1) and (lower is None or y + 1 > lower):
            lower, lower_ev = y + 1, _clause(t, m.start(), m.end())
    event_year, event_ev = None, ""
    for event in _events():
        for name in event["names"]:
            for m in re.finditer(re.escape(name), t):
                if re.match(event["future"], t[m.end() :]):
                    year = int(str(event["date"])[:4])
                    if event_year is None or year < event_year:
                        event_year = year
                        event_ev = f"{_clause(t, m.start(), m.end())} ({event['what']}: {event['date']})"
    if event_year and (lower is None or event_year >= lower):
        evidence = event_ev + (f"; {lower_ev} (→ after {lower - 1})" if lower else "")
        return DateResult(str(event_year), "year", "inferred", evidence)
    if lower:
        return DateResult(str(lower), "year", "inferred", f"{lower_ev} (→ after {lower - 1})")
    return None


def document_date(lay: Layout) -> DateResult | None:
    return explicit_date(lay) or infer_date(lay.full_text)

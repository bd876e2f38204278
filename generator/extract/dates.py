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
from .rules import DATA_DIR, norm, rules, rx, thresholds

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
LEAD_WINDOW = thresholds().date_lead_window
RAW_HEAD = thresholds().raw_head_lines
# "2020年7月25日 星期", "2011 年 11 月 19 日 星期五 【打印】": an e-paper's date line.
EPAPER_DATE_LINE = re.compile(
    rf"^\s*(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日\s*(?:星期[一二三四五六日天]?)?\s*(?:【?打印】?)?\s*$")
MONTH_DAY_LABELLED = re.compile(r"\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)")
_ANOTHER_DAY = re.compile(r"\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日")


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


# "2025 年/5 月/8 日": a date whose parts a masthead separates with slashes.
_SLASHED = re.compile(r"(?<=[年月])\s*/\s*")


def _dated(line: Line) -> Line:
    """The line with slashes between 年, 月 and 日 parts removed."""
    return Line(_SLASHED.sub("", line.text), line.role, line.level, line.index) if "/" in line.text else line


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


def _has_date(line: Line) -> bool:
    n = _dated(line).n
    return bool(FULL.search(n) or YEAR_SPACE_MONTH_DAY.search(n))


def _labelled(lines: list[Line]) -> tuple[DateResult | None, bool]:
    """A date the page labels as its own ("发布时间：2015-04-01"), which
    outranks an unlabelled date elsewhere on the page (a reader's or a
    portal's current-date widget "2024年04月28日 星期天").  The flag says
    whether a labelled date without its year ("日期:03-29") was seen."""
    partial = False
    for line in lines:
        n = _dated(line).n
        for m in rx("date_label").finditer(n):
            rest = n[m.end():]
            if (d := FULL.match(rest)) and (value := _day(d)):
                return DateResult(value, "day", "explicit", line.plain), False
            if MONTH_DAY_LABELLED.match(rest):
                partial = True
    return None, partial


def _epaper_date(lay: Layout) -> DateResult | None:
    """An e-paper page's issue date line ("2020年7月25日 星期") that a cleaner
    dropped with the page's furniture: read from the raw page's first lines,
    on a page that shows an e-paper's page label ("第001版:首版")."""
    edge = [l.n for l in lay.header] + [norm(t) for t in lay.cue_texts("page")]
    if not any(rx("page_label_inline").search(t) or rx("page_label").match(t) for t in edge):
        return None
    raw = [l for l in (lay.raw_text or "").split("\n") if l.strip()][:RAW_HEAD]
    for text in raw:
        n = norm(text)
        if (m := EPAPER_DATE_LINE.match(n)) and (value := _day(m)):
            return DateResult(value, "day", "explicit", text.strip())
    return None


def explicit_date(lay: Layout) -> DateResult | None:
    cue_lines = [Line(t, "date") for t in lay.cue_texts("date", "dateline")]
    # a line holding a date is no headline, whatever role a cleaner gave it
    header = [_dated(l) for l in lay.header if l.role not in ("headline", "subtitle", "kicker") or _has_date(l)]
    footer = [_dated(l) for l in lay.footer]
    labelled, partial = _labelled(cue_lines + [_dated(l) for l in lay.header] + footer)
    if labelled:
        return labelled
    for lines, method in ((cue_lines, "explicit"), (header, "explicit"), (footer, "explicit")):
        if found := _from_lines(lines, method):
            if partial:  # the page labels a day without its year that this date may contradict: unknown
                return None
            return found
    if found := _epaper_date(lay):
        return found
    lead = norm(lay.lead)[:LEAD_WINDOW]
    # A full date opening the lead dates the text ("2013年4月19日，…"); one further
    # in is the story's ("据资料显示，2015年7月1日…"), and one followed by
    # another day ("2024-12-07 9月25日上午") is a template's field glued on.
    if (m := FULL.match(lead)) and (value := _day(m)) and not _ANOTHER_DAY.match(lead, m.end()):
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

"""Which prefecture-level city (and county) a document is about, and which
other places it mentions.

Evidence, strongest first: the publication is a local one (郑州晚报, 新乡网);
officials are titled with the place (安阳市长, 焦作市委书记); the text names
the city, its counties and districts.  Mentions in a clause about study
trips or comparisons (到许昌、商丘参观学习, 而郑州有3家) do not count.  A text
whose own place name is redacted (**市, 我老秘网市) gets a city only from
strong evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..reference import gazetteer
from . import nlp
from ..reference.gazetteer import PlaceName
from .rules import norm, rules, rx, thresholds

_CLAUSE = re.compile(r"[,，。;；!?！？\n]")
STRONG_SOURCE = thresholds().strong_source
STRONG_OFFICIAL = thresholds().strong_official


@dataclass(frozen=True)
class Placed:
    value: str | None
    method: str = ""
    evidence: str = ""


@dataclass
class PlaceResult:
    city: Placed
    county: Placed
    mentioned: list[str] = field(default_factory=list)


@lru_cache(maxsize=None)
def _official_re(kind: str) -> re.Pattern[str]:
    forms = gazetteer.place_names()
    if kind == "city":
        names = [f for f, p in forms.items() if p.kind in ("city", "alias") and p.city]
        tail = rules()["place_official"]
    else:
        names = [f for f, p in forms.items() if p.kind == "county"]
        tail = rules()["county_official"]
    alt = "|".join(sorted(map(re.escape, names), key=lambda t: (-len(t), t)))
    return re.compile(rf"(?P<place>{alt}){tail}")


def _place_in(name: str) -> PlaceName | None:
    """The longest place name inside ``name`` (a publication title)."""
    forms = gazetteer.place_names()
    best = None
    for size in range(min(len(name), 12), 1, -1):
        for i in range(len(name) - size + 1):
            p = forms.get(name[i : i + size])
            if p and p.city:
                return p
    return best


def _mentions(text: str) -> list[tuple[int, PlaceName, bool]]:
    """(offset, place, in a visit/compare clause) for each place token."""
    forms = gazetteer.place_names()
    compare = rx("visit_or_compare")
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text) + 1]
    out = []
    pos = 0
    clause_i = 0
    for tok in nlp.tokens(text):
        start = pos
        pos += len(tok)
        place = forms.get(tok)
        if not place or not (place.city or place.kind == "province"):
            continue
        while bounds[clause_i + 1] <= start:
            clause_i += 1
        clause = text[bounds[clause_i] : bounds[clause_i + 1]]
        out.append((start, place, bool(compare.search(clause))))
    return out


def _places_in(text: str) -> list[PlaceName]:
    """The place names in ``text``, left to right, longest at each position."""
    forms = gazetteer.place_names()
    out: list[PlaceName] = []
    i = 0
    while i < len(text):
        for size in range(min(len(text) - i, 12), 1, -1):
            p = forms.get(text[i : i + size])
            if p and (p.city or p.kind == "province"):
                out.append(p)
                i += size
                break
        else:
            i += 1
    return out


def tour(lead: str) -> tuple[list[PlaceName], str] | None:
    """The places a delegation in the lead (or headline) visits, and the
    evidence."""
    for m in rx("visit_tour").finditer(norm(lead)):
        dest = m.group("dest") or m.group("dest2") or ""
        if rx("visit_not").search(dest):
            continue
        if found := _places_in(dest):
            return found, m.group(0)
    return None


def _weak_city(text: str, title: str, total: Counter, county_named: set[str], redacted: bool) -> Placed | None:
    """A city the text names without rival: every Henan place it names
    (outside study-trip or comparison clauses) lies in that city, and the
    text is local (我市/全市, one of the city's counties, the city in the
    headline, or the city named at least twice).  Outside-Henan places do not
    rival it when the text speaks of its own place (我市/我县)."""
    if redacted or not total:
        return None
    forms = gazetteer.place_names()
    henan = {c.name for c in gazetteer.henan_cities()}
    ranked = [(c, n) for c, n in total.most_common() if c in henan]
    if not ranked:
        return None
    best, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * 3 > n:
        return None
    own = rx("city_self").search(text) or rx("county_self").search(text) or rx("county_scope").search(text)
    outside = sum(v for c, v in total.items() if c not in henan)
    if outside and not own and outside * 2 > n:
        return None
    short = gazetteer.city_info(best).short
    local = own or any(forms[c].city == best for c in county_named) or (short and short in title) or n >= 2
    if not local or text.count("全省") > n + len(rx("city_self").findall(text)):
        return None
    return Placed(best, "inferred", f"only Henan city named ({n} mention(s) with its counties)")


def places(text: str, source_name: str | None, raw_text: str = "", title: str = "", lead: str = "") -> PlaceResult:
    text = norm(text)
    title = norm(title)
    henan = {c.name for c in gazetteer.henan_cities()}
    # A tour in the lead: the one Henan city it visits is the city the text is
    # about, several make it unknown, and destinations outside Henan are no
    # evidence at all.  A text that speaks of "我市" is written from home:
    # there the scores below decide.
    visited = None  # (Henan city visited | "" for several, evidence)
    outside_dest: set[str] = set()
    if found := (tour(f"{title}。{lead}") if (title or lead) else None):
        cities = list(dict.fromkeys(p.city for p in found[0] if p.city))
        in_henan = [c for c in cities if c in henan]
        outside_dest = {c for c in cities if c not in henan}
        if in_henan and not rx("city_self").search(text):
            visited = (in_henan[0] if len(in_henan) == 1 else "", found[1])
    scores: Counter[str] = Counter()
    strong: dict[str, str] = {}
    county_strong: dict[str, str] = {}
    if source_name and source_name not in rules()["non_local_sources"]:
        p = _place_in(source_name)
        # A paper outside Henan speaks for its own city only when the text names
        # it (阜阳日报 on 阜阳's meeting); 上海证券报 reporting on Zhengzhou is a
        # national paper, no evidence for 上海.
        if p and p.city not in henan:
            short = p.city.removesuffix("市")
            named = text.replace(source_name, "")
            if short not in named and short not in title:
                p = None
        if p:
            scores[p.city] += STRONG_SOURCE
            strong.setdefault(p.city, f"publication {source_name}")
            if p.county:
                county_strong[p.county] = f"publication {source_name}"
    forms = gazetteer.place_names()
    for m in _official_re("city").finditer(text):
        p = forms[m.group("place")]
        if scores[p.city] < 2 * STRONG_OFFICIAL + STRONG_SOURCE:
            scores[p.city] += STRONG_OFFICIAL
        strong.setdefault(p.city, m.group(0))
    for m in _official_re("county").finditer(text):
        p = forms[m.group("place")]
        # "长垣市委书记": the tail's 市 may belong to the name (长垣市, renamed
        # from 长垣县), which then outranks the short form 长垣
        longer = forms.get(m.group("place") + text[m.end("place") : m.end("place") + 1])
        if longer and longer.kind == "county" and longer.city == p.city:
            p = longer
        county_strong.setdefault(p.county, m.group(0))
    mentions = _mentions(text)
    plain: Counter[str] = Counter()
    counties: Counter[str] = Counter()
    seen_counties: set[str] = set()
    total: Counter[str] = Counter()  # mentions of a city and its counties
    for _, p, compared in mentions:
        if compared or not p.city:
            continue
        if p.city in outside_dest:
            continue  # the destination of a trip outside Henan is not what the text is about
        total[p.city] += 1
        if p.kind == "county":
            counties[p.county] += 1
            if p.county not in seen_counties:
                seen_counties.add(p.county)
                scores[p.city] += 1
        else:
            plain[p.city] += 1
            scores[p.city] += 1
    redacted = rx("redaction").search(text) or rx("redaction").search(norm(raw_text))

    for c in outside_dest:
        scores.pop(c, None)
    city = Placed(None)
    ranked = scores.most_common()
    if visited and visited[0] in henan:
        city = Placed(visited[0], "pattern", f"a delegation visits: {visited[1]}")
    elif visited and not visited[0]:
        city = Placed(None, "", f"a delegation visits several cities: {visited[1]}")
    elif ranked:
        best, score = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if best in strong and (2 * score >= 3 * second or second < STRONG_OFFICIAL):
            city = Placed(best, "pattern", strong[best])
        elif not redacted and score >= 3 and score >= 2 * second:
            n_counties = len({c for c in seen_counties if forms[c].city == best}) if seen_counties else 0
            city = Placed(best, "inferred", f"named {plain[best]} time(s), {n_counties} of its counties/districts named")
        elif (not redacted and second == 0 and rx("city_self").search(text)
              and len({c for c in seen_counties if forms[c].city == best}) >= 2):
            # "我市" and only counties of one city named (孟州市, 武陟县): that city
            own = sorted(c for c in seen_counties if forms[c].city == best)
            city = Placed(best, "inferred", f"我市/全市 and its counties/districts {'、'.join(own)} named")
        elif redacted and best not in strong:
            city = Placed(None, "", f"place name redacted: {redacted.group(0)}")
        elif weak := _weak_city(text, title, total, seen_counties, bool(redacted)):
            city = weak

    county = Placed(None)
    candidates = [c for c in county_strong if city.value is None or forms[c].city == city.value]
    if len(candidates) == 1:
        county = Placed(candidates[0], "pattern", county_strong[candidates[0]])
    elif counties and (rx("county_self").search(text) or rx("county_scope").search(text)):
        (top, n), *rest = counties.most_common()
        if rx("county_self").search(text) and n >= 2 and (not rest or n >= 2 * rest[0][1]) and (city.value is None or forms[top].city == city.value):
            county = Placed(top, "inferred", f"我县/我区 and {top} named {n} time(s)")
        elif (len(counties) == 1 and len(rx("county_scope").findall(text)) > len(rx("city_self").findall(text))
              and (city.value is None or forms[top].city == city.value)):
            # a county's own speech ("全县…") names its county, and no other
            county = Placed(top, "inferred", f"全县/我县 and only {top} named")
    if county.value is None and title and counties:
        # The headline names a county ("永城市产业集聚区…", "淅川县：…") that the
        # text names most: the text is about that county.
        (top, n), *rest = counties.most_common()
        in_title = [c for c in counties if any(f in title for f, p in forms.items() if p.county == c and p.kind == "county")]
        if (in_title == [top] and (not rest or n > rest[0][1])
                and (city.value is None or forms[top].city == city.value)):
            county = Placed(top, "inferred", f"{top} named in the headline and {n} time(s) in the text")
    if county.value and city.value is None:
        city = Placed(forms[county.value].city, county.method, county.evidence)

    mentioned: list[str] = []
    for _, p, _ in mentions:
        name = p.county or p.city
        if name and name not in (city.value, county.value) and name not in mentioned:
            mentioned.append(name)
    return PlaceResult(city, county, mentioned)

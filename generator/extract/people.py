"""Officials named with their titles, attendee lists, and speakers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..models import Person
from ..reference import gazetteer
from . import nlp
from .rules import looks_like_name, norm, rules

_CJK = r"[\u4e00-\u9fff]"
_ITEM = r"(?:(?!等)[\u4e00-\u9fff]){2,4}"


@lru_cache(maxsize=None)
def _title_re() -> re.Pattern[str]:
    r = rules()
    titles = {t.replace("{L}", level) for t in r["official_title_templates"] for level in "省市县区"}
    titles |= set(r["official_titles"])
    places = {c.short for c in gazetteer.henan_cities()} | {"河南", "河南省"}
    places |= {c.short for city in gazetteer.henan_cities() for c in city.counties if c.short}
    alt_titles = "|".join(sorted(map(re.escape, titles), key=lambda t: (-len(t), t)))
    alt_places = "|".join(sorted(map(re.escape, places), key=lambda t: (-len(t), t)))
    unit = rf"(?:(?:{alt_places})?(?:{alt_titles}))"
    return re.compile(rf"(?P<title>{unit}(?:[、,，]{unit})*)")


@lru_cache(maxsize=None)
def _followers() -> tuple[str, ...]:
    return tuple(sorted(rules()["name_followers"], key=len, reverse=True))


def _followed(text: str, end: int) -> bool:
    return end >= len(text) or text.startswith(_followers(), end)


def _plausible(name: str) -> bool:
    if not looks_like_name(name) or name in gazetteer.place_names():
        return False
    tags = nlp.pos_tags(name)
    # a dictionary word that is not a name ("高度", "全市") is not a name
    return not (len(tags) == 1 and tags[0][1] not in ("nr", "nrfg", "nrt", "x", "eng") and len(name) == 2 and not nlp.is_person_name(name))


def _name_at(text: str, pos: int) -> str | None:
    for n in (3, 2, 4):
        cand = text[pos : pos + n]
        if len(cand) == n and re.fullmatch(f"{_CJK}+", cand) and _followed(text, pos + n) and _plausible(cand):
            return cand
    return None


@dataclass(frozen=True)
class Mention:
    pos: int
    name: str
    title: str
    how: str  # title | list | speaker


def titled(text: str) -> list[Mention]:
    out = []
    for m in _title_re().finditer(text):
        name = _name_at(text, m.end())
        if name:
            out.append(Mention(m.start(), name, m.group("title").replace(",", "、").replace("，", "、"), "title"))
    return out


def attendee_lists(text: str) -> list[Mention]:
    out = []
    pattern = re.compile(rf"(?P<names>{_ITEM}(?:、{_ITEM}){{2,}})(?={rules()['attendee_tail']})")
    for m in pattern.finditer(text):
        items = m.group("names").split("、")
        for n in (3, 2):  # "市领导周海深" -> "周海深", "市领导王璋" -> "王璋"
            if not looks_like_name(items[0]) and looks_like_name(items[0][-n:]):
                items[0] = items[0][-n:]
        names = [i for i in items if looks_like_name(i) and i not in gazetteer.place_names()]
        tagged = sum(1 for i in names if nlp.is_person_name(i))
        if len(names) >= 0.8 * len(items) and tagged >= 0.6 * len(items):
            pos = m.start()
            for name in names:
                out.append(Mention(pos + text[pos:].find(name), name, "", "list"))
    return out


def speakers(text: str) -> list[tuple[str, int, int]]:
    """``(name, times, first position)`` of names that are the subject of a
    speech verb at a clause start, most frequent first."""
    pattern = re.compile(rf"(?:^|(?<=[。,;:!?\s“”、]))(?P<name>{_CJK}{{2,3}}?)(?:还|最后|也|再次|同时|又)?{rules()['speech_verbs']}", re.M)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in pattern.finditer(text):
        name = m.group("name")
        if _plausible(name) and nlp.is_person_name(name):
            counts[name] += 1
            first.setdefault(name, m.start())
    return sorted(((n, c, first[n]) for n, c in counts.items()), key=lambda t: (-t[1], t[2]))


def speaker_lines(lines: list[str]) -> list[Person]:
    """People from a transcript's speaker lines ("市长 刘某某": title, then the
    name after the last space).  A redacted name (**) is not a person."""
    out: list[Person] = []
    for line in lines:
        parts = norm(line).split()
        if len(parts) >= 2 and "*" not in parts[-1] and "＊" not in parts[-1]:
            out.append(Person(parts[-1], "".join(parts[:-1]).removeprefix("中共")))
    return out


def people(text: str) -> tuple[list[Person], str]:
    text = norm(text)
    mentions = titled(text) + attendee_lists(text)
    mentions += [Mention(pos, name, "", "speaker") for name, times, pos in speakers(text) if times >= 2]
    mentions.sort(key=lambda m: (m.pos, m.how != "title"))
    titles: dict[str, str] = {}
    for m in mentions:
        if m.title and m.name not in titles:
            titles[m.name] = m.title
    order: list[str] = []
    for m in mentions:
        if m.name not in order:
            order.append(m.name)
    evidence = "; ".join(sorted({m.how for m in mentions}))
    return [Person(n, titles.get(n, "")) for n in order], evidence

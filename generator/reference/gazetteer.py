"""Places: Henan's prefecture-level cities (and 济源) with their counties, and
China's prefecture-level cities and provinces, from
``data/gazetteer_divisions.csv`` (民政部 行政区划代码, via cpca) and
``data/gazetteer_henan.yaml`` (short names, pinyin slugs, aliases).

Reference data, not a pipeline stage: extraction reads it for city signals,
the listing pages for slugs, sort order and map coordinates.  Public API:
:func:`henan_cities`, :func:`city_by_name`, :func:`all_cities`,
:func:`city_info`, :func:`city_order`, :func:`county_points`.

A city name that is not in the gazetteer still gets a stable ASCII slug
(``c-`` plus a hash) but no point on the map; documents without a city go to
the 未知城市 bucket.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from .loader import REFERENCE_DATA, load_yaml

DATA_DIR = REFERENCE_DATA


@dataclass(frozen=True)
class County:
    name: str  # official, e.g. 林州市
    short: str  # 林州 ("" when the short form is not used for matching)
    city: str  # official name of its prefecture-level city
    lat: float
    lon: float
    current: bool = True  # False for a pre-2013..now renamed unit kept as an alias


@dataclass(frozen=True)
class City:
    name: str  # official, e.g. 安阳市
    short: str  # 安阳
    slug: str  # pinyin for URLs, "" outside Henan
    lat: float | None  # approximate centre (seat of government); None off the map
    lon: float | None
    province: str  # 河南省 ("" for a name the gazetteer does not know)
    counties: tuple[County, ...] = ()
    aliases: tuple[str, ...] = ()
    adcode: str = ""

    @property
    def in_henan(self) -> bool:
        return self.province == "河南省"


_ETHNIC = ("蒙古", "哈萨克", "柯尔克孜")
_SUFFIXES = ("特别行政区", "自治县", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "林区", "盟", "省", "市")


def short_name(name: str) -> str:
    """安阳市 -> 安阳, 延边朝鲜族自治州 -> 延边 (at least 2 characters kept)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            # 延边朝鲜族 -> 延边: drop an ethnic-group qualifier
            for i in range(2, len(stem)):
                if (stem[i:].endswith("族") and len(stem[i:]) <= 6) or stem[i:] in _ETHNIC:
                    return stem[:i]
            return stem
    return name


@lru_cache(maxsize=None)
def _rows() -> tuple[dict[str, str], ...]:
    with open(DATA_DIR / "gazetteer_divisions.csv", encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@lru_cache(maxsize=None)
def _henan_yaml() -> dict:
    return load_yaml(DATA_DIR / "gazetteer_henan.yaml")


def _county_short(name: str, stop: frozenset[str]) -> str:
    if len(name) >= 3 and name[-1] in "县市" and name[:-1] not in stop:
        return name[:-1]
    return ""


@lru_cache(maxsize=None)
def all_cities() -> tuple[City, ...]:
    """Every prefecture-level unit in China; Henan's with counties and slugs."""
    data = _henan_yaml()
    henan = {c["name"]: c for c in data["cities"]}
    county_stop = frozenset(data.get("county_short_stop") or ())
    counties: dict[str, list[County]] = {}
    for row in _rows():
        if row["level"] == "county":
            counties.setdefault(row["prefecture"], []).append(
                County(row["name"], _county_short(row["name"], county_stop), row["prefecture"], float(row["lat"]), float(row["lon"]))
            )
    cities = []
    for row in _rows():
        if row["level"] != "prefecture":
            continue
        extra = henan.get(row["name"], {})
        own = list(counties.get(row["name"], ()))
        for alias in extra.get("aliases") or ():
            if alias[-1] in "县区市" and alias not in {c.name for c in own}:
                own.append(County(alias, "", row["name"], float(row["lat"]), float(row["lon"]), current=False))
        cities.append(City(
            name=row["name"], short=extra.get("short") or short_name(row["name"]), slug=extra.get("slug", ""),
            lat=float(row["lat"]), lon=float(row["lon"]), province=row["province"],
            counties=tuple(own), aliases=tuple(extra.get("aliases") or ()), adcode=row["adcode"],
        ))
    return tuple(cities)


@lru_cache(maxsize=1)
def henan_cities() -> tuple[City, ...]:
    """The 18 cities of 河南省 (17 prefecture-level + 济源), in adcode order."""
    return tuple(c for c in all_cities() if c.in_henan)


@lru_cache(maxsize=None)
def provinces() -> tuple[str, ...]:
    return tuple(r["name"] for r in _rows() if r["level"] == "province")


@lru_cache(maxsize=None)
def city_by_name(name: str) -> City | None:
    """Look a city up by official name, short name or slug."""
    for city in all_cities():
        if name in (city.name, city.short) or (city.slug and name == city.slug):
            return city
    return None


@dataclass(frozen=True)
class PlaceName:
    """One surface form that names a place."""

    form: str
    city: str  # the prefecture-level city it points at ("" for a province)
    county: str = ""  # the county-level unit, if it is one
    province: str = ""
    kind: str = "city"  # city | county | alias | province


@lru_cache(maxsize=None)
def place_names() -> dict[str, PlaceName]:
    """Surface form -> place.  Henan: cities (full + short), counties (full +
    safe short forms) and aliases; elsewhere: cities (full, and short unless
    the short form is an ordinary word) and provinces."""
    city_stop = frozenset(_henan_yaml().get("city_short_stop") or ())
    forms: dict[str, PlaceName] = {}
    for prov in provinces():
        forms.setdefault(prov, PlaceName(prov, "", province=prov, kind="province"))
        short = short_name(prov)
        if short not in city_stop and len(short) >= 2:
            forms.setdefault(short, PlaceName(short, "", province=prov, kind="province"))
    for city in all_cities():
        forms[city.name] = PlaceName(city.name, city.name, province=city.province)
        if city.in_henan or city.short not in city_stop:
            if city.short != city.name and len(city.short) >= 2:
                forms[city.short] = PlaceName(city.short, city.name, province=city.province)
        if not city.in_henan:
            continue
        for county in city.counties:
            forms.setdefault(county.name, PlaceName(county.name, city.name, county.name, city.province, "county"))
            if county.short and county.short not in forms:
                forms[county.short] = PlaceName(county.short, city.name, county.name, city.province, "county")
        for alias in city.aliases:
            if alias[-1] not in "县区市":
                forms.setdefault(alias, PlaceName(alias, city.name, "", city.province, "alias"))
    return forms


def dictionary_words() -> list[str]:
    """Place names for jieba's dictionary (so 安阳县 is one token)."""
    return sorted(place_names(), key=lambda w: (-len(w), w))


UNKNOWN_CITY = "未知城市"
UNKNOWN_SLUG = "unknown"


def county_points() -> list[tuple[float, float]]:
    """(lat, lon) of every current county-level seat of 河南省."""
    return [(c.lat, c.lon) for city in henan_cities() for c in city.counties if c.current]


@lru_cache(maxsize=None)
def city_info(name: str | None) -> City:
    """A Henan city by official or short name; any other name gets a city
    off the map with a hashed slug; no name is 未知城市."""
    if not name:
        return City(UNKNOWN_CITY, UNKNOWN_CITY, UNKNOWN_SLUG, None, None, "")
    for city in henan_cities():
        if name in (city.name, city.short):
            return city
    return City(name, name.removesuffix("市"), "c-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10], None, None, "")


def city_order(name: str) -> tuple[int, str]:
    """Sort key: gazetteer order first, then other names, 未知城市 last."""
    if name == UNKNOWN_CITY:
        return (2, "")
    for i, city in enumerate(henan_cities()):
        if city.name == name:
            return (0, f"{i:03d}")
    return (1, name)

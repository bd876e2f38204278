"""City facts the listing pages need (official name, ASCII slug, map point),
as a thin view over the shared gazetteer (``generator/gazetteer.py``).

A city name that is not in Henan's gazetteer still gets a stable ASCII slug
(``c-`` plus a hash) but no point on the map; documents without a city go to
the 未知城市 bucket.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer

UNKNOWN_CITY = "未知城市"
UNKNOWN_SLUG = "unknown"


@dataclass(frozen=True)
class City:
    name: str  # official name, e.g. 安阳市
    short: str  # 安阳
    slug: str  # anyang
    lat: float | None = None
    lon: float | None = None


def county_points() -> list[tuple[float, float]]:
    """(lat, lon) of every current county-level seat of 河南省."""
    return [(c.lat, c.lon) for city in gazetteer.henan_cities() for c in city.counties if c.current]


@lru_cache(maxsize=1)
def henan_cities() -> tuple[City, ...]:
    """The 18 cities in gazetteer (adcode) order."""
    return tuple(City(c.name, c.short, c.slug, c.lat, c.lon) for c in gazetteer.henan_cities())


@lru_cache(maxsize=None)
def city_info(name: str | None) -> City:
    """Look a city up by official or short name; unknown names get a hashed slug."""
    if not name:
        return City(UNKNOWN_CITY, UNKNOWN_CITY, UNKNOWN_SLUG)
    for city in henan_cities():
        if name in (city.name, city.short):
            return city
    return City(name, name.removesuffix("市"), "c-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10])


def city_order(name: str) -> tuple[int, str]:
    """Sort key: gazetteer order first, then other names, 未知城市 last."""
    if name == UNKNOWN_CITY:
        return (2, "")
    for i, city in enumerate(henan_cities()):
        if city.name == name:
            return (0, f"{i:03d}")
    return (1, name)

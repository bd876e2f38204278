"""Curation: an archivist's sidecar ``seeds/<name>.yaml`` beside ``seeds/<name>.txt``
sets or corrects any front-matter field.

* The sidecar is read with a safe loader (no tags are executed; dates stay text).
* Every key must be a front-matter field a curator may set (see
  :data:`PARSERS`); ``notes`` is allowed for the curator's own remarks and
  ignored.  An unknown key or a wrongly typed value is an
  :class:`SidecarError` naming the file and the key.
* The sidecar's value wins; the field's provenance becomes ``curated`` with the
  sidecar's file name as evidence.
* ``date`` must be ISO (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``);
  ``date_precision`` follows from it unless given (and must then agree).
* A sidecar without a seed is a warning (:func:`orphan_sidecars`).

Example::

    # seeds/003_d2beecadfe933e25.yaml
    title: 谢玉安在全市经济工作观摩点评会上的讲话
    date: 2015-03
    people:
      - {name: 谢玉安, title: 焦作市委副书记、市长}
    notes: date from the print edition's masthead
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from ..fields import FIELDS as FIELD_TABLE
from ..models import Metadata, Person, Problem, Provenance

SIDECAR_SUFFIXES = (".yaml", ".yml")
SEED_SUFFIX = ".txt"
IGNORED_KEYS = frozenset({"notes"})
# Computed from the seed itself; a sidecar cannot change them.
COMPUTED_KEYS = frozenset(f.name for f in FIELD_TABLE if not f.curated)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class SidecarError(Exception):
    """A sidecar that cannot be applied; the message names file and key."""


class Sidecar(dict):
    """The mapping of one sidecar, remembering its file name (for messages
    and provenance evidence)."""

    def __init__(self, data: dict[str, Any], name: str):
        super().__init__(data)
        self.name = name


# --- value checkers: (file, key, value) -> normalised value -------------------


def _fail(where: str, key: str, expected: str, value: Any) -> SidecarError:
    return SidecarError(f"{where}: key '{key}' must be {expected}, not {type(value).__name__} {value!r}")


def _text(where: str, key: str, value: Any, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "source_page":
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, key, "a non-empty string" + (" or null" if optional else ""), value)
    return value.strip()


def _required_text(where: str, key: str, value: Any) -> str:
    return _text(where, key, value, optional=False)  # type: ignore[return-value]


def _names(where: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, key, "a list of non-empty strings", value)
    return tuple(dict.fromkeys(v.strip() for v in value))


def _doc_type(where: str, key: str, value: Any) -> str:
    if value not in ("news", "speech", "other"):
        raise _fail(where, key, "one of news, speech, other", value)
    return value


def _people(where: str, key: str, value: Any) -> tuple[Person, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(where, key, "a list of {name, title} mappings", value)
    out: dict[str, Person] = {}
    for item in value:
        if isinstance(item, str) and item.strip():
            person = Person(item.strip(), "")
        elif isinstance(item, dict) and set(item) <= {"name", "title"} and isinstance(item.get("name"), str) and item["name"].strip() \
                and isinstance(item.get("title", ""), (str, type(None))):
            person = Person(item["name"].strip(), (item.get("title") or "").strip())
        else:
            raise _fail(where, key, "a list of {name, title} mappings", item)
        out.setdefault(person.name, person)
    return tuple(out.values())


def _date(where: str, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        raise _fail(where, key, "an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)", value)
    if isinstance(value, _dt.date):  # YAML reads 2014-04-30 as a date
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise _fail(where, key, "an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)", value)
    m = _ISO.fullmatch(value.strip())
    if not m:
        raise SidecarError(f"{where}: key '{key}' must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), not {value!r}")
    try:
        _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise SidecarError(f"{where}: key '{key}': {value!r} is not a calendar date") from None
    return value.strip()


def _flag(where: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, key, "true or false", value)
    return value


def _precision(where: str, key: str, value: Any) -> str | None:
    if value not in ("day", "month", "year", None):
        raise _fail(where, key, "one of day, month, year", value)
    return value


def _city(where: str, key: str, value: Any) -> str | None:
    """A city by official or short name (安阳 -> 安阳市); other names kept."""
    text = _text(where, key, value)
    if text:
        from ..reference.gazetteer import city_by_name

        city = city_by_name(text)
        return city.name if city else text
    return text


# How a sidecar value of each curated field is checked (every curated field
# of the table has one: a test checks it).
PARSERS: dict[str, Callable[[str, str, Any], Any]] = {
    "title": _required_text,
    "subtitle": _text,
    "date": _date,
    "date_precision": _precision,
    "city": _city,
    "county": _text,
    "places_mentioned": _names,
    "source": _text,
    "source_page": _text,
    "reporters": _names,
    "doc_type": _doc_type,
    "people": _people,
    "keywords": _names,
    "summary": _text,
    "incomplete": _flag,
    "rights": _text,
}


def precision_of(date: str) -> str:
    return {10: "day", 7: "month", 4: "year"}[len(date)]


# --- public API ----------------------------------------------------------------


def sidecar_path(seeds_dir: Path, seed_name: str) -> Path | None:
    stem = Path(seed_name).stem
    found = [seeds_dir / f"{stem}{s}" for s in SIDECAR_SUFFIXES if (seeds_dir / f"{stem}{s}").is_file()]
    if len(found) > 1:
        raise SidecarError(f"{_display(seeds_dir, found[0])}: both {found[0].name} and {found[1].name} exist; keep one")
    return found[0] if found else None


def _display(seeds_dir: Path, path: Path) -> str:
    return f"{seeds_dir.name or 'seeds'}/{path.name}"


class _SidecarLoader(yaml.SafeLoader):
    """``yaml.safe_load`` semantics, except that timestamps stay the text the
    curator wrote: an impossible date ("2014-02-30") is then reported by the
    field check against its key, instead of failing the whole file."""


_SidecarLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def load_sidecar(seeds_dir: Path, seed_name: str) -> Sidecar | None:
    """The checked sidecar of ``seed_name``, or None if it has none (or it is
    empty).  Raises :class:`SidecarError` naming the file and key."""
    path = sidecar_path(seeds_dir, seed_name)
    if path is None:
        return None
    where = _display(seeds_dir, path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SidecarLoader)
    except UnicodeDecodeError:
        raise SidecarError(f"{where}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SidecarError(f"{where}: invalid YAML{at}: {problem}") from None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SidecarError(f"{where}: must be a mapping of field: value, not {type(data).__name__}")
    checked: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise SidecarError(f"{where}: key {key!r} is not a field name")
        if key in IGNORED_KEYS:
            continue
        if key in COMPUTED_KEYS:
            raise SidecarError(f"{where}: key '{key}' is computed from the seed and cannot be overridden")
        if key not in PARSERS:
            raise SidecarError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(PARSERS))}, notes)")
        checked[key] = PARSERS[key](where, key, value)
    if "date" in checked:
        derived = precision_of(checked["date"]) if checked["date"] else None
        given = checked.get("date_precision", derived)
        if given != derived:
            raise SidecarError(f"{where}: key 'date_precision' is {given!r} but date {checked['date']!r} has precision {derived!r}")
        checked["date_precision"] = derived
    elif "date_precision" in checked:
        raise SidecarError(f"{where}: key 'date_precision' needs a 'date' in the same sidecar")
    return Sidecar(checked, where) if checked else None


def apply_sidecar(meta: Metadata, sidecar: dict[str, Any]) -> Metadata:
    """``meta`` with the sidecar's values; their provenance is ``curated``."""
    where = getattr(sidecar, "name", "sidecar")
    values: dict[str, Any] = {}
    for key, value in sidecar.items():
        if key not in PARSERS:  # a plain dict not from load_sidecar
            raise SidecarError(f"{where}: unknown key '{key}'")
        values[key] = PARSERS[key](where, key, value) if not isinstance(value, tuple) else value
    if "date" in values and "date_precision" not in values:
        values["date_precision"] = precision_of(values["date"]) if values["date"] else None
    prov = dict(meta.provenance)
    for key in values:
        prov[key] = Provenance("curated", where)
    return dataclasses.replace(meta, **values, provenance=tuple(sorted(prov.items())))


def orphan_sidecars(seeds_dir: Path, seed_names: set[str]) -> list[Problem]:
    """Warnings for sidecars whose seed does not exist."""
    if not seeds_dir.is_dir():
        return []
    stems = {Path(n).stem for n in seed_names}
    stems |= {p.stem for p in seeds_dir.iterdir() if p.is_file() and p.suffix.lower() == SEED_SUFFIX}
    problems = []
    for path in sorted(seeds_dir.iterdir()):
        if path.is_file() and path.suffix.lower() in SIDECAR_SUFFIXES and not path.name.startswith(".") and path.stem not in stems:
            problems.append(Problem(path.name, f"sidecar without a seed: there is no {path.stem}{SEED_SUFFIX} beside it", "warning"))
    return problems

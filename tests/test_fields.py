"""The front-matter fields are declared once (generator/fields.py); every
other place that names them agrees with that table."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from generator import export, fields
from generator.curate import sidecars
from generator.curate.schema import SCHEMA_PATH
from generator.models import Metadata, metadata_to_dict

ROOT = Path(__file__).resolve().parent.parent


def test_the_dataclass_has_exactly_the_declared_fields():
    assert {f.name for f in dataclasses.fields(Metadata)} == set(fields.FIELD_NAMES)


def test_the_front_matter_keys_follow_the_table_order():
    meta = Metadata(id="x", title="t", raw_file="x.txt", raw_sha256="0" * 64, encoding="utf-8", chars=1)
    assert tuple(metadata_to_dict(meta)) == fields.FIELD_NAMES


def test_the_schema_describes_exactly_the_declared_fields():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(fields.FIELD_NAMES)


def test_a_sidecar_may_set_exactly_the_curated_fields():
    curated = {f.name for f in fields.FIELDS if f.curated}
    assert set(sidecars.PARSERS) == curated
    assert sidecars.COMPUTED_KEYS == set(fields.FIELD_NAMES) - curated


def test_the_export_documents_every_field_with_its_table_description():
    for f in fields.FIELDS:
        assert export.COLUMNS[f.name] == (f.kind, f.description)
    assert list(export.COLUMNS)[: len(fields.FIELDS) + 1] == [
        *fields.FIELD_NAMES[: fields.FIELD_NAMES.index("people") + 1], "people_titles",
        *fields.FIELD_NAMES[fields.FIELD_NAMES.index("people") + 1:]]


def test_the_metadata_panel_uses_the_table_labels():
    """Every <dt> label the document page prints is a field's declared label."""
    page = (ROOT / "tests" / "golden" / "000_3ef23ce910235c0e.md").read_text(encoding="utf-8")
    shown = re.findall(r"<dt>([^<]+)</dt>", page)
    assert shown and set(shown) <= {f.label for f in fields.FIELDS}


def test_the_search_ui_shows_the_same_type_labels_as_the_pages():
    """One set of reader-facing labels: the search page gets them from the
    generated facets, not from a list of its own."""
    scripts = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "overrides/assets/javascripts").rglob("*.js"))
    for value, label in fields.DOC_TYPE_LABELS.items():
        assert not re.search(rf"{value}\s*:\s*\"(?!{label})[\u4e00-\u9fff]+\"", scripts), value

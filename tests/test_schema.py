"""The front-matter JSON Schema and its use by the pipeline and `check`."""

from __future__ import annotations

import dataclasses

import pytest

from generator import cli, extract as extract_stage, pipeline
from generator.curate import schema
from generator.config import Settings

from generator.models import Metadata, Provenance, metadata_to_dict


def good() -> Metadata:
    return Metadata(id="x", title="标题", raw_file="x.txt", raw_sha256="a" * 64, encoding="utf-8", chars=3,
                    date="2015", date_precision="year", rights="r", provenance=(("date", Provenance("inferred", "证据")),))


def test_schema_is_valid_and_accepts_good_metadata():
    schema.validator()
    assert schema.schema_errors(metadata_to_dict(good())) == []


@pytest.mark.parametrize("change,where", [
    (dict(date="2015-13"), "date"),
    (dict(date="2015-02-30", date_precision="day"), "date"),
    (dict(date="2015-02-03", date_precision="year"), "date_precision"),
    (dict(date=None, date_precision="year"), "date_precision"),
    (dict(doc_type="report"), "doc_type"),
    (dict(title=""), "title"),
    (dict(reporters=("甲", "甲")), "reporters"),
    (dict(provenance=(("titel", Provenance("explicit", "")),)), "provenance"),
    (dict(provenance=(("title", Provenance("guess", "")),)), "provenance.title.method"),
])
def test_violations(change, where):
    errors = schema.schema_errors(metadata_to_dict(dataclasses.replace(good(), **change)))
    assert errors and any(e.startswith(where) for e in errors), errors


def test_field_status():
    missing, inferred = schema.field_status(good())
    assert "city" in missing and "source" in missing
    assert inferred == ["date (证据)"]


def test_pipeline_reports_schema_error_naming_file(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("会议强调，要推进产业集聚区建设。\n", encoding="utf-8")
    (seeds / "b.txt").write_text("会议强调，要推进重点项目建设。\n", encoding="utf-8")
    real = extract_stage.extract

    def broken(doc, settings):
        meta = real(doc, settings)
        return dataclasses.replace(meta, date="2015-99") if doc.raw.file_name == "b.txt" else meta

    monkeypatch.setattr(extract_stage, "extract", broken)
    result = pipeline.process(Settings(seeds_dir=seeds, docs_dir=tmp_path / "docs"))
    assert [d.meta.raw_file for d in result.documents] == ["a.txt"]
    errs = [p for p in result.errors if p.file_name == "b.txt"]
    assert errs and "schema" in errs[0].message and "date" in errs[0].message

    rc = cli.main(["check", "-q", "--seeds", str(seeds), "--docs", str(tmp_path / "docs"), "--config", str(tmp_path / "none.yml")])
    assert rc != 0


def test_check_prints_missing_and_inferred(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("会议对2016年度产业集聚区建设先进单位进行了表彰。会议强调，要推进产业集聚区建设。\n", encoding="utf-8")
    rc = cli.main(["check", "-q", "--seeds", str(seeds), "--docs", str(tmp_path / "docs"), "--config", str(tmp_path / "none.yml")])
    out = capsys.readouterr().out
    assert rc == 0
    line = next(l for l in out.splitlines() if l.startswith("a.txt:"))
    assert "missing:" in line and "city" in line
    assert "inferred:" in line and "date (" in line


def test_weakness_counts_missing_inferred_and_pattern_key_fields():
    meta = dataclasses.replace(good(), city="安阳市", provenance=(
        ("city", Provenance("pattern", "安阳")), ("date", Provenance("inferred", "证据")), ("title", Provenance("curated", "x.yaml"))))
    score, weak = schema.weakness(meta)
    # date inferred 2 + city pattern 1 + source missing 3 + doc_type (no provenance: stated) 0 + title curated 0
    assert score == 6 and weak == ["date inferred", "city pattern", "source missing"]


def test_check_ranks_the_weakest_documents_first(tmp_path, capsys):
    """An archivist reads the list from the top: the document whose key
    fields rest on the weakest evidence is where a sidecar helps most."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a_strong.txt").write_text(
        "安阳市召开产业集聚区建设推进会\n来源：安阳日报 2016年3月5日\n本报讯 3月4日，安阳市召开全市产业集聚区建设推进会，市长王某出席会议并讲话。\n",
        encoding="utf-8")
    (seeds / "z_weak.txt").write_text("要进一步推进产业集聚区建设，加快项目落地。\n", encoding="utf-8")
    rc = cli.main(["check", "-q", "--seeds", str(seeds), "--docs", str(tmp_path / "docs"), "--config", str(tmp_path / "none.yml")])
    lines = [l for l in capsys.readouterr().out.splitlines() if l.startswith(("a_strong", "z_weak"))]
    assert rc == 0 and [l.split(":")[0] for l in lines] == ["z_weak.txt", "a_strong.txt"]
    scores = [int(l.split("weakness ")[1].split()[0]) for l in lines]
    assert scores[0] > scores[1]

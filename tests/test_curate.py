"""Curator sidecars: seeds/<name>.yaml beside seeds/<name>.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import curate, pipeline
from generator.config import Settings

from generator.models import Metadata, Person


def meta() -> Metadata:
    return Metadata(id="x", title="原标题", raw_file="x.txt", raw_sha256="0" * 64, encoding="utf-8", chars=10,
                    date="2014", date_precision="year", rights="默认")


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "x.txt").write_text("正文。", encoding="utf-8")
    (seeds / name).write_text(text, encoding="utf-8")
    return seeds


def test_no_sidecar(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    assert curate.load_sidecar(seeds, "x.txt") is None


def test_sidecar_value_wins_with_provenance(tmp_path):
    seeds = write(tmp_path, "title: 新标题\ncity: 安阳\npeople:\n  - {name: 张三, title: 市长}\n  - 李四\nrights: CC BY 4.0\nnotes: checked against print edition\n")
    side = curate.load_sidecar(seeds, "x.txt")
    out = curate.apply_sidecar(meta(), side)
    assert out.title == "新标题" and out.city == "安阳市" and out.rights == "CC BY 4.0"
    assert out.people == (Person("张三", "市长"), Person("李四", ""))
    prov = out.provenance_of("title")
    assert prov.method == "curated" and prov.evidence == "seeds/x.yaml"
    assert out.date == "2014"  # untouched


@pytest.mark.parametrize("value,expected", [("2015-03-02", ("2015-03-02", "day")), ("'2015-03'", ("2015-03", "month")), ("2015", ("2015", "year"))])
def test_date_precision_derived(tmp_path, value, expected):
    seeds = write(tmp_path, f"date: {value}\n")
    out = curate.apply_sidecar(meta(), curate.load_sidecar(seeds, "x.txt"))
    assert (out.date, out.date_precision) == expected
    assert out.provenance_of("date_precision").method == "curated"


def test_date_null_clears_precision(tmp_path):
    seeds = write(tmp_path, "date: null\n")
    out = curate.apply_sidecar(meta(), curate.load_sidecar(seeds, "x.txt"))
    assert out.date is None and out.date_precision is None


@pytest.mark.parametrize("text,fragment", [
    ("titel: 标题\n", "seeds/x.yaml: unknown key 'titel'"),
    ("title: [a, b]\n", "seeds/x.yaml: key 'title' must be"),
    ("title: ''\n", "key 'title' must be a non-empty string"),
    ("reporters: 张三\n", "key 'reporters' must be a list"),
    ("doc_type: report\n", "key 'doc_type' must be one of news, speech, other"),
    ("date: 2014/04/30\n", "key 'date' must be an ISO date"),
    ("date: 2014-02-30\n", "key 'date': '2014-02-30' is not a calendar date"),
    ("date: '2014-04'\ndate_precision: day\n", "key 'date_precision'"),
    ("date_precision: year\n", "needs a 'date'"),
    ("chars: 5\n", "key 'chars' is computed"),
    ("- title\n", "must be a mapping"),
    ("title: [unclosed\n", "invalid YAML (line"),
    ("people:\n  - {name: 张三, rank: 1}\n", "key 'people'"),
])
def test_errors_name_file_and_key(tmp_path, text, fragment):
    seeds = write(tmp_path, text)
    with pytest.raises(curate.SidecarError) as err:
        curate.load_sidecar(seeds, "x.txt")
    assert fragment in str(err.value)
    assert "seeds/x.yaml" in str(err.value)


def test_tags_are_never_executed(tmp_path):
    seeds = write(tmp_path, "title: !!python/object/apply:os.system ['touch pwned']\n")
    with pytest.raises(curate.SidecarError):
        curate.load_sidecar(seeds, "x.txt")
    assert not (Path.cwd() / "pwned").exists()


def test_yml_suffix_and_both_suffixes(tmp_path):
    seeds = write(tmp_path, "title: 甲\n", "x.yml")
    assert curate.load_sidecar(seeds, "x.txt") == {"title": "甲"}
    (seeds / "x.yaml").write_text("title: 乙\n", encoding="utf-8")
    with pytest.raises(curate.SidecarError, match="both"):
        curate.load_sidecar(seeds, "x.txt")


def test_orphan_sidecar_is_a_warning(tmp_path):
    seeds = write(tmp_path, "title: 甲\n")
    (seeds / "gone.yaml").write_text("title: 乙\n", encoding="utf-8")
    problems = curate.orphan_sidecars(seeds, {"x.txt"})
    assert [(p.file_name, p.severity) for p in problems] == [("gone.yaml", "warning")]
    assert "no gone.txt" in problems[0].message


def test_pipeline_applies_sidecar_and_reports_bad_one(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "同志们：\n会议强调，要坚定不移推进产业集聚区建设，加快重点项目进度。\n"
    (seeds / "a.txt").write_text(body, encoding="utf-8")
    (seeds / "a.yaml").write_text("title: 在全县项目建设推进会上的讲话\ndate: 2016-05\n", encoding="utf-8")
    (seeds / "b.txt").write_text(body + "会议还对下一步工作作出部署。\n", encoding="utf-8")
    (seeds / "b.yaml").write_text("titel: 错\n", encoding="utf-8")
    result = pipeline.process(Settings(seeds_dir=seeds, docs_dir=tmp_path / "docs"))
    docs = {d.meta.raw_file: d.meta for d in result.documents}
    assert docs["a.txt"].title == "在全县项目建设推进会上的讲话"
    assert (docs["a.txt"].date, docs["a.txt"].date_precision) == ("2016-05", "month")
    assert docs["b.txt"].provenance_of("title").method != "curated"  # sidecar ignored
    assert any(p.file_name == "b.txt" and "unknown key 'titel'" in p.message and p.severity == "error" for p in result.problems)

"""The pipeline as a whole: bad documents isolated, front matter safe,
output deterministic, nothing stale left behind."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator import pipeline
from generator.config import Settings
from generator.write import LOCK_NAME, MANIFEST_NAME, read_manifest

from conftest import png_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def settings_for(tmp_path: Path, seeds: dict[str, bytes] | None = None, copy: int = 0) -> Settings:
    seeds_dir = tmp_path / "seeds"
    seeds_dir.mkdir(exist_ok=True)
    for path in SEEDS[:copy]:
        shutil.copy(path, seeds_dir / path.name)
    for name, data in (seeds or {}).items():
        (seeds_dir / name).write_bytes(data)
    return Settings(seeds_dir=seeds_dir, docs_dir=tmp_path / "docs")


def page_of(result, file_name: str) -> str:
    doc = next(d for d in result.documents if d.meta.raw_file == file_name)
    return next(f for f in result.files if f.path == doc.md_path).content.decode("utf-8")


# ------------------------------------------------------------ one bad file


def test_bad_files_are_reported_and_the_rest_builds(tmp_path):
    settings = settings_for(tmp_path, {
        "empty.txt": b"",
        "blank.txt": b" \r\n\t\r\n",
        "binary.txt": bytes(range(256)) * 4,
        "image.txt": png_bytes(),
    }, copy=2)
    result = pipeline.build(settings)
    assert sorted(d.meta.raw_file for d in result.documents) == [p.name for p in SEEDS[:2]]
    by_file = {p.file_name: p.message for p in result.errors}
    assert set(by_file) == {"empty.txt", "blank.txt", "binary.txt", "image.txt"}
    assert "empty" in by_file["empty.txt"] and "empty" in by_file["blank.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "PNG" in by_file["image.txt"]
    for doc in result.documents:
        assert (settings.docs_dir / doc.md_path).is_file()
    lines = pipeline.problem_lines(result.problems)
    assert all("\n" not in line for line in lines)
    assert any(line.startswith("error: image.txt: ") for line in lines)


@pytest.mark.parametrize("stage, attr", [("clean", "clean"), ("extract", "extract")])
def test_an_exception_in_one_documents_stage_is_a_problem(tmp_path, monkeypatch, stage, attr):
    settings = settings_for(tmp_path, copy=3)
    victim = SEEDS[1].name
    module = getattr(pipeline, stage)
    real = getattr(module, attr)

    def flaky(doc, *args, **kwargs):
        raw = getattr(doc, "raw", doc)
        if raw.file_name == victim:
            raise KeyError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(module, attr, flaky)
    result = pipeline.process(settings)
    assert [p.file_name for p in result.problems] == [victim]
    assert f"internal error in {stage} stage: KeyError" in result.problems[0].message
    assert sorted(d.meta.raw_file for d in result.documents) == [SEEDS[0].name, SEEDS[2].name]


def test_an_exception_in_read_is_a_problem(tmp_path, monkeypatch):
    settings = settings_for(tmp_path, copy=2)
    real = pipeline.read.read_file

    def flaky(path):
        if path.name == SEEDS[0].name:
            raise MemoryError("too big")
        return real(path)

    monkeypatch.setattr(pipeline.read, "read_file", flaky)
    result = pipeline.process(settings)
    assert [str(p) for p in result.problems] == [f"{SEEDS[0].name}: internal error in read stage: MemoryError: too big"]
    assert len(result.documents) == 1


@pytest.mark.parametrize("stage, module, attr", [
    ("render", "render", "render_pages"),
    ("listings", "listings", "build_listings"),
    ("export", "export", "build_exports"),
])
def test_a_whole_corpus_stage_failing_on_one_document_drops_only_it(tmp_path, monkeypatch, stage, module, attr):
    settings = settings_for(tmp_path, copy=3)
    victim = SEEDS[2].name
    mod = getattr(pipeline, module)
    real = getattr(mod, attr)

    def flaky(documents, settings):
        if any(d.meta.raw_file == victim for d in documents):
            raise ValueError("bad title")
        return real(documents, settings)

    monkeypatch.setattr(mod, attr, flaky)
    result = pipeline.process(settings)
    assert [(p.file_name, p.message) for p in result.problems] == [
        (victim, f"internal error in {stage} stage: ValueError: bad title")
    ]
    assert sorted(d.meta.raw_file for d in result.documents) == [SEEDS[0].name, SEEDS[1].name]
    assert result.files
    assert not any(victim.removesuffix(".txt") in f.path for f in result.files)


def test_a_corpus_stage_bug_is_one_clear_error(tmp_path, monkeypatch):
    settings = settings_for(tmp_path, copy=2)
    monkeypatch.setattr(pipeline.listings, "build_listings", lambda documents, settings: 1 / 0)
    with pytest.raises(pipeline.PipelineError, match="internal error in listings stage: ZeroDivisionError"):
        pipeline.process(settings)


def test_similar_names_get_distinct_ids(tmp_path):
    texts = {name: f"标题{n}\n\n正文第一段。\n".encode() for n, name in enumerate(["a b.txt", "a-b.txt", "a_b.txt"])}
    settings = settings_for(tmp_path, texts, copy=2)
    result = pipeline.process(settings)
    assert not result.problems
    assert len({d.meta.id for d in result.documents}) == 5


def test_an_exact_duplicate_is_an_error_naming_both_files(tmp_path):
    text = "标题\n\n正文第一段。\n".encode()
    settings = settings_for(tmp_path, {"a.txt": text, "b.txt": text, "c.txt": text + b"\n"}, copy=1)
    result = pipeline.process(settings)
    assert [(p.file_name, p.severity, p.message) for p in result.problems] == [
        ("b.txt", "error", "same bytes as a.txt (an exact duplicate); remove one of them")]
    assert sorted(d.meta.raw_file for d in result.documents) == sorted([SEEDS[0].name, "a.txt", "c.txt"])


def test_only_txt_files_are_seeds(tmp_path):
    settings = settings_for(tmp_path, {".hidden.txt": b"x", "notes.md": b"x", "x.TXT": "正文".encode()}, copy=1)
    (settings.seeds_dir / "sub.txt").mkdir()
    names = [p.name for p in pipeline.seed_paths(settings.seeds_dir)]
    assert names == sorted([SEEDS[0].name, "x.TXT"])
    assert pipeline.seed_paths(tmp_path / "missing") == []


# ------------------------------------------------------------ front matter

HOSTILE = (
    "---\n"
    "title: injected\n"
    "layout: !!python/object/apply:os.system ['echo pwned']\n"
    "---\n"
    "key: value\n"
    "\"double\" 'single' `back` {brace} [list] & *alias #comment %directive @at\n"
    "<script>alert(1)</script>\n"
    "...\n"
    "---\n"
)
HOSTILE_TITLE = "郑州: \"集聚区\" 'key: value' --- !!python/object:os.system #x & *a [b] {c} |d >e %f @g"


def _front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    end = page.index("\n---\n", 4)
    return yaml.safe_load(page[4:end])


def test_yaml_significant_seed_text_cannot_break_or_inject_front_matter(tmp_path):
    seed = ("郑州市产业集聚区建设: 新进展\n\n" + HOSTILE + "\n正文第一段。\n\n" + HOSTILE).encode("utf-8")
    settings = settings_for(tmp_path, {"hostile.txt": seed}, copy=2)
    result = pipeline.process(settings)
    assert not result.errors, result.problems
    doc = next(d for d in result.documents if d.meta.raw_file == "hostile.txt")
    page = page_of(result, "hostile.txt")
    fm = _front_matter(page)
    assert fm["title"] == doc.meta.title
    assert fm["id"] == "hostile"
    # MkDocs reads the same front matter, and the body adds nothing to it.
    _, meta = get_data(page)
    assert meta == fm
    assert meta["title"] != "injected"
    assert "layout" not in meta


def test_hostile_title_round_trips_through_front_matter(tmp_path, monkeypatch):
    settings = settings_for(tmp_path, {"hostile.txt": ("标题\n\n" + HOSTILE).encode()}, copy=2)
    real = pipeline.extract.extract
    monkeypatch.setattr(pipeline.extract, "extract", lambda doc, s: dataclasses.replace(real(doc, s), title=HOSTILE_TITLE, summary=HOSTILE))
    result = pipeline.process(settings)
    assert not result.errors, result.problems
    page = page_of(result, "hostile.txt")
    fm = _front_matter(page)
    assert fm["title"] == HOSTILE_TITLE
    assert fm["summary"] == HOSTILE
    _, meta = get_data(page)
    assert meta["title"] == HOSTILE_TITLE and meta["summary"] == HOSTILE


# ----------------------------------------------------- determinism, staleness


def test_two_runs_give_identical_files(tmp_path):
    settings = settings_for(tmp_path, copy=len(SEEDS))
    first = pipeline.process(settings).files
    second = pipeline.process(settings).files
    assert [f.path for f in first] == [f.path for f in second]
    for a, b in zip(first, second):
        assert a.content == b.content, a.path


def test_second_build_writes_nothing(tmp_path):
    settings = settings_for(tmp_path, copy=len(SEEDS))
    first = pipeline.build(settings)
    assert first.written
    second = pipeline.build(settings)
    assert second.written == [] and second.removed == []


def test_a_removed_seed_leaves_nothing_behind(tmp_path):
    settings = settings_for(tmp_path, copy=3)
    before = pipeline.build(settings)
    gone = next(d for d in before.documents if d.meta.raw_file == SEEDS[1].name)
    assert (settings.docs_dir / gone.md_path).exists()
    (settings.seeds_dir / SEEDS[1].name).unlink()
    after = pipeline.build(settings)
    assert gone.md_path in after.removed
    assert not (settings.docs_dir / gone.md_path).exists()
    assert gone.md_path not in read_manifest(settings.docs_dir)
    # No generated file mentions it any more: no listing, index or corpus entry.
    for rel in read_manifest(settings.docs_dir):
        content = (settings.docs_dir / rel).read_bytes()
        assert gone.meta.id.encode() not in content, rel
    on_disk = {p.relative_to(settings.docs_dir).as_posix() for p in settings.docs_dir.rglob("*") if p.is_file()}
    assert on_disk == read_manifest(settings.docs_dir) | {MANIFEST_NAME, LOCK_NAME}


def test_corpus_jsonl_has_one_record_per_document(tmp_path):
    settings = settings_for(tmp_path, copy=len(SEEDS))
    result = pipeline.build(settings)
    lines = (settings.docs_dir / "data" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(result.documents) == len(SEEDS)
    for record, doc in zip(records, result.documents):
        assert record["id"] == doc.meta.id
        assert record["title"] == doc.meta.title
        assert record["raw_file"] == doc.meta.raw_file
        assert record["encoding"] == doc.meta.encoding
        assert isinstance(record["text"], str) and record["text"]
        fm = _front_matter(page_of(result, doc.meta.raw_file))
        for key in ("id", "title", "date", "city", "raw_sha256", "encoding"):
            assert record[key] == fm[key], key


def test_pages_live_at_archive_year_id(tmp_path):
    settings = settings_for(tmp_path, copy=len(SEEDS))
    result = pipeline.process(settings)
    paths = {f.path for f in result.files}
    for doc in result.documents:
        year = doc.meta.date[:4] if doc.meta.date else "undated"
        assert doc.md_path == f"archive/{year}/{doc.meta.id}.md"
        assert doc.md_path in paths
        assert doc.meta.id == Path(doc.meta.raw_file).stem  # the repo's seed names are URL-safe


def test_url_id_collisions_are_reported(tmp_path):
    text = "标题\n\n正文第一段。\n".encode()
    settings = settings_for(tmp_path, {"a.txt": text, "a.TXT": text}, copy=2)
    result = pipeline.process(settings)
    assert "a.TXT" in [d.meta.raw_file for d in result.documents]
    assert "a.txt" not in [d.meta.raw_file for d in result.documents]
    assert [str(p) for p in result.problems] == ["a.txt: its URL id 'a' collides with a.TXT; rename one of them"]


def test_ids_that_differ_only_in_case_are_reported(tmp_path):
    text = "标题\n\n正文第一段。\n".encode()
    settings = settings_for(tmp_path, {"Report.txt": text, "report.txt": text}, copy=1)
    result = pipeline.process(settings)
    assert "Report.txt" in [d.meta.raw_file for d in result.documents]
    assert [str(p) for p in result.problems] == [
        "report.txt: its URL id 'report' collides with Report.txt except in case ('Report'), which some file "
        "systems ignore; rename one of them"]


def test_file_names_that_cannot_be_shown_are_reported_escaped(tmp_path):
    text = "标题\n\n正文第一段。\n".encode()
    settings = settings_for(tmp_path, {"a\nb.txt": text, "tab\there.txt": text}, copy=1)
    with open(os.path.join(os.fsencode(settings.seeds_dir), b"bad\xff.txt"), "wb") as fh:
        fh.write(text)
    result = pipeline.process(settings)
    assert len(result.documents) == 1
    lines = pipeline.problem_lines(result.problems)
    assert lines == [
        "error: a\\nb.txt: the file name contains a line break or control character (\\n); rename the file",
        "error: bad\\xff.txt: the file name is not valid UTF-8 (pages, links and citations need a text name); "
        "rename the file",
        "error: tab\\there.txt: the file name contains a line break or control character (\\t); rename the file",
    ]
    for line in lines:
        line.encode("utf-8")  # printable however stdout encodes


def test_stray_controls_are_recorded_and_unrepairable_mojibake_is_a_warning(tmp_path):
    body = "郑州市产业集聚区建设取得新进展，全市招商引资签约项目42个，总投资286亿元。"
    lost = body.encode("gbk")[:-1].decode("latin-1")  # GBK read as Latin-1, its last byte lost
    settings = settings_for(tmp_path, {
        "nul.txt": f"标题\n\n{body[:10]}\x00{body[10:]}\x00\n".encode(),
        "mojibake.txt": f"标题\n\n{body}\n{lost}\n".encode(),
    })
    result = pipeline.process(settings)
    assert sorted(d.meta.raw_file for d in result.documents) == ["mojibake.txt", "nul.txt"]
    nul = next(d for d in result.documents if d.meta.raw_file == "nul.txt")
    assert [b.text for b in nul.cleaned.blocks] == [body]
    assert [(e.rule, e.text) for e in nul.cleaned.record if e.rule == "text.control"] == [("text.control", "\x00")] * 2
    assert [(p.file_name, p.severity) for p in result.problems] == [("mojibake.txt", "warning")]
    assert "line(s) 4 look like mojibake" in result.problems[0].message

"""The per-document cache and the worker pool (generator/cache.py,
generator/pipeline.py): an incremental build equals a clean one byte for
byte, a damaged or foreign cache entry is never trusted, and parallel and
serial builds agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cache, pipeline, read
from generator.config import Settings
from generator.models import Problem

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "docs"
# Two sources whose pages share template lines (the corpus profile matters).
PICK = ["a_05_luoyang_repost.txt", "a_06_luoyang_repost.txt", "a_08_luoyang_repost.txt",
        "a_09_kaifeng_repost.txt", "a_11_kaifeng_repost.txt"]

CHROME = "网站首页 | 新闻中心 | 联系我们\n本站声明\n"


def template_doc(n: int) -> str:
    return (f"{CHROME}第{n}号文件：产业集聚区建设推进会召开\n"
            f"本报讯 {2013 + n}年3月{n}日，全市产业集聚区建设推进会在市行政中心召开。"
            f"会议要求各县区加快项目建设，第{n}批共有十个项目集中开工。\n"
            "主办单位：某某市人民政府办公室\n")


def corpus_seeds(seeds: Path) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(path, seeds / path.name)
    for name in PICK:
        shutil.copy(CORPUS / name, seeds / name)
    (seeds / "t_1.txt").write_text(template_doc(1), encoding="utf-8")


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_WORKERS", "1")
    seeds = tmp_path / "seeds"
    corpus_seeds(seeds)
    calls: list[str] = []
    real = pipeline.clean_extract

    def counting(raw, profile, settings):
        calls.append(raw.file_name)
        return real(raw, profile, settings)

    monkeypatch.setattr(pipeline, "task", counting)
    return seeds, tmp_path / "cache", calls


def output(seeds: Path, cache_dir: Path | None) -> tuple[dict[str, bytes], list[Problem]]:
    result = pipeline.process(Settings(seeds_dir=seeds, docs_dir=seeds.parent / "docs", cache_dir=cache_dir))
    return {f.path: f.content for f in result.files}, result.problems


def assert_same_as_clean(seeds: Path, cache_dir: Path) -> dict[str, bytes]:
    files, problems = output(seeds, cache_dir)
    clean_files, clean_problems = output(seeds, None)
    assert sorted(files) == sorted(clean_files)
    differ = [p for p in files if files[p] != clean_files[p]]
    assert not differ, differ[:5]
    assert problems == clean_problems
    return files


def entry_files(cache_dir: Path) -> list[Path]:
    """The per-document entries (not the whole-corpus records beside them)."""
    return sorted(p for p in cache_dir.rglob("*.pkl") if p.name not in (cache.OUTPUTS_NAME, cache.PROFILE_NAME))


def test_unchanged_build_reuses_everything(env):
    seeds, cache_dir, calls = env
    first = assert_same_as_clean(seeds, cache_dir)
    n = len(list(seeds.glob("*.txt")))
    assert len(entry_files(cache_dir)) == n
    calls.clear()
    again, _ = output(seeds, cache_dir)
    assert calls == [] and again == first


def test_edits_adds_removals_and_sidecars_equal_a_clean_build(env):
    seeds, cache_dir, calls = env
    before = assert_same_as_clean(seeds, cache_dir)

    # A second page of t_1's source: their shared lines become template chrome,
    # so t_1 (unchanged bytes) must be cleaned again.
    (seeds / "t_2.txt").write_text(template_doc(2), encoding="utf-8")
    calls.clear()
    after = assert_same_as_clean(seeds, cache_dir)
    assert "t_1.txt" in calls
    page = next(p for p in after if p.endswith("/t_1.md"))
    assert after[page] != before[page] and "chrome.repeated" in after[page].decode()

    # Edit one seed (a GB18030 re-encoding of another text with one more line).
    text = read.read_file(seeds / PICK[0]).text
    (seeds / PICK[0]).write_bytes((text + "\n记者 王伟\n").encode("gb18030"))
    assert_same_as_clean(seeds, cache_dir)

    # Remove one: t_2 again, so t_1's template lines are back to single use.
    (seeds / "t_2.txt").unlink()
    calls.clear()
    files = assert_same_as_clean(seeds, cache_dir)
    assert "t_1.txt" in calls
    assert files[page] == before[page]

    # A sidecar, added then edited: curation runs after the cache.
    (seeds / "t_1.yaml").write_text("title: 策展人定的标题\n", encoding="utf-8")
    assert "策展人定的标题" in assert_same_as_clean(seeds, cache_dir)[page].decode()
    (seeds / "t_1.yaml").write_text("title: 另一个标题\ncity: 开封市\n", encoding="utf-8")
    assert "另一个标题" in assert_same_as_clean(seeds, cache_dir)[page].decode()


def test_a_rule_change_misses_every_entry(env, monkeypatch):
    seeds, cache_dir, calls = env
    assert_same_as_clean(seeds, cache_dir)
    monkeypatch.setattr(cache, "fingerprint", lambda: "f" * 64)  # as if a rule file had changed
    calls.clear()
    files, _ = output(seeds, cache_dir)
    assert sorted(calls) == sorted(p.name for p in seeds.glob("*.txt"))
    assert files == output(seeds, None)[0]


def test_fingerprint_covers_code_rules_and_word_lists(tmp_path):
    root = tmp_path / "generator"
    shutil.copytree(cache.PACKAGE_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    base = cache.compute_fingerprint(root)
    assert base == cache.compute_fingerprint(root)
    for rel in ("clean/rules.yaml", "extract/stopwords.txt", "pipeline.py"):
        path = root / rel
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert cache.compute_fingerprint(root) != base, rel
        path.write_bytes(original)
    (root / "notes.md").write_text("not part of the generator's behaviour")
    assert cache.compute_fingerprint(root) == base


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def damage_flip(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[-100] ^= 0xFF
    path.write_bytes(bytes(blob))


def damage_other_format(path: Path) -> None:
    blob = path.read_bytes()
    head = cache.MAGIC + f"{cache.FORMAT}\n".encode()
    path.write_bytes(cache.MAGIC + f"{cache.FORMAT + 1}\n".encode() + blob[len(head):])


def damage_other_fingerprint(path: Path) -> None:
    blob = path.read_bytes()
    fp = cache.fingerprint().encode()
    path.write_bytes(blob.replace(fp, b"0" * len(fp), 1))


def damage_garbage(path: Path) -> None:
    path.write_bytes(b"\x80\x04not a pickle at all")


@pytest.mark.parametrize("damage", [damage_truncate, damage_flip, damage_other_format,
                                    damage_other_fingerprint, damage_garbage])
def test_a_damaged_or_foreign_entry_is_rebuilt(env, damage):
    seeds, cache_dir, calls = env
    first = assert_same_as_clean(seeds, cache_dir)
    victims = entry_files(cache_dir)[:3]
    for path in victims:
        damage(path)
    calls.clear()
    files, _ = output(seeds, cache_dir)
    assert files == first
    assert len(calls) == len(victims)
    calls.clear()
    output(seeds, cache_dir)  # rebuilt entries are good again
    assert calls == []


def test_an_entry_under_another_key_is_not_trusted(env):
    seeds, cache_dir, calls = env
    first = assert_same_as_clean(seeds, cache_dir)
    a, b = entry_files(cache_dir)[:2]
    shutil.copy(a, b)  # a valid entry, but for another seed
    calls.clear()
    assert output(seeds, cache_dir)[0] == first
    assert len(calls) == 1


def test_parallel_and_serial_builds_agree(env, monkeypatch):
    seeds, _cache_dir, _calls = env
    monkeypatch.setattr(pipeline, "task", pipeline.clean_extract)  # a worker must import it
    serial, serial_problems = output(seeds, None)
    monkeypatch.setenv("ARCHIVE_WORKERS", "2")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    parallel, parallel_problems = output(seeds, None)
    assert parallel == serial and parallel_problems == serial_problems


def failing_task(raw, profile, settings):
    """Fails for one document, in whichever process runs it."""
    if raw.file_name == "t_1.txt":
        raise RuntimeError("worker exploded")
    return pipeline.clean_extract(raw, profile, settings)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_worker_failure_is_reported_against_its_document(env, monkeypatch, workers):
    seeds, cache_dir, _calls = env
    monkeypatch.setattr(pipeline, "task", failing_task)
    monkeypatch.setenv("ARCHIVE_WORKERS", workers)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    result = pipeline.process(Settings(seeds_dir=seeds, docs_dir=seeds.parent / "docs", cache_dir=cache_dir))
    assert [(p.file_name, p.severity) for p in result.errors] == [("t_1.txt", "error")]
    assert "RuntimeError: worker exploded" in result.errors[0].message
    built = sorted(d.meta.raw_file for d in result.documents)
    assert built == sorted(p.name for p in seeds.glob("*.txt") if p.name != "t_1.txt")
    # the failure is not cached: with the task healthy again it builds
    monkeypatch.setattr(pipeline, "task", pipeline.clean_extract)
    files, problems = output(seeds, cache_dir)
    assert not [p for p in problems if p.severity == "error"]
    assert any(p.endswith("/t_1.md") for p in files)


def test_recording_profile_answers_like_the_profile():
    deps = cache.Dependencies()
    profile = pipeline.CorpusProfile(repeated_lines=frozenset({"a", "b"}), bigrams=frozenset({"产业"}))
    rec = cache.RecordingProfile(profile, deps)
    assert "a" in rec.repeated_lines and "z" not in rec.repeated_lines
    assert rec.repeated_lines and not rec.site_tokens
    assert deps.queries == {"repeated_lines": {"a": True, "z": False}}
    assert deps.truth == {"repeated_lines": True, "site_tokens": False}
    assert deps.hold_for(profile)
    assert deps.hold_for(pipeline.CorpusProfile(repeated_lines=frozenset({"a", "c"})))
    assert not deps.hold_for(pipeline.CorpusProfile(repeated_lines=frozenset({"a", "z"})))
    assert not deps.hold_for(pipeline.CorpusProfile(repeated_lines=frozenset({"a"}), site_tokens=frozenset({"x"})))
    # any other use depends on the whole field
    assert sorted(rec.bigrams) == ["产业"] and rec.source_groups == ()
    assert set(deps.whole) == {"bigrams", "source_groups"}
    assert not deps.hold_for(pipeline.CorpusProfile(repeated_lines=frozenset({"a"}), bigrams=frozenset({"集聚"})))
    assert {"x"} & rec.bigrams == set() and rec.bigrams.issubset({"产业", "x"})


# ------------------------------------------- whole-corpus reuse (build + write)


def docs_tree(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def stage_runs(monkeypatch):
    runs: list[int] = []
    real = pipeline._run_corpus_stages

    def counting(documents, settings, say):
        runs.append(len(documents))
        return real(documents, settings, say)

    monkeypatch.setattr(pipeline, "_run_corpus_stages", counting)
    return runs


def build_both(seeds: Path, cache_dir: Path, n: int) -> tuple[pipeline.BuildResult, dict[str, bytes]]:
    """Build incrementally into docs/ and from scratch into clean-N/; the
    written trees must be identical."""
    docs = seeds.parent / "docs"
    result = pipeline.build(Settings(seeds_dir=seeds, docs_dir=docs, cache_dir=cache_dir))
    clean = pipeline.build(Settings(seeds_dir=seeds, docs_dir=seeds.parent / f"clean-{n}", cache_dir=None))
    tree = docs_tree(docs)
    assert tree == docs_tree(seeds.parent / f"clean-{n}")
    assert [d.meta.id for d in result.documents] == [d.meta.id for d in clean.documents]
    assert result.problems == clean.problems
    return result, tree


def test_an_unchanged_corpus_skips_the_corpus_stages_and_writes_nothing(env, stage_runs):
    seeds, cache_dir, calls = env
    build_both(seeds, cache_dir, 0)
    stage_runs.clear()
    again, _ = build_both(seeds, cache_dir, 1)
    assert stage_runs == [len(again.documents)]  # only the clean build ran them
    assert again.written == [] and again.removed == []


def test_corpus_reuse_stops_at_any_change(env, stage_runs):
    seeds, cache_dir, _calls = env
    docs = seeds.parent / "docs"
    build_both(seeds, cache_dir, 0)

    def incremental_ran_stages(step: int) -> bool:
        stage_runs.clear()
        build_both(seeds, cache_dir, step)
        return len(stage_runs) == 2  # the incremental build and the clean one

    (seeds / "t_2.txt").write_text(template_doc(2), encoding="utf-8")       # added
    assert incremental_ran_stages(1)
    (seeds / "t_1.yaml").write_text("title: 策展人定的标题\n", encoding="utf-8")  # sidecar
    assert incremental_ran_stages(2)
    (seeds / "t_2.txt").unlink()                                              # removed
    assert incremental_ran_stages(3)
    assert not incremental_ran_stages(4)                                      # nothing
    page = next(docs.rglob("t_1.md"))
    page.write_text("hand-edited\n", encoding="utf-8")                        # a generated file touched
    assert incremental_ran_stages(5)
    assert "策展人定的标题" in page.read_text(encoding="utf-8")
    next(docs.rglob("a_05_luoyang_repost.md")).unlink()                       # one deleted
    assert incremental_ran_stages(6)
    assert not incremental_ran_stages(7)


def test_the_corpus_profile_is_reused_only_for_the_same_seeds(env, monkeypatch):
    seeds, cache_dir, _calls = env
    runs: list[int] = []
    real = pipeline.clean.profile_corpus
    monkeypatch.setattr(pipeline.clean, "profile_corpus", lambda raws: runs.append(len(raws)) or real(raws))
    output(seeds, cache_dir)
    output(seeds, cache_dir)
    assert runs == [len(list(seeds.glob("*.txt")))]  # the second build read the first one's profile
    (seeds / "t_2.txt").write_text(template_doc(2), encoding="utf-8")
    assert_same_as_clean(seeds, cache_dir)  # a new seed: a new profile, and the build equals a clean one
    assert runs[1] == runs[0] + 1
    (record,) = cache_dir.rglob(cache.PROFILE_NAME)
    record.write_bytes(b"garbage")
    runs.clear()
    output(seeds, cache_dir)
    assert runs == [len(list(seeds.glob("*.txt")))]  # a damaged profile is computed again


def test_a_damaged_outputs_record_is_not_trusted(env, stage_runs):
    seeds, cache_dir, _calls = env
    build_both(seeds, cache_dir, 0)
    (record,) = cache_dir.rglob(cache.OUTPUTS_NAME)
    record.write_bytes(record.read_bytes()[:-10])
    stage_runs.clear()
    build_both(seeds, cache_dir, 1)
    assert len(stage_runs) == 2

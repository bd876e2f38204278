"""`python -m generator build|check` as a user runs it (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, SEEDS, make_project, png_bytes

N_SEEDS = len(list(SEEDS.glob("*.txt")))


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_writes_pages_and_data(project):
    result = project.generator("build")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == f"built {N_SEEDS} document(s); 0 error(s), 0 warning(s)"
    assert "read 5 seed(s)" in result.stderr  # progress goes to stderr
    records = [json.loads(l) for l in (project.docs / "data" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == N_SEEDS
    assert all({"id", "title", "text", "encoding", "raw_file"} <= set(r) for r in records)
    pages = sorted(project.docs.glob("archive/*/*.md"))
    assert sorted(p.stem for p in pages) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(p.read_text(encoding="utf-8").startswith("---\n") for p in pages)


def test_second_build_writes_nothing(project):
    project.generator("build", check=True)
    again = project.generator("build", check=True)
    assert "wrote 0 changed file(s), removed 0 stale file(s)" in again.stdout


def test_quiet_build_prints_only_the_total(project):
    result = project.generator("build", "-q")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [f"built {N_SEEDS} document(s); 0 error(s), 0 warning(s)"]


def test_seeds_and_docs_options(project, tmp_path):
    seeds = tmp_path / "my-seeds"
    seeds.mkdir()
    first = sorted(SEEDS.glob("*.txt"))[0]
    (seeds / first.name).write_bytes(first.read_bytes())
    docs = tmp_path / "my-docs"
    result = project.generator("build", "--seeds", str(seeds), "--docs", str(docs))
    assert result.returncode == 0, result.stdout
    assert "built 1 document(s)" in result.stdout
    assert len(list(docs.glob("archive/*/*.md"))) == 1
    assert not (project.docs / "data" / "corpus.jsonl").exists()  # the default docs dir was not touched


def test_errors_are_listed_one_line_each_with_a_total_and_exit_nonzero(project):
    (project.seeds / "empty.txt").write_bytes(b"")
    (project.seeds / "picture.txt").write_bytes(png_bytes())
    result = project.generator("build")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "error: empty.txt: empty file (no text)" in lines
    assert "error: picture.txt: binary file (PNG image), not text" in lines
    assert lines[-1] == f"built {N_SEEDS} document(s); 2 error(s), 0 warning(s)"
    assert len(list(project.docs.glob("archive/*/*.md"))) == N_SEEDS  # the good ones still build


def test_check_validates_without_writing(project):
    before = tree(project.docs)
    ok = project.generator("check")
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[-1].startswith(f"checked {N_SEEDS} document(s); 0 error(s)")
    (project.seeds / "bad.txt").write_bytes(b"\x00" * 100)
    bad = project.generator("check")
    assert bad.returncode == 1
    assert any(l.startswith("error: bad.txt: binary file") for l in bad.stdout.splitlines())
    assert tree(project.docs) == before


def test_missing_seeds_directory_is_an_error_and_deletes_nothing(project):
    project.generator("build", check=True)
    before = tree(project.docs)
    result = project.generator("build", "--seeds", "no-such-dir")
    assert result.returncode == 2
    assert "seeds directory no-such-dir does not exist" in result.stdout
    assert tree(project.docs) == before


def test_hand_written_file_in_the_way_is_refused(project):
    project.generator("build", check=True)
    corpus = project.docs / "data" / "corpus.jsonl"
    manifest = project.docs / ".generated-files"
    manifest.write_text(manifest.read_text().replace("data/corpus.jsonl\n", ""))
    corpus.write_text("mine\n")
    result = project.generator("build")
    assert result.returncode == 1
    assert "refusing to overwrite" in result.stdout and "data/corpus.jsonl" in result.stdout
    assert "Traceback" not in result.stderr
    assert corpus.read_text() == "mine\n"


def test_usage_errors():
    result = subprocess.run([sys.executable, "-m", "generator"], capture_output=True, text=True, env=ENV)
    assert result.returncode == 2
    assert "build" in result.stderr and "check" in result.stderr


@pytest.mark.parametrize("hashseeds", [("1", "4242")])
def test_output_is_byte_identical_across_runs_and_hash_seeds(project, tmp_path, hashseeds):
    trees = []
    for i, seed in enumerate(hashseeds):
        docs = tmp_path / f"docs-{i}"
        env = {**ENV, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--docs", str(docs)],
                       cwd=project.root, env=env, check=True, capture_output=True, timeout=600)
        trees.append(tree(docs))
    assert trees[0].keys() == trees[1].keys()
    assert len(trees[0]) > N_SEEDS
    for path in trees[0]:
        assert trees[0][path] == trees[1][path], path


def test_watch_rebuilds_when_a_seed_changes(project):
    """`python -m generator watch`: live preview of seeds/ for a renderer that
    cannot run the generator itself."""
    import time

    proc = subprocess.Popen([sys.executable, "-m", "generator", "watch", "-q", "--no-cache"], cwd=project.root, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        def wait_for(text: str, timeout: float = 240) -> None:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                line = proc.stdout.readline()
                lines.append(line)
                if text in line:
                    return
            raise AssertionError(f"no {text!r} in {lines}")

        wait_for(f"built {N_SEEDS} document(s)")
        seed = sorted(project.seeds.glob("*.txt"))[0]
        (project.seeds / "900_new.txt").write_text(seed.read_text(encoding="utf-8") + "\n会议还对下一步工作作出部署。\n",
                                                 encoding="utf-8")
        wait_for(f"built {N_SEEDS + 1} document(s)")
        assert list(project.docs.glob("archive/*/900_new.md"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)

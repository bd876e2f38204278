"""Writing generated files: only changed bytes, no stale files, never a
hand-written file touched."""

from __future__ import annotations

import os

import pytest

from generator.models import OutputFile
from generator.write import MANIFEST_NAME, WriteError, read_manifest, write_files


def f(path: str, text: str) -> OutputFile:
    return OutputFile(path, text.encode("utf-8"))


def snapshot(root):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def test_first_write_creates_files_and_manifest(tmp_path):
    written, removed = write_files(tmp_path, [f("a/b.md", "一"), f("c.md", "二")])
    assert written == ["a/b.md", "c.md"] and removed == []
    assert (tmp_path / "a" / "b.md").read_text(encoding="utf-8") == "一"
    assert read_manifest(tmp_path) == {"a/b.md", "c.md"}
    assert not list(tmp_path.rglob("*.tmp"))


def test_second_identical_write_touches_nothing(tmp_path):
    files = [f("a/b.md", "一"), f("c.md", "二")]
    write_files(tmp_path, files)
    before = snapshot(tmp_path)
    os.utime(tmp_path / "c.md", ns=(1, 1))  # make any rewrite visible in mtime
    before["c.md"] = (before["c.md"][0], 1)
    assert write_files(tmp_path, files) == ([], [])
    assert snapshot(tmp_path) == before


def test_only_changed_files_are_rewritten(tmp_path):
    write_files(tmp_path, [f("a.md", "1"), f("b.md", "2")])
    os.utime(tmp_path / "a.md", ns=(1, 1))
    written, _ = write_files(tmp_path, [f("a.md", "1"), f("b.md", "3")])
    assert written == ["b.md"]
    assert (tmp_path / "a.md").stat().st_mtime_ns == 1


def test_stale_files_and_empty_directories_are_removed(tmp_path):
    write_files(tmp_path, [f("archive/2014/x.md", "x"), f("archive/2015/y.md", "y"), f("data/corpus.jsonl", "{}")])
    written, removed = write_files(tmp_path, [f("archive/2015/y.md", "y"), f("data/corpus.jsonl", "{}")])
    assert written == [] and removed == ["archive/2014/x.md"]
    assert not (tmp_path / "archive" / "2014").exists()
    assert (tmp_path / "archive" / "2015" / "y.md").exists()
    assert read_manifest(tmp_path) == {"archive/2015/y.md", "data/corpus.jsonl"}


def test_hand_written_files_are_never_deleted(tmp_path):
    (tmp_path / "about.md").write_text("hand")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "notes.md").write_text("hand")
    write_files(tmp_path, [f("archive/x.md", "x")])
    write_files(tmp_path, [])
    assert (tmp_path / "about.md").read_text() == "hand"
    assert (tmp_path / "archive" / "notes.md").read_text() == "hand"
    assert not (tmp_path / "archive" / "x.md").exists()


def test_hand_written_files_are_never_overwritten(tmp_path):
    (tmp_path / "index.md").write_text("hand")
    with pytest.raises(WriteError, match="index.md"):
        write_files(tmp_path, [f("index.md", "generated"), f("other.md", "x")])
    assert (tmp_path / "index.md").read_text() == "hand"
    assert not (tmp_path / "other.md").exists()  # nothing written at all
    # An identical file is simply adopted.
    write_files(tmp_path, [f("index.md", "hand")])
    assert read_manifest(tmp_path) == {"index.md"}


def test_a_deleted_generated_file_is_written_again(tmp_path):
    write_files(tmp_path, [f("a.md", "1")])
    (tmp_path / "a.md").unlink()
    assert write_files(tmp_path, [f("a.md", "1")]) == (["a.md"], [])


def test_a_hand_edited_generated_file_is_restored(tmp_path):
    write_files(tmp_path, [f("a.md", "1")])
    (tmp_path / "a.md").write_text("edited")
    assert write_files(tmp_path, [f("a.md", "1")]) == (["a.md"], [])
    assert (tmp_path / "a.md").read_text() == "1"


@pytest.mark.parametrize("path", ["/etc/x.md", "../x.md", "a/../../x.md", "a//b.md", "./a.md", "", "a\\b.md", MANIFEST_NAME])
def test_unsafe_paths_are_refused(tmp_path, path):
    with pytest.raises(WriteError):
        write_files(tmp_path / "docs", [f(path, "x")])


def test_duplicate_paths_are_refused(tmp_path):
    with pytest.raises(WriteError, match="twice: a.md"):
        write_files(tmp_path, [f("a.md", "1"), f("b.md", "2"), f("a.md", "3")])


def test_manifest_lines_outside_docs_are_never_deleted(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (docs / MANIFEST_NAME).write_text("../victim.txt\n/etc/hostname\n")
    write_files(docs, [])
    assert victim.read_text() == "keep"


def test_manifest_is_sorted_and_stable(tmp_path):
    write_files(tmp_path, [f("b.md", ""), f("a/c.md", ""), f("a.md", "")])
    lines = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    assert lines[1:] == ["a.md", "a/c.md", "b.md"]


def test_write_is_atomic_replace(tmp_path, monkeypatch):
    """A watcher never sees a half-written file: content goes to a dot-file
    first and is renamed into place."""
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((os.path.basename(src), os.path.basename(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_files(tmp_path, [f("a.md", "1")])
    assert (".a.md.tmp", "a.md") in seen

"""Writing generated files: only changed bytes, no stale files, never a
hand-written file touched."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest

from generator.models import OutputFile
from generator.write import LOCK_NAME, MANIFEST_NAME, TMP_SUFFIX, WriteError, build_lock, read_manifest, write_files


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


@pytest.mark.parametrize("path", ["/etc/x.md", "../x.md", "a/../../x.md", "a//b.md", "./a.md", "", "a\\b.md", MANIFEST_NAME,
                                  LOCK_NAME, f"a/.b.md{TMP_SUFFIX}"])
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
    assert (f".a.md{TMP_SUFFIX}", "a.md") in seen


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


@pytest.mark.parametrize("after", range(5))  # the journal, a.md, d/e.md, f.md, the final manifest
def test_an_interrupted_write_leaves_whole_owned_files_and_the_next_repairs_it(tmp_path, monkeypatch, after):
    old = [f("a.md", "old a"), f("gone/b.md", "old b"), f("c.md", "same")]
    new = [f("a.md", "new a"), f("c.md", "same"), f("d/e.md", "new e"), f("f.md", "new f")]
    write_files(tmp_path, old)
    real_replace, calls = os.replace, []

    def dies(src, dst):
        if len(calls) == after:
            raise Killed
        calls.append(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(Killed):
        write_files(tmp_path, new)
    monkeypatch.setattr(os, "replace", real_replace)
    versions = {x.path: {x.content} for x in old}
    for x in new:
        versions.setdefault(x.path, set()).add(x.content)
    owned = read_manifest(tmp_path)
    for path in tmp_path.rglob("*"):
        rel = path.relative_to(tmp_path).as_posix()
        if path.is_file() and path.name not in (MANIFEST_NAME, LOCK_NAME) and not path.name.endswith(TMP_SUFFIX):
            assert rel in owned and path.read_bytes() in versions[rel], rel  # never half a file, never unowned
    # The next write repairs everything: exactly what an uninterrupted one gives.
    write_files(tmp_path, new)
    clean = tmp_path.parent / "clean"
    write_files(clean, new)
    assert snapshot_bytes(tmp_path) == snapshot_bytes(clean)


def snapshot_bytes(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_temporary_files_of_a_killed_write_are_deleted(tmp_path):
    (tmp_path / "archive" / "2014").mkdir(parents=True)
    (tmp_path / "archive" / "2014" / f".x.md{TMP_SUFFIX}").write_text("half")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / ".draft.tmp").write_text("hand")  # not the generator's
    write_files(tmp_path, [f("a.md", "1")])
    assert not list(tmp_path.rglob(f"*{TMP_SUFFIX}"))
    assert not (tmp_path / "archive").exists()  # emptied, so removed
    assert (tmp_path / "notes" / ".draft.tmp").read_text() == "hand"


def test_the_manifest_is_written_last(tmp_path, monkeypatch):
    write_files(tmp_path, [f("a.md", "1"), f("z.md", "stale")])
    real_replace, order = os.replace, []
    monkeypatch.setattr(os, "replace", lambda src, dst: (order.append(os.path.basename(dst)), real_replace(src, dst)))
    write_files(tmp_path, [f("a.md", "2"), f("b.md", "3")])
    # the journal (old and new paths) first, the files, then the final list
    assert order == [MANIFEST_NAME, "a.md", "b.md", MANIFEST_NAME]
    assert read_manifest(tmp_path) == {"a.md", "b.md"}


def test_a_held_lock_makes_a_write_wait_then_fail_naming_it(tmp_path):
    with build_lock(tmp_path):
        messages = []
        with pytest.raises(WriteError) as err:
            write_files(tmp_path, [f("a.md", "1")], lock_wait=0.2, say=messages.append)
    assert str(err.value).startswith(f"{tmp_path / LOCK_NAME}: another build is writing {tmp_path} and holds this lock")
    assert messages == [f"waiting for {tmp_path / LOCK_NAME}: another build is writing {tmp_path}"]
    assert not (tmp_path / "a.md").exists() and not (tmp_path / MANIFEST_NAME).exists()
    # Released (however its holder ended): the next write goes through.
    assert write_files(tmp_path, [f("a.md", "1")], lock_wait=0) == (["a.md"], [])


def test_the_lock_is_an_flock_on_the_lock_file(tmp_path):
    write_files(tmp_path, [f("a.md", "1")])
    fd = os.open(tmp_path / LOCK_NAME, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free between writes
        with pytest.raises(WriteError, match=LOCK_NAME):
            write_files(tmp_path, [f("a.md", "2")], lock_wait=0)
    finally:
        os.close(fd)
    assert (tmp_path / "a.md").read_text() == "1"


def test_an_os_error_while_writing_is_a_write_error_naming_the_path(tmp_path, monkeypatch):
    write_files(tmp_path, [f("a/b.md", "1")])
    real = Path.write_bytes

    def full(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(WriteError, match=r"a/\.b\.md\.generator-tmp: cannot write: No space left on device"):
        write_files(tmp_path, [f("a/b.md", "2")])
    monkeypatch.setattr(Path, "write_bytes", real)
    assert (tmp_path / "a" / "b.md").read_text() == "1"
    assert write_files(tmp_path, [f("a/b.md", "2")]) == (["a/b.md"], [])

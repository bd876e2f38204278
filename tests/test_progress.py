"""Progress a person sees: a live bar on a terminal, plain lines in CI and pipes, nothing under -q."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

from conftest import ENV, make_project

from generator import pipeline
from generator.clean import profile_corpus
from generator.config import Settings
from generator.progress import SILENT, for_stream, wants_bar
from generator.read import read_file


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_only_on_an_interactive_terminal():
    assert wants_bar(Terminal(), environ={})
    assert not wants_bar(io.StringIO(), environ={})            # a pipe or a log file
    assert not wants_bar(Terminal(), environ={"CI": "true"})   # CI logs stay short
    assert not wants_bar(Terminal(), environ={"TERM": "dumb"})
    assert for_stream(Terminal(), quiet=True, environ={}) is SILENT


def test_bar_counts_documents_with_rate(tmp_path):
    project = make_project(tmp_path)
    raws = [read_file(p) for p in sorted(project.seeds.glob("*.txt"))]
    screen = Terminal()
    progress = for_stream(screen, environ={})
    entries = pipeline._clean_extract_all(raws, profile_corpus(raws), Settings(), progress)
    assert len(entries) == len(raws)
    shown = screen.getvalue()
    # the bar opens at 0/N with its rate field (redrawn at most twice a second,
    # so a fast run may show no later state), and is cleared when done
    assert f"0/{len(raws)} [" in shown and "doc/s]" in shown
    assert "cleaning and extracting" in shown and shown.endswith("\r")


def test_no_bar_in_a_pipe_and_nothing_when_quiet(tmp_path):
    project = make_project(tmp_path)
    piped = project.generator("build", "--no-cache")
    assert piped.returncode == 0
    assert "\r" not in piped.stderr and "doc/s" not in piped.stderr
    assert "read 5 seed(s)" in piped.stderr
    quiet = project.generator("build", "--no-cache", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_bar_on_a_real_terminal(tmp_path):
    project = make_project(tmp_path)
    env = {k: v for k, v in ENV.items() if k != "CI"} | {"TERM": "xterm"}
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--no-cache",
                             "--seeds", str(project.seeds), "--docs", str(project.docs),
                             "--config", str(project.root / "mkdocs.yml")],
                            cwd=project.root, env=env, stdin=child, stdout=child, stderr=child)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=120) == 0
    os.close(main)
    text = out.decode("utf-8", "replace")
    assert "doc/s" in text and "\r" in text  # the bar redraws in place
    assert "built 5 document(s)" in text

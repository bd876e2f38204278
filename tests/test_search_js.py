"""The browser's search engine under node's test runner (``tests/js/``):
it decodes, routes, folds and answers as the Python side encodes and
answers (fixtures written by ``tests/js/fixtures.py`` into a temporary
directory), and the site serves its concept files as one script."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

from generator.search import build_search_index
from generator.search.bundle import ENGINE_DIR, ENGINE_PATH, ENGINE_SOURCES, engine_script

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"


def _fixtures_module():
    spec = importlib.util.spec_from_file_location("search_js_fixtures", JS_TESTS / "fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_node_unit_tests_pass(tmp_path):
    node = shutil.which("node")
    assert node, "node is missing: make test installs nodejs"
    _fixtures_module().write_fixtures(tmp_path)
    result = subprocess.run([node, "--test", str(JS_TESTS)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "ARCHIVE_SEARCH_FIXTURES": str(tmp_path)})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout


def test_the_engine_is_every_concept_file_once_in_the_declared_order():
    script = engine_script()
    assert sorted(p.name for p in ENGINE_DIR.glob("*.js")) == sorted(ENGINE_SOURCES)
    at = [script.index((ENGINE_DIR / name).read_bytes()) for name in ENGINE_SOURCES]
    assert at == sorted(at)
    assert engine_script() == script  # deterministic
    assert script.decode("utf-8").count("window.ArchiveSearchEngine = window.ArchiveSearchEngine || {}") == len(ENGINE_SOURCES)


def test_the_search_stage_writes_the_engine_beside_the_index():
    files = {f.path: f.content for f in build_search_index([], None)}
    assert files[ENGINE_PATH] == engine_script()
    page = (ROOT / "overrides" / "search-page.html").read_text(encoding="utf-8")
    assert "'search/index/engine.js' | url" in page and ENGINE_PATH == "search/index/engine.js"

"""The generator as an installed package: a wheel carries everything the
generator reads at build time (rules, reference data, the schema and the
search engine's scripts), so `pip install` of the project works without
the source tree beside it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.search.bundle import ENGINE_SOURCES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the project: building in place would leave build/ and *.egg-info in the tree.
    src = out / "src"
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z",
                            "pyproject.toml", "README.md", "generator"],
                           check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (out / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def test_wheel_carries_the_search_engine(wheel_names):
    for name in ENGINE_SOURCES:
        assert f"generator/search/engine/{name}" in wheel_names


def test_wheel_carries_rules_and_reference_data(wheel_names):
    data_files = [p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*")
                  if p.is_file() and p.suffix in {".yaml", ".json", ".txt", ".csv", ".js"}
                  and "__pycache__" not in p.parts]
    assert data_files
    missing = [name for name in data_files if name not in wheel_names]
    assert not missing, f"not packaged: {missing}"

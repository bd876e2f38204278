"""The vendored lunr.js is the pinned npm package's file, licence included."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "overrides" / "assets" / "vendor" / "lunr"
NPM = ROOT / "node_modules" / "lunr"


def test_vendored_lunr_has_its_licence():
    assert (VENDOR / "lunr.min.js").read_bytes().startswith(b"/**\n * lunr - http://lunrjs.com")
    assert "Oliver Nightingale" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_lunr_is_pinned():
    pkg = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert pkg["devDependencies"]["lunr"] == "2.3.9"
    assert b"2.3.9" in (VENDOR / "lunr.min.js").read_bytes()[:200]


@pytest.mark.skipif(not NPM.exists(), reason="node_modules/ not installed (make node)")
def test_vendored_lunr_is_byte_identical_to_node_modules():
    assert (VENDOR / "lunr.min.js").read_bytes() == (NPM / "lunr.min.js").read_bytes()
    assert (VENDOR / "LICENSE").read_bytes() == (NPM / "LICENSE").read_bytes()

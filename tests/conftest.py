"""Shared fixtures: build the site from a seeds directory, serve it on
127.0.0.1, and drive Debian's Chromium through Playwright.

The browser is always ``/usr/bin/chromium`` (never a downloaded build); the
flags keep it from reaching for Google's services on a closed network.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Project:
    """A copy of the site project (config, hand-written docs, overrides) in a
    temporary directory, with its own seeds, so tests never touch the repo."""

    root: Path
    last_build: subprocess.CompletedProcess | None = None  # set by build()

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def mkdocs(self, *args: str, check: bool = True, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", *args], cwd=self.root, env={**ENV, **(extra_env or {})},
            capture_output=True, text=True, check=check, timeout=600,
        )

    def generator(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "generator", *args], cwd=self.root, env=ENV,
            capture_output=True, text=True, check=check, timeout=600,
        )

    def add_seed(self, name: str, text: str, **sidecar) -> None:
        """Add a seed; keyword arguments become its curator sidecar
        (``<stem>.yaml``), the way an archivist corrects metadata."""
        (self.seeds / name).write_text(text, encoding="utf-8")
        if sidecar:
            import yaml

            path = self.seeds / (Path(name).stem + ".yaml")
            path.write_text(yaml.safe_dump(sidecar, allow_unicode=True), encoding="utf-8")

    def build(self, strict: bool = True, site_url: str = "") -> subprocess.CompletedProcess:
        args = ["build", "--site-dir", str(self.site)] + (["--strict"] if strict else [])
        self.last_build = self.mkdocs(*args, check=False, extra_env={"SITE_URL": site_url})
        return self.last_build


def make_project(tmp: Path, seeds_from: Path | None = SEEDS) -> Project:
    """Copy the hand-written parts of the repo into ``tmp`` (never generated
    files), optionally with the repo's seeds."""
    root = tmp / "project"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs", root / "docs")
    # Drop whatever the generator wrote into the repo's docs/ (its manifest
    # lists it), so the copy holds only hand-written pages.
    for rel in _manifest(ROOT / "docs"):
        target = root / "docs" / rel
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != root / "docs" and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    (root / "docs" / ".generated-files").unlink(missing_ok=True)
    (root / "seeds").mkdir()
    if seeds_from is not None:
        for path in sorted(seeds_from.iterdir()):
            if path.is_file():
                shutil.copy(path, root / "seeds" / path.name)
    return Project(root)


def png_bytes() -> bytes:
    """A small valid PNG image, for "a binary file among the seeds"."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff\x00\x00" * 2)) + chunk(b"IEND", b""))


def built_project(tmp: Path, extra_seeds: dict[str, str], titles: dict[str, str], site_url: str) -> Project:
    """The repo's seeds plus ``extra_seeds`` (name -> text), titles set by
    curator sidecars (id -> title), built with ``mkdocs build --strict``."""
    project = make_project(tmp)
    for name, text in extra_seeds.items():
        stem = Path(name).stem
        project.add_seed(name, text, **({"title": titles[stem]} if stem in titles else {}))
    result = project.build(strict=True, site_url=site_url)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


def _manifest(docs: Path) -> list[str]:
    manifest = docs / ".generated-files"
    if not manifest.exists():
        return []
    return [l for l in manifest.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@dataclass
class Server:
    base_url: str  # always ends with "/"
    httpd: http.server.ThreadingHTTPServer

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")


def serve_directory(directory: Path, prefix: str = "") -> Server:
    """Serve ``directory`` on a free 127.0.0.1 port.  With ``prefix`` (e.g.
    ``"repo/"``) the site is served under that subpath, as on GitHub Pages."""
    if prefix:
        wrapper = directory.parent / f"{directory.name}-served"
        shutil.rmtree(wrapper, ignore_errors=True)
        (wrapper / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(directory, wrapper / prefix.strip("/"))
        directory = wrapper
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    return Server(f"http://127.0.0.1:{port}/{prefix.strip('/') + '/' if prefix else ''}", httpd)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Project:
    """The repo's seeds built once per test session with ``mkdocs build --strict``."""
    project = make_project(tmp_path_factory.mktemp("seed-site"))
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


@pytest.fixture(scope="session")
def seed_server(seed_site: Project):
    server = serve_directory(seed_site.site)
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did: console errors and every URL it requested."""

    console_errors: list[str]
    requests: list[str]


@pytest.fixture
def page(browser):
    # Playwright's wait_for_function evaluates its expression as a string,
    # which the site's Content-Security-Policy (no 'unsafe-eval') forbids; the
    # policy itself is tested with contexts of their own in test_csp.py, on
    # every kind of page, search with a query and filters included.
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    watch = PageWatch([], [])
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
    page.on("request", lambda req: watch.requests.append(req.url))
    page.watch = watch
    yield page
    context.close()

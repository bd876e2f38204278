"""`mkdocs serve`: a seed added, edited or deleted shows in the served site
within seconds, and the server settles instead of rebuilding in a loop."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ENV, ROOT, free_port, make_project

pytestmark = pytest.mark.slow

NEW_SEED = "zz_serve_test.txt"
TITLE_1 = "郑州航空港产业集聚区签约新项目"
TITLE_2 = "洛阳市产业集聚区观摩活动举行"
BODY = "\n\n本报讯 近日，航空港区举行重点项目集中签约仪式，共签约项目12个，总投资86亿元。\n\n项目涵盖智能终端、生物医药等产业。\n"


class Serve:
    def __init__(self, root: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def builds(self) -> int:
        return sum("Building documentation" in line for line in self.lines)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_for(self, what: str, check, timeout: float = 30) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve exited: {self.log()}")
            if check():
                return time.monotonic() - start
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}:\n{self.log()}")

    def idle(self) -> bool:
        """The last build has finished."""
        last_start = max((i for i, l in enumerate(self.lines) if "Building documentation" in l), default=-1)
        ends = ("Documentation built in", "Reloading browsers", "An error happened during the rebuild")
        return any(end in l for l in self.lines[last_start + 1:] for end in ends)

    def settle(self, quiet: float = 3.0, timeout: float = 60) -> int:
        """Wait until no build has started for ``quiet`` seconds and the last
        one has finished; return the number of builds so far."""
        deadline = time.monotonic() + timeout
        count, since = self.builds(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if self.builds() != count:
                count, since = self.builds(), time.monotonic()
            elif time.monotonic() - since >= quiet and self.idle():
                return count
        pytest.fail(f"mkdocs serve kept rebuilding ({count} builds):\n{self.log()}")

    def log(self) -> str:
        return "\n".join(self.lines[-60:])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _url_of(docs: Path, seed_stem: str) -> str | None:
    manifest = docs / ".generated-files"
    if not manifest.exists():
        return None
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.startswith("archive/") and line.endswith(f"/{seed_stem}.md"):
            return line[: -len(".md")] + "/"
    return None


def test_serve_follows_seed_changes_without_a_rebuild_loop(tmp_path):
    project = make_project(tmp_path, seeds_from=None)
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        (project.seeds / seed.name).write_bytes(seed.read_bytes())
    server = Serve(project.root)
    try:
        server.wait_for("the first build", lambda: server.get("")[0] == 200, timeout=120)
        assert server.settle() == 1, server.log()  # the first build alone; nothing rebuilds it

        # Add a seed: its page appears.
        (project.seeds / NEW_SEED).write_text(TITLE_1 + BODY, encoding="utf-8")
        stem = Path(NEW_SEED).stem
        server.wait_for("the new page to be generated", lambda: _url_of(project.docs, stem))
        url = _url_of(project.docs, stem)
        took = server.wait_for("the new page to be served", lambda: TITLE_1 in server.get(url)[1])
        assert took < 20
        after_add = server.settle()
        # One build for the seed, at most one more for the files it wrote.
        assert after_add - 1 <= 2, server.log()
        time.sleep(3)
        assert server.builds() == after_add, f"rebuilt with no change:\n{server.log()}"

        # Edit it: the page follows.
        (project.seeds / NEW_SEED).write_text(TITLE_2 + BODY, encoding="utf-8")
        server.wait_for("the edited page", lambda: TITLE_2 in server.get(_url_of(project.docs, stem) or url)[1])
        after_edit = server.settle()
        assert after_edit - after_add <= 2, server.log()

        # Delete it: the page goes, from the site and from docs/.
        url = _url_of(project.docs, stem)
        (project.seeds / NEW_SEED).unlink()
        server.wait_for("the page to go", lambda: server.get(url)[0] == 404)
        assert _url_of(project.docs, stem) is None
        assert not list(project.docs.glob(f"archive/*/{stem}.md"))
        after_delete = server.settle()
        assert after_delete - after_edit <= 2, server.log()
        assert "Traceback" not in server.log()
    finally:
        server.stop()

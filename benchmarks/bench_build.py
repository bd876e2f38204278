"""Build benchmark (issue 13): the generator and MkDocs on synthetic corpora.

    python benchmarks/bench_build.py            # N = 500
    python benchmarks/bench_build.py --full     # N = 500 and N = 10,000
    python benchmarks/bench_build.py --sizes 2000 --serial

For each N, in a temporary project (the repo's mkdocs.yml, overrides/ and
hand-written docs/, synthetic seeds from benchmarks/corpus.py), it prints:

* jieba alone segmenting the same text (decoded seeds) on one core, in this
  process: the yardstick the other times are divided by;
* the full generator run (``python -m generator build``, empty cache):
  wall and CPU time (of the generator's whole process tree, sampled from
  /proc, or getrusage of the children if larger), and wall / jieba-alone;
* re-runs: nothing changed, one seed changed, one added, one removed;
* peak memory: the largest sum of resident set sizes over the generator's
  process tree (sampled from /proc every 50 ms) and the largest single
  process (getrusage RUSAGE_CHILDREN);
* ``mkdocs build`` with the archive plugin (cache warm, so the generator
  part is a no-change run) and a plain mkdocs-material build of the same
  generated docs without the plugin, and their ratio;
* site size: total, per document, and the search index's share.

Timings on a shared 2-core machine are noisy: read the ratios, which are
measured in the same run.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import SeedCorpus, write_seeds  # noqa: E402
from generator import site_size  # noqa: E402

PY = sys.executable
MKDOCS = str(Path(PY).parent / "mkdocs")
ENV = {**os.environ, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}


# --------------------------------------------------------------- measuring


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0.0


class TreeSampler(threading.Thread):
    """Largest total RSS of a process and all its descendants, and the CPU
    time of every process seen in the tree (workers of a forkserver are not
    waited for by the process we start, so getrusage misses them)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()
        self.cpu: dict[int, float] = {}

    def run(self) -> None:
        while not self.done.is_set():
            seen, todo, total = set(), [self.pid], 0
            while todo:
                p = todo.pop()
                if p in seen:
                    continue
                seen.add(p)
                total += _rss_kb(p)
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_s(p))
                todo += _children(p)
            self.peak_kb = max(self.peak_kb, total)
            self.done.wait(0.05)


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run ``cmd``; wall, CPU (user+sys of waited-for children) and memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(cpu, sum(sampler.cpu.values()))
    return {"wall": wall, "cpu": cpu, "tree_mb": sampler.peak_kb / 1024, "max_proc_mb": after.ru_maxrss / 1024,
            "out": out}


def jieba_alone(seeds: Path) -> float:
    """Seconds for jieba (default dictionary, HMM on) to segment every seed's
    decoded text on one core in this process (dictionary loaded first)."""
    import logging

    import jieba

    from generator import read

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [read.read_file(p).text for p in sorted(seeds.glob("*.txt"))]
    t0 = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - t0


# ----------------------------------------------------------------- project


def make_project(work: Path) -> Path:
    root = work / "project"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    generated = set()
    manifest = ROOT / "docs" / ".generated-files"
    if manifest.is_file():
        generated = {line.strip() for line in manifest.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")}

    def ignore(directory: str, names: list[str]) -> list[str]:
        rel = Path(directory).relative_to(ROOT / "docs")
        return [n for n in names if (rel / n).as_posix() in generated or n.startswith(".generated-files")]

    shutil.copytree(ROOT / "docs", root / "docs", ignore=ignore)
    return root


def plain_project(project: Path, work: Path) -> Path:
    """The same generated docs and theme, without the archive plugin."""
    root = work / "plain"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    shutil.copytree(project / "overrides", root / "overrides")
    shutil.copytree(project / "docs", root / "docs")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nplugins:\n  - archive:\n      seeds_dir: seeds\n", "\nplugins: []\n", text)
    if "archive:" in text:
        raise RuntimeError("could not remove the archive plugin from mkdocs.yml")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root


def tree_bytes(path: Path) -> tuple[int, int]:
    total = count = 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            count += 1
    return total, count


# ------------------------------------------------------------------- bench


def bench(n: int, work: Path, serial: bool) -> None:
    project = make_project(work)
    seeds = project / "seeds"
    t0 = time.perf_counter()
    write_seeds(seeds, n)
    raw_bytes, _ = tree_bytes(seeds)
    print(f"\nN = {n}: {raw_bytes / 1e6:.1f} MB of seeds (written in {time.perf_counter() - t0:.1f} s)")

    base = jieba_alone(seeds)
    print(f"  jieba alone, one core:           {base:8.1f} s")

    gen = [PY, "-m", "generator", "build", "--config", "mkdocs.yml", "-q"]

    def report(label: str, r: dict, ratio: bool = False) -> None:
        extra = f"  ({r['wall'] / base:.2f}x jieba alone)" if ratio else ""
        print(f"  {label:<33}{r['wall']:8.1f} s wall {r['cpu']:8.1f} s CPU{extra}"
              f"   peak {r['tree_mb']:.0f} MB tree, {r['max_proc_mb']:.0f} MB largest process")

    cache_dir = project / ".cache"
    if serial:
        shutil.rmtree(cache_dir, ignore_errors=True)
        report("full run, 1 worker, no cache", run(gen + ["--no-cache"], project, {**ENV, "ARCHIVE_WORKERS": "1"}), True)
        shutil.rmtree(project / "docs" / "archive", ignore_errors=True)
    shutil.rmtree(cache_dir, ignore_errors=True)
    full = run(gen, project)
    report("full run (empty cache)", full, True)
    report("nothing changed", run(gen, project))

    corpus = SeedCorpus()
    victim = sorted(seeds.glob("*.txt"))[n // 2]
    victim.write_bytes(victim.read_bytes() + "\n会议还对下一步工作作出部署。\n".encode("utf-8"))
    report("one seed changed", run(gen, project))
    name, data = corpus.seed(n)
    (seeds / name).write_bytes(data)
    report("one seed added", run(gen, project))
    sorted(seeds.glob("*.txt"))[n // 3].unlink()
    report("one seed removed", run(gen, project))

    site = project / "site"
    mk = run([MKDOCS, "build", "-q", "--site-dir", str(site)], project)
    plain = plain_project(project, work)
    pl = run([MKDOCS, "build", "-q", "--site-dir", str(plain / "site")], plain)
    print(f"  mkdocs build (plugin, warm cache){mk['wall']:8.1f} s wall   peak {mk['tree_mb']:.0f} MB tree")
    print(f"  plain Material build, no plugin  {pl['wall']:8.1f} s wall   ratio {mk['wall'] / pl['wall']:.2f}x")

    # the same measure `mkdocs build` logs and CI checks against Pages' 1 GB
    print(f"  {site_size.summary(site_size.measure(site))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also N = 10,000")
    parser.add_argument("--sizes", type=int, nargs="*", help="corpus sizes (default 500, or 500 10000 with --full)")
    parser.add_argument("--serial", action="store_true", help="also a one-worker run without cache")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()
    sizes = args.sizes or ([500, 10000] if args.full else [500])
    print(f"bench-build {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {platform.node()}: "
          f"{os.cpu_count()} CPU(s), {platform.machine()}, Python {platform.python_version()}, "
          f"ARCHIVE_WORKERS={os.environ.get('ARCHIVE_WORKERS', 'default')}")
    for n in sizes:
        if args.keep:
            work = args.keep / f"n{n}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            bench(n, work, args.serial)
        else:
            with tempfile.TemporaryDirectory(prefix=f"bench-build-{n}-") as tmp:
                bench(n, Path(tmp), args.serial)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

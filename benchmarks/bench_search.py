"""Search benchmark (``make bench``; not part of the test suite).

For synthetic corpora of 500, 5,000 and 10,000 documents (benchmarks/corpus.py,
deterministic) it builds the search index with the generator, drops it into a
site built once from the repo (so the real search page, scripts and theme are
measured), serves it on 127.0.0.1 and drives Debian's Chromium:

* index size on disk (raw and gzip, by kind of file);
* per first query (fresh browser context, page opened at /search/?q=…; each
  query ``--repeat`` times, default 3, the median kept and the worst run
  shown): bytes fetched for search (index files + search scripts, gzip level
  6 as a web server would send them) and time from navigation start to
  results, and how much of it came after the page's own DOMContentLoaded;
* per further query in the same page once its shards are loaded: latency
  (median and max; fuzzy ones rephrased with the same words, which the
  engine has not answered yet, so lunr.js runs again).

Built indexes are cached in the system temp directory, keyed by the corpus
size and a hash of generator/search + the corpus generator; ``--fresh``
rebuilds.  ``--sizes 500,5000`` runs fewer sizes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
CACHE = Path(tempfile.gettempdir()) / "henan-archive-search-bench"
PAGESFIND_FIRST_QUERY_KB = 344  # the bar set in the issue (gzip)


def _code_hash() -> str:
    h = hashlib.sha256()
    for path in sorted((ROOT / "generator" / "search").glob("*.py")) + [ROOT / "benchmarks" / "corpus.py"]:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _build_index(size: int) -> Path:
    """Build (or reuse) the index of the first ``size`` synthetic documents;
    returns the directory holding ``search/index/``."""
    out = CACHE / f"{size}-{_code_hash()}"
    if (out / "done").exists():
        return out
    from benchmarks.corpus import synthetic_documents
    from generator.search.build import build

    t0 = time.perf_counter()
    docs = synthetic_documents(size)
    t1 = time.perf_counter()
    files = build(docs)
    t2 = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    for f in files:
        target = out / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content)
    people = sorted({p.name for d in docs[:50] for p in d.meta.people})
    sample = {"person": people[0] if people else "王伟", "chars": sum(len(d.cleaned.body_text) for d in docs)}
    (out / "info.json").write_text(json.dumps({"generate_s": t1 - t0, "build_s": t2 - t1, **sample}, ensure_ascii=False))
    (out / "done").write_text("ok")
    return out


def _base_site(work: Path) -> tuple[Path, Path]:
    """The real site (repo config, overrides, seeds) built once; returns the
    site and its docs directory."""
    from tests.conftest import make_project  # the same copy the tests use

    project = make_project(work / "base")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project.site)], cwd=project.root,
                   env=env, check=True, capture_output=True, timeout=600)
    return project.site, project.root / "docs"


def install_index(base_site: Path, base_docs: Path, index_dir: Path, site: Path) -> None:
    """A copy of the base site with the synthetic index in place of the
    seeds' one (the engine written beside it kept), and the search page's
    inline copy of meta.json swapped too (as a build of that corpus would
    print it)."""
    from generator.search import inline_meta
    from generator.search.bundle import ENGINE_PATH

    shutil.copytree(base_site, site, ignore=shutil.ignore_patterns("index"))  # drop the seeds' index
    shutil.copytree(index_dir / "search" / "index", site / "search" / "index")
    shutil.copy(base_site / ENGINE_PATH, site / ENGINE_PATH)
    page = site / "search" / "index.html"
    html = page.read_text(encoding="utf-8")
    seeds_meta = inline_meta(base_docs)
    if html.count(seeds_meta) != 1:
        raise RuntimeError("benchmark: the search page does not carry the index description inline")
    page.write_text(html.replace(seeds_meta, inline_meta(index_dir)), encoding="utf-8")


def _sizes_of(index_dir: Path) -> dict:
    kinds: dict[str, list[int]] = {}
    for path in (index_dir / "search" / "index").rglob("*"):
        if path.is_file():
            kind = path.relative_to(index_dir / "search" / "index").parts[0]
            data = path.read_bytes()
            k = kinds.setdefault(kind, [0, 0, 0])
            k[0] += 1
            k[1] += len(data)
            k[2] += len(gzip.compress(data, 6))
    return kinds


class _ServerProcess:
    """A static file server in its own process, as a web server would be: in
    this process it would share the interpreter lock with Playwright's
    driver and slow every response the page waits for."""

    def __init__(self, directory: Path):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER_CODE, str(directory), str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("benchmark file server did not start")
                time.sleep(0.05)

    def shutdown(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


_SERVER_CODE = """
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as web servers and GitHub Pages do

    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), functools.partial(Quiet, directory=sys.argv[1])).serve_forever()
"""


DONE_HOOK = """
window.__searchDoneAt = null;
new MutationObserver(() => {
  const h = document.documentElement;  // observed from before <html> exists
  if (window.__searchDoneAt === null && h && h.dataset.searchState === 'done') window.__searchDoneAt = performance.now();
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-search-state']});
"""

RUN_QUERY = """
async ([q, mode]) => {
  const h = document.documentElement;
  const form = document.getElementById('search-form');
  form.querySelector(`input[name=mode][value=${mode}]`).checked = true;
  const done = new Promise(resolve => {
    const obs = new MutationObserver(() => {
      if (h.dataset.searchState === 'done' && h.dataset.searchQuery === q) { obs.disconnect(); resolve(); }
    });
    obs.observe(h, {attributes: true});
  });
  const t0 = performance.now();
  document.getElementById('search-input').value = q;
  form.requestSubmit();
  await done;
  return [performance.now() - t0, +h.dataset.searchTotal];
}
"""


def _is_search_asset(url: str) -> bool:
    return "/search/index/" in url or "/javascripts/search-" in url or "/vendor/lunr/" in url


def _gzip_size(site: Path, url: str, cache: dict[str, int]) -> int:
    """gzip (level 6) size of the file a URL of the served site names."""
    path = urlsplit(url).path
    if path not in cache:
        target = site / unquote(path).lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        cache[path] = len(gzip.compress(target.read_bytes(), 6)) if target.is_file() else 0
    return cache[path]


def _first_query(browser, base: str, site: Path, q: str, mode: str, sizes: dict[str, int]) -> dict:
    """One first query: a fresh browser context opening /search/?q=…"""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(DONE_HOOK)
    urls: list[str] = []
    # only the URL is noted while the page loads (fetching response bodies
    # through the driver then would slow the page it measures); sizes come
    # from the served files afterwards
    page.on("requestfinished", lambda req, urls=urls: urls.append(req.url))
    page.goto(base + "search/?q=" + quote(q) + "&mode=" + mode)
    page.wait_for_function("document.documentElement.dataset.searchState === 'done'", timeout=60000)
    page.wait_for_load_state("networkidle")
    bodies = [(u, _gzip_size(site, u, sizes)) for u in urls]
    done_at = page.evaluate("window.__searchDoneAt")
    # the page's own load (HTML, Material's styles and bundle): results
    # cannot be shown before its DOMContentLoaded on this machine anyway
    dcl = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    total = int(page.get_attribute("html", "data-search-total"))
    context.close()
    return {"results": total, "ms": done_at, "after_dcl": done_at - dcl,
            "search_bytes": sum(n for u, n in bodies if _is_search_asset(u)),
            "index_files": sum(1 for u, _ in bodies if "/search/index/" in u),
            "all_bytes": sum(n for _, n in bodies)}


def _fuzzy_variants(index, query: str) -> list[str]:
    """Three queries with the same words as ``query`` (so the same results
    and shards) that the page has not answered yet: it keeps fuzzy results
    per segmented query, and a further query must make lunr.js run again."""
    terms = index.fuzzy_terms(query)
    assert len(terms) >= 2, f"a fuzzy benchmark query needs two or more words: {query}"
    words = " ".join(terms)
    return [words, query + " " + words, words + " " + query]


def _measure(browser, base: str, site: Path, queries: list[tuple[str, str]], repeat: int, index) -> dict:
    fuzzy_variants = {q: _fuzzy_variants(index, q) for q, mode in queries if mode == "fuzzy"}
    first = []
    sizes: dict[str, int] = {}
    # each first query `repeat` times, in rounds (not back to back), and its
    # median kept: one sample on a shared machine is mostly noise
    runs: dict[tuple[str, str], list[dict]] = {qm: [] for qm in queries}
    for _ in range(repeat):
        for q, mode in queries:
            runs[(q, mode)].append(_first_query(browser, base, site, q, mode, sizes))
    for (q, mode), rs in runs.items():
        ms = [r["ms"] for r in rs]
        first.append({"query": q, "mode": mode, "results": rs[0]["results"],
                      "ms_to_results": round(statistics.median(ms)), "ms_worst": round(max(ms)),
                      "ms_after_dcl": round(statistics.median(r["after_dcl"] for r in rs)),
                      "search_kb_gz": round(statistics.median(r["search_bytes"] for r in rs) / 1024, 1),
                      "page_kb_gz": round(statistics.median(r["all_bytes"] for r in rs) / 1024, 1),
                      "index_files": round(statistics.median(r["index_files"] for r in rs))})

    totals = {(f["query"], f["mode"]): f["results"] for f in first}

    # further queries in one page, once their shards are loaded
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "search/")
    page.wait_for_function("document.documentElement.dataset.searchReady === '1'", timeout=60000)
    for q, mode in queries:  # load shards
        page.evaluate(RUN_QUERY, [q, mode])
    warm = []
    for rep in range(3):
        for q, mode in queries:
            page.evaluate(RUN_QUERY, ["", "exact"])  # change the query in between
            ms, total = page.evaluate(RUN_QUERY, [fuzzy_variants[q][rep] if mode == "fuzzy" else q, mode])
            assert total == totals[(q, mode)], (q, mode, rep)  # the same words, the same results
            warm.append(ms)
    context.close()
    return {"first": first, "repeat": repeat, "warm_ms_median": round(statistics.median(warm), 1), "warm_ms_max": round(max(warm), 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="500,5000,10000")
    ap.add_argument("--fresh", action="store_true", help="rebuild cached indexes")
    ap.add_argument("--repeat", type=int, default=3, help="fresh-page runs of each first query (median kept)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.fresh:
        shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:  # two cores: build while the site builds
        futures = {n: pool.submit(_build_index, n) for n in sorted(sizes, reverse=True)}
        work = Path(tempfile.mkdtemp(prefix="bench-site-"))
        base_site, base_docs = _base_site(work)
        index_dirs = {n: f.result() for n, f in futures.items()}
    print(f"indexes ready in {time.perf_counter() - t0:.0f} s")

    from playwright.sync_api import sync_playwright

    from generator.search.query import Index

    report = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for n in sorted(sizes):
            info = json.loads((index_dirs[n] / "info.json").read_text())
            site = work / f"site-{n}"
            install_index(base_site, base_docs, index_dirs[n], site)
            kinds = _sizes_of(index_dirs[n])
            queries = [
                ("产业集聚区建设", "exact"), ("全力以赴招大商", "exact"), ("集聚区", "exact"), ("招商引资", "exact"),
                (info["person"], "exact"), ("144.3亿元", "exact"), ("產業集聚區", "exact"),
                ("产业集聚区 招商引资", "exact"), ("发展产业集聚区的", "exact"), ("量子计算机", "exact"),
                ("产业集聚区建设", "fuzzy"), ("全力以赴招大商 项目", "fuzzy"),
            ]
            server = _ServerProcess(site)
            try:
                m = _measure(browser, server.url, site, queries, args.repeat, Index.from_dir(index_dirs[n] / "search" / "index"))
            finally:
                server.shutdown()
            report[n] = {"info": info, "kinds": kinds, **m}
            _print(n, report[n])
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")
    return 0


def _print(n: int, r: dict) -> None:
    info, kinds = r["info"], r["kinds"]
    raw = sum(k[1] for k in kinds.values())
    gz = sum(k[2] for k in kinds.values())
    files = sum(k[0] for k in kinds.values())
    print(f"\n== {n} documents ({info['chars'] / 1e6:.1f} M characters; index built in {info['build_s']:.0f} s)")
    print(f"index: {files} files, {raw / 1e6:.1f} MB raw, {gz / 1e6:.1f} MB gzip")
    for kind, (count, size, zsize) in sorted(kinds.items()):
        print(f"   {kind:10} {count:6} files {size / 1e6:8.2f} MB raw {zsize / 1e6:8.2f} MB gzip")
    print(f"{'query':24} {'mode':6} {'results':>7} {'ms to results':>13} {'worst run':>9} {'after DCL':>9} {'search kB gz':>12} "
          f"{'page kB gz':>10} {'index files':>11}")
    for f in r["first"]:
        print(f"{f['query']:24} {f['mode']:6} {f['results']:7} {f['ms_to_results']:13} {f['ms_worst']:9} {f['ms_after_dcl']:9} "
              f"{f['search_kb_gz']:12} {f['page_kb_gz']:10} {f['index_files']:11}")
    firsts = [f["search_kb_gz"] for f in r["first"]]
    times = [f["ms_to_results"] for f in r["first"]]
    print(f"first query: search bytes median {statistics.median(firsts):.1f} kB, max {max(firsts):.1f} kB gzip "
          f"(Pagefind: {PAGESFIND_FIRST_QUERY_KB} kB); time to results (each query's median of {r['repeat']} runs) "
          f"median {statistics.median(times):.0f} ms, max {max(times)} ms; worst single run {max(f['ms_worst'] for f in r['first'])} ms")
    after = [f["ms_after_dcl"] for f in r["first"]]
    print(f"  of which after the page's DOMContentLoaded: median {statistics.median(after):.0f} ms, max {max(after)} ms")
    print(f"further queries (shards loaded): median {r['warm_ms_median']} ms, max {r['warm_ms_max']} ms")


if __name__ == "__main__":
    sys.exit(main())

"""Full-text search in Chromium against a served build (under a Pages-like
subpath ``/repo/``).

Expected result sets are computed here, in Python, from the pipeline's own
documents (folded substring containment over title + body), never from the
index, and never hard-coded, so they follow the cleaner and extractor as they
change.  Extra seeds add a hostile title (``<script>``), a document in
traditional characters and the bigram co-occurrence trap.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote, urlparse

import pytest

from conftest import built_project, serve_directory

pytestmark = pytest.mark.browser

XSS_TITLE = "<script>window.__pwned=1</script>集聚区测试标题"
EXTRA_SEEDS = {
    "120_cccccccccccccccc.txt": "安阳市产业集聚区测试\n2016年05月03日 来源：安阳日报\n本报讯 5月2日，安阳市产业集聚区推进会召开，会议研究城区建设。\n",
    "121_dddddddddddddddd.txt": "鶴壁市產業集聚區建設會議\n2016年06月03日 來源：鶴壁日報\n本報訊 鶴壁市召開產業集聚區建設會議，全力以赴招大商，投資１４４．３億元。\n",
}
TITLES = {"120_cccccccccccccccc": XSS_TITLE}


QUERIES = [
    "产业集聚区", "产业集聚区建设", "集聚区建设", "区建设", "集聚区", "全力以赴招大商", "招商引资", "重点项目",
    "马林青", "李庆贵", "丁巍", "安阳", "新乡", "郑州", "904.6亿元", "144.3亿元", "１４４．３亿元",
    "產業集聚區", "招商引資", "鶴壁", "产业集聚区 招商引资", "马林青 丁巍", "集聚", "亿元", "2014",
    "量子计算机", "区块链产业集聚区", "产业集聚区建设 量子", "<script>", "测试标题",
    # named fields (source, reporter), pinyin, punctuation as separators
    "郑州晚报", "王继兵", "安阳日报", "zhengzhou", "zz", "xinxiang", '"产业"', "“集聚区”，招商",
]


def _documents(project):
    """The pipeline's documents for the project's seeds (sidecars applied)."""
    from generator import pipeline
    from generator.config import settings_from_mkdocs_yml

    return pipeline.process(settings_from_mkdocs_yml(project.root / "mkdocs.yml")).documents


def _expected(documents, query):
    """Folded substring containment in the title, the body or a named
    field's value (city, source, reporters, people), or, for a part of
    Latin letters, pinyin of a named value (its full pinyin or initials
    begin with the part)."""
    from generator.search.named_fields import field_values, pinyin_match, readings
    from generator.search.fold import fold
    from generator.search.tokens import query_parts

    parts = query_parts(fold(query))
    out = set()
    for d in documents:
        values = field_values(d)
        texts = [fold(d.meta.title or ""), fold(d.cleaned.body_text)] + [fold(v) for _, v in values]
        spoken = [r for f, v in values for r in readings(v, f)]
        if parts and all(any(p in t for t in texts) or any(pinyin_match(p, r) for r in spoken) for p in parts):
            out.add(d.url_dir)
    return out


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    project = built_project(tmp_path_factory.mktemp("search-site"), EXTRA_SEEDS, TITLES, "https://example.github.io/repo/")
    server = serve_directory(project.site, prefix="repo/")
    yield project, server, _documents(project)
    server.httpd.shutdown()


def _wait_done(page, query):
    page.wait_for_function(
        """q => document.documentElement.dataset.searchState === 'done'
               && document.documentElement.dataset.searchQuery === q""",
        arg=query, timeout=15000,
    )


def _result_urls(page, server):
    prefix = urlparse(server.base_url).path
    hrefs = page.eval_on_selector_all("#search-results a[href]", "els => els.map(e => e.href)")
    return [urlparse(h).path[len(prefix):] for h in hrefs]


def _show_all(page):
    while page.locator("#search-more").is_visible():
        before = page.locator("#search-results li").count()
        page.click("#search-more")
        page.wait_for_function(f"document.querySelectorAll('#search-results li').length > {before}")


def test_exact_mode_returns_exactly_the_documents_containing_the_query(search_site, page):
    project, server, documents = search_site
    page.goto(server.url("search/"))
    page.wait_for_function("document.documentElement.dataset.searchReady === '1'")
    assert page.is_checked("#search-form input[name=mode][value=exact]"), "exact mode is the default"
    for query in QUERIES:
        page.fill("#search-input", query)  # fill() dispatches `input`
        _wait_done(page, query)
        _show_all(page)
        urls = _result_urls(page, server)
        want = _expected(documents, query)
        assert len(urls) == len(set(urls))
        assert set(urls) == want, query
        assert page.get_attribute("html", "data-search-total") == str(len(want)), query
        if want:
            assert f"共{len(want)}条结果" in page.inner_text("#search-status")
    assert page.watch.console_errors == []
    origin = urlparse(server.base_url).netloc
    assert all(urlparse(u).netloc == origin for u in page.watch.requests), "a request left the site"


def test_a_page_with_a_stale_copy_of_the_index_description_still_answers(search_site, page, tmp_path):
    """The search page carries meta.json inline; a cached copy of the page
    from before a rebuild routes lookups by old shard counts.  It must notice
    (facets.json's build id, or files that are gone) and answer from the
    current index, not show wrong or no results."""
    from generator.render.jsonld import script_json
    from generator.search import inline_meta

    project, _, documents = search_site
    site = tmp_path / "site"
    shutil.copytree(project.site, site)
    meta = json.loads((site / "search" / "index" / "meta.json").read_text(encoding="utf-8"))
    stale = {**meta, "build": "0" * 16, "shards": {**meta["shards"], "g": meta["shards"]["g"] * 4, "p": meta["shards"]["p"] * 4}}
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    current = inline_meta(project.root / "docs")
    assert html.count(current) == 1
    (site / "search" / "index.html").write_text(html.replace(current, script_json(stale)), encoding="utf-8")
    server = serve_directory(site, prefix="repo/")
    try:
        for query in ("产业集聚区", "集聚区建设"):
            page.goto(server.url("search/?q=" + quote(query)))
            _wait_done(page, query)
            _show_all(page)
            assert set(_result_urls(page, server)) == _expected(documents, query), query
    finally:
        server.httpd.shutdown()


def test_the_expectations_are_not_trivial(search_site):
    _, _, documents = search_site
    assert len(_expected(documents, "产业集聚区")) >= 3
    assert _expected(documents, "集聚区建设") < _expected(documents, "区建设")  # the trap seed
    assert _expected(documents, "產業集聚區") == _expected(documents, "产业集聚区")
    assert _expected(documents, "量子计算机") == set()


def test_title_with_markup_is_shown_as_text(search_site, page):
    _, server, _ = search_site
    page.goto(server.url("search/?q=" + quote("测试标题")))
    _wait_done(page, "测试标题")
    link = page.locator("#search-results a").first
    assert link.text_content() == XSS_TITLE
    assert page.locator("#search-results script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_search_url_restores_query_mode_and_filters(search_site, page):
    _, server, documents = search_site
    page.goto(server.url("search/?q=" + quote("产业集聚区") + "&mode=fuzzy&city=" + quote("安阳市")))
    _wait_done(page, "产业集聚区")
    assert page.input_value("#search-input") == "产业集聚区"
    assert page.is_checked("#search-form input[name=mode][value=fuzzy]")
    assert page.input_value("#search-city") == "安阳市"
    urls = set(_result_urls(page, server))
    anyang = {d.url_dir for d in documents if d.meta.city == "安阳市"}
    assert urls and urls <= anyang
    # switching back to exact mode keeps the filter and updates the URL
    page.check("#search-form input[name=mode][value=exact]")
    page.wait_for_function("location.search.includes('mode=exact')")
    _wait_done(page, "产业集聚区")
    want = {u for u in _expected(documents, "产业集聚区") if u in anyang}
    assert set(_result_urls(page, server)) == want
    assert "city=%E5%AE%89%E9%98%B3%E5%B8%82" in page.evaluate("location.search")
    # the city filter lists counts
    options = page.eval_on_selector_all("#search-city option", "os => os.map(o => o.textContent)")
    assert any(o.startswith("安阳市（") for o in options)


def test_year_and_type_filters(search_site, page):
    _, server, documents = search_site
    want = _expected(documents, "产业集聚区")
    years = {d.meta.year for d in documents if d.url_dir in want and d.meta.year}
    year = sorted(years)[0]
    page.goto(server.url("search/?q=" + quote("产业集聚区") + "&year=" + year))
    _wait_done(page, "产业集聚区")
    assert page.input_value("#search-year") == year
    assert set(_result_urls(page, server)) == {d.url_dir for d in documents if d.url_dir in want and d.meta.year == year}


def test_type_names_are_the_browse_pages_labels(search_site, page):
    """The type select and each result name document types as the browse
    pages do (DOC_TYPE_LABELS, written into facets.json by the generator);
    the page's boot data is a JSON block, not an inline script."""
    from generator.fields import DOC_TYPE_LABELS

    _, server, documents = search_site
    page.goto(server.url("search/?q=" + quote("产业集聚区")))
    _wait_done(page, "产业集聚区")
    assert page.eval_on_selector("#archive-search-boot", "e => e.type") == "application/json"
    want = {d.meta.doc_type for d in documents if d.url_dir in _expected(documents, "产业集聚区")}
    options = page.eval_on_selector_all("#search-type option", "os => os.map(o => [o.value, o.textContent])")
    assert {value for value, _ in options if value} == want
    assert all(text.startswith(DOC_TYPE_LABELS[value] + "（") for value, text in options if value)
    metas = page.eval_on_selector_all("#search-results .archive-search__meta", "ps => ps.map(p => p.textContent)")
    assert metas and all(m.split(" · ")[-1] in DOC_TYPE_LABELS.values() for m in metas)


def test_fuzzy_mode_finds_words_in_any_order(search_site, page):
    _, server, _ = search_site
    page.goto(server.url("search/?q=" + quote("招大商 全力以赴") + "&mode=fuzzy"))
    _wait_done(page, "招大商 全力以赴")
    fuzzy = set(_result_urls(page, server))
    page.check("#search-form input[name=mode][value=exact]")
    _wait_done(page, "招大商 全力以赴")
    exact = set(_result_urls(page, server))
    assert exact and exact <= fuzzy


def test_fuzzy_mode_lists_what_lunr_ranks_from_the_index(search_site, page):
    """The page's fuzzy results, in order, are what the Python reader of the
    same index gives with lunr.py (segmentation by longest match over the
    indexed words, documents with at least half of them, lunr's score)."""
    from generator.search.query import Index

    project, server, _ = search_site
    index = Index.from_dir(project.site / "search" / "index")
    checked = 0
    for query in ["产业集聚区建设", "全力以赴招大商 项目", "招商引资 重点项目", "李庆贵 产业", "量子 集聚区", "量子计算机"]:
        page.goto(server.url("search/?q=" + quote(query) + "&mode=fuzzy"))
        _wait_done(page, query)
        _show_all(page)
        want = [index.url(o) for o, _, _ in index.fuzzy(query)]
        assert _result_urls(page, server) == want, query
        assert page.get_attribute("html", "data-search-total") == str(len(want))
        checked += len(want) > 1
    assert checked >= 3
    assert page.watch.console_errors == []


def test_the_likely_first_page_is_the_one_lunr_ranks_first(search_site, page):
    """While lunr.js runs, the page fetches the store entries of the
    documents the word postings' field scores put first; that guess must be
    lunr's own order (its score is the sum of those scores over the query
    vector's length), or the fetches are wasted."""
    _, server, _ = search_site
    page.goto(server.url("search/?q=" + quote("产业") + "&mode=fuzzy"))
    _wait_done(page, "产业")
    checked = page.evaluate("""async (queries) => {
      const E = window.ArchiveSearchEngine;
      const base = new URL('index/', new URL('./', location.href));
      const meta = await (await fetch(new URL('meta.json', base))).json();
      const fields = meta.words.fields;
      const out = [];
      for (const terms of queries) {
        const texts = [];
        for (const t of terms) {
          const route = Array.from(t).slice(0, 2).join('');
          const shard = await (await fetch(new URL('w/' + E.shardOf(route, meta.shards.w) + '.json', base))).json();
          if (shard[t] !== undefined) texts.push([t, shard[t]]);
        }
        texts.sort((a, b) => (a[0] < b[0] ? -1 : 1));
        let likely = null;
        const hits = E.rankFuzzy(window.lunr, texts, fields, meta.docs, 1, {count: 1000, accept: null}, (o) => { likely = o; });
        hits.sort((a, b) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1] || a.ord - b.ord);
        out.push([likely, hits.map((h) => [h.ord, h.rank[1]])]);
      }
      return out;
    }""", [["产业集聚区"], ["产业", "建设"], ["招商引资", "项目", "全力以赴"]])
    for likely, ranked in checked:
        assert ranked and sorted(likely) == sorted(o for o, _ in ranked)
        score = dict(ranked)
        # the same order, up to documents whose scores differ by rounding only
        for a, b in zip(likely, [o for o, _ in ranked]):
            assert a == b or abs(score[a] - score[b]) < 1e-9


def test_header_search_box_leads_to_the_search_page(search_site, page):
    _, server, _ = search_site
    page.goto(server.url("about/"))
    box = page.get_by_role("searchbox", name="全文检索")
    box.fill("產業集聚區")
    box.press("Enter")
    page.wait_for_url("**/repo/search/?**")
    _wait_done(page, "產業集聚區")
    assert int(page.get_attribute("html", "data-search-total")) >= 1
    # keyboard and screen reader hooks
    assert page.get_attribute("#search-status", "aria-live") == "polite"
    assert page.get_by_label("城市").count() == 1
    assert page.locator("label[for=search-input]").count() == 1


# -- issue 15: sort, named fields, pinyin, history, highlighting, landmarks -------

def _dates(page):
    """The date of each listed result (its metadata line: city · date · type)."""
    metas = page.eval_on_selector_all("#search-results .archive-search__meta",
                                      "ps => ps.map(p => p.textContent)")
    return [m.split(" · ")[1] for m in metas]


def test_sort_by_date_is_kept_in_the_url(search_site, page):
    _, server, documents = search_site
    query = "产业集聚区"
    want = _expected(documents, query)
    dated = {d.url_dir: d.meta.date for d in documents if d.url_dir in want}
    assert len(set(dated.values())) >= 3
    page.goto(server.url("search/?q=" + quote(query) + "&sort=new"))
    _wait_done(page, query)
    _show_all(page)
    assert page.input_value("#search-sort") == "new"
    urls = _result_urls(page, server)
    assert set(urls) == want
    keys = [dated[u] or "" for u in urls]
    known = [k for k in keys if k]
    assert known == sorted(known, reverse=True)
    assert keys == known + [""] * (len(keys) - len(known))  # undated last
    # oldest first: the select writes the URL, over the whole result set
    page.select_option("#search-sort", "old")
    page.wait_for_function("location.search.includes('sort=old')")
    _wait_done(page, query)
    _show_all(page)
    urls = _result_urls(page, server)
    assert set(urls) == want
    keys = [dated[u] for u in urls if dated[u]]
    assert keys == sorted(keys)
    assert _dates(page)[0] == min(keys)
    # relevance again: no sort in the URL, the engine's order
    page.select_option("#search-sort", "")
    page.wait_for_function("!location.search.includes('sort=')")
    _wait_done(page, query)
    assert "sort=" not in page.evaluate("location.search")
    page.goto(server.url("search/?q=" + quote("区建设") + "&mode=fuzzy&sort=old"))
    _wait_done(page, "区建设")
    _show_all(page)
    keys = [d for d in _dates(page) if d[:1].isdigit()]
    assert len(keys) >= 2 and keys == sorted(keys), "fuzzy mode sorts too"
    assert page.watch.console_errors == []


def test_back_and_forward_move_through_queries(search_site, page):
    _, server, _ = search_site
    page.goto(server.url("search/?q=" + quote("产业集聚区")))
    _wait_done(page, "产业集聚区")
    for query in ("招商引资", "丁巍"):
        page.fill("#search-input", query)
        page.press("#search-input", "Enter")
        _wait_done(page, query)
    page.go_back()
    _wait_done(page, "招商引资")
    assert page.input_value("#search-input") == "招商引资"
    page.go_back()
    _wait_done(page, "产业集聚区")
    assert page.input_value("#search-input") == "产业集聚区"
    page.go_forward()
    _wait_done(page, "招商引资")
    assert "q=" + quote("招商引资") in page.evaluate("location.search")
    # typing goes on in one entry
    page.fill("#search-input", "集聚")
    _wait_done(page, "集聚")
    page.fill("#search-input", "集聚区")
    _wait_done(page, "集聚区")
    page.go_back()
    _wait_done(page, "招商引资")


def test_a_source_or_reporter_is_found_and_named_as_the_reason(search_site, page):
    _, server, documents = search_site
    source = next(d.meta.source for d in documents if d.meta.source == "郑州晚报")
    want = _expected(documents, source)
    assert want and all(source not in d.cleaned.body_text for d in documents if d.url_dir in want)
    page.goto(server.url("search/?q=" + quote(source)))
    _wait_done(page, source)
    assert set(_result_urls(page, server)) == want
    page.wait_for_selector("#search-results .archive-search__why:not([hidden])")
    assert "来源：郑州晚报" in page.inner_text("#search-results li:first-child .archive-search__why")
    reporter = next(r for d in documents for r in d.meta.reporters)
    page.goto(server.url("search/?q=" + quote(reporter)))
    _wait_done(page, reporter)
    assert set(_result_urls(page, server)) == _expected(documents, reporter) != set()
    page.wait_for_selector("#search-results .archive-search__why:not([hidden])")
    assert "记者：" + reporter in page.inner_text("#search-results .archive-search__why")


def test_pinyin_finds_cities_people_and_sources(search_site, page):
    _, server, documents = search_site
    zhengzhou = {d.url_dir for d in documents if d.meta.city == "郑州市"}
    assert zhengzhou
    for query in ("zhengzhou", "zz", "ZhengZhou"):
        page.goto(server.url("search/?q=" + quote(query)))
        _wait_done(page, query)
        urls = set(_result_urls(page, server))
        assert urls == _expected(documents, query) and zhengzhou <= urls, query
    page.wait_for_selector("#search-results .archive-search__why:not([hidden])")
    assert "城市：郑州市" in page.inner_text("#search-results")
    person = next(p.name for d in documents for p in d.meta.people if p.name == "马林青")
    page.goto(server.url("search/?q=mlq&mode=fuzzy"))
    _wait_done(page, "mlq")
    assert set(_result_urls(page, server)) == _expected(documents, "mlq") != set()
    page.wait_for_selector("#search-results .archive-search__why:not([hidden])")
    assert "人物：" + person in page.inner_text("#search-results")
    assert page.watch.console_errors == []


def test_a_result_opens_its_document_at_the_first_occurrence(search_site, page):
    _, server, _ = search_site
    query = "产业集聚区建设"
    page.goto(server.url("search/?q=" + quote(query)))
    _wait_done(page, query)
    link = page.locator("#search-results li:first-child h3 a")
    page.wait_for_function("""() => { const a = document.querySelector('#search-results li h3 a');
                                      return a && new URL(a.href).searchParams.get('q'); }""")
    href = link.get_attribute("href")
    assert "q=" in href
    link.click()
    page.wait_for_selector("article mark.archive-hit")
    assert urlparse(page.url).query.startswith("q=")
    from generator.search.fold import fold

    first = page.locator("article mark.archive-hit").first
    assert fold(first.text_content()) == query
    box = first.bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"]
    # deep in a long page: scrolled there
    page.goto(server.url("search/?q=" + quote("要着力抓好八项工作")))
    _wait_done(page, "要着力抓好八项工作")
    page.wait_for_function("""() => { const a = document.querySelector('#search-results li h3 a');
                                      return a && new URL(a.href).searchParams.get('q'); }""")
    page.click("#search-results li:first-child h3 a")
    page.wait_for_selector("article mark.archive-hit")
    assert page.evaluate("window.scrollY") > 300
    box = page.locator("article mark.archive-hit").first.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert page.watch.console_errors == []


def test_two_search_landmarks_have_their_own_names_and_headings_do_not_skip(search_site, page):
    _, server, _ = search_site
    page.goto(server.url("search/?q=" + quote("产业")))
    _wait_done(page, "产业")
    names = page.eval_on_selector_all("[role=search]", "fs => fs.map(f => f.getAttribute('aria-label'))")
    assert sorted(names) == ["全文检索", "站内检索"]
    levels = page.eval_on_selector_all("article h1, article h2, article h3",
                                       "hs => hs.map(h => +h.tagName[1])")
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels

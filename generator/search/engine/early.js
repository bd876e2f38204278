/*
 * Search engine: the early start on the search page.  The page prints its
 * boot data - {index, lunr, meta}: the index and lunr.js URLs, and the
 * index description (meta.json) or null - as a JSON block,
 * <script type="application/json" id="archive-search-boot">, right before
 * the engine at the top of <head> (overrides/search-page.html).  The query
 * in the URL is searched at once and the store entries of its first page
 * of results are fetched while the rest of the page (stylesheets,
 * Material's bundle) loads - for a fuzzy query already while lunr.js ranks
 * (storeHint, see firstPageHint); search-page.js takes the engine from
 * window.__archiveSearchEngine and the search with takeEarly.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var BOOT_ID = "archive-search-boot";

  // The search of the URL's query started here, if it is for this query
  // and mode (once).
  Engine.prototype.takeEarly = function (query, mode) {
    var early = this.early;
    this.early = null;
    return early && early.query === query && early.mode === mode ? early.promise : null;
  };

  // The engine of the page's boot data, searching the URL's query.
  function start(boot, search) {
    var params = new URLSearchParams(search);
    var filters = S.filtersFrom(function (n) { return params.get(n); });
    var engine = new Engine(boot.index, { lunrUrl: new URL(boot.lunr, document.baseURI).href, meta: boot.meta });
    var query = params.get("q") || "";
    var mode = params.get("mode") === "fuzzy" ? "fuzzy" : "exact";
    engine.init().catch(function () { /* reported by search-page.js */ });
    if (S.sortFrom(params.get("sort"))) {
      engine.init().then(function () { return engine.loadDates(); }).catch(function () {});
    }
    if (query.trim()) {
      if (mode === "fuzzy") {
        engine.loadLunr().catch(function () {});
        engine.storeHint = { count: S.FIRST_PAGE, filters: filters };
      }
      var promise = engine.search(query, mode);
      promise.then(function (res) {
        return engine.sortHits(engine.filter(res.hits, filters).hits, params.get("sort"));
      }).then(function (hits) {
        hits.slice(0, S.FIRST_PAGE).forEach(function (h) {
          engine.storeEntry(h.ord).catch(function () {});
        });
      }).catch(function () { /* reported by search-page.js */ });
      engine.early = { query: query, mode: mode, promise: promise };
    }
    return engine;
  }

  var el = document.getElementById(BOOT_ID);
  if (el) window.__archiveSearchEngine = start(JSON.parse(el.textContent), location.search);
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});

/*
 * Archive full-text search: the results page (/search/).  State lives in the
 * URL (?q=&mode=&city=&year=&type=&sort=); each new query is a history entry
 * (Back and Forward move through queries), other changes replace the entry.
 * Every title and snippet is untrusted text: the DOM is built with
 * textContent and createElement only.
 *
 * A result links to its document with ?q= (the strings found in it), which
 * assets/javascripts/archive.js highlights there.
 *
 * Automation hooks on <html>: data-search-ready="1" once the index answers;
 * data-search-state="loading"|"done", data-search-query, data-search-total.
 */
(function () {
  "use strict";

  var SNIPPET_BEFORE = 36;
  var SNIPPET_LENGTH = 120;
  // Typing (input events) keeps to one history entry; a query shown this
  // long before the next keystroke keeps its own.
  var TYPING_MS = 1000;
  var root = document.getElementById("archive-search");
  var S = window.ArchiveSearchEngine;
  if (!root || !S) return;
  // From the engine: the facets (the URL's and the selects' filters), how a
  // filter is written there, and how many results a page shows (the early
  // start in <head> fetches the store entries of the first FIRST_PAGE).
  var FACETS = S.FACETS;
  var FIRST_PAGE = S.FIRST_PAGE; // results shown at once; "显示更多" adds PAGE more
  var PAGE = S.PAGE;

  var html = document.documentElement;
  // The engine started in <head> (generator/search/engine/early.js), which may be
  // searching the URL's query already.
  var engine = window.__archiveSearchEngine || new S.Engine(root.getAttribute("data-index"), {
    lunrUrl: new URL(root.getAttribute("data-lunr"), document.baseURI).href,
  });
  window.__archiveSearchEngine = null;
  var siteRoot = new URL((root.getAttribute("data-root") || ".").replace(/\/?$/, "/"), document.baseURI);

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var sortSelect = document.getElementById("search-sort");
  var selects = {};
  FACETS.forEach(function (n) { selects[n] = document.getElementById("search-" + n); });

  var seq = 0;
  var current = null; // last engine result
  var shown = 0;
  var filtered = [];
  var pending = {}; // per facet, the URL's filter until its select is filled
  var timer = null;
  var typingEntry = false; // the history entry was made by typing
  var lastWrite = 0; // when the URL was last written

  function setAttr(name, value) { html.setAttribute("data-search-" + name, String(value)); }

  function mode() {
    var checked = form.querySelector("input[name=mode]:checked");
    return checked && checked.value === "fuzzy" ? "fuzzy" : "exact";
  }

  function setMode(value) {
    var radio = form.querySelector("input[name=mode][value=" + (value === "fuzzy" ? "fuzzy" : "exact") + "]");
    if (radio) radio.checked = true;
  }

  // A facet's filter as the URL writes it: its select's, or the URL's
  // until the select is filled.
  function facetValue(n) {
    return selects[n].value || pending[n];
  }

  function filters() {
    return S.filtersFrom(facetValue);
  }

  function sortOrder() {
    return S.sortFrom(sortSelect.value);
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    setMode(params.get("mode"));
    sortSelect.value = S.sortFrom(params.get("sort"));
    FACETS.forEach(function (n) {
      pending[n] = params.get(n) || "";
      selects[n].value = ""; // the URL's filter until the select is filled
    });
  }

  // The URL of the page's state.  A new query (`source`: what started it -
  // "input" for typing, "submit", or "other") is a new history entry,
  // except while typing goes on; anything else replaces the entry.
  function writeUrl(source) {
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    params.set("mode", mode());
    FACETS.forEach(function (n) {
      var v = facetValue(n);
      if (v) params.set(n, v);
    });
    if (sortOrder()) params.set("sort", sortOrder());
    var url = location.pathname + "?" + params.toString() + location.hash;
    var now = Date.now();
    var newQuery = input.value !== (new URLSearchParams(location.search).get("q") || "");
    if (newQuery && !(source === "input" && typingEntry && now - lastWrite < TYPING_MS)) {
      history.pushState(null, "", url);
      typingEntry = source === "input";
    } else {
      history.replaceState(null, "", url);
      if (source === "submit") typingEntry = false;
    }
    lastWrite = now;
  }

  // The document's URL carrying what to highlight there (archive.js).
  function docHref(entry, strings) {
    var url = new URL(entry.url, siteRoot);
    var q = strings.filter(function (t) { return t; }).join(" ");
    if (q) url.searchParams.set("q", q);
    return url.href;
  }

  function fillSelect(name, counts) {
    var sel = selects[name];
    var chosen = sel.value || pending[name];
    var labels = engine.facets[name].labels;
    var total = counts.reduce(function (a, b) { return a + b; }, 0);
    while (sel.firstChild) sel.removeChild(sel.firstChild);
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "全部（" + total + "）";
    sel.appendChild(all);
    var order = labels.map(function (_, i) { return i; });
    if (name === "year") order.reverse();
    order.forEach(function (i) {
      var value = S.filterValue(labels[i]);
      if (!counts[i] && value !== chosen) return;
      var opt = document.createElement("option");
      opt.value = value;
      opt.textContent = engine.facetName(name, labels[i]) + "（" + counts[i] + "）";
      sel.appendChild(opt);
    });
    if (chosen && !Array.prototype.some.call(sel.options, function (o) { return o.value === chosen; })) {
      var missing = document.createElement("option");
      missing.value = chosen;
      missing.textContent = chosen + "（0）";
      sel.appendChild(missing);
    }
    sel.value = chosen;
    pending[name] = "";
  }

  /* ---- snippets ---------------------------------------------------------- */

  // Folded copy of `text` with, per folded code unit, the original range.
  function foldWithMap(text, extra) {
    var folded = "";
    var starts = [];
    var ends = [];
    var i = 0;
    for (var ch of text) {
      var f = engine.foldChar(ch, extra);
      for (var k = 0; k < f.length; k++) {
        starts.push(i);
        ends.push(i + ch.length);
      }
      folded += f;
      i += ch.length;
    }
    return { folded: folded, starts: starts, ends: ends };
  }

  function findHits(text, needles, extra) {
    var m = foldWithMap(text, extra);
    var hits = [];
    needles.forEach(function (needle) {
      if (!needle) return;
      var from = 0;
      var at;
      while ((at = m.folded.indexOf(needle, from)) !== -1) {
        hits.push([m.starts[at], m.ends[at + needle.length - 1]]);
        from = at + 1;
      }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    hits.forEach(function (h) {
      var last = merged[merged.length - 1];
      if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
      else merged.push([h[0], h[1]]);
    });
    return merged;
  }

  function appendMarked(el, text, from, to, hits) {
    var pos = from;
    hits.forEach(function (h) {
      var s = Math.max(h[0], from);
      var e = Math.min(h[1], to);
      if (e <= s || s < pos) return;
      if (s > pos) el.appendChild(document.createTextNode(text.slice(pos, s)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      el.appendChild(mark);
      pos = e;
    });
    if (pos < to) el.appendChild(document.createTextNode(text.slice(pos, to)));
  }

  function snippet(el, body, hits) {
    var len = body.length;
    var first = hits.length ? hits[0][0] : 0;
    var from = Math.max(0, first - SNIPPET_BEFORE);
    var to = Math.min(len, from + SNIPPET_LENGTH);
    if (from > 0) el.appendChild(document.createTextNode("…"));
    appendMarked(el, body, from, to, hits);
    if (to < len) el.appendChild(document.createTextNode("…"));
  }

  /* ---- results ------------------------------------------------------------ */

  // A result: title link and metadata from the store, and a function that
  // fetches the document's text and fills in the snippet.  Snippets are
  // fetched once the page's entries are in (they do not hold up the list,
  // nor compete with the store for connections).
  function renderItem(hit, res) {
    var li = document.createElement("li");
    li.className = "archive-search__result";
    var needles = res.mode === "fuzzy" ? res.terms : res.parts;
    // the values this document's pinyin matches are (pinyin.js)
    var named = (res.names || []).filter(function (n) { return n.ords.has(hit.ord); });
    var pinyinParts = new Set((res.names || []).map(function (n) { return n.part; }));
    return engine.storeEntry(hit.ord).then(function (entry) {
      var heading = document.createElement("h3");
      var a = document.createElement("a");
      a.href = docHref(entry, needles.filter(function (t) { return !pinyinParts.has(t); }).concat(
        named.map(function (n) { return n.value; })));
      a.textContent = entry.title || "（无标题）";
      heading.appendChild(a);
      li.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "archive-search__meta";
      meta.textContent = [
        engine.facetName("city", entry.city), entry.date || engine.facetName("year", ""), engine.facetName("type", entry.type),
      ].join(" · ");
      if (hit.copies > 1) {
        var copies = document.createElement("span");
        copies.className = "archive-reposts";
        copies.textContent = (engine.meta.repost_label || "同文异源") + "×" + hit.copies;
        copies.title = "同一篇文字的 " + hit.copies + " 处刊载，合并为一条；文献页列出各处来源";
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(copies);
      }
      li.appendChild(meta);
      var why = document.createElement("p");
      why.className = "archive-search__why";
      why.hidden = true;
      li.appendChild(why);
      var p = document.createElement("p");
      p.className = "archive-search__snippet";
      li.appendChild(p);
      function fillSnippet() {
        return engine.text(hit.ord).then(function (text) {
          var found = [];
          var titleHits = [];
          if (entry.title) {
            titleHits = findHits(entry.title, needles, text.fold);
            while (a.firstChild) a.removeChild(a.firstChild);
            appendMarked(a, entry.title, 0, entry.title.length, titleHits);
          }
          var bodyHits = findHits(text.body, needles, text.fold);
          snippet(p, text.body, bodyHits);
          var fields = reasons(text, needles, named, res.mode);
          if (fields.length) {
            why.textContent = fields.map(function (f) {
              return ((engine.meta.field_labels || {})[f[0]] || f[0]) + "：" + f[1];
            }).join(" · ");
            why.hidden = false;
          }
          // the strings as the document has them, for its page to highlight
          titleHits.forEach(function (h) { found.push(entry.title.slice(h[0], h[1])); });
          bodyHits.forEach(function (h) { found.push(text.body.slice(h[0], h[1])); });
          fields.forEach(function (f) { found.push(f[1]); });
          found = Array.from(new Set(found)).slice(0, 8);
          if (found.length) a.href = docHref(entry, found);
        }).catch(function () { /* a missing snippet is not an error */ });
      }
      return { li: li, fillSnippet: fillSnippet };
    });
  }

  // The named fields (city, source, reporters, people) a result matched
  // in: [[field, value]], from the document's text file (its values and
  // their folding) and the query's pinyin matches of this document.
  function reasons(text, needles, named, mode) {
    var fields = engine.meta.fields || [];
    var long = needles.filter(function (n) { return n && (mode !== "fuzzy" || Array.from(n).length > 1); });
    var out = [];
    var seen = new Set();
    function add(field, value) {
      var key = field + "\n" + value;
      if (seen.has(key)) return;
      seen.add(key);
      out.push([field, value]);
    }
    (text.fields || []).forEach(function (fv) {
      var folded = foldWithMap(fv[1], text.fold).folded;
      if (long.some(function (n) { return folded.indexOf(n) !== -1; })) add(fields[fv[0]], fv[1]);
    });
    named.forEach(function (n) { add(n.field, n.value); });
    return out;
  }

  function renderMore(res, mySeq) {
    var batch = filtered.slice(shown, shown + (shown ? PAGE : FIRST_PAGE));
    shown += batch.length;
    return Promise.all(batch.map(function (h) { return renderItem(h, res); })).then(function (items) {
      if (mySeq !== seq) return;
      items.forEach(function (item) { list.appendChild(item.li); });
      more.hidden = shown >= filtered.length;
      items.forEach(function (item) { item.fillSnippet(); });
    });
  }

  function render(mySeq, source) {
    var res = current;
    var f = engine.filter(res.hits, filters());
    FACETS.forEach(function (n) { fillSelect(n, f.counts[n]); });
    writeUrl(source);
    return engine.sortHits(f.hits, sortOrder()).then(function (hits) {
      if (mySeq !== seq) return null;
      filtered = engine.collapseReposts(hits);
      shown = 0;
      while (list.firstChild) list.removeChild(list.firstChild);
      more.hidden = true;
      return renderMore(res, mySeq);
    }).then(function () {
      if (mySeq !== seq) return;
      var total = filtered.length;
      status.textContent = total
        ? "共" + total + "条结果" + (res.mode === "fuzzy" ? "（模糊匹配）" : "（精确匹配）")
        : "没有找到包含“" + res.query.trim() + "”的文献" + (res.mode === "exact" ? "，可试试模糊匹配" : "");
      list.setAttribute("aria-busy", "false");
      setAttr("total", total);
      setAttr("query", res.query);
      setAttr("state", "done");
    });
  }

  function run(source) {
    var mySeq = ++seq;
    var q = input.value;
    setAttr("state", "loading");
    list.setAttribute("aria-busy", "true");
    if (!q.trim()) {
      current = { query: q, mode: mode(), hits: [], parts: [], terms: [] };
      return engine.init().then(function () {
        return engine.loadFacets();
      }).then(function () {
        if (mySeq !== seq) return;
        return render(mySeq, source).then(function () {
          if (mySeq === seq) status.textContent = "请输入检索词";
        });
      });
    }
    var search = engine.takeEarly(q, mode()) || engine.search(q, mode());
    return search.then(function (res) {
      if (mySeq !== seq) return;
      current = res;
      return render(mySeq, source);
    }).catch(function (err) {
      if (mySeq !== seq) return;
      status.textContent = "检索出错：" + err.message;
      setAttr("state", "error");
    });
  }

  function refilter() {
    if (!current) return run("other");
    var mySeq = ++seq;
    setAttr("state", "loading");
    return render(mySeq, "other").catch(function (err) {
      if (mySeq !== seq) return;
      status.textContent = "检索出错：" + err.message;
      setAttr("state", "error");
    });
  }

  readUrl();
  setAttr("state", "loading");
  engine.init().then(function () {
    setAttr("ready", "1");
  }).catch(function (err) {
    status.textContent = "检索索引无法加载：" + err.message;
    setAttr("state", "error");
  });
  run("other");

  input.addEventListener("input", function () {
    clearTimeout(timer);
    setAttr("state", "loading");
    timer = setTimeout(function () { run("input"); }, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run("submit");
  });
  Array.prototype.forEach.call(form.querySelectorAll("input[name=mode]"), function (r) {
    r.addEventListener("change", function () { clearTimeout(timer); run("other"); });
  });
  sortSelect.addEventListener("change", refilter);
  FACETS.forEach(function (n) {
    selects[n].addEventListener("change", function () { pending[n] = ""; refilter(); });
  });
  more.addEventListener("click", function () {
    if (current) renderMore(current, seq);
  });
  // Back and Forward: the entry's query, mode, filters and order again.
  window.addEventListener("popstate", function () {
    clearTimeout(timer);
    typingEntry = false;
    readUrl();
    run("other");
  });
})();

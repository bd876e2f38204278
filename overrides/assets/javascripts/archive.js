/* Archive page helpers (no network, no dependencies).
 * Fills the parts of a citation that cannot be fixed at build time:
 * the citation date (today) and, when the site was built without site_url,
 * the page's own address.  Material's copy buttons copy the updated text.
 * On a document page opened from a search result (?q=, the strings the
 * search page found in it, space-separated), marks their occurrences and
 * scrolls to the first.  No inline script or style: <mark> elements and
 * scrollIntoView, which the Content-Security-Policy allows. */
(function () {
  "use strict";
  var MAX_MARKS = 300;
  // not searched: code, the citation box, heading anchors
  var SKIP = "script, style, pre, code, mark, .headerlink, .archive-cite, .archive-prov";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fill() {
    var now = new Date();
    var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    var here = location.origin + location.pathname;
    document.querySelectorAll("[data-cite-date]").forEach(function (el) { el.textContent = today; });
    document.querySelectorAll("[data-cite-url]").forEach(function (el) { el.textContent = here; });
  }

  // The strings to mark: ?q= split on whitespace, longest first, each once.
  function terms(search) {
    var q = new URLSearchParams(search).get("q") || "";
    var seen = new Set();
    return q.split(/\s+/).filter(function (t) {
      if (!t || seen.has(t.toLowerCase())) return false;
      seen.add(t.toLowerCase());
      return true;
    }).map(function (t) { return t.toLowerCase(); }).sort(function (a, b) { return b.length - a.length; });
  }

  // Wrap every occurrence of `needles` (lower case) in the text nodes under
  // `root` in <mark class="archive-hit">; returns the marks in page order.
  function mark(root, needles) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && !parent.closest(SKIP) && node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var marks = [];
    nodes.forEach(function (node) {
      if (marks.length >= MAX_MARKS) return;
      var text = node.data;
      var lower = text.toLowerCase();
      if (lower.length !== text.length) return; // offsets would not match
      var ranges = [];
      var pos = 0;
      while (pos < lower.length) {
        var best = -1;
        var len = 0;
        needles.forEach(function (n) {
          var at = lower.indexOf(n, pos);
          if (at !== -1 && (best === -1 || at < best || (at === best && n.length > len))) {
            best = at;
            len = n.length;
          }
        });
        if (best === -1) break;
        ranges.push([best, best + len]);
        pos = best + len;
      }
      if (!ranges.length) return;
      var frag = document.createDocumentFragment();
      var last = 0;
      ranges.forEach(function (r) {
        if (r[0] > last) frag.appendChild(document.createTextNode(text.slice(last, r[0])));
        var m = document.createElement("mark");
        m.className = "archive-hit";
        m.textContent = text.slice(r[0], r[1]);
        frag.appendChild(m);
        marks.push(m);
        last = r[1];
      });
      if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
    return marks;
  }

  function highlight() {
    var article = document.querySelector("article.md-content__inner");
    // document pages only (their metadata list), not the search page
    if (!article || !article.querySelector("dl.archive-meta") || article.querySelector("mark.archive-hit")) return;
    var needles = terms(location.search);
    if (!needles.length) return;
    var marks = mark(article, needles);
    if (!marks.length) return;
    var first = marks[0];
    first.id = first.id || "archive-first-hit";
    first.tabIndex = -1;
    first.scrollIntoView({ block: "center" });
    document.documentElement.setAttribute("data-archive-hits", String(marks.length));
  }

  function ready() {
    fill();
    highlight();
  }

  // Material's instant navigation swaps pages without reloading.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(ready);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();

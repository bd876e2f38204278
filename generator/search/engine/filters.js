/*
 * Search engine: the facets (city, year, type per document, from
 * facets.json) and the filters on them, as the URL's ?city=&year=&type=
 * and the search page's selects carry them.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var varints = S.varints;

  var FACETS = ["city", "year", "type"]; // facets.json, the URL's filters
  var MISSING = "-"; // the URL's and the selects' value for an empty label

  // Facets (city/year/type per document, with the names readers see for
  // their labels) and title lengths: fetched as soon as the index
  // description is in, needed once hits are known.  Always revalidated:
  // its build id tells whether the index description this engine started
  // from (inline in the page, maybe cached) is current.
  Engine.prototype.loadFacets = function () {
    var self = this;
    if (!this.facetsReady) {
      this.facetsReady = this.fetchJSON("facets.json", true).then(function (data) {
        self.facetsBuild = data.build;
        self.facets = {};
        FACETS.forEach(function (name) {
          var f = data[name];
          self.facets[name] = { labels: f.labels, values: f.values ? varints(f.values) : [], names: f.names || {} };
        });
        self.tlen = data.tlen ? varints(data.tlen) : [];
        self.repost = data.repost ? varints(data.repost) : [];
        return self;
      });
      this.facetsReady.catch(function () { self.facetsReady = null; });
    }
    return this.facetsReady;
  };

  // 同文异源: hits in their order with each group's later copies left out
  // and the first one counting them (copies), so a republished text shows
  // once.  Documents of no group pass as they are.
  Engine.prototype.collapseReposts = function (hits) {
    var groups = this.repost || [];
    var count = new Map();
    hits.forEach(function (h) {
      var g = groups[h.ord] || 0;
      if (g) count.set(g, (count.get(g) || 0) + 1);
    });
    var seen = new Set();
    var out = [];
    hits.forEach(function (h) {
      var g = groups[h.ord] || 0;
      if (!g) { out.push(h); return; }
      if (seen.has(g)) return;
      seen.add(g);
      out.push(count.get(g) > 1 ? Object.assign({}, h, { copies: count.get(g) }) : h);
    });
    return out;
  };

  Engine.prototype.facetLabel = function (name, ord) {
    var f = this.facets[name];
    return f.labels[f.values[ord]];
  };

  // What readers see for a label of facet `name` (generator/search/build.py
  // writes the names: document types, and the empty label of each facet).
  Engine.prototype.facetName = function (name, label) {
    var names = this.facets[name].names;
    return Object.prototype.hasOwnProperty.call(names, label) ? names[label] : label;
  };

  // Per facet, the value a filter asks for: its label's index, -1 for no
  // filter, -2 for a label no document has.
  Engine.prototype.wantedValues = function (filters) {
    var self = this;
    var wanted = {};
    FACETS.forEach(function (n) {
      var want = filters[n];
      if (want === undefined || want === null || want === "__all__") {
        wanted[n] = -1;
      } else {
        var i = self.facets[n].labels.indexOf(want);
        wanted[n] = i < 0 ? -2 : i;
      }
    });
    return wanted;
  };

  // The facets whose filter (wantedValues) a document fails.
  Engine.prototype.misses = function (wanted, ord) {
    var self = this;
    return FACETS.filter(function (n) { return wanted[n] !== -1 && self.facets[n].values[ord] !== wanted[n]; });
  };

  // Hits matching the filters, and per facet the counts of each label among
  // the hits that match the *other* filters.
  Engine.prototype.filter = function (hits, filters) {
    var self = this;
    var wanted = this.wantedValues(filters);
    var counts = {};
    FACETS.forEach(function (n) { counts[n] = new Array(self.facets[n].labels.length).fill(0); });
    var kept = [];
    hits.forEach(function (h) {
      var miss = self.misses(wanted, h.ord);
      if (!miss.length) kept.push(h);
      FACETS.forEach(function (n) {
        if (!miss.length || (miss.length === 1 && miss[0] === n)) counts[n][self.facets[n].values[h.ord]]++;
      });
    });
    return { hits: kept, counts: counts };
  };

  // The filters (facet -> label) of the values valueOf(facet) gives, as in
  // the URL (?city=&year=&type=) or the page's selects: "" or null for no
  // filter, MISSING for the empty label.
  function filtersFrom(valueOf) {
    var out = {};
    FACETS.forEach(function (n) {
      var v = valueOf(n) || "";
      if (v) out[n] = v === MISSING ? "" : v;
    });
    return out;
  }

  // The URL's and the selects' value for a label (filtersFrom reverses it).
  function filterValue(label) {
    return label === "" ? MISSING : label;
  }

  Object.assign(S, { FACETS, MISSING, filtersFrom, filterValue });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});

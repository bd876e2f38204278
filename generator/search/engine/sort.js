/*
 * Search engine: the order of results - by relevance (the order search()
 * gives), newest first or oldest first (the URL's &sort=new|old) - over the
 * whole result set.  Dates come from dates.json (per document the rank of
 * its date among the corpus's dates, 0 for none; generator/search/build.py
 * date_keys), fetched only when results are sorted by date.
 * generator/search/query.py Index.sort is the same in Python.
 */
(function (S) {
  "use strict";

  var Engine = S.Engine;
  var varints = S.varints;

  var SORTS = ["new", "old"]; // besides relevance, "" (the URL has no sort then)

  // The URL's and the select's value, "" for relevance.
  function sortFrom(value) {
    return SORTS.indexOf(value) === -1 ? "" : value;
  }

  // `hits` (in relevance order) by date key: "new" newest first, "old"
  // oldest first; undated documents last, ties in relevance order.  A new
  // array; relevance ("") keeps the order.
  function byDate(hits, keys, order) {
    var out = hits.slice();
    if (!sortFrom(order)) return out;
    var sign = order === "new" ? -1 : 1;
    var at = new Map();
    hits.forEach(function (h, i) { at.set(h.ord, i); });
    out.sort(function (a, b) {
      var ka = keys[a.ord] || 0;
      var kb = keys[b.ord] || 0;
      if ((ka === 0) !== (kb === 0)) return ka === 0 ? 1 : -1;
      return sign * (ka - kb) || at.get(a.ord) - at.get(b.ord);
    });
    return out;
  }

  Engine.prototype.loadDates = function () {
    var self = this;
    if (!this.datesReady) {
      this.datesReady = this.fetchJSON("dates.json").then(function (data) {
        self.dateKeys = varints(data.keys);
        return self.dateKeys;
      });
      this.datesReady.catch(function () { self.datesReady = null; });
    }
    return this.datesReady;
  };

  // Promise of `hits` in `order` (byDate).
  Engine.prototype.sortHits = function (hits, order) {
    if (!sortFrom(order)) return Promise.resolve(hits.slice());
    return this.loadDates().then(function (keys) { return byDate(hits, keys, order); });
  };

  Object.assign(S, { SORTS, sortFrom, byDate });
})(window.ArchiveSearchEngine = window.ArchiveSearchEngine || {});

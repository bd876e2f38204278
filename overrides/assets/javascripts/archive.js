/* Archive page helpers (no network, no dependencies).
 * Fills the parts of a citation that cannot be fixed at build time:
 * the citation date (today) and, when the site was built without site_url,
 * the page's own address.  Material's copy buttons copy the updated text. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fill() {
    var now = new Date();
    var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    var here = location.origin + location.pathname;
    document.querySelectorAll("[data-cite-date]").forEach(function (el) { el.textContent = today; });
    document.querySelectorAll("[data-cite-url]").forEach(function (el) { el.textContent = here; });
  }
  // Material's instant navigation swaps pages without reloading.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fill);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();

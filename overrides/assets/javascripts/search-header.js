/*
 * Header search box on every page: a form that leads to /search/?q=…
 * (the archive's one search).  Material's header only includes
 * partials/search.html when Material's search plugin is enabled, which it is
 * not, so the same form is inserted here if the header lacks it.
 */
(function () {
  "use strict";
  if (document.querySelector("form.archive-search-header")) return;
  var header = document.querySelector(".md-header__inner");
  if (!header) return;
  var base = ".";
  var config = document.getElementById("__config");
  if (config) {
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
  }
  var action = new URL(base.replace(/\/?$/, "/") + "search/", document.baseURI);

  var form = document.createElement("form");
  form.className = "archive-search-header";
  form.setAttribute("role", "search");
  // its own landmark name: the search page has a second search form (全文检索)
  form.setAttribute("aria-label", "站内检索");
  form.method = "get";
  form.action = action.href;
  var label = document.createElement("label");
  label.className = "md-visually-hidden";
  label.htmlFor = "archive-search-header-input";
  label.textContent = "全文检索";
  var input = document.createElement("input");
  input.id = "archive-search-header-input";
  input.className = "archive-search-header__input";
  input.type = "search";
  input.name = "q";
  input.placeholder = "全文检索";
  input.autocomplete = "off";
  input.spellcheck = false;
  form.appendChild(label);
  form.appendChild(input);
  var anchor = header.querySelector(".md-header__source") || null;
  header.insertBefore(form, anchor);
})();

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

  var style = document.createElement("style");
  style.textContent =
    ".archive-search-header{display:flex;align-items:center;margin:0 .4rem}" +
    ".archive-search-header__input{font:inherit;font-size:.75rem;width:9rem;padding:.3rem .5rem;border:0;" +
    "border-radius:.2rem;background:var(--md-accent-bg-color--light,rgba(255,255,255,.15));color:inherit}" +
    ".archive-search-header__input::placeholder{color:inherit;opacity:.75}" +
    ".archive-search-header__input:focus{outline:2px solid var(--md-accent-fg-color);width:12rem}" +
    "@media screen and (max-width:44.9375em){.archive-search-header__input{width:6rem}}";
  document.head.appendChild(style);

  var form = document.createElement("form");
  form.className = "archive-search-header";
  form.setAttribute("role", "search");
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

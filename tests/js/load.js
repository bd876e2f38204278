/*
 * Loads the search engine for the node tests: the concept files the browser
 * runs (generator/search/engine/), in the order the site
 * serves them (fixtures.json "sources", from generator/search/bundle.py),
 * each as a classic script in this process's global scope (window is
 * globalThis), with fetch serving the fixture index and the vendored
 * lunr.js as window.lunr.
 *
 * The fixtures come from tests/js/fixtures.py: the directory in
 * ARCHIVE_SEARCH_FIXTURES (tests/test_search_js.py sets it), or one written
 * here by running that script.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const { spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const ORIGIN = "http://archive.test";
const INDEX_URL = ORIGIN + "/repo/search/index/";

function fixtureDir() {
  if (process.env.ARCHIVE_SEARCH_FIXTURES) return process.env.ARCHIVE_SEARCH_FIXTURES;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archive-search-js-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const python = process.env.PYTHON || (fs.existsSync(venv) ? venv : "python3");
  const run = spawnSync(python, [path.join(__dirname, "fixtures.py"), dir], { stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error("tests/js/fixtures.py failed (" + python + ")");
  return dir;
}

const F = JSON.parse(fs.readFileSync(path.join(fixtureDir(), "fixtures.json"), "utf8"));

// What the fake server was asked for: paths below the index, in order.
const requests = [];

const INDEX_PATH = new URL(INDEX_URL).pathname;

function fakeFetch(url) {
  const u = new URL(url);
  const rel = u.pathname.startsWith(INDEX_PATH) ? u.pathname.slice(INDEX_PATH.length) : null;
  requests.push(rel === null ? u.pathname : rel);
  const file = rel === null ? null : path.join(F.index, rel);
  const ok = file !== null && fs.existsSync(file);
  return Promise.resolve({
    ok: ok,
    status: ok ? 200 : 404,
    json: () => Promise.resolve(JSON.parse(fs.readFileSync(file, "utf8"))),
  });
}

globalThis.window = globalThis;
globalThis.document = { baseURI: ORIGIN + "/repo/search/", getElementById: () => null };
globalThis.location = new URL(ORIGIN + "/repo/search/");
globalThis.fetch = fakeFetch;
globalThis.lunr = require(F.lunr);

// Run one of the engine's files as the browser would (a classic script).
function runScript(file) {
  vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
}

F.sources.forEach(runScript);
const S = globalThis.ArchiveSearchEngine;

function newEngine() {
  return new S.Engine(INDEX_URL, { lunrUrl: "unused" });
}

function readIndex(rel) {
  return JSON.parse(fs.readFileSync(path.join(F.index, rel), "utf8"));
}

module.exports = { F, S, INDEX_URL, requests, newEngine, readIndex, runScript };

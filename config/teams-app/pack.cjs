#!/usr/bin/env node
/*
 * Builds our own Microsoft Teams app package, teams/TeamsSPFxApp.zip: this folder's manifest.json and the two icons
 * in teams/. SPFx's package-solution copies everything in teams/ into the .sppkg; when the .sppkg holds
 * TeamsSPFxApp.zip, "Add to Teams" in the tenant app catalog deploys that package instead of generating one (the
 * generated one has no accent colour, a one-line description and Microsoft's developer links).
 *
 * Deterministic (fixed entry order and timestamps, entries stored uncompressed), so rebuilding an unchanged app writes the same bytes
 * and a fresh `npm run package` leaves git clean. Usage: node config/teams-app/pack.cjs [--check]
 * --check writes nothing and exits 1 when the committed zip differs from what the sources give.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { crc32 } = require('./icons.cjs');

const root = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(__dirname, 'manifest.json');
const TEAMS_DIR = path.join(root, 'teams');
const TARGET = path.join(TEAMS_DIR, 'TeamsSPFxApp.zip');
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

function appFiles() {
  const manifestText = fs.readFileSync(MANIFEST);
  const manifest = JSON.parse(manifestText.toString('utf8'));
  return [
    { name: 'manifest.json', data: manifestText },
    { name: manifest.icons.color, data: fs.readFileSync(path.join(TEAMS_DIR, manifest.icons.color)) },
    { name: manifest.icons.outline, data: fs.readFileSync(path.join(TEAMS_DIR, manifest.icons.outline)) },
  ];
}

function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const packed = file.data; // stored: the PNGs are compressed already, and no zlib version can change the bytes
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4); // version needed: 1.0 (stored)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat(locals.concat([directory, end]));
}

function buildAppPackage() {
  return zip(appFiles());
}

module.exports = { buildAppPackage, appFiles, zip, TARGET };

if (require.main === module) {
  const built = buildAppPackage();
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET) : null;
  if (process.argv.includes('--check')) {
    if (!current || !current.equals(built)) {
      process.stderr.write(`${path.relative(root, TARGET)} is out of date: run npm run teams:package and commit it.\n`);
      process.exit(1);
    }
    process.stdout.write(`${path.relative(root, TARGET)} is up to date\n`);
  } else if (current && current.equals(built)) {
    process.stdout.write(`${path.relative(root, TARGET)} unchanged (${built.length} bytes)\n`);
  } else {
    fs.writeFileSync(TARGET, built);
    process.stdout.write(`${path.relative(root, TARGET)} written (${built.length} bytes)\n`);
  }
}

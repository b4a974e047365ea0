#!/usr/bin/env node
/*
 * Checks a built .sppkg: it is a zip whose entries include the web part's production bundle (ClientSideAssets/*.js),
 * the component manifest and the Teams icons, and no stale debug bundle. Prints what it found.
 */
'use strict';
const fs = require('fs');

function zipEntries(buffer) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error('not a zip file');
  }
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error('broken central directory');
    }
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    entries.push({ name: buffer.toString('utf8', offset + 46, offset + 46 + nameLength), size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: check-package.cjs <file.sppkg>\n');
  process.exit(2);
}
const entries = zipEntries(fs.readFileSync(file));
const bundles = entries.filter((e) => /^ClientSideAssets\/migration-readiness-web-part_[0-9a-f]+\.js$/.test(e.name));
const manifests = entries.filter((e) => /WebPart.*\.xml$|\/?[0-9a-f-]{36}\.xml$/i.test(e.name) || /ClientSideComponent/.test(e.name));
const icons = entries.filter((e) => /_color\.png$|_outline\.png$/.test(e.name));
const problems = [];
if (bundles.length !== 1) {
  problems.push(`expected exactly one production web part bundle, found ${bundles.length}: ${bundles.map((b) => b.name).join(', ')}`);
}
if (bundles.length > 0 && bundles.every((b) => b.size < 10000)) {
  problems.push('the web part bundle is suspiciously small');
}
if (manifests.length === 0) {
  problems.push('no component manifest');
}
if (icons.length < 2) {
  problems.push('Teams icons missing');
}
process.stdout.write(`${file}: ${entries.length} entries; bundle ${bundles.map((b) => `${b.name} (${b.size} bytes)`).join(', ')}; Teams icons ${icons.length}\n`);
if (problems.length > 0) {
  process.stderr.write(`Package check failed: ${problems.join('; ')}\n`);
  process.exit(1);
}

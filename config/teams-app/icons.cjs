#!/usr/bin/env node
/*
 * Draws the two Teams icons from code, so they can be redrawn and reviewed like any other source:
 *   teams/<componentId>_color.png    192×192, the accent colour with a white "ready" mark (a ring and a check)
 *   teams/<componentId>_outline.png   32×32, the same mark in white on a transparent background
 * Each pixel is supersampled 8×8 for anti-aliasing; the PNG writer is Node's zlib. Deterministic: the same code
 * writes the same bytes. Usage: node config/teams-app/icons.cjs
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, 'manifest.json'), 'utf8'));
const ACCENT = hexColor(manifest.accentColor);

function hexColor(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

// The mark in a unit square: a ring and a check, both as strokes (distance fields).
function ringAndCheck(scale) {
  const ring = { cx: 0.5, cy: 0.5, r: scale.r, w: scale.w };
  const check = [
    [0.5 - 0.16 * scale.k, 0.5 + 0.01 * scale.k],
    [0.5 - 0.045 * scale.k, 0.5 + 0.12 * scale.k],
    [0.5 + 0.17 * scale.k, 0.5 - 0.11 * scale.k],
  ];
  return (x, y) => {
    if (Math.abs(Math.hypot(x - ring.cx, y - ring.cy) - ring.r) <= ring.w / 2) {
      return true;
    }
    for (let i = 0; i + 1 < check.length; i++) {
      if (segmentDistance(x, y, check[i], check[i + 1]) <= scale.cw / 2) {
        return true;
      }
    }
    return false;
  };
}

function segmentDistance(x, y, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function coverage(inside, size, px, py) {
  const n = 8;
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      if (inside((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) {
        hits++;
      }
    }
  }
  return hits / (n * n);
}

function draw(size, pixel) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      rgba.set([r, g, b, a], (y * size + x) * 4);
    }
  }
  return rgba;
}

// The color icon: a full-bleed accent square (Teams rounds the corners itself), the mark white, about 96 px wide.
function colorIcon() {
  const size = 192;
  const mark = ringAndCheck({ r: 0.25, w: 0.05, k: 1, cw: 0.055 });
  return { size, rgba: draw(size, (x, y) => {
    const c = coverage(mark, size, x, y);
    return [0, 1, 2].map((i) => Math.round(ACCENT[i] * (1 - c) + 255 * c)).concat([255]);
  }) };
}

// The outline icon: white on transparent; the ring fills the 32 px square less a pixel's margin.
function outlineIcon() {
  const size = 32;
  const mark = ringAndCheck({ r: 0.44, w: 0.075, k: 1.5, cw: 0.09 });
  return { size, rgba: draw(size, (x, y) => [255, 255, 255, Math.round(255 * coverage(mark, size, x, y))]) };
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c;
  }
  return table;
})();

function crc32(buffer) {
  let c = -1;
  for (let i = 0; i < buffer.length; i++) {
    c = CRC_TABLE[(c ^ buffer[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ -1) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png({ size, rgba }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

module.exports = { colorIcon, outlineIcon, png, crc32 };

if (require.main === module) {
  for (const [file, icon] of [[manifest.icons.color, colorIcon()], [manifest.icons.outline, outlineIcon()]]) {
    const target = path.join(root, 'teams', file);
    fs.writeFileSync(target, png(icon));
    process.stdout.write(`${path.relative(root, target)} (${icon.size}×${icon.size})\n`);
  }
}

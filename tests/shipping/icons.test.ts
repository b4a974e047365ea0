/**
 * The Teams icons: color 192×192, outline 32×32 white on transparent (Teams' rules), decoded with Node's zlib; and
 * they are what config/teams-app/icons.cjs draws.
 * @jest-environment node
 */
import { readFileSync } from 'fs';
import path from 'path';
import { decodePng, type DecodedPng } from './png';
import { root, teamsManifest } from './support';

interface Icons {
  colorIcon(): { size: number; rgba: Buffer };
  outlineIcon(): { size: number; rgba: Buffer };
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const drawn = require('../../config/teams-app/icons.cjs') as Icons;

const icons = teamsManifest().icons;
const load = (file: string): DecodedPng => decodePng(readFileSync(path.join(root, 'teams', file)));

function alphas(png: DecodedPng): number[] {
  return Array.from({ length: png.width * png.height }, (_, i) => png.rgba[i * 4 + 3] as number);
}

describe('Teams icons', () => {
  it('color: 192×192, opaque, in the manifest\'s accent colour with a white mark', () => {
    const color = load(icons.color);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(alphas(color).every((a) => a === 255)).toBe(true);
    const accent = teamsManifest().accentColor.toLowerCase();
    const corner = Array.from(color.rgba.subarray(0, 3), (v) => v.toString(16).padStart(2, '0')).join('');
    expect(`#${corner}`).toBe(accent);
    const centre = ((96 * 192 + 48) * 4);
    expect(Array.from(color.rgba.subarray(centre, centre + 3))).toEqual([255, 255, 255]); // the ring's left edge
  });

  it('outline: 32×32, white on a transparent background', () => {
    const outline = load(icons.outline);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const a = alphas(outline);
    expect(a[0]).toBe(0); // corners are background
    expect(a.filter((v) => v === 0).length).toBeGreaterThan(32 * 32 * 0.4);
    expect(a.filter((v) => v === 255).length).toBeGreaterThan(32 * 2);
    for (let i = 0; i < 32 * 32; i++) {
      if ((a[i] as number) > 0) {
        expect(Array.from(outline.rgba.subarray(i * 4, i * 4 + 3))).toEqual([255, 255, 255]);
      }
    }
  });

  it('are the pixels config/teams-app/icons.cjs draws (run it after changing the drawing)', () => {
    expect(Buffer.from(load(icons.color).rgba).equals(drawn.colorIcon().rgba)).toBe(true);
    expect(Buffer.from(load(icons.outline).rgba).equals(drawn.outlineIcon().rgba)).toBe(true);
  });

  it('the PNG reader rejects what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow('not a PNG');
  });
});

/**
 * A small PNG reader for the shipping tests (Node's zlib, no image library): 8-bit greyscale, RGB, palette, grey+alpha
 * and RGBA images, non-interlaced, every filter type. Returns the size and the pixels as RGBA.
 */
import { inflateSync } from 'zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row: red, green, blue, alpha. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error('not a PNG file');
  }
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      colorType = data[9] ?? -1;
      if (bitDepth !== 8 || data[12] !== 0 || CHANNELS[colorType] === undefined) {
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${data[12]}`);
      }
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'tRNS') {
      transparency = data;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const channels = CHANNELS[colorType] as number;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const left = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      let predictor = 0;
      if (filter === 1) {
        predictor = left;
      } else if (filter === 2) {
        predictor = up;
      } else if (filter === 3) {
        predictor = (left + up) >> 1;
      } else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (filter !== 0) {
        throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    let rgbaPixel: number[];
    if (colorType === 6) {
      rgbaPixel = Array.from(p);
    } else if (colorType === 2) {
      rgbaPixel = [p[0] as number, p[1] as number, p[2] as number, 255];
    } else if (colorType === 4) {
      rgbaPixel = [p[0] as number, p[0] as number, p[0] as number, p[1] as number];
    } else if (colorType === 0) {
      rgbaPixel = [p[0] as number, p[0] as number, p[0] as number, 255];
    } else {
      const index = p[0] as number;
      if (!palette) {
        throw new Error('palette PNG without PLTE');
      }
      rgbaPixel = [palette[index * 3] as number, palette[index * 3 + 1] as number, palette[index * 3 + 2] as number,
        transparency && index < transparency.length ? (transparency[index] as number) : 255];
    }
    rgba.set(rgbaPixel, i * 4);
  }
  return { width, height, rgba };
}

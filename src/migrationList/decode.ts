/**
 * A dropped file's bytes as text. UTF-8 with or without its byte-order mark (Excel's "CSV UTF-8" writes one), UTF-16
 * with a mark (Excel's "Unicode Text"), and — when the bytes are not valid UTF-8 — Windows-1252, what Excel's plain
 * "CSV (Comma delimited)" writes on Western Windows. A workbook or another binary file is refused with its reason.
 */
import { forEachSliced, type SliceOptions } from './slices';
import type { ParseError, TextEncodingName } from './types';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

function decoder(label: string, fatal: boolean): TextDecoder {
  return new TextDecoder(label, { fatal });
}

/** True for a zip container (an .xlsx workbook) or an OLE compound file (an .xls workbook). */
function isWorkbook(bytes: Uint8Array): boolean {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

/** NUL characters never occur in a text list: their presence means a binary file (or UTF-16 without its mark). */
function hasNul(text: string): boolean {
  return text.indexOf('\u0000') >= 0;
}

/** Decodes the bytes, or tells why they are not a text list. */
export function decodeBytes(bytes: Uint8Array): DecodedText | ParseError {
  if (bytes.length === 0) {
    return { kind: 'empty' };
  }
  if (isWorkbook(bytes)) {
    return { kind: 'binary', workbook: true };
  }
  let decoded: DecodedText | undefined;
  try {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      decoded = { text: decoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
    } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
      decoded = { text: decoder('utf-16le', false).decode(bytes.subarray(2)), encoding: 'utf-16le' };
    } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      decoded = { text: decoder('utf-16be', false).decode(bytes.subarray(2)), encoding: 'utf-16be' };
    } else {
      try {
        decoded = { text: decoder('utf-8', true).decode(bytes), encoding: 'utf-8' };
      } catch {
        decoded = { text: decoder('windows-1252', false).decode(bytes), encoding: 'windows-1252' };
      }
    }
  } catch (error) {
    return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
  }
  if (hasNul(decoded.text)) {
    return { kind: 'binary', workbook: false };
  }
  return decoded;
}

/** Bytes decoded per slice (a few milliseconds of work). */
const DECODE_CHUNK: number = 512 * 1024;

/** Decodes `bytes` from `start` with `label`, a chunk per slice; undefined when stale, a thrown error for invalid UTF-8 (fatal). */
async function decodeSliced(bytes: Uint8Array, start: number, label: string, fatal: boolean, slice: SliceOptions): Promise<string | undefined> {
  const decoder = new TextDecoder(label, { fatal });
  const parts: string[] = [];
  const chunks = Math.max(1, Math.ceil((bytes.length - start) / DECODE_CHUNK));
  // One chunk per item, and a yield after each: the slice budget is spent by the first chunk.
  const ok = await forEachSliced(chunks, (i) => {
    const from = start + i * DECODE_CHUNK;
    const to = Math.min(bytes.length, from + DECODE_CHUNK);
    parts.push(decoder.decode(bytes.subarray(from, to), { stream: i < chunks - 1 }));
  }, { ...slice, budgetMs: 0 });
  return ok ? parts.join('') : undefined;
}

/** decodeBytes in slices (for large files): the same answers; undefined when the run went stale. */
export async function decodeBytesSliced(bytes: Uint8Array, slice: SliceOptions): Promise<DecodedText | ParseError | undefined> {
  if (bytes.length < DECODE_CHUNK) {
    return decodeBytes(bytes);
  }
  if (isWorkbook(bytes)) {
    return { kind: 'binary', workbook: true };
  }
  let decoded: DecodedText | undefined;
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      const text = await decodeSliced(bytes, 3, 'utf-8', false, slice);
      decoded = text === undefined ? undefined : { text, encoding: 'utf-8-bom' };
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      const text = await decodeSliced(bytes, 2, 'utf-16le', false, slice);
      decoded = text === undefined ? undefined : { text, encoding: 'utf-16le' };
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      const text = await decodeSliced(bytes, 2, 'utf-16be', false, slice);
      decoded = text === undefined ? undefined : { text, encoding: 'utf-16be' };
    } else {
      let text: string | undefined;
      try {
        text = await decodeSliced(bytes, 0, 'utf-8', true, slice);
        decoded = text === undefined ? undefined : { text, encoding: 'utf-8' };
      } catch {
        text = await decodeSliced(bytes, 0, 'windows-1252', false, slice);
        decoded = text === undefined ? undefined : { text, encoding: 'windows-1252' };
      }
    }
  } catch (error) {
    return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
  }
  if (decoded === undefined) {
    return undefined;
  }
  return hasNul(decoded.text) ? { kind: 'binary', workbook: false } : decoded;
}

/** Pasted text: a leading byte-order mark (some clipboards keep it) is dropped. */
export function pastedText(text: string): DecodedText {
  return { text: text.charCodeAt(0) === 0xfeff ? text.substring(1) : text, encoding: 'text' };
}

export function isParseError(value: DecodedText | ParseError): value is ParseError {
  return (value as ParseError).kind !== undefined;
}

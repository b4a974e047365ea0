/**
 * CSV as the tools that write user mappings write it (RFC 4180 and what Excel does beyond it): `,` `;` tab or `|`
 * separated (Excel's `sep=;` first line honoured), fields quoted or not, quotes doubled inside quotes, line breaks
 * inside quoted fields, CRLF / LF / CR line ends, blank lines and rows of empty cells skipped. Read record by record in
 * slices (see slices.ts), so 100,000 rows never block the page. The one malformed case is a quote that never closes:
 * the error names the line where it opens.
 */
import type { DecodedText } from './decode';
import { forEachSliced, type SliceOptions } from './slices';
import type { Delimiter, MappingRow, ParseError } from './types';

/** The most rows one list may have (the benchmark's 100,000 with room to spare). */
export const MAX_ROWS: number = 200000;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;

const CANDIDATES: ReadonlyArray<Exclude<Delimiter, 'none'>> = ['\t', ';', ',', '|'];

/** Occurrences of `ch` outside double quotes in one line. */
function countOutsideQuotes(line: string, ch: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ch) {
      count++;
    }
  }
  return count;
}

/**
 * The separator: Excel's `sep=X` first line when there is one (and where the data starts after it), else the candidate
 * found the same number of times on the most lines among the first 50 non-blank ones; `none` for a plain list.
 */
export function detectDelimiter(text: string): { delimiter: Delimiter; start: number } {
  const firstEnd = text.search(/\r\n|\n|\r/);
  const first = firstEnd < 0 ? text : text.substring(0, firstEnd);
  const sep = /^sep=(.)\s*$/i.exec(first);
  if (sep) {
    const ch = sep[1] as string;
    const start = firstEnd < 0 ? text.length : text.charAt(firstEnd) === '\r' && text.charAt(firstEnd + 1) === '\n' ? firstEnd + 2 : firstEnd + 1;
    const known = CANDIDATES.filter((c) => c === ch)[0];
    return { delimiter: known || ',', start };
  }
  const lines = text
    .substring(0, 65536)
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim().length > 0)
    .slice(0, 50);
  let best: { delimiter: Delimiter; score: number; mode: number } = { delimiter: 'none', score: 0, mode: 0 };
  for (const candidate of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, candidate);
      if (n > 0) {
        counts.set(n, (counts.get(n) || 0) + 1);
      }
    }
    let mode = 0;
    let modeLines = 0;
    counts.forEach((linesWith, n) => {
      if (linesWith > modeLines || (linesWith === modeLines && n > mode)) {
        mode = n;
        modeLines = linesWith;
      }
    });
    const score = lines.length === 0 ? 0 : modeLines / lines.length;
    if (mode > 0 && (score > best.score || (score === best.score && mode > best.mode))) {
      best = { delimiter: candidate, score, mode };
    }
  }
  return { delimiter: best.delimiter, start: 0 };
}

/** Reads one record at a time from `text`, counting the file's lines. */
export class CsvReader {
  private pos: number;
  private line: number = 1;
  private readonly delim: number;

  public constructor(
    private readonly text: string,
    delimiter: Delimiter,
    start: number = 0,
  ) {
    this.delim = delimiter === 'none' ? -1 : delimiter.charCodeAt(0);
    this.pos = start;
    // A `sep=` line (or anything before `start`) still counts as a line of the file.
    for (let i = 0; i < start; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
        this.line++;
      }
    }
  }

  /** Where the reader stands (characters read), for progress. */
  public get position(): number {
    return this.pos;
  }

  public get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next record; `{ unterminatedAt }` when a quoted field never closes (nothing more can be read). */
  public next(): MappingRow | { unterminatedAt: number } | undefined {
    const text = this.text;
    const len = text.length;
    if (this.pos >= len) {
      return undefined;
    }
    const startLine = this.line;
    const cells: string[] = [];
    let p = this.pos;
    for (;;) {
      let q = p;
      while (q < len && text.charCodeAt(q) === SPACE && this.delim !== SPACE) {
        q++;
      }
      let value: string;
      if (q < len && text.charCodeAt(q) === QUOTE) {
        const fieldLine = this.line;
        q++;
        let segStart = q;
        let parts = '';
        for (;;) {
          const close = text.indexOf('"', q);
          if (close < 0) {
            this.pos = len;
            return { unterminatedAt: fieldLine };
          }
          this.countLines(q, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            parts += text.substring(segStart, close + 1);
            q = close + 2;
            segStart = q;
          } else {
            parts += text.substring(segStart, close);
            q = close + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept as written (usually nothing, or spaces).
        let r = q;
        while (r < len) {
          const c = text.charCodeAt(r);
          if (c === this.delim || c === LF || c === CR) {
            break;
          }
          r++;
        }
        value = parts + text.substring(q, r);
        p = r;
      } else {
        let r = p;
        while (r < len) {
          const c = text.charCodeAt(r);
          if (c === this.delim || c === LF || c === CR) {
            break;
          }
          r++;
        }
        value = text.substring(p, r);
        p = r;
      }
      cells.push(value);
      if (p < len && text.charCodeAt(p) === this.delim) {
        p++;
        continue;
      }
      if (p < len) {
        p += text.charCodeAt(p) === CR && text.charCodeAt(p + 1) === LF ? 2 : 1;
        this.line++;
      }
      break;
    }
    this.pos = p;
    return { line: startLine, cells };
  }

  /** Line breaks inside a quoted field still move the line count. */
  private countLines(from: number, to: number): void {
    const text = this.text;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
        this.line++;
      }
    }
  }
}

/** True for a record with no content (a blank line, or only separators and spaces). */
export function isBlankRecord(cells: ReadonlyArray<string>): boolean {
  for (let i = 0; i < cells.length; i++) {
    if ((cells[i] as string).trim().length > 0) {
      return false;
    }
  }
  return true;
}

export interface RecordsRead {
  delimiter: Delimiter;
  records: MappingRow[];
}

/**
 * Every non-blank record of the text, read in slices (progress: characters read of the text's length). Undefined when
 * the run went stale; a ParseError for an unterminated quote or too many rows.
 */
export async function readRecords(decoded: DecodedText, slice: SliceOptions, maxRows: number = MAX_ROWS): Promise<RecordsRead | ParseError | undefined> {
  const { delimiter, start } = detectDelimiter(decoded.text);
  const reader = new CsvReader(decoded.text, delimiter, start);
  const records: MappingRow[] = [];
  let error: ParseError | undefined;
  const finished = await forEachSliced(
    Number.MAX_SAFE_INTEGER,
    () => {
      const record = reader.next();
      if (record === undefined) {
        return false;
      }
      if ('unterminatedAt' in record) {
        error = { kind: 'unterminated-quote', line: record.unterminatedAt };
        return false;
      }
      if (!isBlankRecord(record.cells)) {
        if (records.length >= maxRows) {
          error = { kind: 'too-many-rows', max: maxRows };
          return false;
        }
        records.push(record);
      }
      return true;
    },
    { ...slice, onProgress: () => (slice.onProgress ? slice.onProgress(reader.position) : undefined) },
  );
  if (!finished) {
    return undefined;
  }
  return error !== undefined ? error : { delimiter, records };
}


/** @jest-environment node */
/**
 * Reading the admin's list: encodings, separators, quoting, blank lines, Excel's habits, the header and the destination
 * column, malformed files named by line — and 100,000 rows read in slices, none of them a long task.
 */
import { chooseColumn, isHeaderRow } from '../../src/migrationList/columns';
import { CsvReader, detectDelimiter } from '../../src/migrationList/csvParse';
import { decodeBytes, decodeBytesSliced } from '../../src/migrationList/decode';
import { parseErrorText } from '../../src/migrationList/verdictText';
import type { MigrationListView, ParsedList } from '../../src/migrationList/types';
import { bytesOf, FakeLookup, settled, testSession } from './support';

async function parse(content: string | Uint8Array, fileName = 'list.csv'): Promise<MigrationListView> {
  const { session } = testSession(new FakeLookup([]));
  await session.load(typeof content === 'string' ? { fileName, bytes: bytesOf(content) } : { fileName, bytes: content });
  return settled(session);
}

function listOf(view: MigrationListView): ParsedList {
  if (!view.list) {
    throw new Error(`no list: ${view.phase} ${view.error ? parseErrorText(view.error) : ''}`);
  }
  return view.list;
}

function destinations(view: MigrationListView): string[] {
  const list = listOf(view);
  const column = view.column ? view.column.index : 0;
  return list.rows.map((row) => (row.cells[column] ?? '').trim());
}

describe('encodings', () => {
  it('reads UTF-8 with a byte-order mark (Excel "CSV UTF-8") and without one', async () => {
    const withBom = await parse('\uFEFFDestination\r\nzoë@contoso.com\r\n');
    expect(listOf(withBom).encoding).toBe('utf-8-bom');
    expect(listOf(withBom).header).toEqual(['Destination']);
    expect(destinations(withBom)).toEqual(['zoë@contoso.com']);
    const without = await parse('Destination\nzoë@contoso.com\n');
    expect(listOf(without).encoding).toBe('utf-8');
    expect(destinations(without)).toEqual(['zoë@contoso.com']);
  });

  it('reads Windows-1252 (Excel "CSV (Comma delimited)") when the bytes are not UTF-8', async () => {
    const bytes = Uint8Array.from([...bytesOf('Name,Destination\r\nRen'), 0xe9, ...bytesOf(' Dupont,rene@contoso.com\r\n')]);
    const view = await parse(bytes);
    expect(listOf(view).encoding).toBe('windows-1252');
    expect(listOf(view).rows[0]?.cells[0]).toBe('René Dupont');
    expect(destinations(view)).toEqual(['rene@contoso.com']);
  });

  it('reads UTF-16 with its mark (Excel "Unicode Text", tab separated)', async () => {
    const text = 'Source\tTarget\r\nold@fabrikam.com\tann@contoso.com\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const view = await parse(bytes);
    expect(listOf(view).encoding).toBe('utf-16le');
    expect(listOf(view).delimiter).toBe('\t');
    expect(view.column).toEqual({ index: 1, source: 'header' });
    expect(destinations(view)).toEqual(['ann@contoso.com']);
  });

  it('refuses a workbook, a binary file and an empty file with a message that says what to do', async () => {
    const xlsx = await parse(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect(xlsx.phase).toBe('failed');
    expect(parseErrorText(xlsx.error!)).toMatch(/Excel workbook.*CSV UTF-8/);
    expect((await parse(Uint8Array.from([0x41, 0x00, 0x42, 0x00, 0x43]))).error).toEqual({ kind: 'binary', workbook: false });
    expect((await parse('')).error).toEqual({ kind: 'empty' });
    expect((await parse('\r\n\r\n  \r\n')).error).toEqual({ kind: 'empty' });
    expect((await parse('Destination\r\n\r\n')).error).toEqual({ kind: 'no-rows' });
    expect(decodeBytes(new Uint8Array(0))).toEqual({ kind: 'empty' });
  });
});

describe('large files are decoded in slices, with the same answers', () => {
  const slice = { budgetMs: 12, yieldNow: () => new Promise<void>((resolve) => setImmediate(resolve)), now: () => Date.now(), stale: () => false };

  it('UTF-8 (a character cut by a slice boundary stays whole), with and without BOM, and Windows-1252', async () => {
    const line = 'Zoë Ångström,zoe@contoso.com\r\n';
    const text = line.repeat(40000); // ~1.2 MB: several slices
    const utf8 = bytesOf(text);
    expect(await decodeBytesSliced(utf8, slice)).toEqual({ text, encoding: 'utf-8' });
    expect(await decodeBytesSliced(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), slice)).toEqual({ text, encoding: 'utf-8-bom' });
    const latin = Uint8Array.from(Array.from(text, (c) => (c === 'ë' ? 0xeb : c === 'Å' ? 0xc5 : c === 'ö' ? 0xf6 : c.charCodeAt(0))));
    expect(await decodeBytesSliced(latin, slice)).toEqual({ text, encoding: 'windows-1252' });
    expect(decodeBytes(latin)).toEqual({ text, encoding: 'windows-1252' });
  });
});

describe('separators, quotes and lines', () => {
  it.each([
    [',', 'Source,Destination\nold@fabrikam.com,ann@contoso.com\n'],
    [';', 'Source;Destination\nold@fabrikam.com;ann@contoso.com\n'],
    ['\t', 'Source\tDestination\nold@fabrikam.com\tann@contoso.com\n'],
    ['|', 'Source|Destination\nold@fabrikam.com|ann@contoso.com\n'],
  ])('finds the separator %j', async (delimiter, text) => {
    const view = await parse(text);
    expect(listOf(view).delimiter).toBe(delimiter);
    expect(destinations(view)).toEqual(['ann@contoso.com']);
  });

  it("honours Excel's sep= line and still counts it as a line", async () => {
    expect(detectDelimiter('sep=;\r\na;b\r\n')).toEqual({ delimiter: ';', start: 7 });
    const view = await parse('sep=;\r\nName;Destination\r\n"Doe, Jane";jane@contoso.com\r\n');
    expect(listOf(view).delimiter).toBe(';');
    expect(listOf(view).rows[0]).toEqual({ line: 3, cells: ['Doe, Jane', 'jane@contoso.com'] });
  });

  it('reads RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes, keeping line numbers', async () => {
    const text = 'Display name,Notes,Destination\r\n"Doe, Jane","She said ""hi""",jane@contoso.com\r\n"Roe, Rick","two\r\nlines",rick@contoso.com\r\nAnn,,ann@contoso.com\r\n';
    const list = listOf(await parse(text));
    expect(list.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(list.rows[0]?.cells).toEqual(['Doe, Jane', 'She said "hi"', 'jane@contoso.com']);
    expect(list.rows[1]?.cells[1]).toBe('two\r\nlines');
    expect(list.rows[2]?.cells).toEqual(['Ann', '', 'ann@contoso.com']);
  });

  it('skips blank lines and rows of empty cells, keeps trailing spaces out of the destination, and reads CR, LF and CRLF ends', async () => {
    const view = await parse('Destination;Source\r\n\r\n  ann@contoso.com  ;x\n;\r\n\t\rbob@contoso.com;y\r"  cy@contoso.com ";z');
    expect(destinations(view)).toEqual(['ann@contoso.com', 'bob@contoso.com', 'cy@contoso.com']);
    expect(listOf(view).rows.map((r) => r.line)).toEqual([3, 6, 7]);
  });

  it('names the line where a quote opens and never closes, and keeps nothing of the file', async () => {
    const view = await parse('Destination\nann@contoso.com\n"bob@contoso.com\ncy@contoso.com\n');
    expect(view.phase).toBe('failed');
    expect(view.error).toEqual({ kind: 'unterminated-quote', line: 3 });
    expect(parseErrorText(view.error!)).toBe('Line 3: a quoted field opens here and is never closed. Close the quote (") or remove it, then load the file again.');
    expect(view.list).toBeUndefined();
  });

  it('reads an Excel export as Excel writes it: every field quoted, CRLF, empty trailing cells', async () => {
    const view = await parse('"Source Path","Destination Path","Destination User",""\r\n"\\\\fs\\home\\ann","/Documents","ann@contoso.com",""\r\n');
    expect(view.column).toEqual({ index: 2, source: 'header' });
    expect(destinations(view)).toEqual(['ann@contoso.com']);
  });

  it('the reader alone: a record at a time with its first line', () => {
    const reader = new CsvReader('a,b\n"c\nd",e\n', ',');
    expect(reader.next()).toEqual({ line: 1, cells: ['a', 'b'] });
    expect(reader.next()).toEqual({ line: 2, cells: ['c\nd', 'e'] });
    expect(reader.next()).toBeUndefined();
  });
});

describe('the header and the destination column', () => {
  it('takes a plain list of addresses as rows, not a header', async () => {
    const view = await parse('ann@contoso.com\nbob@contoso.com\n');
    expect(listOf(view).header).toBeUndefined();
    expect(view.column).toEqual({ index: 0, source: 'only' });
    expect(destinations(view)).toEqual(['ann@contoso.com', 'bob@contoso.com']);
  });

  it.each([
    [['Source', 'Destination'], 1],
    [['Source Email', 'TargetEmail'], 1],
    [['TargetEmail', 'Source Email'], 0],
    [['source user', 'DESTINATION USER'], 1],
    [['Name', 'Office 365 user', 'Notes'], 1],
    [['Source Path', 'Destination Path', 'Target'], 2],
    [['SourceValue', 'DestinationValue'], 1],
    [['Source', 'Target', 'Destination Site URL'], 1],
  ])('finds the destination by header %j', (header, index) => {
    const rows = [{ line: 2, cells: header.map(() => 'x@contoso.com') }];
    expect(chooseColumn(header, rows, header.length)).toEqual({ index, source: 'header' });
  });

  it('without a telling header, chooses by content: the column whose addresses resolve, else the later address column', () => {
    const rows = [
      { line: 1, cells: ['CONTOSO\\ann', 'old.ann@fabrikam.com', 'ann@contoso.com'] },
      { line: 2, cells: ['CONTOSO\\bob', 'old.bob@fabrikam.com', 'bob@contoso.com'] },
    ];
    expect(chooseColumn(undefined, rows, 3)).toEqual({ index: 2, source: 'content' });
    const known = new Set(['old.ann@fabrikam.com', 'old.bob@fabrikam.com']);
    expect(chooseColumn(undefined, rows, 3, (key) => known.has(key))).toEqual({ index: 1, source: 'content' });
    expect(chooseColumn(['A', 'B', 'C'], rows, 3)).toEqual({ index: 2, source: 'content' });
  });

  it('tells a header row from a first data row', () => {
    expect(isHeaderRow({ line: 1, cells: ['Email'] }, { line: 2, cells: ['a@contoso.com'] })).toBe(true);
    expect(isHeaderRow({ line: 1, cells: ['a@contoso.com'] }, { line: 2, cells: ['b@contoso.com'] })).toBe(false);
    expect(isHeaderRow({ line: 1, cells: ['Col1', 'Col2'] }, { line: 2, cells: ['x', 'b@contoso.com'] })).toBe(true);
    expect(isHeaderRow({ line: 1, cells: ['jdoe'] }, { line: 2, cells: ['b@contoso.com'] })).toBe(false);
  });
});

describe('100,000 rows', () => {
  it('reads them all in slices: progress is told and no slice blocks the page for long', async () => {
    const lines = ['Source,Destination'];
    for (let i = 0; i < 100000; i++) {
      lines.push(`"Old User ${i}",user${i}@contoso.com`);
    }
    const text = lines.join('\r\n') + '\r\n';
    // The slices' clock counts its own readings (one "ms" a reading): a slice must yield once its budget is read as
    // spent, whatever the machine is doing (a CPU-time measure also counted collector threads and failed on a loaded
    // CI machine). Its budget in real time is bench:mapping's (longest task) to show.
    let ticks = 0;
    let last = 0;
    let longest = 0;
    let yields = 0;
    const budget = 12;
    const { session, views } = testSession(new FakeLookup([]), {
      sliceMs: budget,
      clock: () => ++ticks,
      yieldNow: () =>
        new Promise<void>((resolve) => {
          longest = Math.max(longest, ticks - last);
          yields++;
          setImmediate(() => {
            last = ticks;
            resolve();
          });
        }),
    });
    last = ticks;
    await session.load({ fileName: 'big.csv', bytes: bytesOf(text) });
    const view = await settled(session);
    expect(listOf(view).rows).toHaveLength(100000);
    expect(listOf(view).rows[99999]).toEqual({ line: 100001, cells: ['Old User 99999', 'user99999@contoso.com'] });
    expect(view.column).toEqual({ index: 1, source: 'header' });
    expect(yields).toBeGreaterThan(3);
    expect(views.some((v) => v.phase === 'parsing' && v.progress !== undefined && v.progress.done > 0 && v.progress.done < text.length)).toBe(true);
    // Every slice ended soon after its budget was read as spent: the readings between two yields also include the
    // slice's start and the progress cadence's own (up to twice the budget); a read that did not yield would take
    // thousands (100,000 rows).
    expect(longest).toBeGreaterThanOrEqual(budget);
    expect(longest).toBeLessThanOrEqual(2 * budget);
    expect(yields).toBeGreaterThan(20);
  });
});

import { UTF8_BOM, csvField, toCsv, unprovisionedCsv } from '../../src/provisioning/csv';
import { createRequestTracker, PENDING_OVERDUE_MS } from '../../src/provisioning/pending';
import type { UnprovisionedUser } from '../../src/provisioning/scan';

/** A minimal RFC 4180 reader, to check that what we write reads back as the intended cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let cell = '';
    i++;
    for (;;) {
      if (text[i] === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (text[i] === '"') {
        i++;
        break;
      } else {
        cell += text[i];
        i++;
      }
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
    } else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('toCsv', () => {
  const columns = [
    { header: 'Name', value: (r: { name?: string }) => r.name },
    { header: 'Count', value: () => 3 },
  ];

  it('starts with a BOM, quotes every field, ends every line with CRLF', () => {
    const csv = toCsv([{ name: 'Ann' }, { name: undefined }], columns);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(UTF8_BOM + '"Name","Count"\r\n"Ann","3"\r\n"","3"\r\n');
  });

  it('doubles inner quotes and keeps commas and line breaks inside a field', () => {
    const csv = toCsv([{ name: 'Lee, "Ann"\r\nJr' }], columns);
    expect(parseCsv(csv.slice(1))).toEqual([
      ['Name', 'Count'],
      ['Lee, "Ann"\r\nJr', '3'],
    ]);
  });

  it.each([
    ['=HYPERLINK("http://evil")', "'=HYPERLINK(\"http://evil\")"],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\n=1', "'\n=1"],
    ['＝1+1', "'＝1+1"],
  ])('neutralizes a cell starting a formula: %j', (input, expected) => {
    const rows = parseCsv(toCsv([{ name: input }], columns).slice(1));
    expect(rows[1]![0]).toBe(expected);
  });

  it('leaves safe cells alone (a formula character later in the cell is fine)', () => {
    expect(csvField('ann=lee@contoso.com')).toBe('"ann=lee@contoso.com"');
    expect(csvField('Zoë Ångström 山田')).toBe('"Zoë Ångström 山田"');
    expect(csvField(" 'quoted'")).toBe('" \'quoted\'"');
    expect(csvField('')).toBe('""');
  });

  it('neutralizes headers too', () => {
    expect(toCsv([], [{ header: '=cmd', value: () => '' }])).toBe(UTF8_BOM + '"\'=cmd"\r\n');
  });
});

describe('unprovisionedCsv', () => {
  const users: UnprovisionedUser[] = [
    { id: '1', upn: 'ann@contoso.com', mail: 'ann.lee@contoso.com', displayName: 'Ann "AL" Lee', department: '-Sales', license: 'sharepoint' },
    { id: '2', upn: 'bob@contoso.com', displayName: '=Bob', license: 'onedrive' },
  ];

  it('writes the columns and states', () => {
    const requestedAt = '2026-03-01T10:00:00.000Z';
    const tracker = createRequestTracker(
      [{ id: 'x', requestedBy: 'admin', requestedAt, emails: ['ann@contoso.com'], result: 'enqueued' }],
      new Date(Date.parse(requestedAt) + PENDING_OVERDUE_MS + 1),
    );
    const rows = parseCsv(unprovisionedCsv(users, tracker).slice(1));
    expect(rows).toEqual([
      ['Display name', 'User principal name', 'Email', 'Department', 'License', 'State', 'Requested at'],
      ['Ann "AL" Lee', 'ann@contoso.com', 'ann.lee@contoso.com', "'-Sales", 'SharePoint Online', 'Requested, overdue (more than 24 hours)', requestedAt],
      ["'=Bob", 'bob@contoso.com', '', '', 'OneDrive', 'Not provisioned', ''],
    ]);
  });

  it('defaults every state to not provisioned', () => {
    const rows = parseCsv(unprovisionedCsv(users).slice(1));
    expect(rows.slice(1).map((r) => r[5])).toEqual(['Not provisioned', 'Not provisioned']);
  });
});

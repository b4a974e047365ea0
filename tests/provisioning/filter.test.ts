import { createUserIndex, departments, filterUsers, HAYSTACK_FROM_ROWS, withStatuses } from '../../src/provisioning/filter';
import type { SortKey } from '../../src/provisioning/filter';
import type { UserProvisioningStatus } from '../../src/provisioning/pending';
import type { UnprovisionedUser } from '../../src/provisioning/scan';

const users: UnprovisionedUser[] = [
  { id: '0', upn: 'zoe@contoso.com', mail: 'zoe.adams@contoso.com', displayName: 'Zoë Adams', department: 'Sales', license: 'sharepoint' },
  { id: '1', upn: 'bob@contoso.com', displayName: 'Bob Brown', department: 'Engineering', license: 'onedrive' },
  { id: '2', upn: 'ann@contoso.com', mail: 'ann@contoso.com', displayName: 'ann lee', license: 'sharepoint' },
  { id: '3', upn: 'carl@contoso.com', mail: 'carl@contoso.com', displayName: 'Carl Sales', department: 'engineering', license: 'sharepoint' },
  { id: '4', upn: 'dora@contoso.com', mail: 'dora@contoso.com', displayName: 'Dora Diaz', department: 'Sales', license: 'onedrive' },
];

const statuses: UserProvisioningStatus[] = [
  { state: 'not-provisioned' },
  { state: 'requested', requestedAt: '2026-03-02T00:00:00.000Z', overdue: false },
  { state: 'requested', requestedAt: '2026-03-01T00:00:00.000Z', overdue: true },
  { state: 'provisioned' },
  { state: 'not-provisioned' },
];

const names = (rows: number[]): string[] => rows.map((i) => users[i]!.displayName);

describe('filterUsers', () => {
  const index = createUserIndex(users, statuses);

  it('keeps directory order without a sort, and returns row indexes', () => {
    expect(filterUsers(index, {})).toEqual([0, 1, 2, 3, 4]);
  });

  it('matches every word, case-insensitively, across name, UPN, mail and department', () => {
    expect(names(filterUsers(index, { text: 'SALES' }))).toEqual(['Zoë Adams', 'Carl Sales', 'Dora Diaz']);
    expect(names(filterUsers(index, { text: 'sales  dora ' }))).toEqual(['Dora Diaz']);
    expect(names(filterUsers(index, { text: 'zoe.adams' }))).toEqual(['Zoë Adams']);
    expect(names(filterUsers(index, { text: 'ANN@' }))).toEqual(['ann lee']);
    expect(filterUsers(index, { text: 'nobody' })).toEqual([]);
    expect(filterUsers(index, { text: '   ' })).toHaveLength(5);
  });

  it('does not match across field boundaries', () => {
    // "...com" + "sales" must not be seen as "comsales".
    expect(filterUsers(index, { text: 'comsales' })).toEqual([]);
  });

  it('filters by state', () => {
    expect(names(filterUsers(index, { state: 'not-provisioned' }))).toEqual(['Zoë Adams', 'Dora Diaz']);
    expect(names(filterUsers(index, { state: 'requested' }))).toEqual(['Bob Brown', 'ann lee']);
    expect(names(filterUsers(index, { state: 'overdue' }))).toEqual(['ann lee']);
    expect(names(filterUsers(index, { state: 'provisioned' }))).toEqual(['Carl Sales']);
    expect(filterUsers(index, { state: 'all' })).toHaveLength(5);
  });

  it("filters by exact department; '' selects users without one", () => {
    expect(names(filterUsers(index, { department: 'Sales' }))).toEqual(['Zoë Adams', 'Dora Diaz']);
    expect(names(filterUsers(index, { department: 'engineering' }))).toEqual(['Carl Sales']);
    expect(names(filterUsers(index, { department: '' }))).toEqual(['ann lee']);
  });

  it('combines filters with a sort', () => {
    expect(names(filterUsers(index, { text: 'contoso', department: 'Sales', sort: { key: 'displayName', dir: 'desc' } }))).toEqual(['Zoë Adams', 'Dora Diaz']);
  });

  it.each<[SortKey, string[]]>([
    ['displayName', ['ann lee', 'Bob Brown', 'Carl Sales', 'Dora Diaz', 'Zoë Adams']],
    ['upn', ['ann lee', 'Bob Brown', 'Carl Sales', 'Dora Diaz', 'Zoë Adams']],
    // No mail goes last; equal departments fall back to the name.
    ['mail', ['ann lee', 'Carl Sales', 'Dora Diaz', 'Zoë Adams', 'Bob Brown']],
    ['department', ['Bob Brown', 'Carl Sales', 'Dora Diaz', 'Zoë Adams', 'ann lee']],
    ['license', ['Bob Brown', 'Dora Diaz', 'ann lee', 'Carl Sales', 'Zoë Adams']],
    ['state', ['Dora Diaz', 'Zoë Adams', 'Bob Brown', 'ann lee', 'Carl Sales']],
    ['requestedAt', ['ann lee', 'Bob Brown', 'Carl Sales', 'Dora Diaz', 'Zoë Adams']],
  ])('sorts by %s ascending, and descending as its exact reverse', (key, expected) => {
    expect(names(filterUsers(index, { sort: { key, dir: 'asc' } }))).toEqual(expected);
    expect(names(filterUsers(index, { sort: { key, dir: 'desc' } }))).toEqual(expected.slice().reverse());
  });

  it('lists distinct departments, sorted', () => {
    expect(departments(index)).toEqual(['Engineering', 'engineering', 'Sales']);
  });

  it('takes new statuses without rebuilding the text keys', () => {
    const updated = withStatuses(index, users.map((): UserProvisioningStatus => ({ state: 'requested', requestedAt: '2026-03-03T00:00:00.000Z' })));
    expect(filterUsers(updated, { state: 'not-provisioned' })).toEqual([]);
    expect(filterUsers(updated, { state: 'requested' })).toHaveLength(5);
    expect(updated.shared).toBe(index.shared);
    // The original index keeps its own statuses.
    expect(filterUsers(index, { state: 'not-provisioned' })).toHaveLength(2);
  });

  it('treats users without statuses as not provisioned', () => {
    expect(filterUsers(createUserIndex(users), { state: 'not-provisioned' })).toHaveLength(5);
  });

  it('handles 100,000 rows', () => {
    const many: UnprovisionedUser[] = [];
    for (let i = 0; i < 100000; i++) {
      many.push({ id: String(i), upn: 'user' + String(i) + '@contoso.com', displayName: 'User ' + String(100000 - i), department: 'Dept ' + String(i % 50), license: 'sharepoint' });
    }
    const big = createUserIndex(many);
    expect(filterUsers(big, { text: 'user9999' })).toHaveLength(11);
    expect(filterUsers(big, { department: 'Dept 7' })).toHaveLength(2000);
    const sorted = filterUsers(big, { sort: { key: 'displayName', dir: 'asc' } });
    expect(sorted).toHaveLength(100000);
    expect(many[sorted[0]!]!.displayName).toBe('User 1');
    expect(many[sorted[99999]!]!.displayName).toBe('User 100000');
    expect(departments(big)).toHaveLength(50);
  });
});

describe('filterUsers over all the keys at once', () => {
  /** The rule, written plainly: every word is in the row's lower-case name, UPN, mail or department (in that text). */
  function byRow(list: UnprovisionedUser[], text: string, department?: string): number[] {
    const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    const out: number[] = [];
    list.forEach((u, i) => {
      const key = `${u.displayName}\n${u.upn}\n${u.mail ?? ''}\n${u.department ?? ''}`.toLowerCase();
      if (department !== undefined && (u.department ?? '') !== department) return;
      if (words.every((w) => key.includes(w))) out.push(i);
    });
    return out;
  }

  // A small seeded generator: names with accents, apostrophes, digits; some rows without mail or department.
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const parts = ['an', 'ann', 'o\'', 'zoë', 'øre', 'li', 'wei', 'wang', 'sales', 'eng', '1', '12', 'x', 'é', 'ß', 'mei'];
  const word = (): string => parts[next(parts.length)]! + parts[next(parts.length)]!;
  const many: UnprovisionedUser[] = Array.from({ length: HAYSTACK_FROM_ROWS }, (_, i) => ({
    id: String(i),
    upn: `${word()}${i}@contoso.com`,
    ...(next(4) === 0 ? {} : { mail: `${word()}@contoso.com` }),
    displayName: `${word()} ${word()}`,
    ...(next(3) === 0 ? {} : { department: ['Sales', 'Engineering', 'Operations'][next(3)]! }),
    license: 'sharepoint',
  }));
  const index = createUserIndex(many);
  const few = many.slice(0, 2000);
  const small = createUserIndex(few);

  it('finds exactly the rows a search row by row finds, for every kind of query (one word, several, across fields, none), large list and small', () => {
    const queries = ['a', 'an', 'ann wei', 'wei ann', 'o\'', 'zoë', 'ø', 'é ß', '12', '1 2', '@contoso', 'com\ncontoso', 'sales', 'qqq', 'x x', 'anan', '0@', 'mei li'];
    for (let q = 0; q < 60; q++) queries.push(`${word()} ${parts[next(parts.length)]!}`.slice(0, 1 + next(8)));
    for (const text of queries) {
      expect([text, filterUsers(index, { text })]).toEqual([text, byRow(many, text)]);
      expect([text, filterUsers(index, { text, department: 'Sales' })]).toEqual([text, byRow(many, text, 'Sales')]);
      expect([text, filterUsers(small, { text })]).toEqual([text, byRow(few, text)]);
    }
  });

  it('a row matches once even when its key holds the word many times; a word never matches across two rows', () => {
    const rows: UnprovisionedUser[] = Array.from({ length: HAYSTACK_FROM_ROWS }, (_, i) =>
      i % 2 === 0
        ? { id: `a${i}`, upn: 'aa@x.com', mail: 'aa@x.com', displayName: 'Aa Aa', department: 'AA', license: 'sharepoint' }
        : { id: `b${i}`, upn: 'b@x.com', displayName: 'B', license: 'sharepoint' },
    );
    const large = createUserIndex(rows);
    const evens = rows.map((_, i) => i).filter((i) => i % 2 === 0);
    expect(filterUsers(large, { text: 'a' })).toEqual(evens);
    // The end of an "aa" row and the start of the next "b" row never make "ab" (nor a word holding the separator).
    expect(filterUsers(large, { text: 'aab' })).toEqual([]);
    expect(filterUsers(large, { text: 'a\u0000b' })).toEqual([]);
    expect(filterUsers(large, { text: 'b' })).toEqual(evens.map((i) => i + 1));
  });
});

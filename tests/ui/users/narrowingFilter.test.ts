import { createUserIndex, filterUsers } from '../../../src/provisioning/filter';
import type { SortKey, StateFilter, UserQuery } from '../../../src/provisioning/filter';
import type { UserProvisioningStatus } from '../../../src/provisioning/pending';
import type { UnprovisionedUser } from '../../../src/provisioning/scan';
import { filterNarrowing, NARROW_RATIO, narrows } from '../../../src/ui/users/narrowingFilter';
import type { FilterResult } from '../../../src/ui/users/narrowingFilter';
import { user } from './fixtures';

const FIRST = ['Ken', 'Kenji', 'Ava', 'Søren', 'Zoë', 'Tomás', 'Mei', 'Wei', 'Anna', 'Sofia'];
const LAST = ["O'Connor", 'Tanaka', 'Silva', 'Müller', 'Fernández', 'Li', 'Lin', 'Wang', 'Kent', 'Ito'];
const DEPARTMENTS = ['Finance', 'Sales', 'R&D', 'IT', 'Operations', ''];

function users(n: number): { users: UnprovisionedUser[]; statuses: UserProvisioningStatus[] } {
  const list: UnprovisionedUser[] = [];
  const statuses: UserProvisioningStatus[] = [];
  for (let i = 0; i < n; i++) {
    const first = FIRST[(i * 7) % FIRST.length] as string;
    const last = LAST[(i * 3 + Math.floor(i / 10)) % LAST.length] as string;
    const department = DEPARTMENTS[i % DEPARTMENTS.length] as string;
    const id = (first + '.' + last).toLowerCase().replace(/[^a-z.]/g, '') + String(i);
    list.push(user(id, first + ' ' + last, department === '' ? undefined : department, i % 5 === 0 ? { mail: id + '@mail.contoso.com' } : {}));
    statuses.push(i % 9 === 0 ? { state: 'provisioned' } : i % 4 === 0 ? { state: 'requested', requestedAt: '2026-03-01T08:00:00.000Z' } : { state: 'not-provisioned' });
  }
  return { users: list, statuses };
}

/** Typing sequences: prefixes of each, as an admin types them (spaces included). */
const TYPED = ["o'connor1", 'kenji.t', 'ava silva', 'mei lin', 'wei wang', 'søren m', 'finance mü', 'zoë ito', 'KEN', 'ken tan 1', '12', 'r&d ken'];

describe('filterNarrowing gives the domain filter\'s result, row for row', () => {
  const data = users(2000);
  const index = createUserIndex(data.users, data.statuses);

  const settings: Array<{ state?: StateFilter; department?: string; sort?: { key: SortKey; dir: 'asc' | 'desc' } }> = [
    {},
    { state: 'not-provisioned' },
    { department: 'Finance' },
    { sort: { key: 'displayName', dir: 'desc' } },
    { state: 'requested', sort: { key: 'upn', dir: 'asc' } },
  ];

  test.each(settings.map((s, i) => [i, s] as const))('typing with settings %i', (_i, setting) => {
    let narrowed = 0;
    for (const typed of TYPED) {
      let previous: FilterResult | undefined;
      for (let end = 1; end <= typed.length; end++) {
        const query: UserQuery = { text: typed.slice(0, end), ...setting };
        const wasNarrowing = previous !== undefined && previous.positions.length * NARROW_RATIO <= data.users.length && narrows(previous, index, query);
        const result = filterNarrowing(index, query, previous);
        expect({ query, positions: result.positions }).toEqual({ query, positions: filterUsers(index, query) });
        if (wasNarrowing) {
          narrowed++;
        }
        previous = result;
      }
    }
    // The test means something only if narrowing happened often.
    expect(narrowed).toBeGreaterThanOrEqual(10);

    // Edits: deleting, replacing, re-typing; each result from the one before.
    const edited = ['ken', 'kent', 'ken', 'kenji', 'keni', 'ava', 'ava s', 'ava', 'avas', 'ava si', "o'c", "o'", "o'connor1", "o'connor", 'mei li', 'mei', 'mei lin', 'wei lin', 'lin wei'];
    let previous: FilterResult | undefined;
    for (const text of edited) {
      const query: UserQuery = { text, ...setting };
      previous = filterNarrowing(index, query, previous);
      expect({ query, positions: previous.positions }).toEqual({ query, positions: filterUsers(index, query) });
    }
  });

  test('what narrows and what does not', () => {
    const base: FilterResult = { index, query: { text: 'ke' }, positions: [] };
    expect(narrows(base, index, { text: 'ken' })).toBe(true);
    expect(narrows(base, index, { text: 'Mike KEN' })).toBe(true);
    expect(narrows(base, index, { text: 'k' })).toBe(false); // wider
    expect(narrows(base, index, { text: 'k e' })).toBe(false); // "ke" is not in either word
    expect(narrows(base, index, { text: 'ken', state: 'requested' })).toBe(false); // another state
    expect(narrows(base, index, { text: 'ken', department: 'IT' })).toBe(false);
    expect(narrows(base, index, { text: 'ken', sort: { key: 'upn', dir: 'asc' } })).toBe(false);
    expect(narrows({ ...base, query: { text: '  ' } }, index, { text: 'ken' })).toBe(false); // nothing to narrow from
    expect(narrows(base, createUserIndex(data.users), { text: 'ken' })).toBe(false); // another index (new rows)
    const twoWords: FilterResult = { index, query: { text: 'ava s' }, positions: [] };
    expect(narrows(twoWords, index, { text: 'ava si' })).toBe(true);
    expect(narrows(twoWords, index, { text: 'ava' })).toBe(false);
  });

  test('a previous result larger than 1/NARROW_RATIO of the rows is not narrowed (full pass, same answer)', () => {
    const wide = filterNarrowing(index, { text: 'a' }, undefined);
    expect(wide.positions.length * NARROW_RATIO).toBeGreaterThan(data.users.length);
    const next = filterNarrowing(index, { text: 'an' }, wide);
    expect(next.positions).toEqual(filterUsers(index, { text: 'an' }));
  });
});

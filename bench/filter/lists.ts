/**
 * The lists filter-latency measures and what is typed into them: a tenant per list (users:N as startPreview({ users })
 * makes it, rows:N sized so the list has N rows), the list's rows as the scan returns them (the ground truth), and the
 * search strings with the count the product's own filter gives for each.
 */
import '../support/loc';
import { populationCounts } from '../../demo/generate';
import { isConsideredForOneDrive } from '../../demo/simulator/scenario-kit';
import type { TenantFixture } from '../../demo/simulator/types';
import { filterUsers, type UserIndex } from '../../src/provisioning/filter';
import type { UnprovisionedUser } from '../../src/provisioning/scan';

/** Fewest search strings that must change the count for a list to be measured. */
export const MIN_STRINGS = 40;

/** Candidate search strings, in typing order: prefixes of names, UPN parts, departments, multi-word and nonsense. */
export const CANDIDATES: string[] = [
  // a first name, typed
  's', 'so', 'sof', 'sofi', 'sofia',
  '',
  // a department, then narrowed by a last name
  'fin', 'finance', 'finance m', 'finance mü', 'finance müller',
  '',
  // a last name with an apostrophe, then a UPN serial
  'o', "o'", "o'c", "o'connor", "o'connor1", "o'connor12",
  // nonsense (no match), then back
  'qzx', '', 'xyzzy', '',
  // UPN pieces
  'k', 'ke', 'ken', 'kenj', 'kenji.', 'kenji.t', 'kenji.ta', 'kenji.tanaka',
  '',
  // departments one after the other
  'r&d', 'sales', 'hr', 'legal', 'it', 'operations', 'customer success', 'manufacturing', 'retail', 'marketing', 'engineering',
  // digits (UPN serials), typed
  '1', '12', '123', '1234',
  // non-ASCII names
  'søren', 'zoë', 'tomás', 'fernández',
  // a multi-word query typed with its space
  'ava', 'ava ', 'ava s', 'ava si', 'ava silva',
  // more nonsense and a clear
  '@@', '', 'mei li', 'mei lin', 'wei', 'wei wang', '',
];

export interface ListSpec {
  label: string;
  kind: 'users' | 'rows';
  n: number;
}

/** Smallest tenant (users) in which, with every considered member unprovisioned, the list has exactly `rows` rows. */
export function usersForRows(rows: number): number {
  let users = Math.max(2, Math.floor(rows / 0.93) - 50);
  for (let guard = 0; guard < 1000; guard++, users++) {
    const c = populationCounts({ users, unprovisioned: 1, seed: 1 });
    if (c.unprovisioned === rows) return users;
    if (c.unprovisioned > rows) break;
  }
  throw new Error(`no tenant size gives exactly ${rows} rows`);
}

/** The list's rows as the scan returns them: considered users without a personal site, in directory order. */
export function groundTruthRows(fixture: TenantFixture): UnprovisionedUser[] {
  const owners = new Set(fixture.sharePoint.personalSites.map((s) => s.owner.toLowerCase()));
  const rows: UnprovisionedUser[] = [];
  for (const u of fixture.users) {
    if (!isConsideredForOneDrive(u)) continue;
    if (owners.has(u.userPrincipalName.toLowerCase()) || (u.mail && owners.has(u.mail.toLowerCase()))) continue;
    const row: UnprovisionedUser = { id: u.id, upn: u.userPrincipalName, displayName: u.displayName, license: 'sharepoint' };
    if (u.mail) row.mail = u.mail;
    if (u.department) row.department = u.department;
    rows.push(row);
  }
  return rows;
}

/** The candidates, minus any whose expected count equals the previous kept one's (no visible change to wait for). */
export function chooseSequence(index: UserIndex): { text: string; expected: number }[] {
  const chosen: { text: string; expected: number }[] = [];
  let previous = index.users.length; // the list starts unfiltered
  for (const text of CANDIDATES) {
    const expected = filterUsers(index, { text }).length;
    if (expected === previous) continue;
    chosen.push({ text, expected });
    previous = expected;
  }
  return chosen;
}

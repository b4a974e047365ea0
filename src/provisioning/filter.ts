/**
 * Filtering and sorting of the unprovisioned users, fast enough for 100,000 rows on every keystroke.
 *
 * `createUserIndex` does the expensive work once: a lowercase search key per row, and (lazily, once per key) the
 * sorted order of the rows. `filterUsers` is then one pass over the rows in that order, comparing precomputed keys:
 * O(n) per keystroke, no sort and no per-row string built. Request states change when requests are made: give the
 * index new statuses with `withStatuses` (the text keys and the sorted orders by name, address, etc. are kept).
 */
import type { UserProvisioningStatus } from './pending';
import type { UnprovisionedUser } from './scan';

export type StateFilter = 'all' | 'not-provisioned' | 'requested' | 'overdue' | 'provisioned';
export type SortKey = 'displayName' | 'upn' | 'mail' | 'department' | 'license' | 'state' | 'requestedAt';
export type SortDirection = 'asc' | 'desc';

export interface UserQuery {
  /** Words (separated by spaces) that must all appear in the name, UPN, mail or department, case-insensitively. */
  text?: string;
  state?: StateFilter;
  /** Exact department; '' selects users without one; undefined: any. */
  department?: string;
  /** Without it, rows keep directory order. */
  sort?: { key: SortKey; dir: SortDirection };
}

/** From this many rows a search goes through all the keys at once; below, row by row is as fast and builds nothing. */
export const HAYSTACK_FROM_ROWS = 20000;

type StaticKey = 'displayName' | 'upn' | 'mail' | 'department' | 'license';

/** Precomputed per-row data shared by every status version of the index. */
interface Shared {
  users: ReadonlyArray<UnprovisionedUser>;
  searchKeys: string[];
  /**
   * Every search key, in row order, joined by NUL (no query word holds one): built with the index for a large list
   * (HAYSTACK_FROM_ROWS rows and more), so no keystroke waits for it; a smaller list is searched row by row.
   */
  haystack: { text: string; starts: Int32Array } | undefined;
  departments: string[] | undefined;
  orders: { [key: string]: Int32Array | undefined };
  collator: Intl.Collator;
}

export interface UserIndex {
  readonly users: ReadonlyArray<UnprovisionedUser>;
  /** @internal */
  readonly shared: Shared;
  /** Per row: 0 not provisioned, 1 requested, 2 requested and overdue, 3 provisioned. */
  readonly states: Uint8Array;
  /** Per row: request time in ms since the epoch, NaN when not requested. */
  readonly requestedTimes: Float64Array;
  /** @internal sorted orders that depend on the statuses */
  readonly statusOrders: { [key: string]: Int32Array | undefined };
}

const NOT_PROVISIONED = 0;
const REQUESTED = 1;
const OVERDUE = 2;
const PROVISIONED = 3;

function stateCode(status: UserProvisioningStatus | undefined): number {
  if (status === undefined || status.state === 'not-provisioned') {
    return NOT_PROVISIONED;
  }
  if (status.state === 'provisioned') {
    return PROVISIONED;
  }
  return status.overdue ? OVERDUE : REQUESTED;
}

function buildStatuses(count: number, statuses: ReadonlyArray<UserProvisioningStatus> | undefined): { states: Uint8Array; requestedTimes: Float64Array } {
  const states = new Uint8Array(count);
  const requestedTimes = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const status = statuses ? statuses[i] : undefined;
    states[i] = stateCode(status);
    requestedTimes[i] = status !== undefined && status.requestedAt !== undefined ? Date.parse(status.requestedAt) : NaN;
  }
  return { states, requestedTimes };
}

/**
 * Indexes the users once. `statuses` (optional) is aligned with `users`: e.g. `users.map(tracker.statusOf)`.
 */
export function createUserIndex(users: ReadonlyArray<UnprovisionedUser>, statuses?: ReadonlyArray<UserProvisioningStatus>): UserIndex {
  const searchKeys: string[] = new Array<string>(users.length);
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as UnprovisionedUser;
    searchKeys[i] = (user.displayName + '\n' + user.upn + '\n' + (user.mail || '') + '\n' + (user.department || '')).toLowerCase();
  }
  const shared: Shared = {
    users,
    searchKeys,
    haystack: undefined,
    departments: undefined,
    orders: {},
    collator: new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }),
  };
  if (users.length >= HAYSTACK_FROM_ROWS) {
    haystackOf(shared);
  }
  const built = buildStatuses(users.length, statuses);
  return { users, shared, states: built.states, requestedTimes: built.requestedTimes, statusOrders: {} };
}

/** The same index with new request statuses (aligned with the users). Cheap: text keys and name orders are reused. */
export function withStatuses(index: UserIndex, statuses: ReadonlyArray<UserProvisioningStatus>): UserIndex {
  const built = buildStatuses(index.users.length, statuses);
  return { users: index.users, shared: index.shared, states: built.states, requestedTimes: built.requestedTimes, statusOrders: {} };
}

/** Distinct non-empty departments, sorted for display. */
export function departments(index: UserIndex): string[] {
  const shared = index.shared;
  if (shared.departments === undefined) {
    const seen = new Set<string>();
    const list: string[] = [];
    for (let i = 0; i < shared.users.length; i++) {
      const department = (shared.users[i] as UnprovisionedUser).department;
      if (department && !seen.has(department)) {
        seen.add(department);
        list.push(department);
      }
    }
    list.sort(shared.collator.compare);
    shared.departments = list;
  }
  return shared.departments.slice();
}

function staticValue(user: UnprovisionedUser, key: StaticKey): string {
  switch (key) {
    case 'displayName':
      return user.displayName;
    case 'upn':
      return user.upn;
    case 'mail':
      return user.mail || '';
    case 'department':
      return user.department || '';
    default:
      return user.license;
  }
}

/** Ties on the sort key fall back to name, then UPN, then directory order: a total order, so desc is asc reversed. */
function tieBreak(shared: Shared, a: number, b: number): number {
  const ua = shared.users[a] as UnprovisionedUser;
  const ub = shared.users[b] as UnprovisionedUser;
  return shared.collator.compare(ua.displayName, ub.displayName) || shared.collator.compare(ua.upn, ub.upn) || a - b;
}

function identityOrder(count: number): number[] {
  const order: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    order[i] = i;
  }
  return order;
}

function toInt32(order: number[]): Int32Array {
  const typed = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    typed[i] = order[i] as number;
  }
  return typed;
}

function staticOrder(shared: Shared, key: StaticKey): Int32Array {
  const cached = shared.orders[key];
  if (cached !== undefined) {
    return cached;
  }
  const count = shared.users.length;
  const values: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    values[i] = staticValue(shared.users[i] as UnprovisionedUser, key);
  }
  const order = identityOrder(count);
  order.sort((a, b) => {
    const va = values[a] as string;
    const vb = values[b] as string;
    // Empty values (no mail, no department) go last in ascending order.
    if (va === '' || vb === '') {
      if (va !== vb) {
        return va === '' ? 1 : -1;
      }
    } else {
      const c = shared.collator.compare(va, vb);
      if (c !== 0) {
        return c;
      }
    }
    return tieBreak(shared, a, b);
  });
  const typed = toInt32(order);
  shared.orders[key] = typed;
  return typed;
}

function statusOrder(index: UserIndex, key: 'state' | 'requestedAt'): Int32Array {
  const cached = index.statusOrders[key];
  if (cached !== undefined) {
    return cached;
  }
  const shared = index.shared;
  const order = identityOrder(index.users.length);
  const states = index.states;
  const times = index.requestedTimes;
  order.sort((a, b) => {
    let c = 0;
    if (key === 'state') {
      c = (states[a] as number) - (states[b] as number);
    } else {
      const ta = times[a] as number;
      const tb = times[b] as number;
      // Never requested goes last in ascending order.
      c = isNaN(ta) ? (isNaN(tb) ? 0 : 1) : isNaN(tb) ? -1 : ta - tb;
    }
    return c || tieBreak(shared, a, b);
  });
  const typed = toInt32(order);
  index.statusOrders[key] = typed;
  return typed;
}

function orderFor(index: UserIndex, key: SortKey): Int32Array {
  return key === 'state' || key === 'requestedAt' ? statusOrder(index, key) : staticOrder(index.shared, key);
}

function matchesState(code: number, filter: StateFilter): boolean {
  switch (filter) {
    case 'not-provisioned':
      return code === NOT_PROVISIONED;
    case 'requested':
      return code === REQUESTED || code === OVERDUE;
    case 'overdue':
      return code === OVERDUE;
    case 'provisioned':
      return code === PROVISIONED;
    default:
      return true;
  }
}

const SEPARATOR = '\u0000';

function haystackOf(shared: Shared): { text: string; starts: Int32Array } {
  if (shared.haystack === undefined) {
    const keys = shared.searchKeys;
    const starts = new Int32Array(keys.length + 1);
    let at = 0;
    for (let i = 0; i < keys.length; i++) {
      starts[i] = at;
      at += (keys[i] as string).length + 1;
    }
    starts[keys.length] = at;
    shared.haystack = { text: keys.join(SEPARATOR), starts };
  }
  return shared.haystack;
}

/** The row whose key holds position `pos` of the haystack: the last row starting at or before it. */
function rowAt(starts: Int32Array, count: number, pos: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= pos) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

/**
 * The rows whose key holds every word, in row order: one search of the longest word through all the keys at once
 * (the engine's string search skips ahead, where a search per row pays a call per row), the other words checked on
 * the rows it finds. Same answer as `key.indexOf(word) !== -1` for every word on every row: a word never holds the
 * separator (words are split on white space; one that holds it is searched row by row instead).
 */
function rowsWithWords(shared: Shared, words: ReadonlyArray<string>): number[] {
  const keys = shared.searchKeys;
  const count = keys.length;
  let longest = words[0] as string;
  for (let w = 1; w < words.length; w++) {
    if ((words[w] as string).length > longest.length) {
      longest = words[w] as string;
    }
  }
  const rows: number[] = [];
  if (shared.haystack === undefined || longest.indexOf(SEPARATOR) !== -1) {
    for (let i = 0; i < count; i++) {
      if (words.every((word) => (keys[i] as string).indexOf(word) !== -1)) {
        rows.push(i);
      }
    }
    return rows;
  }
  const { text, starts } = shared.haystack;
  let pos = text.indexOf(longest);
  while (pos !== -1) {
    const row = rowAt(starts, count, pos);
    const key = keys[row] as string;
    let all = true;
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as string;
      if (word !== longest && key.indexOf(word) === -1) {
        all = false;
        break;
      }
    }
    if (all) {
      rows.push(row);
    }
    pos = text.indexOf(longest, starts[row + 1] as number);
  }
  return rows;
}

/** Row indexes (into `index.users`) that match the query, in the requested order. */
export function filterUsers(index: UserIndex, query: UserQuery): number[] {
  const count = index.users.length;
  const terms = (query.text || '').toLowerCase().split(/\s+/);
  const words: string[] = [];
  for (let t = 0; t < terms.length; t++) {
    if ((terms[t] as string).length > 0) {
      words.push(terms[t] as string);
    }
  }
  const stateFilter: StateFilter = query.state || 'all';
  const department = query.department;
  const order = query.sort ? orderFor(index, query.sort.key) : undefined;
  const descending = query.sort !== undefined && query.sort.dir === 'desc';
  const users = index.users;
  const states = index.states;

  // Words first (the selective part), through all the keys at once; the rows found are then taken in the asked order.
  const withWords = words.length > 0 ? rowsWithWords(index.shared, words) : undefined;
  if (withWords !== undefined && order === undefined && stateFilter === 'all' && department === undefined) {
    return withWords;
  }
  let matched: Uint8Array | undefined;
  if (withWords !== undefined) {
    matched = new Uint8Array(count);
    for (let r = 0; r < withWords.length; r++) {
      matched[withWords[r] as number] = 1;
    }
  }

  const rows: number[] = [];
  for (let p = 0; p < count; p++) {
    const i = order === undefined ? p : (order[descending ? count - 1 - p : p] as number);
    if (stateFilter !== 'all' && !matchesState(states[i] as number, stateFilter)) {
      continue;
    }
    if (department !== undefined && ((users[i] as UnprovisionedUser).department || '') !== department) {
      continue;
    }
    if (matched !== undefined && matched[i] !== 1) {
      continue;
    }
    rows.push(i);
  }
  return rows;
}

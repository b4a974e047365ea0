/**
 * In-memory stand-ins for the tenant ports (the PnPjs adapters get their own HTTP-boundary tests against the simulator).
 * They page like the services do (an opaque `next`), count every call, and fail on demand.
 */
import { failure, success } from '../../src/common/outcome';
import type { Failure, Outcome } from '../../src/common/outcome';
import type {
  DirectoryUser,
  Page,
  PersonalSite,
  EnqueueAttempt,
  EnqueueReceipt,
  LeaseClaim,
  LeaseHolder,
  SendLease,
  PersonalSitePages,
  ProvisioningLogEntry,
  ProvisioningLogStore,
  ProvisioningRequester,
  UserPageReader,
} from '../../src/provisioning/ports';
import type { OneDriveState } from '../../src/readiness/facts';

export const SPO_ENTERPRISE = '5dbe027f-2339-4123-9542-606e4d348a72';
export const ONEDRIVE_STANDARD = '13696edf-5a08-49f6-8134-03083ed8ba30';
/** Office for the web: reports service "SharePoint" but gives no OneDrive. */
export const SHAREPOINT_WAC = 'e95bec33-7c88-4a70-8e19-b10bd9d0c014';

export function user(upn: string, extra: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'id-' + upn.toLowerCase(),
    userPrincipalName: upn,
    mail: upn,
    displayName: upn.split('@')[0] ?? upn,
    accountEnabled: true,
    userType: 'Member',
    enabledPlanIds: [SPO_ENTERPRISE],
    ...extra,
  };
}

/** n licensed, enabled members user0000@contoso.com… */
export function manyUsers(n: number, prefix = 'user'): DirectoryUser[] {
  const users: DirectoryUser[] = [];
  for (let i = 0; i < n; i++) {
    users.push(user(prefix + String(i).padStart(5, '0') + '@contoso.com', { department: 'Dept ' + String(i % 7) }));
  }
  return users;
}

export function sitesFor(users: DirectoryUser[]): PersonalSite[] {
  return users.map((u) => ({ owner: u.userPrincipalName.toLowerCase(), url: 'https://contoso-my.sharepoint.com/personal/' + u.id }));
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Shared count of requests in flight, to see what runs in parallel. */
export class Concurrency {
  public inFlight = 0;
  public max = 0;
  public async around<T>(run: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.max = Math.max(this.max, this.inFlight);
    try {
      return await run();
    } finally {
      this.inFlight--;
    }
  }
}

export interface PagedSourceOptions {
  latencyMs?: number;
  /** The first page carries the total (as Graph's @odata.count on a `$count=true` query); later pages never do. */
  reportTotal?: boolean;
  concurrency?: Concurrency;
  throwOn?: string;
  /** The answer to a `next` this source never handed out (default: a 400, as Graph answers a foreign skiptoken). */
  unknownContinuation?: Failure;
}

/** A paged collection: `next` is the start index of the following page, as a string. */
export class PagedSource<T> {
  /** Every call, by the `next` it was given ('' for the first page). */
  public readonly calls: string[] = [];
  private readonly faults = new Map<string, Failure[]>();

  public constructor(
    private readonly items: T[],
    private readonly pageSize: number,
    private readonly options: PagedSourceOptions = {},
  ) {}

  /** The next call for this page fails (`times` times). */
  public failAt(next: string, fault: Failure, times = 1): void {
    const list = this.faults.get(next) ?? [];
    for (let i = 0; i < times; i++) {
      list.push(fault);
    }
    this.faults.set(next, list);
  }

  public async page(next: string | undefined, signal?: AbortSignal): Promise<Outcome<Page<T>>> {
    const run = async (): Promise<Outcome<Page<T>>> => {
      const key = next ?? '';
      this.calls.push(key);
      await tick(this.options.latencyMs ?? 1);
      if (signal?.aborted) {
        return failure(0, 'Cancelled', 'The request was cancelled.');
      }
      if (this.options.throwOn === key) {
        throw new Error('boom');
      }
      const fault = this.faults.get(key)?.shift();
      if (fault) {
        return fault;
      }
      const start = next === undefined ? 0 : Number(next);
      if (next !== undefined && !this.handedOut(next)) {
        // As the adapters: a continuation the service did not issue is refused, never read as an empty last page.
        return this.options.unknownContinuation ?? failure(400, 'BadRequest', `The continuation "${next}" was not issued for this query.`);
      }
      const end = Math.min(start + this.pageSize, this.items.length);
      const page: Page<T> = { items: this.items.slice(start, end) };
      if (end < this.items.length) {
        page.next = String(end);
      }
      if (this.options.reportTotal && next === undefined) {
        // As the Graph adapter: @odata.count comes with the first page of a counted query only.
        page.totalEstimate = this.items.length;
      }
      return success(page);
    };
    return this.options.concurrency ? this.options.concurrency.around(run) : run();
  }

  /** Whether `next` is one this source hands out: the start index of a page after the first. */
  private handedOut(next: string): boolean {
    if (!/^[1-9][0-9]*$/.test(next)) {
      return false;
    }
    const start = Number(next);
    return start < this.items.length && start % this.pageSize === 0;
  }

  public pagesTotal(): number {
    return Math.max(1, Math.ceil(this.items.length / this.pageSize));
  }
}

export class FakeDirectory implements UserPageReader {
  public readonly source: PagedSource<DirectoryUser>;
  public constructor(users: DirectoryUser[], pageSize = 999, options: PagedSourceOptions = {}) {
    this.source = new PagedSource(users, pageSize, { reportTotal: true, ...options });
  }
  public getUsersPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>> {
    return this.source.page(next, signal);
  }
}

/** The adapter's answer to a personal-site continuation SharePoint did not issue: a CSOM ErrorInfo (HTTP 200). */
const UNKNOWN_SITES_CONTINUATION: Failure = failure(200, 'System.ArgumentException', 'Value does not fall within the expected range.', { csom: true });

export class FakeSites implements PersonalSitePages {
  public readonly source: PagedSource<PersonalSite>;
  /** Every getOneDriveStates call's ids. */
  public readonly stateCalls: string[][] = [];
  public readonly stateConcurrency = new Concurrency();
  /** Per-user reads: user ids with a OneDrive. */
  public provisionedIds = new Set<string>();
  /** The nth getOneDriveStates call (0-based) fails with this. */
  public stateFaults = new Map<number, Failure>();
  /** Ids whose inner result fails with this. */
  public innerFaults = new Map<string, Failure>();

  /** No `reportTotal`: the tenant admin enumeration (CSOM) never tells a total, so the fake cannot either. */
  public constructor(sites: PersonalSite[], pageSize = 500, options: Omit<PagedSourceOptions, 'reportTotal'> = {}) {
    this.source = new PagedSource(sites, pageSize, { unknownContinuation: UNKNOWN_SITES_CONTINUATION, ...options });
  }

  public getPersonalSitesPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<PersonalSite>>> {
    return this.source.page(next, signal);
  }

  public getOneDriveStates(userIds: string[], signal?: AbortSignal): Promise<Outcome<Map<string, Outcome<OneDriveState>>>> {
    return this.stateConcurrency.around(async () => {
      const callIndex = this.stateCalls.length;
      this.stateCalls.push(userIds.slice());
      await tick(2);
      if (signal?.aborted) {
        return failure(0, 'Cancelled', 'The request was cancelled.');
      }
      const fault = this.stateFaults.get(callIndex);
      if (fault) {
        return fault;
      }
      const states = new Map<string, Outcome<OneDriveState>>();
      for (const id of userIds) {
        const inner = this.innerFaults.get(id);
        if (inner) {
          states.set(id, inner);
        } else if (this.provisionedIds.has(id)) {
          states.set(id, success({ provisioned: true, url: 'https://contoso-my.sharepoint.com/personal/' + id }));
        } else {
          // As the adapter delivers it: Graph's `mySite: null` and 404 "User's mysite not found." both become this.
          states.set(id, success({ provisioned: false }));
        }
      }
      return success(states);
    });
  }
}

/** The adapter's limit (Microsoft's sample sends at most 199 addresses a call). */
const MAX_ENQUEUE_ADDRESSES = 199;

/**
 * As the adapter decides whether the next path may be tried: 401/403, no answer at all, or a 200 whose body is an
 * access-denied error. Anything else (429, 5xx…) may hide a write and is reported as 'failed'.
 */
function isRefusal(f: Failure): boolean {
  return f.status === 401 || f.status === 403 || (f.status === 0 && f.code === 'NetworkError') || (f.status === 200 && !!f.missingScope);
}

/**
 * One path (the admin host). Unlike the adapter it does not remember a refusal for the rest of the session: a later
 * call is answered by `answers` again (the adapter would report those paths as 'skipped' and fail without calling).
 */
export class FakeRequester implements ProvisioningRequester {
  /** Every call that reached the service (not the ones refused before any call: too many or no addresses). */
  public readonly calls: string[][] = [];
  /** Answers by call number (0-based, counting `calls`); missing → success. A function can throw. */
  public answers = new Map<number, Failure | (() => Failure)>();
  private last: EnqueueAttempt[] = [];

  /** As the adapter: an accepted call names its path and attempts; a failed one is the path's answer. */
  public async enqueue(emails: string[]): Promise<Outcome<EnqueueReceipt>> {
    if (emails.length > MAX_ENQUEUE_ADDRESSES) {
      // As the adapter: no call, and attempts() keeps the previous call's attempts.
      return failure(0, 'TooManyAddresses', `At most ${MAX_ENQUEUE_ADDRESSES} addresses can be sent in one call; ${emails.length} were given.`);
    }
    if (emails.length === 0) {
      this.last = [];
      return success({ path: 'admin-token', attempts: this.last });
    }
    const n = this.calls.length;
    this.calls.push(emails.slice());
    await tick(1);
    const answer = this.answers.get(n);
    const outcome = typeof answer === 'function' ? answer() : answer;
    if (outcome) {
      this.last = [{ path: 'admin-token', host: 'contoso-admin.sharepoint.com', outcome: isRefusal(outcome) ? 'refused' : 'failed', failure: outcome }];
      return outcome;
    }
    this.last = [{ path: 'admin-token', host: 'contoso-admin.sharepoint.com', outcome: 'accepted' }];
    return success({ path: 'admin-token', attempts: this.last });
  }

  public attempts(): ReadonlyArray<EnqueueAttempt> {
    return this.last;
  }

  public sentAddresses(): string[] {
    const all: string[] = [];
    for (const call of this.calls) {
      all.push(...call);
    }
    return all;
  }
}

export class MemoryLog implements ProvisioningLogStore {
  public readonly kind: 'sharepoint-list' | 'browser' = 'browser';
  public readonly entries: ProvisioningLogEntry[] = [];
  /** The next `failNext` appends fail. */
  public failNext = 0;

  public async load(): Promise<Outcome<ProvisioningLogEntry[]>> {
    return success(this.entries.slice());
  }

  public async append(entry: ProvisioningLogEntry): Promise<Outcome<void>> {
    if (this.failNext > 0) {
      this.failNext--;
      return failure(503, 'ServiceUnavailable', 'The log list is unavailable.');
    }
    this.entries.push(entry);
    return success(undefined);
  }
}

/**
 * The turn to send, in memory: what the SharePoint list's lease item gives (tests/contracts hold both to one spec) —
 * free, expired or already ours → taken; else the holder and until when. `failNext` claims answer the service's 503.
 */
export class MemoryLease implements SendLease {
  public holder: LeaseHolder | undefined;
  public until = 0;
  public failNext = 0;
  public claims = 0;

  public async claim(holder: LeaseHolder, ttlMs: number, now: Date): Promise<Outcome<LeaseClaim>> {
    this.claims++;
    if (this.failNext > 0) {
      this.failNext--;
      return failure(503, 'ServiceUnavailable', 'The log list is unavailable.');
    }
    if (this.holder && this.holder.session !== holder.session && this.until > now.getTime()) {
      return success({ held: false, holder: this.holder, until: new Date(this.until).toISOString() });
    }
    this.holder = holder;
    this.until = now.getTime() + ttlMs;
    return success({ held: true, until: new Date(this.until).toISOString() });
  }

  public async release(holder: LeaseHolder): Promise<Outcome<void>> {
    if (this.holder && this.holder.session === holder.session) {
      this.holder = undefined;
    }
    return success(undefined);
  }
}

/** A shared log (as the SharePoint list is): MemoryLog with the turn to send. */
export class SharedMemoryLog extends MemoryLog {
  public override readonly kind = 'sharepoint-list' as const;
  public readonly lease = new MemoryLease();
}

export function fixedClock(iso: string): { now: () => Date; advance: (ms: number) => void } {
  let time = Date.parse(iso);
  return {
    now: () => new Date(time),
    advance: (ms: number) => {
      time += ms;
    },
  };
}

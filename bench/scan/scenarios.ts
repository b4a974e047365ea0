/**
 * What is measured: our method (scanTenant through the real PnPjs adapters, users pages ‖ personal-site pages), the
 * naive baseline (users pages, then one single-user mySite read per considered user, 20 per $batch) and, for
 * --breakdown, each of our two chains alone. Port calls are timed here; the product code is untouched.
 */
import '../support/loc';
import { performance } from 'node:perf_hooks';
import type { Outcome } from '../../src/common/outcome';
import type { DirectoryUser, Page, RequestSlot } from '../../src/provisioning/ports';
import { DEFAULT_PER_USER_BATCH, DEFAULT_PER_USER_CONCURRENCY, exclusionReason, scanTenant } from '../../src/provisioning/scan';
import { createDirectClients } from '../../src/tenant/clients';
import { USER_PAGE_SIZE } from '../../src/tenant/graph/directoryReader';
import { GRAPH_BATCH_LIMIT } from '../../src/tenant/sharepoint/personalSiteReader';
import type { PartitionPorts } from '../../src/provisioning/scan/partitionedChains';
import { createTenantPorts } from '../../src/tenant/tenantPorts';
import type { SimInfo } from './simulatorChild';

export interface Timing {
  calls: number;
  totalMs: number;
  maxMs: number;
  /** performance.now() when the last call ended. */
  lastEnd: number;
}

export function timing(): Timing {
  return { calls: 0, totalMs: 0, maxMs: 0, lastEnd: 0 };
}

/** Counts one timed call or request. */
function record(t: Timing, ms: number): void {
  t.calls++;
  t.totalMs += ms;
  if (ms > t.maxMs) t.maxMs = ms;
}

/** Wraps a port call to time it (bench-side instrumentation only; the product code is untouched). */
export function timed<A extends unknown[], R>(t: Timing, f: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  return async (...a: A): Promise<R> => {
    const start = performance.now();
    try {
      return await f(...a);
    } finally {
      t.lastEnd = performance.now();
      record(t, t.lastEnd - start);
    }
  };
}

/**
 * Times a partition read as its request in flight — from the moment its RequestSlot lets it go to the moment its answer
 * arrives — which is what the gate's places count (the call itself also waits for a place and reads the answer). A read
 * given no slot is timed whole.
 */
function timedInFlight<R>(
  t: Timing,
  f: (prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot) => Promise<R>,
): (prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot) => Promise<R> {
  return async (prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot): Promise<R> => {
    const start = performance.now();
    let sentAt = 0;
    const timedSlot: RequestSlot | undefined = slot && {
      sending: async (): Promise<void> => {
        await slot.sending();
        sentAt = performance.now();
      },
      answered: (): void => {
        if (sentAt > 0) record(t, performance.now() - sentAt);
        sentAt = 0;
        slot.answered();
      },
    };
    try {
      return await f(prefix, next, signal, timedSlot);
    } finally {
      t.lastEnd = performance.now();
      if (!slot) record(t, t.lastEnd - start);
    }
  };
}

export function newPorts(sim: SimInfo): ReturnType<typeof createTenantPorts> {
  const values = new Map<string, string>();
  const storage = {
    // eslint-disable-next-line @rushstack/no-new-null -- the Web Storage API's signature.
    getItem: (k: string): string | null => (values.has(k) ? (values.get(k) as string) : null),
    setItem: (k: string, v: string): void => {
      values.set(k, v);
    },
  };
  const clients = createDirectClients({ graphBaseUrl: sim.graphBaseUrl, siteUrl: sim.siteUrl, adminUrl: sim.spAdminUrl, token: 'bench-token' });
  return createTenantPorts(clients, storage);
}

export interface MethodRun {
  unprovisionedIds: string[];
  timings: Record<string, Timing>;
  detail: Record<string, number | string>;
}

/** Pages read per partition prefix (u:<prefix> or s:<prefix>), to tell the longest chain after partitioning. */
export type PrefixPages = Map<string, number>;

/**
 * The partitioned reads over the same simulator, with the transport's waits (a 429 it retries pauses every chain),
 * each request timed in flight and counted by prefix.
 */
function partitionPorts(ports: ReturnType<typeof createTenantPorts>, userPages: Timing, sitePages: Timing, perPrefix: PrefixPages): PartitionPorts {
  const { users, sites } = ports.partitions;
  const count = (key: string): void => {
    perPrefix.set(key, (perPrefix.get(key) ?? 0) + 1);
  };
  return {
    users: {
      getUsersPageWithPrefix: timedInFlight(userPages, (prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot) => {
        count(`u:${prefix}`);
        return users.getUsersPageWithPrefix(prefix, next, signal, slot);
      }),
    },
    sites: {
      getPersonalSitesPageWithPrefix: timedInFlight(sitePages, (prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot) => {
        count(`s:${prefix}`);
        return sites.getPersonalSitesPageWithPrefix(prefix, next, signal, slot);
      }),
    },
    waits: ports.partitions.waits,
  };
}

/** The longest chain of requests that had to follow one another: round one, then a prefix's parents' first pages and its own pages. */
export function longestChain(perPrefix: PrefixPages): { pages: number; prefix: string } {
  let best = { pages: 0, prefix: '' };
  perPrefix.forEach((pages, key) => {
    const length = 1 + pages + (key.length - 3);
    if (length > best.pages) best = { pages: length, prefix: key };
  });
  return best;
}

export async function runOurs(sim: SimInfo, partitioned?: number, trustSitePrefixes: boolean = false): Promise<MethodRun> {
  const ports = newPorts(sim);
  const userPages = timing();
  const sitePages = timing();
  const perPrefix: PrefixPages = new Map();
  let progressCalls = 0;
  let perUserIds = 0;
  const outcome = await scanTenant(
    {
      directory: { getUsersPage: timed(userPages, (next?: string, signal?: AbortSignal) => ports.directory.getUsersPage(next, signal)) },
      sites: {
        getPersonalSitesPage: timed(sitePages, (next?: string, signal?: AbortSignal) => ports.sites.getPersonalSitesPage(next, signal)),
        getOneDriveStates: (ids: string[], signal?: AbortSignal) => {
          perUserIds += ids.length;
          return ports.sites.getOneDriveStates(ids, signal);
        },
      },
      ...(partitioned !== undefined ? { partitions: partitionPorts(ports, userPages, sitePages, perPrefix) } : {}),
    },
    {
      ...(partitioned !== undefined ? { partitioned: { concurrency: partitioned, trustSitePrefixes } } : {}),
      onProgress: () => {
        progressCalls++;
      },
      concurrency: DEFAULT_PER_USER_CONCURRENCY,
      perUserBatch: DEFAULT_PER_USER_BATCH,
    },
  );
  // From the last page's answer to scanTenant's result: the in-memory join (and the last progress report).
  const joinMs = performance.now() - Math.max(userPages.lastEnd, sitePages.lastEnd);
  if (outcome.status !== 'done') {
    throw new Error(`our scan did not finish: ${outcome.status}${outcome.status === 'failed' ? ` — HTTP ${outcome.failure.status} ${outcome.failure.code}: ${outcome.failure.message}` : ''}`);
  }
  if (outcome.result.method !== 'tenant-admin') {
    throw new Error(`our scan fell back to the per-user method (${outcome.result.methodNotice ?? ''}): the benchmark measures the tenant-admin method`);
  }
  const longest = longestChain(perPrefix);
  return {
    unprovisionedIds: outcome.result.unprovisioned.map((u) => u.id),
    timings: { userPage: userPages, sitePage: sitePages },
    detail: {
      considered: outcome.result.considered,
      provisioned: outcome.result.provisionedCount,
      progressCalls,
      joinMs: Math.round(joinMs * 10) / 10,
      perUserChecked: perUserIds,
      ...(partitioned !== undefined
        ? {
            partitions: perPrefix.size,
            longestChainPages: longest.pages,
            longestChainPrefix: longest.prefix,
            // A read not split ran as its single chain (a tenant too small for partitions to end sooner).
            usersSplit: [...perPrefix.keys()].some((k) => k.startsWith('u:')) ? 'yes' : 'no',
            sitesSplit: [...perPrefix.keys()].some((k) => k.startsWith('s:')) ? 'yes' : 'no',
          }
        : {}),
    },
  };
}

export async function runNaive(sim: SimInfo, concurrency: number): Promise<MethodRun> {
  const ports = newPorts(sim);
  const userPages = timing();
  const batches = timing();
  const getUsersPage = timed(userPages, (next?: string): Promise<Outcome<Page<DirectoryUser>>> => ports.directory.getUsersPage(next));
  const getStates = timed(batches, (ids: string[]) => ports.sites.getOneDriveStates(ids));

  // 1. The users, paged the same way as our method ($top=999, one page after the other).
  const considered: string[] = [];
  const maxPages = Math.ceil(sim.users / USER_PAGE_SIZE) + 5;
  let next: string | undefined;
  let pages = 0;
  do {
    if (++pages > maxPages) throw new Error(`naive: more than ${maxPages} user pages — paging does not end`);
    const page = await getUsersPage(next);
    if (!page.ok) throw new Error(`naive: users page failed — HTTP ${page.status} ${page.code}: ${page.message}`);
    for (const user of page.value.items) if (exclusionReason(user) === undefined) considered.push(user.id);
    next = page.value.next;
  } while (next);

  // 2. One single-user read per considered user, 20 per $batch, `concurrency` batches in flight.
  const unprovisioned = new Set<string>();
  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (cursor < considered.length) {
      const ids = considered.slice(cursor, cursor + GRAPH_BATCH_LIMIT);
      cursor += ids.length;
      const states = await getStates(ids);
      if (!states.ok) throw new Error(`naive: $batch failed — HTTP ${states.status} ${states.code}: ${states.message}`);
      for (const id of ids) {
        const state = states.value.get(id);
        if (!state) throw new Error(`naive: no answer for user ${id}`);
        if (!state.ok) throw new Error(`naive: user ${id} — HTTP ${state.status} ${state.code}: ${state.message}`);
        if (!state.value.provisioned) unprovisioned.add(id);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return {
    unprovisionedIds: considered.filter((id) => unprovisioned.has(id)),
    timings: { userPage: userPages, batch: batches },
    detail: { considered: considered.length },
  };
}

export interface ChainAlone {
  pages: number;
  seconds: number;
  avgPageMs: number;
}

/** One of our two chains on its own (no other traffic): its per-page cost without contention. */
export async function chainAlone(sim: SimInfo, which: 'users' | 'sites', maxPages: number): Promise<ChainAlone> {
  const ports = newPorts(sim);
  let next: string | undefined;
  let pages = 0;
  const t0 = performance.now();
  do {
    if (++pages > maxPages) throw new Error(`${which} chain: more than ${maxPages} pages — paging does not end`);
    const page = which === 'users' ? await ports.directory.getUsersPage(next) : await ports.sites.getPersonalSitesPage(next);
    if (!page.ok) throw new Error(`${which} chain: HTTP ${page.status} ${page.code}: ${page.message}`);
    next = page.value.next;
  } while (next);
  const ms = performance.now() - t0;
  return { pages, seconds: Math.round(ms) / 1000, avgPageMs: Math.round((ms / pages) * 10) / 10 };
}

export interface Breakdown {
  usersAlone: ChainAlone;
  sitesAlone: ChainAlone;
  /** Bytes of one users page as the service sends it ($top=999 and our $select). */
  usersPageBytes: number;
  /** Bytes of one personal-site page (CSOM JSON). */
  sitePageBytes: number;
}

export async function breakdown(sim: SimInfo, userPages: number, sitePages: number): Promise<Breakdown> {
  const usersAlone = await chainAlone(sim, 'users', userPages + 5);
  const sitesAlone = await chainAlone(sim, 'sites', sitePages + 5);
  const headers = { Authorization: 'Bearer bench-token' };
  const usersUrl = `${sim.graphBaseUrl}/users?$select=id,userPrincipalName,mail,displayName,department,accountEnabled,userType,assignedPlans&$top=${USER_PAGE_SIZE}`;
  const usersPageBytes = (await (await fetch(usersUrl, { headers })).arrayBuffer()).byteLength;
  const { personalSitesQuery } = await import('../../src/tenant/sharepoint/csom');
  const siteResponse = await fetch(`${sim.spAdminUrl}/_vti_bin/client.svc/ProcessQuery`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'text/xml' },
    body: personalSitesQuery(undefined),
  });
  const sitePageBytes = (await siteResponse.arrayBuffer()).byteLength;
  return { usersAlone, sitesAlone, usersPageBytes, sitePageBytes };
}

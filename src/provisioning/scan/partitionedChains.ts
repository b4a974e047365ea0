/**
 * The partitioned reads (ScanOptions.partitioned): both reads split by prefix into chains that run side by side through
 * one Gate (at most `concurrency` requests in flight in total), merged into the same checkpoint as the single chains
 * (each user and site counted once).
 *
 * Scheduling: the letters' partitions start at once (users and sites interleaved), the other characters' once the
 * letters' users counts are in; a free place in the gate goes to the chain with the most pages left by estimate
 * (longest chain first): users partitions know their size from their first page (`@odata.count`), a sites partition is
 * estimated from the users whose documented URL segment falls in it (their counts, `upnPrefixesFor`, at every level),
 * times the share of users with a site seen so far. A partition is split only when its estimate is longer than its share
 * of all the pages over the requests in flight (a split costs a request per child and reads its first page again). When
 * no UPN starts with a digit or sign, those sites partitions wait until fewer chains than places are under way.
 *
 * Round one reads the single chains' first pages side by side; the users page's `@odata.count` decides: a tenant whose
 * chains are short reads them on as they are (no partition would end sooner: a first-level partition costs a request),
 * a larger one is read by partition (round one's items merged, each counted once).
 *
 * Completeness (partitions.ts): the users partitions of the letters come first, the others (digits, `' . - _ ! # ^ ~`)
 * only when the letters' counts fall short of the directory's count, and the single chain is read on when the distinct
 * users read still do. Sites: the caller checks one by one the considered users left without a listed site whom the
 * listed prefixes do not cover (`confirmOnly`).
 */
import type { Failure, Outcome } from '../../common/outcome';
import type { DirectoryUser, Page, PersonalSite, RequestSlot, ScanPorts } from '../ports';
import { call, isAborted, readChain, type ChainControl, type ChainEnd } from './chains';
import { addSitePage, addUserPage, fallsBackToPerUser, switchToPerUser } from './checkpoint';
import {
  DEFAULT_PARTITION_CONCURRENCY,
  DEFAULT_SPLIT_ABOVE_PAGES,
  Gate,
  KeptPlace,
  MAX_PREFIX_LENGTH,
  SITE_ALPHABET,
  SiteCoverage,
  sitePrefixOf,
  UPN_ALPHABET,
  UPN_NEXT_ALPHABET,
  upnPrefixesFor,
  type WaitSource,
} from './partitions';
import type { CompactUser, ScanCheckpoint } from './types';

export interface PartitionedScanOptions {
  /** Requests in flight in total, users and sites together (default 8). */
  concurrency?: number;
  /** Never split a partition whose first page shows this many pages or fewer (default 3). */
  splitAbovePages?: number;
  /**
   * Skip the one-by-one check of the users left without a listed site whom the prefixes do not cover (default false).
   * Not safe: a capital or a `-` in the UPN may put the site outside every prefix sent (no document settles either).
   */
  trustSitePrefixes?: boolean;
}

/** The partition ports as the adapters may offer them: with the transport's waits, so a 429 it retries pauses all. */
export type PartitionPorts = NonNullable<ScanPorts['partitions']> & { waits?: WaitSource };

export interface PartitionedEnd {
  usersFailure?: Failure;
  sitesFailure?: Failure;
  /** The sites were read by partition: considered users without a listed site may need a check one by one. */
  confirmUnmatched: boolean;
  /** Which of those to check: the users the listed prefixes do not cover (undefined: all of them). */
  confirmOnly?: (user: CompactUser) => boolean;
  /** Most requests in flight at once. */
  peakInFlight: number;
  /** Requests the gate started, and pauses it was asked for (throttled answers, the transport's own waits). */
  requests: number;
  /** Sites of round one's unfiltered page that no partition listed though a listed prefix stands for them. */
  filterMismatch?: number;
  /** How the reads went: the single chains (a tenant too small for partitions to end sooner) or by partition. */
  mode?: 'single' | 'partitioned';
  /**
   * Round one showed no partition would end sooner: its pages are merged and the scan reads on as the single chains,
   * with their own guards and throttling answers (scanTenant), exactly as without the option.
   */
  handedBack?: boolean;
  pauses: number;
}

/** Another read failed: every chain finishes the page in flight, then stops. */
function stopAll(control: ChainControl): void {
  control.stop = true;
}

function finishUsers(state: ScanCheckpoint, directoryTotal: number | undefined): void {
  if (directoryTotal !== undefined) {
    state.usersTotal = directoryTotal;
  }
  state.usersDone = true;
  state.usersNext = undefined;
}

type PrefixRead<T> = (prefix: string, next: string | undefined, signal?: AbortSignal, slot?: RequestSlot) => Promise<Outcome<Page<T>>>;

/** Throttled (429) or unavailable (503) after the transport's own retries: the whole scan waits, then asks again. */
const THROTTLE_ATTEMPTS = 5;
const THROTTLE_BASE_MS = 500;
/**
 * A wait asked for longer than this is not waited out in place (the pane would show a scan standing still): the scan
 * ends throttled, with the wait asked, and the pane offers to wait and scan again — as the single chains do.
 */
export const LONGEST_PAUSE_IN_PLACE_MS = 60000;

/**
 * A read through the gate, asked again after a throttled answer (the whole scan pausing). A partition read is given a
 * RequestSlot (its requests take their places themselves); a single-chain read holds a place for the whole call.
 */
async function gated<T>(
  gate: Gate,
  run: (slot?: RequestSlot) => Promise<Outcome<T>>,
  priority?: () => number,
  bySlot: boolean = true,
  keep?: KeptPlace,
): Promise<Outcome<T>> {
  for (let attemptNo = 1; ; attemptNo++) {
    const outcome = bySlot ? await gate.runRequests((slot) => call(() => run(slot)), priority, keep) : await gate.run(() => call(() => run()), priority);
    if (outcome.ok || (outcome.status !== 429 && outcome.status !== 503) || attemptNo >= THROTTLE_ATTEMPTS) {
      return outcome;
    }
    if (outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds * 1000 > LONGEST_PAUSE_IN_PLACE_MS) {
      return outcome;
    }
    gate.pause(outcome.retryAfterSeconds !== undefined ? outcome.retryAfterSeconds * 1000 : THROTTLE_BASE_MS * Math.pow(2, attemptNo - 1));
  }
}

function firstFailure(ends: ChainEnd[]): ChainEnd {
  for (const end of ends) {
    if (end.kind === 'failed') {
      return end;
    }
  }
  for (const end of ends) {
    if (end.kind === 'stopped') {
      return end;
    }
  }
  return { kind: 'done' };
}

/**
 * A chain's page costs more time than a request in flight: the page is read, then the next request is built (measured
 * at about 1.2 × on the benchmark's tenants). A chain longer than its share of all pages by this factor sets the end.
 */
const CHAIN_PACE = 1.2;

/**
 * The partition chains under way (started, not ended) with their pages left: which one the scan would wait for at its
 * end. That chain keeps its place in the gate between its pages (KeptPlace) while its pages left, at the pace of a
 * chain (a page, then the next), outlast the pages left of all chains shared among the places.
 */
class UnderWay {
  private readonly chains: Map<string, () => number> = new Map<string, () => number>();
  /** Who waits for fewer chains under way (fewerThan). */
  private fewer: Array<{ than: number; resolve: () => void }> = [];

  public constructor(private readonly places: number) {}

  public add(key: string, pagesLeft: () => number): void {
    this.chains.set(key, pagesLeft);
  }

  public remove(key: string): void {
    this.chains.delete(key);
    const waiting = this.fewer;
    this.fewer = [];
    waiting.forEach((w) => {
      if (this.chains.size < w.than) {
        w.resolve();
      } else {
        this.fewer.push(w);
      }
    });
  }

  /** Resolves once fewer than `than` chains are under way (at once if so now). */
  public fewerThan(than: number): Promise<void> {
    return this.chains.size < than ? Promise.resolve() : new Promise<void>((resolve) => this.fewer.push({ than, resolve }));
  }

  public critical(key: string): boolean {
    const own = this.chains.get(key);
    if (own === undefined) {
      return false;
    }
    const mine = own();
    let all = 0;
    let longer = false;
    this.chains.forEach((pagesLeft, other) => {
      const left = pagesLeft();
      all += left;
      if (other !== key && left > mine) {
        longer = true;
      }
    });
    return !longer && mine > 1 && mine * CHAIN_PACE >= all / this.places;
  }
}

/** One kind of partition (users or sites): how to read, merge, estimate and split it. */
interface PartitionKind<T> {
  /** 'u' or 's': the chains' keys in UnderWay. */
  key: string;
  read: PrefixRead<T>;
  /** Merges a page; answers how many of its items are new. */
  onPage(page: Page<T>, prefix: string, first: boolean): number;
  /** Pages left by estimate, the next one included, after `pagesRead` pages. */
  pagesLeft(prefix: string, pagesRead: number): number;
  /** After the first page: the children to read instead of the rest of this chain, or undefined. */
  split(first: Page<T>, prefix: string): Promise<string[] | undefined>;
  /** The partition was read to its end without a split. */
  leafDone(prefix: string): void;
  /**
   * Whether the partition's children are read instead of its chain: told once, as soon as it is known (after the first
   * page), or when the partition ends without a split (one page, a failure, a stop).
   */
  decided?(prefix: string, split: boolean): void;
}

/**
 * One partition: its first page, then either its children (when `split` names them) or the rest of its chain. The chain
 * may keep its place in the gate between its pages while it is the longest (Gate.runRequests); it gives it back at its
 * end and before its children start.
 */
async function readPartition<T>(kind: PartitionKind<T>, prefix: string, gate: Gate, control: ChainControl, underWay: UnderWay): Promise<ChainEnd> {
  let decided = false;
  const decide = (split: boolean): void => {
    if (!decided) {
      decided = true;
      if (kind.decided) {
        kind.decided(prefix, split);
      }
    }
  };
  if (control.stop || isAborted(control.signal)) {
    decide(false);
    return { kind: 'stopped' };
  }
  const chain = `${kind.key}:${prefix}`;
  const keep = new KeptPlace(() => underWay.critical(chain));
  try {
    let pagesRead = 0;
    const priority = (): number => kind.pagesLeft(prefix, pagesRead);
    underWay.add(chain, priority);
    const first = await gated(gate, (slot) => kind.read(prefix, undefined, control.signal, slot), priority, true, keep);
    if (isAborted(control.signal)) {
      return { kind: 'stopped' };
    }
    if (!first.ok) {
      return { kind: 'failed', failure: first };
    }
    pagesRead = 1;
    kind.onPage(first.value, prefix, true);
    if (first.value.next === undefined || first.value.next === '') {
      kind.leafDone(prefix);
      return { kind: 'done' };
    }
    gate.release(keep);
    const children = await kind.split(first.value, prefix);
    decide(children !== undefined);
    if (children !== undefined) {
      underWay.remove(chain);
      // The children list this partition's items again (the first page's are counted once): one page more, no gap.
      const ends = await Promise.all(children.map((child) => readPartition(kind, child, gate, control, underWay)));
      return firstFailure(ends);
    }
    const end = await readChain<T>(
      (next, signal) => gated(gate, (slot) => kind.read(prefix, next, signal, slot), priority, true, keep),
      first.value.next,
      control,
      (page) => {
        pagesRead++;
        return kind.onPage(page, prefix, false);
      },
      { firstPage: 2 },
    );
    if (end.kind === 'done') {
      kind.leafDone(prefix);
    }
    return end;
  } finally {
    underWay.remove(chain);
    gate.release(keep);
    decide(false);
  }
}

function isLetter(prefix: string): boolean {
  return /^[a-z]/.test(prefix);
}

/** Resolves once: a value others wait for (a user count, the directory's total). */
class Later<T> {
  public value: T | undefined;
  public readonly promise: Promise<T | undefined>;
  private resolveIt: (value: T | undefined) => void = () => undefined;

  public constructor() {
    this.promise = new Promise<T | undefined>((resolve) => {
      this.resolveIt = resolve;
    });
  }

  public set(value: T | undefined): void {
    if (this.value === undefined) {
      this.value = value;
    }
    this.resolveIt(value);
  }
}

/** Runs the partitioned users and sites reads into `state`. The caller decides what a failure means. */
export async function readPartitioned(
  ports: ScanPorts,
  state: ScanCheckpoint,
  options: PartitionedScanOptions,
  control: ChainControl,
  seenIds: Set<string>,
  seenSites: Set<string>,
  report: () => void,
): Promise<PartitionedEnd> {
  const partitions = ports.partitions as PartitionPorts | undefined;
  const end: PartitionedEnd = { confirmUnmatched: false, peakInFlight: 0, requests: 0, pauses: 0 };
  if (!partitions) {
    return end;
  }
  const gate = new Gate(Math.max(1, options.concurrency !== undefined ? options.concurrency : DEFAULT_PARTITION_CONCURRENCY));
  const underWay = new UnderWay(gate.limitOf());
  const splitAbove = Math.max(1, options.splitAbovePages !== undefined ? options.splitAbovePages : DEFAULT_SPLIT_ABOVE_PAGES);
  // The transport's own retries (a 429 it waits out) pause every chain too, not only the request that met it.
  const unsubscribe = partitions.waits ? partitions.waits.subscribe((wait) => gate.pauseUntil(Date.parse(wait.until))) : undefined;

  // What the estimates rest on: the directory's total, each users partition's count, page sizes, the share of users
  // with a site (from sites partitions read to their end; 1 until one is).
  const total = new Later<number>();
  const userCounts = new Map<string, number>();
  const countKnown = new Map<string, Later<number>>();
  const usersRead = new Map<string, number>();
  const sitesRead = new Map<string, number>();
  let userPageLength = 999;
  let sitePageLength = 300;
  let ratioSites = 0;
  let ratioUsers = 0;
  const siteRatio = (): number => (ratioUsers >= 50 ? Math.min(1, ratioSites / ratioUsers) : 1);
  // Users partitions read whole (not split) and users prefixes never read: no count will come for what lies under them.
  const uncounted = new Set<string>();
  const neverCounted = (prefix: string): boolean => {
    for (let length = 0; length <= prefix.length; length++) {
      if (uncounted.has(prefix.slice(0, length))) {
        return true;
      }
    }
    return false;
  };
  /** A users partition's count, once its first page has come — or undefined once it is known that none will come. */
  const laterCount = (prefix: string): Later<number> => {
    let later = countKnown.get(prefix);
    if (!later) {
      later = new Later<number>();
      countKnown.set(prefix, later);
      if (neverCounted(prefix)) {
        later.set(undefined);
      }
    }
    return later;
  };
  /** No users partition will read `prefix` or any prefix under it: whoever waits for their counts goes on. */
  const noCountUnder = (prefix: string): void => {
    uncounted.add(prefix);
    countKnown.forEach((later, known) => {
      if (known.startsWith(prefix)) {
        later.set(undefined);
      }
    });
  };
  /**
   * Users whose documented URL segment starts with a site prefix, from the users counts of the same length. Summed once
   * per site prefix and count known (the gate asks every waiting read's priority each time a place frees).
   */
  const underBySite = new Map<string, number>();
  const usersUnder = (sitePrefix: string): number | undefined => underBySite.get(sitePrefix);
  const countUsers = (upnPrefix: string, count: number): void => {
    const site = sitePrefixOf(upnPrefix);
    underBySite.set(site, (underBySite.get(site) || 0) - (userCounts.get(upnPrefix) || 0) + count);
    userCounts.set(upnPrefix, count);
  };
  const totalPages = (): number | undefined => {
    const all = total.value;
    return all === undefined ? undefined : Math.ceil(all / userPageLength) + Math.ceil((all * siteRatio()) / sitePageLength);
  };
  /** A chain nothing is known about yet: the average first-level chain. */
  const prior = (): number => {
    const pages = totalPages();
    return pages === undefined ? 1 : Math.max(1, pages / (UPN_ALPHABET.length + SITE_ALPHABET.length));
  };
  /** Split when the chain would outlast its share of all the pages over the requests in flight, with a margin. */
  const worthSplitting = (pagesLeft: number): boolean => {
    const pages = totalPages();
    return pages !== undefined && pagesLeft > splitAbove && pagesLeft > (1.25 * pages) / gate.limitOf();
  };

  // Users by prefix: a partition's size is on its first page (@odata.count).
  const users: PartitionKind<DirectoryUser> = {
    key: 'u',
    read: (prefix, next, signal, slot) => partitions.users.getUsersPageWithPrefix(prefix, next, signal, slot),
    onPage: (page, prefix, first) => {
      if (first) {
        if (page.totalEstimate !== undefined) {
          countUsers(prefix, page.totalEstimate);
        }
        if (page.next) {
          userPageLength = Math.max(1, page.items.length);
        }
        laterCount(prefix).set(page.totalEstimate);
      }
      usersRead.set(prefix, (usersRead.get(prefix) || 0) + page.items.length);
      // A partition's count is not the directory's: only the directory's count sets the total.
      const fresh = addUserPage(state, { items: page.items, ...(page.next ? { next: page.next } : {}) }, seenIds);
      report();
      return fresh;
    },
    pagesLeft: (prefix, pagesRead) => {
      const count = userCounts.get(prefix);
      return count === undefined ? prior() : Math.max(1, Math.ceil((count - (usersRead.get(prefix) || 0)) / userPageLength));
    },
    split: async (page, prefix) => {
      await total.promise;
      const count = page.totalEstimate;
      if (prefix.length >= MAX_PREFIX_LENGTH || count === undefined || !worthSplitting(Math.ceil(count / Math.max(1, page.items.length)))) {
        return undefined;
      }
      return UPN_NEXT_ALPHABET.map((c) => prefix + c);
    },
    leafDone: () => undefined,
    decided: (prefix, split) => {
      if (split) {
        laterCount(prefix).set(undefined);
      } else {
        noCountUnder(prefix);
      }
    },
  };

  // Sites by URL-segment prefix: sized by the users whose documented segment falls in the prefix.
  const coverage = new SiteCoverage();
  // The users are read by partition (their counts will come), and the letters' users partitions account for every
  // user of the directory (no UPN starts with another character): both known after round one / the letters' counts.
  let usersByPartition = false;
  let othersEmpty = false;
  const sitePagesLeft = (prefix: string, pagesRead: number): number => {
    const under = othersEmpty && !isLetter(prefix) ? 0 : usersUnder(prefix);
    if (under === undefined) {
      return prior();
    }
    return Math.max(1, Math.ceil((under * siteRatio()) / sitePageLength) - pagesRead);
  };
  // Round one's unfiltered sites (lower-case URL → listed again by a partition): the filter checked against the service.
  const sample = new Map<string, boolean>();
  const sites: PartitionKind<PersonalSite> = {
    key: 's',
    read: (prefix, next, signal, slot) => (partitions.sites as NonNullable<PartitionPorts['sites']>).getPersonalSitesPageWithPrefix(prefix, next, signal, slot),
    onPage: (page, prefix, first) => {
      if (first && page.next) {
        sitePageLength = Math.max(1, page.items.length);
      }
      sitesRead.set(prefix, (sitesRead.get(prefix) || 0) + page.items.length);
      if (sample.size > 0) {
        for (let i = 0; i < page.items.length; i++) {
          const url = ((page.items[i] as PersonalSite).url || '').toLowerCase();
          if (sample.has(url)) {
            sample.set(url, true);
          }
        }
      }
      const fresh = addSitePage(state, page, seenSites);
      report();
      return fresh;
    },
    pagesLeft: sitePagesLeft,
    split: async (page, prefix) => {
      if (prefix.length >= MAX_PREFIX_LENGTH) {
        return undefined;
      }
      // The users partitions of the same characters are read too (a letter's beside it, the others' once the letters
      // fall short of the directory's count, deeper ones when their parent splits): their counts size this one.
      if (usersByPartition) {
        await Promise.all(upnPrefixesFor(prefix).map((upnPrefix) => laterCount(upnPrefix).promise));
      }
      await total.promise;
      const under = usersUnder(prefix);
      if (under === undefined) {
        return undefined;
      }
      sitePageLength = Math.max(1, page.items.length);
      return worthSplitting(Math.ceil((under * siteRatio()) / sitePageLength)) ? SITE_ALPHABET.map((c) => prefix + c) : undefined;
    },
    leafDone: (prefix) => {
      coverage.add(prefix);
      const under = usersUnder(prefix);
      if (under !== undefined && under > 0) {
        ratioSites += sitesRead.get(prefix) || 0;
        ratioUsers += under;
      }
    },
  };

  /** The users single chain: `readOn` after the partitions (pages of users already seen are then no sign of a loop). */
  const singleUsers = (start: string | undefined, firstPage: number, readOn: boolean = false): Promise<ChainEnd> =>
    readChain<DirectoryUser>(
      (link, signal) => gated(gate, () => ports.directory.getUsersPage(link, signal), () => Number.MAX_SAFE_INTEGER, false),
      start,
      control,
      (page) => {
        const fresh = addUserPage(state, { items: page.items, ...(page.next ? { next: page.next } : {}) }, seenIds);
        report();
        return fresh;
      },
      { firstPage, ...(readOn ? { stalledPages: Number.MAX_SAFE_INTEGER } : {}) },
    );
  const singleSites = (start: string | undefined, firstPage: number, again: boolean = false): Promise<ChainEnd> =>
    readChain<PersonalSite>(
      (link, signal) => gated(gate, () => ports.sites.getPersonalSitesPage(link, signal), () => Number.MAX_SAFE_INTEGER, false),
      start,
      control,
      (page) => {
        const fresh = addSitePage(state, page, seenSites);
        report();
        return fresh;
      },
      // Read again after the partitions: pages of sites already seen are no sign of a loop.
      { firstPage, ...(again ? { stalledPages: Number.MAX_SAFE_INTEGER } : {}) },
    );

  function finish(): PartitionedEnd {
    if (unsubscribe) {
      unsubscribe();
    }
    end.peakInFlight = gate.peak;
    end.requests = gate.started;
    end.pauses = gate.pauses;
    return end;
  }
  function settleUsers(ended: ChainEnd): void {
    if (ended.kind === 'failed') {
      end.usersFailure = ended.failure;
      stopAll(control);
    }
  }
  function settleSites(ended: ChainEnd): void {
    if (ended.kind === 'failed') {
      if (fallsBackToPerUser(ended.failure)) {
        switchToPerUser(state, ended.failure);
        report();
      } else {
        end.sitesFailure = ended.failure;
        stopAll(control);
      }
      return;
    }
    if (ended.kind === 'done') {
      state.sitesDone = true;
      state.sitesNext = undefined;
    }
  }

  // Round one: the single chains' first pages, side by side. The users page carries the directory's count
  // (@odata.count), which decides: a tenant whose chains are short reads them on as they are (no partition would end
  // sooner), a larger one is read by partition (these pages' items are merged, each counted once).
  const sitesWanted = state.method !== 'per-user' && !state.sitesDone;
  const usersFirstRead = gated(gate, () => ports.directory.getUsersPage(undefined, control.signal), () => Number.MAX_SAFE_INTEGER, false);
  const sitesFirstRead = sitesWanted ? gated(gate, () => ports.sites.getPersonalSitesPage(undefined, control.signal), () => Number.MAX_SAFE_INTEGER, false) : undefined;
  const usersFirst = await usersFirstRead;
  const sitesFirst = sitesFirstRead ? await sitesFirstRead : undefined;
  if (isAborted(control.signal)) {
    return finish();
  }
  if (!usersFirst.ok) {
    settleUsers({ kind: 'failed', failure: usersFirst });
    return finish();
  }
  addUserPage(state, usersFirst.value, seenIds);
  report();
  total.set(usersFirst.value.totalEstimate);
  const usersNext = usersFirst.value.next !== undefined && usersFirst.value.next !== '' ? usersFirst.value.next : undefined;
  let sitesNext: string | undefined;
  if (sitesFirst !== undefined) {
    if (!sitesFirst.ok) {
      settleSites({ kind: 'failed', failure: sitesFirst });
      if (end.sitesFailure !== undefined) {
        return finish();
      }
    } else {
      if (sitesFirst.value.next) {
        sitePageLength = Math.max(1, sitesFirst.value.items.length);
      }
      addSitePage(state, sitesFirst.value, seenSites);
      report();
      for (const site of sitesFirst.value.items) {
        if (site.url) {
          sample.set(site.url.toLowerCase(), false);
        }
      }
      sitesNext = sitesFirst.value.next !== undefined && sitesFirst.value.next !== '' ? sitesFirst.value.next : undefined;
      if (sitesNext === undefined) {
        settleSites({ kind: 'done' });
      }
    }
  }
  if (usersNext !== undefined) {
    userPageLength = Math.max(1, usersFirst.value.items.length);
  }
  const sitesOn = partitions.sites !== undefined && sitesNext !== undefined && state.method !== 'per-user';
  const directoryTotal = total.value;
  // Pages each way would take at most (every user with a site): one chain after the other, or all of them over the
  // requests in flight with the first-level partitions' extra pages.
  const userPages = directoryTotal !== undefined ? Math.ceil(directoryTotal / userPageLength) : 1;
  const sitePages = sitesNext !== undefined && directoryTotal !== undefined ? Math.ceil(directoryTotal / sitePageLength) : 0;
  const byPartition =
    (userPages + sitePages + (usersNext !== undefined ? UPN_ALPHABET.length : 0) + (sitesOn ? SITE_ALPHABET.length : 0)) / gate.limitOf();
  // Each read is split only when its own chain would outlast all the pages over the requests in flight.
  const splitUsers = directoryTotal !== undefined && usersNext !== undefined && userPages > byPartition;
  const splitSites = directoryTotal !== undefined && sitesOn && sitePages > byPartition;

  if (!splitUsers && !splitSites) {
    // Round one's pages are in the checkpoint (with their next links): scanTenant reads on as the single chains.
    end.mode = 'single';
    end.handedBack = true;
    return finish();
  }

  // Every first-level partition asks at once, users and sites of the same letter side by side (the sites' split waits
  // for that count). The partitions of the other characters start once the letters' users counts are in: the users
  // ones only when the letters fall short of the directory's count; the sites ones always (complete by construction),
  // sized by those users counts — when the letters account for everyone, they are usually empty and read last.
  end.mode = 'partitioned';
  usersByPartition = splitUsers;
  const letters = UPN_ALPHABET.filter(isLetter);
  const others = UPN_ALPHABET.filter((c) => !isLetter(c));
  const userLetterEnds: Array<Promise<ChainEnd>> = [];
  const siteEnds: Array<Promise<ChainEnd>> = [];
  for (const c of letters) {
    if (splitUsers) {
      userLetterEnds.push(readPartition(users, c, gate, control, underWay));
    }
    if (splitSites) {
      siteEnds.push(readPartition(sites, c, gate, control, underWay));
    }
  }
  if (!splitUsers) {
    noCountUnder('');
  }
  const lettersCounted = Promise.all(letters.map((c) => laterCount(c).promise)).then((): boolean => {
    let inLetters = 0;
    let counted = true;
    letters.forEach((c) => {
      const count = userCounts.get(c);
      counted = counted && count !== undefined;
      inLetters += count || 0;
    });
    othersEmpty = splitUsers && counted && directoryTotal !== undefined && inLetters >= directoryTotal;
    const othersWanted = splitUsers && !othersEmpty;
    if (!othersWanted) {
      others.forEach((c) => noCountUnder(c));
    }
    return othersWanted;
  });
  const userOthersEnded: Promise<ChainEnd> = lettersCounted.then(async (othersWanted) =>
    othersWanted ? firstFailure(await Promise.all(others.map((c) => readPartition(users, c, gate, control, underWay)))) : { kind: 'done' },
  );
  if (splitSites) {
    const otherSites = SITE_ALPHABET.filter((c) => !isLetter(c));
    siteEnds.push(
      lettersCounted.then(async () => {
        if (othersEmpty) {
          // No user's UPN starts with these characters: their partitions (a site only for a renamed or removed user)
          // wait until fewer chains are under way than places, and fill the places the last chains leave idle.
          await underWay.fewerThan(gate.limitOf());
        }
        return firstFailure(await Promise.all(otherSites.map((c) => readPartition(sites, c, gate, control, underWay))));
      }),
    );
  }

  const usersDone = (async (): Promise<void> => {
    if (!splitUsers) {
      const ended = usersNext !== undefined ? await singleUsers(usersNext, 2) : ({ kind: 'done' } as ChainEnd);
      settleUsers(ended);
      if (ended.kind === 'done') {
        finishUsers(state, directoryTotal);
      }
      return;
    }
    const lettersEnded = firstFailure(await Promise.all(userLetterEnds));
    const othersEnded = await userOthersEnded;
    const ended = firstFailure([lettersEnded, othersEnded]);
    if (ended.kind !== 'done') {
      settleUsers(ended);
      return;
    }
    if (directoryTotal === undefined || state.usersSeen < directoryTotal) {
      // Users no prefix listed (or no total to tell): the single chain read on, each user still counted once.
      const rest = await singleUsers(usersNext, 2, true);
      if (rest.kind !== 'done') {
        settleUsers(rest);
        return;
      }
    }
    finishUsers(state, directoryTotal);
  })();

  const sitesDone = (async (): Promise<void> => {
    if (!splitSites) {
      if (sitesNext !== undefined && state.method !== 'per-user') {
        settleSites(await singleSites(sitesNext, 2));
      }
      return;
    }
    const ended = firstFailure(await Promise.all(siteEnds));
    if (ended.kind === 'done') {
      // Every site of round one's unfiltered page that a listed prefix stands for must have come back from a partition;
      // one that did not means the filter does not match as the evidence says (case, wildcards, host): the sites are
      // then read as the single chain, complete by construction.
      let missed = 0;
      sample.forEach((listed, url) => {
        if (!listed && coverage.shouldList(url)) {
          missed++;
        }
      });
      if (missed > 0) {
        end.filterMismatch = missed;
        settleSites(await singleSites(undefined, 1, true));
        return;
      }
    }
    settleSites(ended);
    if (ended.kind === 'done' && options.trustSitePrefixes !== true) {
      end.confirmUnmatched = true;
      end.confirmOnly = (user: CompactUser): boolean => !coverage.covers(user.upn);
    }
  })();

  await Promise.all([usersDone, sitesDone]);
  return finish();
}

/**
 * The partitioned reads (ScanOptions.partitioned): both reads split by prefix into chains that run side by side through
 * one Gate (at most `concurrency` requests in flight in total), a partition split further when its first page shows it
 * is large, the pages merged into the same checkpoint as the single chains (each user and site counted once).
 *
 * Completeness (partitions.ts): the users read also reads the single chain's first page, whose `@odata.count` is the
 * directory's total; when the partitions bring fewer distinct users, the single chain is read on from there. Sites:
 * the caller checks one by one every considered user left without a site (`confirmUnmatched`).
 */
import type { Failure, Outcome } from '../../common/outcome';
import type { DirectoryUser, Page, PersonalSite, ScanPorts } from '../ports';
import { call, isAborted, readChain, type ChainControl, type ChainEnd } from './chains';
import { addSitePage, addUserPage, fallsBackToPerUser, switchToPerUser } from './checkpoint';
import {
  DEFAULT_PARTITION_CONCURRENCY,
  DEFAULT_SPLIT_ABOVE_PAGES,
  Gate,
  MAX_PREFIX_LENGTH,
  SITE_ALPHABET,
  sitePrefixOf,
  UPN_ALPHABET,
  UPN_NEXT_ALPHABET,
} from './partitions';
import type { ScanCheckpoint } from './types';

export interface PartitionedScanOptions {
  /** Requests in flight in total, users and sites together (default 8). */
  concurrency?: number;
  /** Split a partition whose first page shows more than this many pages (default 3). */
  splitAbovePages?: number;
  /**
   * Skip the one-by-one check of users left without a listed site (default false). Only safe if every personal URL
   * segment starts with [a-z0-9_] as the sites' `-like` sees it — an assumption no document confirms.
   */
  trustSitePrefixes?: boolean;
}

export interface PartitionedEnd {
  usersFailure?: Failure;
  sitesFailure?: Failure;
  /** The sites were read by partition: considered users without a listed site are to be checked one by one. */
  confirmUnmatched: boolean;
  /** Most requests in flight at once. */
  peakInFlight: number;
}

/** Another read failed: every chain finishes the page in flight, then stops. */
function stopAll(control: ChainControl): void {
  control.stop = true;
}

function finishUsers(state: ScanCheckpoint): void {
  state.usersDone = true;
  state.usersNext = undefined;
}

type PrefixRead<T> = (prefix: string, next: string | undefined, signal?: AbortSignal) => Promise<Outcome<Page<T>>>;

/** Throttled (429) or unavailable (503) after the transport's own retries: the whole scan waits, then asks again. */
const THROTTLE_ATTEMPTS = 5;
const THROTTLE_BASE_MS = 500;

async function gated<T>(gate: Gate, run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  for (let attemptNo = 1; ; attemptNo++) {
    const outcome = await gate.run(() => call(run));
    if (outcome.ok || (outcome.status !== 429 && outcome.status !== 503) || attemptNo >= THROTTLE_ATTEMPTS) {
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

/** One partition: its first page, then either its children (when `split` names them) or the rest of its chain. */
async function readPartition<T>(
  read: PrefixRead<T>,
  prefix: string,
  gate: Gate,
  control: ChainControl,
  onPage: (page: Page<T>, prefix: string, first: boolean) => number,
  split: (first: Page<T>, prefix: string) => Promise<string[] | undefined>,
): Promise<ChainEnd> {
  if (control.stop || isAborted(control.signal)) {
    return { kind: 'stopped' };
  }
  const first = await gated(gate, () => read(prefix, undefined, control.signal));
  if (isAborted(control.signal)) {
    return { kind: 'stopped' };
  }
  if (!first.ok) {
    return { kind: 'failed', failure: first };
  }
  onPage(first.value, prefix, true);
  if (first.value.next === undefined || first.value.next === '') {
    return { kind: 'done' };
  }
  const children = await split(first.value, prefix);
  if (children !== undefined) {
    // The children list this partition's items again (the first page's are counted once): one page more, no gap.
    const ends = await Promise.all(children.map((child) => readPartition(read, child, gate, control, onPage, split)));
    return firstFailure(ends);
  }
  return readChain<T>((next, signal) => gated(gate, () => read(prefix, next, signal)), first.value.next, control, (page) => onPage(page, prefix, false), {
    firstPage: 2,
  });
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
  const partitions = ports.partitions;
  const end: PartitionedEnd = { confirmUnmatched: false, peakInFlight: 0 };
  if (!partitions) {
    return end;
  }
  const gate = new Gate(Math.max(1, options.concurrency !== undefined ? options.concurrency : DEFAULT_PARTITION_CONCURRENCY));
  const splitAbove = Math.max(1, options.splitAbovePages !== undefined ? options.splitAbovePages : DEFAULT_SPLIT_ABOVE_PAGES);

  // Users by prefix: the partition's size is on its first page (@odata.count).
  const userCounts = new Map<string, number>();
  let firstRoundLeft = UPN_ALPHABET.length;
  let firstRoundDone: () => void = () => undefined;
  const countsKnown = new Promise<void>((resolve) => {
    firstRoundDone = resolve;
  });
  const userPage = (page: Page<DirectoryUser>, prefix: string, first: boolean): number => {
    if (first && page.totalEstimate !== undefined) {
      userCounts.set(prefix, page.totalEstimate);
    }
    if (first && prefix.length === 1) {
      firstRoundLeft--;
      if (firstRoundLeft === 0) {
        firstRoundDone();
      }
    }
    // A partition's count is not the directory's: only the single chain's first page sets the total.
    const fresh = addUserPage(state, { items: page.items, ...(page.next ? { next: page.next } : {}) }, seenIds);
    report();
    return fresh;
  };
  let directoryTotal: number | undefined;
  let sitePageLength = 300;
  let userPageLength = 999;
  const usersRead = partitions.users;
  const readUsers: PrefixRead<DirectoryUser> = (prefix, next, signal) => usersRead.getUsersPageWithPrefix(prefix, next, signal);
  // The single chain's first page: the directory's total (the completeness check) and its users.
  const whole = gated(gate, () => ports.directory.getUsersPage(undefined, control.signal)).then((page) => {
    if (page.ok) {
      directoryTotal = page.value.totalEstimate;
      userPageLength = page.value.items.length;
    }
    return page;
  });
  // A partition is split only when it would be longer than its share of all the pages (users and sites) over the
  // requests in flight: splitting smaller ones costs a request per (often empty) child and gains nothing.
  const sharePages = (userPageLength: number, sitePageLength: number): number => {
    if (directoryTotal === undefined) {
      return splitAbove;
    }
    const pages = Math.ceil(directoryTotal / Math.max(1, userPageLength)) + Math.ceil(directoryTotal / Math.max(1, sitePageLength));
    return Math.max(splitAbove, Math.ceil(pages / gate.limitOf()));
  };
  const userSplit = async (page: Page<DirectoryUser>, prefix: string): Promise<string[] | undefined> => {
    const total = page.totalEstimate;
    await whole;
    if (prefix.length >= MAX_PREFIX_LENGTH || total === undefined || total <= sharePages(page.items.length, sitePageLength) * page.items.length) {
      return undefined;
    }
    return UPN_NEXT_ALPHABET.map((c) => prefix + c);
  };
  const userEnds = Promise.all(UPN_ALPHABET.map((c) => readPartition(readUsers, c, gate, control, userPage, userSplit)));

  const usersDone = (async (): Promise<void> => {
    try {
      await readUsersToEnd();
    } finally {
      // A failed or stopped read must not leave the sites waiting for counts.
      firstRoundDone();
    }
  })();
  async function readUsersToEnd(): Promise<void> {
    const wholePage = await whole;
    if (!wholePage.ok) {
      end.usersFailure = wholePage;
      stopAll(control);
      await userEnds;
      return;
    }
    addUserPage(state, wholePage.value, seenIds);
    report();
    const ended = firstFailure(await userEnds);
    if (ended.kind === 'failed') {
      end.usersFailure = ended.failure;
      stopAll(control);
      return;
    }
    if (ended.kind === 'stopped') {
      return;
    }
    const total = wholePage.value.totalEstimate;
    const next = wholePage.value.next;
    if (next !== undefined && (total === undefined || state.usersSeen < total)) {
      // Users no prefix listed (or no total to tell): the single chain is read on, each user still counted once.
      const rest = await readChain<DirectoryUser>(
        (link, signal) => gated(gate, () => ports.directory.getUsersPage(link, signal)),
        next,
        control,
        (page) => {
          const fresh = addUserPage(state, page, seenIds);
          report();
          return fresh;
        },
        { firstPage: 2, stalledPages: Number.MAX_SAFE_INTEGER },
      );
      if (rest.kind === 'failed') {
        end.usersFailure = rest.failure;
        stopAll(control);
        return;
      }
      if (rest.kind === 'stopped') {
        return;
      }
    }
    finishUsers(state);
  }

  // Sites by URL-segment prefix, split by the users' counts (a personal URL segment is the sanitised UPN).
  const sitesRead = partitions.sites;
  const sitesDone = (async (): Promise<void> => {
    if (state.method === 'per-user' || state.sitesDone) {
      return;
    }
    if (!sitesRead) {
      const single = await readChain<PersonalSite>(
        (next, signal) => gated(gate, () => ports.sites.getPersonalSitesPage(next, signal)),
        undefined,
        control,
        (page) => {
          const fresh = addSitePage(state, page, seenSites);
          report();
          return fresh;
        },
      );
      settleSites(single);
      return;
    }
    const estimate = (prefix: string): number => {
      let sum = 0;
      userCounts.forEach((count, upnPrefix) => {
        if (upnPrefix.length === prefix.length && sitePrefixOf(upnPrefix) === prefix) {
          sum += count;
        }
      });
      return sum;
    };
    const sitePage = (page: Page<PersonalSite>): number => {
      const fresh = addSitePage(state, page, seenSites);
      report();
      return fresh;
    };
    const siteSplit = async (page: Page<PersonalSite>, prefix: string): Promise<string[] | undefined> => {
      if (prefix.length >= MAX_PREFIX_LENGTH) {
        return undefined;
      }
      await countsKnown;
      sitePageLength = page.items.length;
      return estimate(prefix) > sharePages(userPageLength, page.items.length) * page.items.length ? SITE_ALPHABET.map((c) => prefix + c) : undefined;
    };
    const readSites: PrefixRead<PersonalSite> = (prefix, next, signal) => sitesRead.getPersonalSitesPageWithPrefix(prefix, next, signal);
    const ends = await Promise.all(SITE_ALPHABET.map((c) => readPartition(readSites, c, gate, control, sitePage, siteSplit)));
    const ended = firstFailure(ends);
    settleSites(ended);
    if (ended.kind === 'done') {
      end.confirmUnmatched = options.trustSitePrefixes !== true;
    }
  })();

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

  await Promise.all([usersDone, sitesDone]);
  end.peakInFlight = gate.peak;
  return end;
}

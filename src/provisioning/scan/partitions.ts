/**
 * Partitions of the scan's two reads, the shared gate every partitioned request goes through, and which users a
 * partitioned site read leaves in doubt.
 *
 * Users: by the first character(s) of the UPN. Graph documents the UPN alphabet ("Only the following characters are
 * allowed A - Z, a - z, 0 - 9, ' . - _ ! # ^ ~"; bench/README.md, "Partitioned scan: evidence"); prefixes are sent in
 * lower case. A split partition's children add one character of that alphabet or `@` (the UPN's local part ends there).
 * A user outside every prefix is not lost: the partitioned users read is checked against the directory's count, and the
 * single chain is read when they differ (see partitionedChains.ts).
 *
 * Personal sites: by the first character(s) of the personal URL segment. Microsoft documents how SharePoint writes that
 * segment from the UPN: "any special characters such as a period, comma, space, and the at sign ("@") are converted to
 * underscores ("_")" (list-onedrive-urls), an underscore stays (upn-changes), "numbers or GUIDs might be appended" on a
 * conflict (at the end). Two things are not documented: whether `-` is kept, and the case of the URL (and of `-like`).
 * So a user is covered by the site read only when the part of their UPN a read prefix stands for holds neither a capital
 * nor a `-`; every other user the read leaves without a site is checked one by one (`SiteCoverage`).
 */
import type { RequestSlot } from '../ports';

/** The first characters of a UPN, lower case (Graph user resource: the allowed characters). */
export const UPN_ALPHABET: ReadonlyArray<string> = "abcdefghijklmnopqrstuvwxyz0123456789'.-_!#^~".split('');
/** A character after the first: the alphabet, or `@` (the local part ends). */
export const UPN_NEXT_ALPHABET: ReadonlyArray<string> = UPN_ALPHABET.concat(['@']);
/** The characters of a personal URL segment as SharePoint writes it (UPN with other characters as `_`). */
export const SITE_ALPHABET: ReadonlyArray<string> = 'abcdefghijklmnopqrstuvwxyz0123456789_'.split('');

/** The personal URL segment the documented rule gives for a UPN (or a UPN prefix): lower case, other characters `_`. */
export function sitePrefixOf(upnPrefix: string): string {
  return upnPrefix.toLowerCase().replace(/[^a-z0-9]/g, '_');
}

/**
 * The UPN prefixes (lower case) whose documented URL segment starts with `sitePrefix`: the users a sites partition is
 * sized by. A letter or digit stands for itself; `_` for every other character of the UPN alphabet (and `@` after the
 * first character).
 */
export function upnPrefixesFor(sitePrefix: string): string[] {
  let prefixes: string[] = [''];
  for (let i = 0; i < sitePrefix.length; i++) {
    const wanted = sitePrefix.charAt(i);
    const alphabet = i === 0 ? UPN_ALPHABET : UPN_NEXT_ALPHABET;
    const longer: string[] = [];
    for (const start of prefixes) {
      for (const c of alphabet) {
        if (sitePrefixOf(c) === wanted) {
          longer.push(start + c);
        }
      }
    }
    prefixes = longer;
  }
  return prefixes;
}

const PERSONAL = '/personal/';

/** Characters of a UPN whose form in the URL segment no document settles: capitals (case) and `-` (kept or `_`). */
const UNSETTLED = /[A-Z-]/;

/**
 * The site prefixes a partitioned read listed to the end (leaves: not split further), and so which users it covers.
 * A user is covered when the documented segment of their UPN starts with a listed leaf and the UPN's characters under
 * that leaf are all settled; a covered user the read did not find has no personal site by the documented rule.
 */
export class SiteCoverage {
  private readonly leaves: Set<string> = new Set<string>();
  private longest: number = 0;
  /** covers() by the UPN's first `longest` characters, while the leaves stay as they are. */
  private readonly answers: Map<string, boolean> = new Map<string, boolean>();

  public add(prefix: string): void {
    this.leaves.add(prefix);
    this.longest = Math.max(this.longest, prefix.length);
    this.answers.clear();
  }

  /**
   * Whether a listed leaf should have listed a site, by its URL (the part after `/personal/`, lower case): the check of
   * round one's unfiltered sites against what the partitions brought.
   */
  public shouldList(url: string): boolean {
    const lower = url.toLowerCase();
    const at = lower.indexOf(PERSONAL);
    if (at < 0) {
      return false;
    }
    const segment = lower.slice(at + PERSONAL.length);
    for (let length = 1; length <= this.longest && length <= segment.length; length++) {
      if (this.leaves.has(segment.slice(0, length))) {
        return true;
      }
    }
    return false;
  }

  public covers(upn: string): boolean {
    // Only the first characters can match a leaf (the rule is per character): the answer depends on them alone, and
    // there are few distinct ones — each is worked out once (the end of a scan asks this for every user).
    const head = upn.length > this.longest ? upn.slice(0, this.longest) : upn;
    const known = this.answers.get(head);
    if (known !== undefined) {
      return known;
    }
    const segment = sitePrefixOf(head);
    let covered = false;
    for (let length = 1; length <= this.longest && length <= segment.length; length++) {
      if (this.leaves.has(segment.slice(0, length))) {
        covered = !UNSETTLED.test(head.slice(0, length));
        break;
      }
    }
    this.answers.set(head, covered);
    return covered;
  }
}

/** Default requests in flight in total (users and sites together). */
export const DEFAULT_PARTITION_CONCURRENCY: number = 8;
/** A partition is never split when its first page shows this many pages or fewer. */
export const DEFAULT_SPLIT_ABOVE_PAGES: number = 3;
/** Longest prefix a split goes to. */
export const MAX_PREFIX_LENGTH: number = 3;

/** The transport's own waits (429/503 it retries itself), as the adapters publish them (TransportWaits). */
export interface WaitSource {
  subscribe(listener: (wait: { until: string }) => void): () => void;
}

/** Calls under way beyond the places (Gate.runRequests): requests built and ready to go when a place frees. */
export const ADMITTED_BEYOND_PLACES: number = 4;

/** A chain's place kept between two of its requests while `wanted` says so (Gate.runRequests). */
export class KeptPlace {
  public held: boolean = false;

  public constructor(public readonly wanted: () => boolean) {}
}

interface Waiting {
  resume: () => void;
  priority: () => number;
  order: number;
}

/**
 * At most `limit` requests in flight. A free place goes to the waiting request of highest priority (asked when the place
 * frees, so estimates may change meanwhile), in arrival order among equals. `pause` holds every request not yet sent
 * until a time: a 429 slows the whole scan, not only the chain that got it.
 *
 * Two ways to take a place: `run` holds one for a whole call (a port that does not report its requests); `runRequests`
 * gives the call a RequestSlot, so a place is held only from the moment a request is sent to the moment its answer
 * arrives — the requests in flight, not the work before and after them.
 */
export class Gate {
  private inFlight: number = 0;
  private readonly waiting: Waiting[] = [];
  private admitted: number = 0;
  private readonly admitting: Waiting[] = [];
  private resumeAt: number = 0;
  private arrivals: number = 0;
  /** Most requests in flight at once, for tests and the benchmark. */
  public peak: number = 0;
  /** Places given (requests sent), and pauses asked (by a throttled answer or the transport's own wait). */
  public started: number = 0;
  public pauses: number = 0;

  public constructor(private readonly limit: number) {}

  public limitOf(): number {
    return this.limit;
  }

  public pause(ms: number): void {
    this.pauseUntil(Date.now() + ms);
  }

  public pauseUntil(at: number): void {
    if (!isNaN(at)) {
      this.pauses++;
      this.resumeAt = Math.max(this.resumeAt, at);
    }
  }

  /** Holds a place for the whole call. */
  public async run<T>(call: () => Promise<T>, priority?: () => number): Promise<T> {
    const waiting = this.take(priority);
    if (waiting !== undefined) {
      await waiting;
    }
    try {
      return await call();
    } finally {
      this.free();
    }
  }

  /**
   * Runs the call at once with a RequestSlot: each of its requests waits in `sending` for a place and frees it in
   * `answered`. A place still held when the call ends (no answer: a network error, a cancel) is freed then.
   *
   * With `keep` (a chain's KeptPlace), an answered request keeps its place for the chain's next request instead of
   * freeing it, when others wait and the chain wants it (`wanted`: the chain the scan would wait for at its end), so that
   * chain does not wait for a place between its pages — the place stays idle only while the page is read. The chain
   * gives the place back with `release` when it ends.
   */
  public async runRequests<T>(call: (slot: RequestSlot) => Promise<T>, priority?: () => number, keep?: KeptPlace): Promise<T> {
    // A chain with a kept place goes on at once; any other call is let in by priority, a few more than the places.
    const admitted = keep === undefined || !keep.held;
    if (admitted) {
      const waiting = this.admit(priority);
      if (waiting !== undefined) {
        await waiting;
      }
    }
    try {
      return await this.runAdmitted(call, priority, keep);
    } finally {
      if (admitted) {
        this.unadmit();
      }
    }
  }

  private async runAdmitted<T>(call: (slot: RequestSlot) => Promise<T>, priority?: () => number, keep?: KeptPlace): Promise<T> {
    let held = false;
    const slot: RequestSlot = {
      sending: (): Promise<void> => {
        if (held) {
          return Promise.resolve();
        }
        if (keep !== undefined && keep.held) {
          // The chain's kept place: this request goes at once (after a pause the whole scan is in).
          keep.held = false;
          held = true;
          this.started++;
          return this.pauseOver();
        }
        const waiting = this.take(priority);
        if (waiting === undefined) {
          held = true;
          return Promise.resolve();
        }
        return waiting.then(() => {
          held = true;
        });
      },
      answered: (): void => {
        if (!held) {
          return;
        }
        held = false;
        if (keep !== undefined && !keep.held && this.waiting.length > 0 && keep.wanted()) {
          keep.held = true;
          return;
        }
        this.free();
      },
    };
    try {
      return await call(slot);
    } finally {
      slot.answered();
    }
  }

  /** A chain's kept place back to the gate (the chain ended, or split into children). */
  public release(keep: KeptPlace): void {
    if (keep.held) {
      keep.held = false;
      this.free();
    }
  }

  /**
   * Lets a call start its request (undefined: at once), at most `limit + ADMITTED_BEYOND_PLACES` under way: enough for the
   * next requests to be ready when places free, few enough that no request waits long for its place. A request object
   * kept waiting outlives the young generation's collections and ends as old-generation garbage: with every chain's
   * next request built ahead, the heap's peak at 1,000,000 users grew by 150-300 MB.
   */
  private admit(priority?: () => number): Promise<void> | undefined {
    if (this.admitted < this.limit + ADMITTED_BEYOND_PLACES) {
      this.admitted++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.admitting.push({ resume: resolve, priority: priority || (() => 0), order: this.arrivals++ }));
  }

  private unadmit(): void {
    const next = highest(this.admitting);
    if (next) {
      next.resume();
    } else {
      this.admitted--;
    }
  }

  /** Takes a place now (undefined) when one is free and no pause holds, or waits for one (the promise). */
  private take(priority?: () => number): Promise<void> | undefined {
    if (this.inFlight < this.limit && this.resumeAt <= Date.now()) {
      this.inFlight++;
      this.peak = Math.max(this.peak, this.inFlight);
      this.started++;
      return undefined;
    }
    return this.takeLater(priority);
  }

  /** Waits for a place (and the end of a pause, holding it: the request is next to go). */
  private async takeLater(priority?: () => number): Promise<void> {
    if (this.inFlight >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push({ resume: resolve, priority: priority || (() => 0), order: this.arrivals++ }));
    } else {
      this.inFlight++;
    }
    this.peak = Math.max(this.peak, this.inFlight);
    await this.pauseOver();
    this.started++;
  }

  /** Resolves when no pause holds (at once when none does). */
  private async pauseOver(): Promise<void> {
    for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) {
      await new Promise<void>((resolve) => setTimeout(resolve, wait));
    }
  }

  /** A place is free: to the waiting request of highest priority, or back to the pool. */
  private free(): void {
    const next = this.takeNext();
    if (next) {
      next.resume();
    } else {
      this.inFlight--;
    }
  }

  private takeNext(): Waiting | undefined {
    return highest(this.waiting);
  }
}

/** Takes out the waiting entry of highest priority (asked now), the earliest among equals. */
function highest(waiting: Waiting[]): Waiting | undefined {
  if (waiting.length === 0) {
    return undefined;
  }
  let best = 0;
  let bestPriority = (waiting[0] as Waiting).priority();
  for (let i = 1; i < waiting.length; i++) {
    const candidate = waiting[i] as Waiting;
    const p = candidate.priority();
    if (p > bestPriority || (p === bestPriority && candidate.order < (waiting[best] as Waiting).order)) {
      best = i;
      bestPriority = p;
    }
  }
  return waiting.splice(best, 1)[0];
}

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

interface Waiting {
  resume: () => void;
  priority: () => number;
  order: number;
}

/**
 * At most `limit` calls in flight. A free place goes to the waiting call of highest priority (asked when the place
 * frees, so estimates may change meanwhile), in arrival order among equals. `pause` holds every call not yet started
 * until a time: a 429 slows the whole scan, not only the chain that got it.
 */
export class Gate {
  private inFlight: number = 0;
  private readonly waiting: Waiting[] = [];
  private resumeAt: number = 0;
  private arrivals: number = 0;
  /** Most calls in flight at once, for tests and the benchmark. */
  public peak: number = 0;
  /** Calls started, and pauses asked (by a throttled answer or the transport's own wait). */
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

  public async run<T>(call: () => Promise<T>, priority?: () => number): Promise<T> {
    if (this.inFlight >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push({ resume: resolve, priority: priority || (() => 0), order: this.arrivals++ }));
    } else {
      this.inFlight++;
    }
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) {
        await new Promise<void>((resolve) => setTimeout(resolve, wait));
      }
      this.started++;
      return await call();
    } finally {
      const next = this.takeNext();
      if (next) {
        next.resume();
      } else {
        this.inFlight--;
      }
    }
  }

  private takeNext(): Waiting | undefined {
    if (this.waiting.length === 0) {
      return undefined;
    }
    let best = 0;
    let bestPriority = (this.waiting[0] as Waiting).priority();
    for (let i = 1; i < this.waiting.length; i++) {
      const candidate = this.waiting[i] as Waiting;
      const p = candidate.priority();
      if (p > bestPriority || (p === bestPriority && candidate.order < (this.waiting[best] as Waiting).order)) {
        best = i;
        bestPriority = p;
      }
    }
    return this.waiting.splice(best, 1)[0];
  }
}

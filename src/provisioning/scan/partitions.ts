/**
 * Partitions of the scan's two reads, and the shared gate every partitioned request goes through.
 *
 * Users: by the first character(s) of the UPN. Graph documents the UPN alphabet ("Only the following characters are
 * allowed A - Z, a - z, 0 - 9, ' . - _ ! # ^ ~"; bench/README.md, "Partitioned scan: evidence"); prefixes are sent in
 * lower case and the directory's string filters compare case-insensitively. A split partition's children add one
 * character of that alphabet or `@` (the UPN's local part ends there). A user outside every prefix is not lost: the
 * partitioned users read is checked against the single chain's `@odata.count`, and the single chain is read when they
 * differ (see partitionedChains.ts).
 *
 * Personal sites: by the first character(s) of the personal URL segment (the sanitised UPN). Whatever the service's
 * sanitisation or case rules, a site no prefix lists cannot make a user "unprovisioned": every considered user the
 * partitioned read leaves without a site is checked one by one afterwards.
 */

/** The first characters of a UPN, lower case (Graph user resource: the allowed characters). */
export const UPN_ALPHABET: ReadonlyArray<string> = "abcdefghijklmnopqrstuvwxyz0123456789'.-_!#^~".split('');
/** A character after the first: the alphabet, or `@` (the local part ends). */
export const UPN_NEXT_ALPHABET: ReadonlyArray<string> = UPN_ALPHABET.concat(['@']);
/** The characters of a personal URL segment as SharePoint writes it (UPN with other characters as `_`). */
export const SITE_ALPHABET: ReadonlyArray<string> = 'abcdefghijklmnopqrstuvwxyz0123456789_'.split('');

/** A UPN prefix as the site prefix it becomes: lower case, every character outside [a-z0-9] as `_`. */
export function sitePrefixOf(upnPrefix: string): string {
  return upnPrefix.toLowerCase().replace(/[^a-z0-9]/g, '_');
}

/** Default requests in flight in total (users and sites together). */
export const DEFAULT_PARTITION_CONCURRENCY: number = 8;
/** A partition is split when its first page shows more than this many pages. */
export const DEFAULT_SPLIT_ABOVE_PAGES: number = 3;
/** Longest prefix a split goes to. */
export const MAX_PREFIX_LENGTH: number = 3;

/**
 * At most `limit` calls in flight, in arrival order; `pause` holds every call not yet started until a time (a 429 slows
 * the whole scan, not only the chain that got it).
 */
export class Gate {
  private inFlight: number = 0;
  private readonly waiting: Array<() => void> = [];
  private resumeAt: number = 0;
  /** Most calls in flight at once, for tests and the benchmark. */
  public peak: number = 0;

  public constructor(private readonly limit: number) {}

  public limitOf(): number {
    return this.limit;
  }

  public pause(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
  }

  public async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.inFlight++;
    }
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      const wait = this.resumeAt - Date.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => setTimeout(resolve, wait));
      }
      return await call();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.inFlight--;
      }
    }
  }
}

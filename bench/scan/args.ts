/**
 * bench:scan's command line: sizes, simulator knobs (latency, Graph rate limit, site page size), repeats and output.
 * `--help` is answered by bench/scan.ts before these are parsed.
 */
import '../support/loc';
import path from 'node:path';
import { DEFAULT_PER_USER_CONCURRENCY } from '../../src/provisioning/scan';

/**
 * Page size of the tenant admin personal-site enumeration (CSOM GetSitePropertiesFromSharePointByFilters). Microsoft
 * does not document it; 300 is the figure the simulator uses (demo/simulator/csom.ts DEFAULT_PAGE_SIZE) and the one
 * assumed here.
 */
export const ASSUMED_SITE_PAGE = 300;
export const TARGET = { wallOverLimit: 1.25, requestsOverMinimum: 1.2, speedup: 3, atUsers: 100000 };
/** Issue 14's targets for the partitioned scan (100 ms per request, simulator rate limits on). */
export const PARTITIONED_TARGET = {
  at100k: { users: 100000, wallS: 5, requestsOverMinimum: 1.3, heapMB: 150, throttled: 0 },
  at1m: { users: 1000000, wallS: 60, heapMB: 600 },
};
/** The naive baseline is run up to this size (it takes minutes at 100,000 users). */
export const NAIVE_MAX_USERS = 100000;

export interface Args {
  sizes: number[];
  latencyMs: number;
  naiveConcurrency: number;
  graphUnits: number;
  graphWindow: number;
  sitePage: number;
  naive: boolean;
  breakdown: boolean;
  /** Runs of our method per size (the median is reported); the naive baseline runs once. */
  repeat: number;
  out: string;
  /** Our method as the product runs it (the two single chains); --no-single leaves it out. */
  single: boolean;
  /** The partitioned scan (ScanOptions.partitioned) beside it, with this many requests in flight; undefined: not run. */
  partitioned?: number;
  /** --trust-site-prefixes: no one-by-one check of users left without a listed site (an assumption, see README). */
  trustSitePrefixes: boolean;
  /** --student-numbers S: share (0..1) of the generated users whose UPN is a number (a school's students); default 0. */
  studentNumbers: number;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    sizes: [1000, 10000, 100000],
    latencyMs: 100,
    naiveConcurrency: DEFAULT_PER_USER_CONCURRENCY,
    graphUnits: 8000,
    graphWindow: 10,
    sitePage: ASSUMED_SITE_PAGE,
    naive: true,
    breakdown: false,
    repeat: 3,
    single: true,
    partitioned: 8,
    trustSitePrefixes: false,
    studentNumbers: 0,
    out: path.join(__dirname, '..', 'results', 'scan-latest.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const positive = (v: string, what: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive whole number (got '${v}')`);
      return n;
    };
    switch (name) {
      case '--sizes':
        args.sizes = value()
          .split(',')
          .map((s) => positive(s.trim().replace(/_/g, ''), '--sizes'));
        break;
      case '--latency':
        args.latencyMs = Number(value());
        if (!(args.latencyMs >= 0)) throw new Error('--latency must be ≥ 0');
        break;
      case '--naive-concurrency':
        args.naiveConcurrency = positive(value(), '--naive-concurrency');
        break;
      case '--graph-units':
        args.graphUnits = positive(value(), '--graph-units');
        break;
      case '--graph-window':
        args.graphWindow = positive(value(), '--graph-window');
        break;
      case '--site-page':
        args.sitePage = positive(value(), '--site-page');
        break;
      case '--no-naive':
        args.naive = false;
        break;
      case '--breakdown':
        args.breakdown = true;
        break;
      case '--partitioned':
        args.partitioned = args.partitioned ?? 8;
        break;
      case '--no-partitioned':
        args.partitioned = undefined;
        break;
      case '--no-single':
        args.single = false;
        break;
      case '--trust-site-prefixes':
        args.trustSitePrefixes = true;
        break;
      case '--student-numbers':
        args.studentNumbers = Number(value());
        if (!(args.studentNumbers >= 0 && args.studentNumbers <= 1)) throw new Error('--student-numbers must be a share between 0 and 1');
        break;
      case '--partition-concurrency':
        args.partitioned = positive(value(), '--partition-concurrency');
        break;
      case '--repeat':
        args.repeat = positive(value(), '--repeat');
        if (args.repeat > 9) throw new Error('--repeat is at most 9');
        break;
      case '--out':
        args.out = path.resolve(value());
        break;
      default:
        throw new Error(`unknown option ${raw}`);
    }
  }
  return args;
}

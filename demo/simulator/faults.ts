/**
 * Fault model after Microsoft Dev Proxy's defaults (DESIGN §4): explicit fault rules, seeded random errors,
 * Retry-After enforcement per workload (a client that comes back early gets a fresh 429) and a unit-based rate limit
 * per window with RateLimit-* headers. One engine per simulator; it knows nothing about Graph or SharePoint bodies.
 */
import { createRandom, type Random } from './prng';
import type { FaultRule, FaultStatus, RateLimitWindow, SimulationSettings } from './types';

export type Api = 'graph' | 'sharepoint';

export interface FaultContext {
  api: Api;
  method: string;
  /** Path + query relative to /graph/v1.0 (Graph) or to the site (SharePoint), starting with "/". */
  relativeUrl: string;
  /** Path + query as the server saw it (for Graph batch items: /graph/v1.0 + inner url). */
  fullUrl: string;
  /** Graph: first path segment (users, servicePrincipals…); SharePoint: the site. */
  workload: string;
  /** Rate-limit units this request costs. */
  cost: number;
}

export type FaultReason = 'rule' | 'random' | 'retry-after-not-honoured' | 'rate-limit';

export type FaultDecision =
  | { kind: 'status'; status: FaultStatus; retryAfterSeconds?: number; reason: FaultReason; afterProcessing?: boolean }
  | { kind: 'access-denied-200'; reason: 'rule' };

const DEFAULT_RETRY_AFTER = 5;
const GET_ERRORS: FaultStatus[] = [429, 500, 502, 503, 504];
const WRITE_ERRORS: FaultStatus[] = [429, 500, 502, 503, 504, 507];

interface ParsedRule {
  rule: FaultRule;
  method: string | undefined;
  prefix: string | undefined;
  applied: number;
}

interface WindowState {
  start: number;
  used: number;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function parseMatch(rule: FaultRule): ParsedRule {
  const m = rule.match.trim();
  if (m === '*' || m === '') return { rule, method: undefined, prefix: undefined, applied: 0 };
  const space = m.indexOf(' ');
  if (space < 0) {
    return m.startsWith('/') ? { rule, method: undefined, prefix: m.toLowerCase(), applied: 0 } : { rule, method: m.toUpperCase(), prefix: undefined, applied: 0 };
  }
  const method = m.slice(0, space).toUpperCase();
  const prefix = m.slice(space + 1).trim().toLowerCase();
  return { rule, method: method === '*' ? undefined : method, prefix: prefix === '*' || prefix === '' ? undefined : prefix, applied: 0 };
}

export class FaultEngine {
  private rules: ParsedRule[] = [];
  private readonly blockedUntil = new Map<string, { until: number; seconds: number }>();
  private readonly windows = new Map<Api, WindowState>();
  private readonly randomErrorsRandom: Random;
  private readonly ruleRandom: Random;

  constructor(
    private readonly settings: SimulationSettings | undefined,
    private readonly now: () => number = Date.now,
  ) {
    const seed = settings?.randomErrors?.seed ?? 1;
    this.randomErrorsRandom = createRandom(seed);
    this.ruleRandom = createRandom((seed ^ 0x5bd1e995) >>> 0);
    this.setRules(settings?.faults ?? []);
  }

  /** Replaces the rules; also forgets pending Retry-After blocks and per-rule counters. */
  setRules(rules: readonly FaultRule[]): void {
    this.rules = rules.map(parseMatch);
    this.blockedUntil.clear();
  }

  get activeRules(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  evaluate(ctx: FaultContext): FaultDecision | undefined {
    const now = this.now();
    const key = `${ctx.api}:${ctx.workload.toLowerCase()}`;

    const block = this.blockedUntil.get(key);
    if (block && now < block.until) {
      return this.throttle(key, block.seconds, 'retry-after-not-honoured', now);
    }

    for (const r of this.rules) {
      if (!this.matches(r, ctx)) continue;
      if (r.rule.times !== undefined && r.applied >= r.rule.times) continue;
      const rate = r.rule.rate ?? 1;
      if (rate < 1 && this.ruleRandom() >= rate) continue;
      r.applied += 1;
      if (r.rule.body === 'access-denied-200') return { kind: 'access-denied-200', reason: 'rule' };
      if (r.rule.status === 429) return this.throttle(key, r.rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER, 'rule', now);
      return {
        kind: 'status',
        status: r.rule.status,
        retryAfterSeconds: r.rule.retryAfterSeconds,
        reason: 'rule',
        ...(r.rule.afterProcessing === true ? { afterProcessing: true } : {}),
      };
    }

    const random = this.settings?.randomErrors;
    if (random && random.rate > 0 && this.randomErrorsRandom() < random.rate) {
      const pool = ctx.method === 'GET' || ctx.method === 'HEAD' ? GET_ERRORS : WRITE_ERRORS;
      const status = pool[Math.floor(this.randomErrorsRandom() * pool.length)] ?? 500;
      if (status === 429) return this.throttle(key, random.retryAfterSeconds ?? DEFAULT_RETRY_AFTER, 'random', now);
      return { kind: 'status', status, reason: 'random' };
    }

    const limit = this.limitOf(ctx.api);
    if (limit) {
      const w = this.windowOf(ctx.api, limit, now);
      if (w.used + ctx.cost > limit.units) {
        const seconds = Math.max(1, Math.ceil((w.start + limit.windowSeconds * 1000 - now) / 1000));
        return this.throttle(key, seconds, 'rate-limit', now);
      }
      w.used += ctx.cost;
    }
    return undefined;
  }

  /** RateLimit-* headers for the API, when a rate limit is configured for it. */
  rateLimitHeaders(api: Api): Record<string, string> {
    const limit = this.limitOf(api);
    if (!limit) return {};
    const now = this.now();
    const w = this.windowOf(api, limit, now);
    return {
      'RateLimit-Limit': String(limit.units),
      'RateLimit-Remaining': String(Math.max(0, limit.units - w.used)),
      'RateLimit-Reset': String(Math.max(0, Math.ceil((w.start + limit.windowSeconds * 1000 - now) / 1000))),
    };
  }

  private throttle(key: string, seconds: number, reason: FaultReason, now: number): FaultDecision {
    this.blockedUntil.set(key, { until: now + seconds * 1000, seconds });
    return { kind: 'status', status: 429, retryAfterSeconds: seconds, reason };
  }

  private matches(r: ParsedRule, ctx: FaultContext): boolean {
    if (r.method !== undefined && r.method !== ctx.method) return false;
    if (r.prefix === undefined) return true;
    const prefix = r.prefix;
    return [ctx.relativeUrl, ctx.fullUrl].some((u) => {
      const lower = u.toLowerCase();
      return lower.startsWith(prefix) || safeDecode(lower).startsWith(prefix);
    });
  }

  private limitOf(api: Api): RateLimitWindow | undefined {
    return api === 'graph' ? this.settings?.rateLimit?.graph : this.settings?.rateLimit?.sharepoint;
  }

  private windowOf(api: Api, limit: RateLimitWindow, now: number): WindowState {
    let w = this.windows.get(api);
    if (!w || now >= w.start + limit.windowSeconds * 1000) {
      w = { start: now, used: 0 };
      this.windows.set(api, w);
    }
    return w;
  }
}

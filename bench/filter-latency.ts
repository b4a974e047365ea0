/**
 * Filter latency of the users list in a real browser: the demo preview (real UI, real adapters, tenant simulator on
 * the same origin) in Debian's Chromium, headless, driven by playwright-core.
 *
 *   node scripts/node22.cjs tsx bench/filter-latency.ts [--lists users:100000,rows:100000] [--proposal name,…] [--out file]
 *
 * Lists:
 *   users:N  the preview exactly as `startPreview({ users: N })` makes it (30% unprovisioned: N=100000 gives 27,900 rows)
 *   rows:N   a generated tenant in which every licensed, enabled member lacks a OneDrive, sized so the list has N rows
 *
 * For each search string, measured inside the page with performance.now(): from just before the `input` event is
 * dispatched on the search box to the next animation frame after the "Showing X of Y" text has changed ("frame"), and
 * to the task after that frame ("paint", the frame's rendering included). The expected X for every string is computed
 * in Node with the product's own filter (src/provisioning/filter.ts) over the tenant's ground truth; the page must show
 * it. The search strings are chosen so that each one changes X (otherwise no text change can be observed).
 *
 * --proposal measures proposed product changes (bench/support/proposals.ts), applied to a bench-built bundle only
 * (same esbuild settings as demo/preview/bundle.ts); without it the page is exactly demo/start.ts startPreview's.
 */
import './support/loc';
// No import of `performance`: the global one is used, in Node and inside page.evaluate (where an import would not exist).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateTenant, populationCounts } from '../demo/generate';
import { isConsideredForOneDrive } from '../demo/simulator/scenario-kit';
import type { TenantFixture } from '../demo/simulator/types';
import { startPreview } from '../demo/start';
import { createUserIndex, filterUsers, type UserIndex } from '../src/provisioning/filter';
import type { UnprovisionedUser } from '../src/provisioning/scan';
import { startBenchPreview } from './support/preview';
import { proposalsNamed, type Proposal } from './support/proposals';

const ROOT = path.resolve(__dirname, '..');
const TARGET_P95_MS = 50;
const MIN_STRINGS = 40;

/** Candidate search strings, in typing order: prefixes of names, UPN parts, departments, multi-word and nonsense. */
const CANDIDATES: string[] = [
  // a first name, typed
  's', 'so', 'sof', 'sofi', 'sofia',
  '',
  // a department, then narrowed by a last name
  'fin', 'finance', 'finance m', 'finance mü', 'finance müller',
  '',
  // a last name with an apostrophe, then a UPN serial
  'o', "o'", "o'c", "o'connor", "o'connor1", "o'connor12",
  // nonsense (no match), then back
  'qzx', '', 'xyzzy', '',
  // UPN pieces
  'k', 'ke', 'ken', 'kenj', 'kenji.', 'kenji.t', 'kenji.ta', 'kenji.tanaka',
  '',
  // departments one after the other
  'r&d', 'sales', 'hr', 'legal', 'it', 'operations', 'customer success', 'manufacturing', 'retail', 'marketing', 'engineering',
  // digits (UPN serials), typed
  '1', '12', '123', '1234',
  // non-ASCII names
  'søren', 'zoë', 'tomás', 'fernández',
  // a multi-word query typed with its space
  'ava', 'ava ', 'ava s', 'ava si', 'ava silva',
  // more nonsense and a clear
  '@@', '', 'mei li', 'mei lin', 'wei', 'wei wang', '',
];

interface ListSpec {
  label: string;
  kind: 'users' | 'rows';
  n: number;
}

function parseArgs(argv: readonly string[]): { lists: ListSpec[]; out: string; proposals: Proposal[] } {
  let lists = 'users:100000,rows:100000';
  let out = path.join(__dirname, 'results', 'filter-latest.json');
  let proposals: Proposal[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (name === '--lists') lists = value();
    else if (name === '--out') out = path.resolve(value());
    else if (name === '--proposal') proposals = proposalsNamed(value().split(',').filter((x) => x !== ''));
    else throw new Error(`unknown option ${a} (options: --lists users:N,rows:N  --proposal name,…  --out file)`);
  }
  const specs = lists.split(',').map((s): ListSpec => {
    const m = /^(users|rows):(\d+)$/.exec(s.trim().replace(/_/g, ''));
    if (!m) throw new Error(`--lists: '${s}' is not users:N or rows:N`);
    const n = Number(m[2]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--lists: '${s}' needs a positive N`);
    return { label: s.trim(), kind: m[1] as 'users' | 'rows', n };
  });
  return { lists: specs, out, proposals };
}

/** Smallest tenant (users) in which, with every considered member unprovisioned, the list has exactly `rows` rows. */
function usersForRows(rows: number): number {
  let users = Math.max(2, Math.floor(rows / 0.93) - 50);
  for (let guard = 0; guard < 1000; guard++, users++) {
    const c = populationCounts({ users, unprovisioned: 1, seed: 1 });
    if (c.unprovisioned === rows) return users;
    if (c.unprovisioned > rows) break;
  }
  throw new Error(`no tenant size gives exactly ${rows} rows`);
}

/** The list's rows as the scan returns them: considered users without a personal site, in directory order. */
function groundTruthRows(fixture: TenantFixture): UnprovisionedUser[] {
  const owners = new Set(fixture.sharePoint.personalSites.map((s) => s.owner.toLowerCase()));
  const rows: UnprovisionedUser[] = [];
  for (const u of fixture.users) {
    if (!isConsideredForOneDrive(u)) continue;
    if (owners.has(u.userPrincipalName.toLowerCase()) || (u.mail && owners.has(u.mail.toLowerCase()))) continue;
    const row: UnprovisionedUser = { id: u.id, upn: u.userPrincipalName, displayName: u.displayName, license: 'sharepoint' };
    if (u.mail) row.mail = u.mail;
    if (u.department) row.department = u.department;
    rows.push(row);
  }
  return rows;
}

/** The candidates, minus any whose expected count equals the previous kept one's (no visible change to wait for). */
function chooseSequence(index: UserIndex): { text: string; expected: number }[] {
  const chosen: { text: string; expected: number }[] = [];
  let previous = index.users.length; // the list starts unfiltered
  for (const text of CANDIDATES) {
    const expected = filterUsers(index, { text }).length;
    if (expected === previous) continue;
    chosen.push({ text, expected });
    previous = expected;
  }
  return chosen;
}

interface Sample {
  text: string;
  expected: number;
  shown: string;
  /** Dispatch of the input event → its synchronous handling returned (React 17 renders discrete events in it). */
  syncMs: number;
  /** → the "Showing" text changed (MutationObserver). */
  changeMs: number;
  /** → the next animation frame after the change. */
  frameMs: number;
  /** → the task after that frame (rendering of the frame included). */
  paintMs: number;
}

/** Runs in the page: types one string into the search box and measures. */
async function measureOne(page: Page, text: string): Promise<Omit<Sample, 'expected'> & { timeout?: boolean }> {
  return page.evaluate(
    ({ value, timeoutMs }) =>
      new Promise<{ text: string; shown: string; syncMs: number; changeMs: number; frameMs: number; paintMs: number; timeout?: boolean }>((resolve) => {
        const label = Array.from(document.querySelectorAll('label')).find((l) => (l.textContent || '').trim() === 'Search users');
        const input = label && label.htmlFor ? (document.getElementById(label.htmlFor) as HTMLInputElement | null) : null;
        const shown = document.querySelector('[data-testid="users-shown"]');
        if (!input || !shown) throw new Error('search box or "Showing" text not found');
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        if (!setter) throw new Error('no value setter');
        const before = shown.textContent;
        let t0 = 0;
        let changeAt = -1;
        let syncAt = 0;
        let settled = false;
        const observer = new MutationObserver(() => {
          if (changeAt >= 0 || shown.textContent === before) return;
          changeAt = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => {
            const frameAt = performance.now();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              settled = true;
              resolve({ text: value, shown: shown.textContent || '', syncMs: syncAt - t0, changeMs: changeAt - t0, frameMs: frameAt - t0, paintMs: performance.now() - t0 });
            };
            channel.port2.postMessage(0);
          });
        });
        observer.observe(shown, { childList: true, characterData: true, subtree: true });
        t0 = performance.now();
        // The native setter, so React's value tracker sees a change; then the event a keystroke fires.
        setter.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        syncAt = performance.now();
        setTimeout(() => {
          if (settled || changeAt >= 0) return;
          observer.disconnect();
          resolve({ text: value, shown: shown.textContent || '', syncMs: syncAt - t0, changeMs: -1, frameMs: -1, paintMs: -1, timeout: true });
        }, timeoutMs);
      }),
    { value: text, timeoutMs: 5000 },
  );
}

/** Two animation frames and a short pause: the previous query's work is over before the next one starts. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30)));
      }),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

interface ListResult {
  list: string;
  tenantUsers: number;
  rows: number;
  loadSeconds: number;
  strings: number;
  samples: Sample[];
  stats: Record<'sync' | 'change' | 'frame' | 'paint', { p50: number; p95: number; max: number }>;
  p95FrameMs: number;
  targetMet: boolean;
}

async function runList(browser: Browser, spec: ListSpec, proposals: readonly Proposal[]): Promise<ListResult> {
  let fixture: TenantFixture;
  let tenantFile: string | undefined;
  if (spec.kind === 'users') {
    fixture = generateTenant({ users: spec.n, unprovisioned: 0.3, seed: 1 }); // what startPreview({ users }) generates
  } else {
    fixture = generateTenant({ users: usersForRows(spec.n), unprovisioned: 1, seed: 1 });
    if (proposals.length === 0) {
      tenantFile = path.join(os.tmpdir(), `mr-bench-tenant-${process.pid}.json`);
      writeFileSync(tenantFile, JSON.stringify(fixture));
    }
  }
  const benchFixture = proposals.length > 0 ? fixture : undefined;
  const truth = groundTruthRows(fixture);
  const tenantUsers = fixture.users.length;
  const index = createUserIndex(truth);
  const sequence = chooseSequence(index);
  if (sequence.length < MIN_STRINGS) throw new Error(`only ${sequence.length} search strings change the count on this list (need ${MIN_STRINGS})`);

  const loadStart = performance.now();
  const preview = benchFixture
    ? await startBenchPreview(benchFixture, spec.label, { minify: true, proposals })
    : spec.kind === 'users'
      ? await startPreview({ users: spec.n, port: 0 })
      : await startPreview({ tenant: tenantFile, port: 0 });
  if (tenantFile) rmSync(tenantFile, { force: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${preview.url}/`);
    // The scan has finished when the count is a number; the list then shows all its rows.
    await page.waitForFunction(() => /^\d+$/.test((document.querySelector('[data-testid="unprovisioned-count"]')?.textContent || '').trim()), undefined, { timeout: 240000 });
    await page.waitForFunction((n) => (document.querySelector('[data-testid="users-shown"]')?.textContent || '') === `Showing ${n} of ${n}`, truth.length, { timeout: 60000 });
    await page.locator('#mr-users').scrollIntoViewIfNeeded();
    await page.getByRole('searchbox', { name: /Search users/ }).waitFor();
    const loadSeconds = (performance.now() - loadStart) / 1000;
    await settle(page);

    const samples: Sample[] = [];
    for (const step of sequence) {
      const m = await measureOne(page, step.text);
      if (m.timeout) throw new Error(`"${step.text}": the "Showing" text did not change within 5 s (still "${m.shown}")`);
      const want = `Showing ${step.expected} of ${truth.length}`;
      if (m.shown !== want) throw new Error(`"${step.text}": the page shows "${m.shown}", the product's filter over the tenant gives "${want}"`);
      samples.push({ ...m, expected: step.expected });
      await settle(page);
    }
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);

    const stat = (pick: (s: Sample) => number): { p50: number; p95: number; max: number } => {
      const sorted = samples.map(pick).sort((a, b) => a - b);
      const r = (x: number): number => Math.round(x * 10) / 10;
      return { p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), max: r(sorted[sorted.length - 1] ?? NaN) };
    };
    const stats = { sync: stat((s) => s.syncMs), change: stat((s) => s.changeMs), frame: stat((s) => s.frameMs), paint: stat((s) => s.paintMs) };
    return {
      list: spec.label,
      tenantUsers,
      rows: truth.length,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      strings: samples.length,
      samples,
      stats,
      p95FrameMs: stats.frame.p95,
      targetMet: stats.frame.p95 <= TARGET_P95_MS,
    };
  } finally {
    await page.close();
    await preview.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  console.log('Migration Readiness — users list filter latency (browser)');
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, Node ${process.version}; Chromium /usr/bin/chromium headless (--disable-gpu), viewport 1280×900`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const results: ListResult[] = [];
  try {
    console.log(`browser: ${browser.version()}`);
    if (args.proposals.length > 0) {
      console.log(`WITH PROPOSED CHANGES (bench bundle only, src/ untouched): ${args.proposals.map((p) => `${p.name} — ${p.description}`).join('; ')}`);
    }
    console.log('');
    for (const spec of args.lists) {
      process.stdout.write(`${spec.label}: preview, scan and list …`);
      const r = await runList(browser, spec, args.proposals);
      process.stdout.write(` ${r.rows} rows (tenant of ${r.tenantUsers} users) ready after ${r.loadSeconds} s; ${r.strings} search strings typed\n`);
      results.push(r);
    }
  } finally {
    await browser.close();
  }

  console.log('');
  for (const r of results) {
    console.log(`${r.list} — ${r.rows} rows:`);
    const widths = Math.max(...r.samples.map((s) => JSON.stringify(s.text).length));
    for (const s of r.samples) {
      console.log(
        `  ${JSON.stringify(s.text).padEnd(widths)}  ${String(s.expected).padStart(6)} shown   input→change ${s.changeMs.toFixed(1).padStart(6)} ms   →frame ${s.frameMs.toFixed(1).padStart(6)} ms   →paint ${s.paintMs.toFixed(1).padStart(6)} ms`,
      );
    }
  }
  console.log('');
  console.log('list               rows    strings  input→change p50/p95/max ms  input→next frame p50/p95/max ms  input→paint p50/p95/max ms  p95 ≤ 50 ms');
  for (const r of results) {
    const f = (s: { p50: number; p95: number; max: number }): string => `${s.p50} / ${s.p95} / ${s.max}`;
    console.log(
      `${r.list.padEnd(17)}  ${String(r.rows).padStart(6)}  ${String(r.strings).padStart(7)}  ${f(r.stats.change).padStart(27)}  ${f(r.stats.frame).padStart(31)}  ${f(r.stats.paint).padStart(26)}  ${r.targetMet ? 'MET' : 'MISSED'}`,
    );
  }
  console.log('');
  for (const r of results) {
    console.log(`filter ${r.rows} rows: p50 ${r.stats.frame.p50} ms, p95 ${r.stats.frame.p95} ms, max ${r.stats.frame.max} ms (input → next frame; target p95 ≤ ${TARGET_P95_MS} ms: ${r.targetMet ? 'met' : 'MISSED'})`);
  }

  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), node: process.version, platform: `${os.platform()} ${os.release()}` },
        targetP95Ms: TARGET_P95_MS,
        proposals: args.proposals.map((p) => p.name),
        measure: 'input event dispatched → next requestAnimationFrame after the "Showing X of Y" text changed (frame); paint = the task after that frame',
        results,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults written to ${path.relative(ROOT, args.out)}`);
}

main().catch((e: unknown) => {
  console.error(`\nfilter-latency FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});

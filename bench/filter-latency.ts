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
 *
 * The pieces, in bench/filter/: lists.ts (tenants, ground-truth rows, search strings), measure.ts (one list in the
 * browser, measured in the page), report.ts (what is printed and written).
 */
import './support/loc';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { ListSpec } from './filter/lists';
import { runList, type ListResult } from './filter/measure';
import { printResults, writeResults } from './filter/report';
import { proposalsNamed, type Proposal } from './support/proposals';

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

  printResults(results);
  writeResults(args.out, args.proposals, results);
}

main().catch((e: unknown) => {
  console.error(`\nfilter-latency FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});

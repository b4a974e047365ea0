/**
 * Where the filter's time goes: the same preview as bench/filter-latency.ts, but bundled WITHOUT minification (so
 * function names survive), profiled with Chromium's CPU profiler (CDP) while the search box alternates between a
 * query that shows few rows and the empty query (all rows). Prints self time and total time per function.
 *
 *   node scripts/node22.cjs tsx bench/filter-profile.ts [--rows 100000] [--rounds 6] [--top 30] [--proposal name,…]
 *
 * --proposal applies proposed product changes (bench/support/proposals.ts) to the bundle only.
 */
import './support/loc';
import { chromium } from 'playwright-core';
import { generateTenant, populationCounts } from '../demo/generate';
import { startBenchPreview } from './support/preview';
import { proposalsNamed } from './support/proposals';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number`);
  return n;
}

function usersForRows(rows: number): number {
  let users = Math.max(2, Math.floor(rows / 0.93) - 50);
  for (let guard = 0; guard < 1000; guard++, users++) {
    if (populationCounts({ users, unprovisioned: 1, seed: 1 }).unprovisioned === rows) return users;
  }
  throw new Error(`no tenant size gives exactly ${rows} rows`);
}

async function main(): Promise<void> {
  const rows = arg('rows', 100000);
  const rounds = arg('rounds', 6);
  const top = arg('top', 30);
  const pi = process.argv.indexOf('--proposal');
  const proposals = pi >= 0 ? proposalsNamed((process.argv[pi + 1] ?? '').split(',').filter((x) => x !== '')) : [];
  const fixture = generateTenant({ users: usersForRows(rows), unprovisioned: 1, seed: 1 });
  const sim = await startBenchPreview(fixture, `profile, ${rows} rows`, { minify: false, proposals });
  if (proposals.length > 0) console.log(`with proposal(s): ${proposals.map((p) => `${p.name} — ${p.description}`).join('; ')}`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${sim.url}/`);
    await page.waitForFunction((n) => (document.querySelector('[data-testid="users-shown"]')?.textContent || '') === `Showing ${n} of ${n}`, rows, { timeout: 240000 });
    const type = async (value: string): Promise<number> =>
      page.evaluate(
        (v) =>
          new Promise<number>((resolve) => {
            const label = Array.from(document.querySelectorAll('label')).find((l) => (l.textContent || '').trim() === 'Search users');
            const input = document.getElementById(label?.htmlFor || '') as HTMLInputElement;
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
            const t0 = performance.now();
            setter?.call(input, v);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
          }),
        value,
      );
    await type('wei wang');
    await type('');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const times: string[] = [];
    for (let i = 0; i < rounds; i++) {
      times.push(`"wei wang" ${(await type('wei wang')).toFixed(0)} ms`);
      times.push(`"" ${(await type('')).toFixed(0)} ms`);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    console.log(`${rows} rows, ${rounds} rounds of "wei wang" ↔ "" (two frames each): ${times.join(', ')}`);

    // Self time per node from the samples, then per function; total time = self of the function and its callees.
    const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
    const self = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i] as number;
      self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
    }
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const key = (n: ProfileNode): string => {
      const file = n.callFrame.url ? n.callFrame.url.replace(/^.*\//, '') : '';
      return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
    };
    const selfBy = new Map<string, number>();
    const totalBy = new Map<string, number>();
    for (const [id, ms] of self) {
      const node = byId.get(id);
      if (!node) continue;
      selfBy.set(key(node), (selfBy.get(key(node)) ?? 0) + ms);
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur);
        if (!n) break;
        const k = key(n);
        if (seen.has(k)) continue;
        seen.add(k);
        totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
      }
    }
    const busy = [...self.entries()].filter(([id]) => !/^\((idle|program|garbage collector)\)$/.test(byId.get(id)?.callFrame.functionName ?? '')).reduce((a, [, ms]) => a + ms, 0);
    const gcMs = [...self.entries()].filter(([id]) => byId.get(id)?.callFrame.functionName === '(garbage collector)').reduce((a, [, ms]) => a + ms, 0);
    console.log(`JavaScript busy ${busy.toFixed(0)} ms, garbage collector ${gcMs.toFixed(0)} ms over ${rounds * 2} queries`);
    const lines = sim.script.split('\n');
    const source = (k: string): string => {
      const m = /preview\.js:(\d+)$/.exec(k);
      const line = m ? lines[Number(m[1]) - 1] : undefined;
      return line === undefined ? '' : `   | ${line.trim().slice(0, 90)}`;
    };
    const print = (title: string, m: Map<string, number>): void => {
      console.log(`\n${title}`);
      for (const [k, ms] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}${source(k)}`);
    };
    print('self time', selfBy);
    print('total time (inclusive)', totalBy);
  } finally {
    await browser.close();
    await sim.close();
  }
}

main().catch((e: unknown) => {
  console.error(`filter-profile FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});

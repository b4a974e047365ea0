/**
 * What bench:scan prints and writes: the set-up lines, the table, per-size details, the targets at 100,000 users, the
 * final `scan N users: …` lines (a contract: keep their wording) and bench/results/scan-latest.json.
 */
import '../support/loc';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { USER_PAGE_SIZE } from '../../src/tenant/graph/directoryReader';
import { GRAPH_BATCH_LIMIT } from '../../src/tenant/sharepoint/personalSiteReader';
import { ASSUMED_SITE_PAGE, TARGET, type Args } from './args';
import { gc } from './heap';
import type { SizeResult } from './runner';

const ROOT = path.resolve(__dirname, '..', '..');

export function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => pad(cell, widths[c] ?? 0, c > 1)).join('  ')).join('\n');
}

export function finalLine(r: SizeResult): string {
  const speed = r.speedup !== undefined ? `${r.speedup.toFixed(1)}x faster than naive` : 'naive not run';
  return `scan ${r.users} users: ${r.ours.wallS.toFixed(1)} s (limit ${r.ours.limitS.toFixed(1)} s), ${r.ours.counts.requests} requests (minimum ${r.ours.minimum}), ${speed}`;
}

/** What the targets evaluation gives the JSON: the size it was evaluated at and each target's value. */
export interface Evaluated {
  target: SizeResult | undefined;
  targets: Record<string, { value: number; target: string; met: boolean }>;
}

/** The set-up lines printed before the runs. */
export function printHeader(args: Args): void {
  const cpus = os.cpus();
  console.log('Migration Readiness — tenant scan benchmark');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 1073741824)} GB, Node ${process.version}; ` +
      `simulator in a child process on 127.0.0.1`,
  );
  console.log(
    `simulator: ${args.latencyMs} ms latency per HTTP request; Graph rate limit ${args.graphUnits} units / ${args.graphWindow} s ` +
      `(1 unit per request, 2 for a collection read without $select; each $batch item costs as a request, the outer POST does not)`,
  );
  console.log(
    `page sizes: Graph users $top=${USER_PAGE_SIZE} (Graph's maximum); personal-site enumeration ${args.sitePage} per page` +
      (args.sitePage === ASSUMED_SITE_PAGE ? ' (ASSUMED: Microsoft documents no page size for GetSitePropertiesFromSharePointByFilters; 300 is the simulator\'s figure)' : ''),
  );
  console.log(
    `concurrency: our method = 2 independent chains (users pages ‖ site pages, each page needs the previous page's link); ` +
      `naive = users pages, then ${args.naiveConcurrency} $batch requests of ${GRAPH_BATCH_LIMIT} single-user reads in flight`,
  );
  console.log(`heap: client process only, heapUsed sampled every 50 ms${gc ? '; "after GC" = heapUsed after a forced GC with the result still held' : ' (no forced GC available)'}`);
  console.log('');
}

/** The table, the details per size and the targets, printed after the runs. */
export function printReport(args: Args, results: readonly SizeResult[]): Evaluated {
  console.log('');
  const rows: string[][] = [
    ['users', 'method', 'wall s', 'limit s', 'wall/limit', 'requests', 'sub-req', 'minimum', 'req/min', '429s', 'heap peak MB', 'after GC MB', 'client CPU s', 'sim CPU s'],
  ];
  for (const r of results) {
    for (const m of [r.ours, r.naive]) {
      if (!m) continue;
      rows.push([
        String(r.users),
        m.method,
        m.wallS.toFixed(2),
        m.limitS.toFixed(1),
        m.limitS > 0 ? (m.wallS / m.limitS).toFixed(2) : 'n/a',
        String(m.counts.requests),
        String(m.counts.subRequests),
        String(m.minimum),
        (m.counts.requests / m.minimum).toFixed(2),
        String(m.counts.throttled.outer + m.counts.throttled.inner),
        `${m.heap.peakMB} (+${m.heap.peakOverBaselineMB})`,
        m.heap.afterGcMB !== undefined ? String(m.heap.afterGcMB) : '-',
        m.cpu.clientS.toFixed(2),
        m.cpu.simulatorS !== undefined ? m.cpu.simulatorS.toFixed(2) : '-',
      ]);
    }
  }
  console.log(table(rows));
  console.log('');
  for (const r of results) {
    console.log(`${r.users} users (${r.considered} considered, ${r.personalSites} personal sites, ${r.unprovisioned} unprovisioned): ${r.verified}`);
    console.log(`  ours:  limit = ${r.ours.limitChain}; minimum = ${r.ours.minimumNote}`);
    if (r.oursRuns.length > 1) console.log(`         ${r.oursRuns.length} runs: ${r.oursRuns.map((w) => w.toFixed(2)).join(' / ')} s (median reported)`);
    if (r.loadBefore > 1) console.log(`         NOTE: the machine's 1-minute load average was ${r.loadBefore} before this size (recent or concurrent work on 2 cores): figures may be noisier`);
    const t = r.ours.timings;
    console.log(
      `         per call: users page ${t.userPage?.avgMs} ms avg (max ${t.userPage?.maxMs}), site page ${t.sitePage?.avgMs} ms avg (max ${t.sitePage?.maxMs}); ` +
        `join after the last page ${r.ours.detail.joinMs} ms; client event loop busy ${(r.ours.cpu.clientEventLoopUtilization * 100).toFixed(0)}%` +
        (Object.keys(r.ours.counts.other).length > 0 ? `; other requests: ${JSON.stringify(r.ours.counts.other)}` : ''),
    );
    if (r.breakdown) {
      const b = r.breakdown;
      const lat = args.latencyMs;
      console.log(
        `         breakdown: alone, a users page takes ${b.usersAlone.avgPageMs} ms (${(b.usersPageBytes / 1048576).toFixed(2)} MB of JSON), a site page ${b.sitesAlone.avgPageMs} ms ` +
          `(${(b.sitePageBytes / 1024).toFixed(0)} KB); beyond the ${lat} ms latency: users +${(b.usersAlone.avgPageMs - lat).toFixed(1)} ms, sites +${(b.sitesAlone.avgPageMs - lat).toFixed(1)} ms alone, ` +
          `sites +${((t.sitePage?.avgMs ?? 0) - lat).toFixed(1)} ms beside the users chain`,
      );
    }
    if (r.naive) {
      const n = r.naive;
      console.log(`  naive: limit = ${n.limitChain}; rate-limit floor ${n.rateFloorS} s; own minimum = ${n.minimumNote}`);
      console.log(
        `         per call: users page ${n.timings.userPage?.avgMs} ms avg, $batch ${n.timings.batch?.avgMs} ms avg (max ${n.timings.batch?.maxMs}); ` +
          `429s ${n.counts.throttled.outer} outer / ${n.counts.throttled.inner} inner` +
          (Object.keys(n.counts.other).length > 0 ? `; other requests: ${JSON.stringify(n.counts.other)}` : ''),
      );
    }
  }

  console.log('');
  const target = results.find((r) => r.users === TARGET.atUsers) ?? results[results.length - 1];
  const targets: Record<string, { value: number; target: string; met: boolean }> = {};
  if (target) {
    const note = target.users === TARGET.atUsers ? '' : ` (targets are set for ${TARGET.atUsers} users; shown for the largest size run)`;
    console.log(`targets at ${target.users} users${note}:`);
    const wallRatio = target.ours.wallS / target.ours.limitS;
    const reqRatio = target.ours.counts.requests / target.ours.minimum;
    targets.wall = { value: wallRatio, target: `≤ ${TARGET.wallOverLimit} × physical limit`, met: wallRatio <= TARGET.wallOverLimit };
    targets.requests = { value: reqRatio, target: `≤ ${TARGET.requestsOverMinimum} × minimum`, met: reqRatio <= TARGET.requestsOverMinimum };
    if (target.speedup !== undefined) targets.speedup = { value: target.speedup, target: `≥ ${TARGET.speedup}× faster than naive`, met: target.speedup >= TARGET.speedup };
    if (target.ours.limitS > 0) {
      console.log(`  wall ${target.ours.wallS.toFixed(1)} s = ${wallRatio.toFixed(2)} × limit ${target.ours.limitS.toFixed(1)} s (target ≤ ${TARGET.wallOverLimit}): ${targets.wall.met ? 'MET' : 'MISSED'}`);
    } else {
      delete targets.wall;
      console.log('  wall: no physical limit at 0 ms latency (not evaluated)');
    }
    console.log(`  requests ${target.ours.counts.requests} = ${reqRatio.toFixed(2)} × minimum ${target.ours.minimum} (target ≤ ${TARGET.requestsOverMinimum}): ${targets.requests.met ? 'MET' : 'MISSED'}`);
    if (targets.speedup) console.log(`  ${target.speedup?.toFixed(1)}× faster than naive (target ≥ ${TARGET.speedup}): ${targets.speedup.met ? 'MET' : 'MISSED'}`);
    else console.log('  speed-up: naive baseline not run');
  }
  return { target, targets };
}

/** bench/results/scan-latest.json (or --out). */
export function writeResults(args: Args, results: readonly SizeResult[], evaluated: Evaluated, totalS: number): void {
  const cpus = os.cpus();
  const { target, targets } = evaluated;
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), memoryGB: Math.round(os.totalmem() / 1073741824), node: process.version, platform: `${os.platform()} ${os.release()}` },
        settings: { ...args, out: undefined, userPageSize: USER_PAGE_SIZE, sitePageAssumed: args.sitePage === ASSUMED_SITE_PAGE, batchSize: GRAPH_BATCH_LIMIT, seed: 1, unprovisionedShare: 0.3 },
        targets: { definition: TARGET, at: target?.users, results: targets },
        results,
        summary: results.map(finalLine),
        totalSeconds: Math.round(totalS),
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults written to ${path.relative(ROOT, args.out)}`);
}

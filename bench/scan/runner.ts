/**
 * One size of the benchmark: start the simulator child for N users, warm up, run our method --repeat times (median
 * kept) and the naive baseline once, each measured (wall, requests from the simulator's log, heap, CPU, event loop)
 * and checked against the ground truth; then, with --breakdown, each chain alone.
 */
import '../support/loc';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { USER_PAGE_SIZE } from '../../src/tenant/graph/directoryReader';
import { GRAPH_BATCH_LIMIT } from '../../src/tenant/sharepoint/personalSiteReader';
import { NAIVE_MAX_USERS, type Args } from './args';
import { collect, gc, HeapSampler } from './heap';
import { breakdown, newPorts, runNaive, runOurs, type Breakdown, type MethodRun } from './scenarios';
import { cpuSecondsOf, fetchCounts, resetLog, startSimProcess, type RequestCounts, type SimProcess } from './simulatorChild';

export interface Measured {
  method: 'ours' | 'partitioned' | 'naive';
  wallS: number;
  limitS: number;
  limitChain: string;
  rateFloorS: number;
  counts: RequestCounts;
  minimum: number;
  minimumNote: string;
  heap: { baselineMB: number; peakMB: number; peakOverBaselineMB: number; afterGcMB?: number; samples: number };
  cpu: { clientS: number; simulatorS?: number; clientEventLoopUtilization: number };
  timings: Record<string, { calls: number; avgMs: number; maxMs: number }>;
  detail: Record<string, number | string>;
  unprovisioned: number;
}

export const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

export async function measure(
  name: Measured['method'],
  sim: SimProcess,
  run: () => Promise<MethodRun>,
  shape: { limitS: number; limitChain: string; rateFloorS: number; minimum: number; minimumNote: string },
): Promise<{ measured: Measured; ids: string[] }> {
  await resetLog(sim.info.url);
  collect();
  const baseline = process.memoryUsage().heapUsed;
  const sampler = new HeapSampler();
  const simCpu0 = cpuSecondsOf(sim.info.pid);
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  sampler.start();
  const t0 = performance.now();
  const result = await run();
  const wallMs = performance.now() - t0;
  sampler.stop();
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  const simCpu1 = cpuSecondsOf(sim.info.pid);
  collect();
  const afterGc = gc ? process.memoryUsage().heapUsed : undefined;
  const ids = result.unprovisionedIds;
  const counts = await fetchCounts(sim.info.url);
  const timings: Measured['timings'] = {};
  for (const [k, t] of Object.entries(result.timings)) timings[k] = { calls: t.calls, avgMs: Math.round((t.totalMs / Math.max(1, t.calls)) * 10) / 10, maxMs: Math.round(t.maxMs) };
  return {
    ids,
    measured: {
      method: name,
      wallS: wallMs / 1000,
      ...shape,
      counts,
      heap: {
        baselineMB: mb(baseline),
        peakMB: mb(sampler.peak),
        peakOverBaselineMB: mb(sampler.peak - baseline),
        ...(afterGc !== undefined ? { afterGcMB: mb(afterGc) } : {}),
        samples: sampler.samples,
      },
      cpu: {
        clientS: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
        ...(simCpu0 !== undefined && simCpu1 !== undefined ? { simulatorS: Math.round((simCpu1 - simCpu0) * 100) / 100 } : {}),
        clientEventLoopUtilization: Math.round(elu.utilization * 1000) / 1000,
      },
      timings,
      detail: result.detail,
      unprovisioned: ids.length,
    },
  };
}

export function sameSet(a: readonly string[], b: readonly string[]): { equal: boolean; onlyA: string[]; onlyB: string[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  const onlyA = [...sa].filter((x) => !sb.has(x));
  const onlyB = [...sb].filter((x) => !sa.has(x));
  return { equal: onlyA.length === 0 && onlyB.length === 0 && sa.size === a.length && sb.size === b.length, onlyA, onlyB };
}

export interface SizeResult {
  users: number;
  personalSites: number;
  considered: number;
  unprovisioned: number;
  /** The run of our method as the product runs it (two single chains) with the median wall time. */
  ours?: Measured;
  /** Wall times (s) of every run of our method, in run order. */
  oursRuns: number[];
  /** The partitioned scan (ScanOptions.partitioned), median run, and every run's wall time. */
  partitioned?: Measured;
  partitionedRuns: number[];
  naive?: Measured;
  /** Naive wall time over ours, and over the partitioned scan's. */
  speedup?: number;
  partitionedSpeedup?: number;
  verified: string;
  breakdown?: Breakdown;
  /** 1-minute load average of the machine before this size's runs (other processes make figures noisy). */
  loadBefore: number;
}

export async function runSize(args: Args, users: number): Promise<SizeResult> {
  const sim = await startSimProcess(args, users);
  try {
    const info = sim.info;
    const truth = readFileSync(info.truthFile, 'utf8').split('\n').filter((l) => l !== '');
    rmSync(info.truthFile, { force: true });
    if (info.expectedUnprovisioned !== undefined && truth.length !== info.expectedUnprovisioned) {
      throw new Error(`the generated tenant has ${truth.length} unprovisioned users, its scenario says ${info.expectedUnprovisioned}`);
    }
    const latencyS = args.latencyMs / 1000;
    const userPages = Math.ceil(info.users / USER_PAGE_SIZE);
    const sitePages = Math.max(1, Math.ceil(info.personalSites / args.sitePage));
    const batches = Math.ceil(info.considered / GRAPH_BATCH_LIMIT);
    const rounds = Math.ceil(batches / args.naiveConcurrency);

    // Warm-up (JIT, sockets): one users page and one site page, not measured.
    const warm = newPorts(info);
    const w1 = await warm.directory.getUsersPage();
    const w2 = await warm.sites.getPersonalSitesPage();
    if (!w1.ok || !w2.ok) throw new Error(`warm-up failed: ${JSON.stringify(!w1.ok ? w1 : w2)}`);

    const loadBefore = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
    process.stdout.write(`  ${users} users (load ${loadBefore.toFixed(2)}):`);
    // Above 100,000 users one run of each (the single chains take minutes at 1,000,000).
    const repeat = users > NAIVE_MAX_USERS ? 1 : args.repeat;
    const measureRuns = async (label: string, method: 'ours' | 'partitioned', inFlight: number | undefined): Promise<{ median: Measured; runs: number[]; ids: string[] }> => {
      process.stdout.write(` ${label} …`);
      const runs: Measured[] = [];
      let ids: string[] = [];
      for (let run = 0; run < repeat; run++) {
        const one = await measure(method, sim, () => runOurs(info, inFlight, args.trustSitePrefixes), {
          // Partitioned: the pages over the requests in flight, or the longest chain (known after the run) if longer.
          limitS: inFlight !== undefined ? Math.ceil((userPages + sitePages) / inFlight) * latencyS : Math.max(userPages, sitePages) * latencyS,
          limitChain:
            inFlight !== undefined
              ? `max(ceil((${userPages} user pages + ${sitePages} site pages) / ${inFlight} in flight), longest chain) × ${args.latencyMs} ms`
              : `max(${userPages} user pages, ${sitePages} site pages) × ${args.latencyMs} ms`,
          // Graph units our method spends: 1 per users page ($select: 1 unit), well under the window.
          rateFloorS: 0,
          minimum: userPages + sitePages + 1,
          minimumNote: `${userPages} user pages + ${sitePages} site pages + 1 fixed call (subscribedSkus: the licence table)`,
        });
        if (inFlight !== undefined) {
          // The longest chain: a partition's, or a read left as its single chain.
          const d = one.measured.detail;
          const longest = Math.max(Number(d.longestChainPages ?? 0), d.usersSplit === 'yes' ? 0 : userPages, d.sitesSplit === 'yes' ? 0 : sitePages) * latencyS;
          if (longest > one.measured.limitS) one.measured.limitS = longest;
        }
        process.stdout.write(` ${one.measured.wallS.toFixed(1)} s`);
        const check = sameSet(one.ids, truth);
        if (!check.equal) {
          throw new Error(
            `${label}: unprovisioned users differ from the tenant's ground truth: ${check.onlyA.length} extra (e.g. ${check.onlyA.slice(0, 3).join(', ')}), ` +
              `${check.onlyB.length} missing (e.g. ${check.onlyB.slice(0, 3).join(', ')})`,
          );
        }
        runs.push(one.measured);
        ids = one.ids;
      }
      const median = [...runs].sort((a, b) => a.wallS - b.wallS)[Math.floor((runs.length - 1) / 2)] as Measured;
      if (runs.length > 1) process.stdout.write(` (median ${median.wallS.toFixed(1)} s)`);
      return { median, runs: runs.map((r) => Math.round(r.wallS * 1000) / 1000), ids };
    };
    let oursIds: string[] = [];
    let ours: { median: Measured; runs: number[]; ids: string[] } | undefined;
    if (args.single) {
      ours = await measureRuns('our method (two chains)', 'ours', undefined);
      oursIds = ours.ids;
    }
    let partitioned: { median: Measured; runs: number[]; ids: string[] } | undefined;
    if (args.partitioned !== undefined) {
      partitioned = await measureRuns(`${ours ? ';' : ''} partitioned`, 'partitioned', args.partitioned);
      if (!ours) oursIds = partitioned.ids;
    }
    let naive: Measured | undefined;
    let verified = `${[ours ? 'our method' : '', partitioned ? 'partitioned' : ''].filter((x) => x !== '').join(' = ')} = ground truth (${truth.length} users)`;
    if (args.naive && users <= NAIVE_MAX_USERS) {
      process.stdout.write(', naive baseline …');
      // Graph units: 1 per users page; per $batch, 1 per inner single-user read (the outer POST is not costed).
      const units = userPages + info.considered;
      const n = await measure('naive', sim, () => runNaive(info, args.naiveConcurrency), {
        limitS: (userPages + rounds) * latencyS,
        limitChain: `${userPages} user pages + ceil(${batches} batches / ${args.naiveConcurrency} in flight) = ${userPages + rounds} × ${args.latencyMs} ms`,
        rateFloorS: Math.max(0, Math.ceil(units / args.graphUnits) - 1) * args.graphWindow,
        minimum: userPages + batches + 1,
        minimumNote: `${userPages} user pages + ${batches} $batch requests (${info.considered} reads / 20) + 1 fixed call (subscribedSkus)`,
      });
      naive = n.measured;
      process.stdout.write(` ${naive.wallS.toFixed(1)} s`);
      const same = sameSet(oursIds, n.ids);
      if (!same.equal) {
        throw new Error(
          `our method and the naive baseline disagree: ${same.onlyA.length} only in ours (e.g. ${same.onlyA.slice(0, 3).join(', ')}), ` +
            `${same.onlyB.length} only in naive (e.g. ${same.onlyB.slice(0, 3).join(', ')})`,
        );
      }
      verified = `${[ours ? 'our method' : '', partitioned ? 'partitioned' : ''].filter((x) => x !== '').join(' = ')} = naive baseline = ground truth (${truth.length} users)`;
    }
    process.stdout.write(`; ${verified}\n`);
    let parts: Breakdown | undefined;
    if (args.breakdown) {
      process.stdout.write(`  ${users} users: each chain alone …`);
      parts = await breakdown(info, userPages, sitePages);
      process.stdout.write(` users ${parts.usersAlone.seconds.toFixed(1)} s, sites ${parts.sitesAlone.seconds.toFixed(1)} s\n`);
    }
    return {
      users: info.users,
      personalSites: info.personalSites,
      considered: info.considered,
      unprovisioned: truth.length,
      ...(ours ? { ours: ours.median } : {}),
      oursRuns: ours ? ours.runs : [],
      ...(partitioned ? { partitioned: partitioned.median } : {}),
      partitionedRuns: partitioned ? partitioned.runs : [],
      loadBefore,
      ...(naive ? { naive } : {}),
      ...(naive && ours ? { speedup: naive.wallS / ours.median.wallS } : {}),
      ...(naive && partitioned ? { partitionedSpeedup: naive.wallS / partitioned.median.wallS } : {}),
      verified,
      ...(parts ? { breakdown: parts } : {}),
    };
  } finally {
    await sim.stop();
  }
}

/**
 * The tenant simulator in its own process, for benchmarks: the client's heap and event loop are then the product's
 * alone. Generates the tenant itself (demo/generate.ts), applies the simulation knobs, listens on 127.0.0.1 and prints
 * ONE JSON line on stdout when ready:
 *
 *   {"ready":true,"url":…,"graphBaseUrl":…,"siteUrl":…,"spAdminUrl":…,"users":N,"personalSites":S,
 *    "considered":C,"unprovisioned":U,"truthFile":…}
 *
 * `truthFile` holds the ground truth (ids of licensed, enabled members without a personal site, one per line),
 * computed from the fixture, not through HTTP. Request counts: GET {url}/__sim/log (the simulator's own log; inner
 * $batch items carry a batchId), POST {url}/__sim/reset-log.
 *
 *   tsx bench/simulator-process.ts --users 100000 [--seed 1] [--unprovisioned 0.3] [--student-numbers 0] [--latency 100]
 *                                  [--graph-units 8000 --graph-window 10] [--site-page 300]
 *
 * The process ends when its stdin closes (the parent died or is done), on SIGTERM/SIGINT, or after --max-seconds
 * (default 900) as a safety net.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateTenant } from '../demo/generate';
import { startSimulator } from '../demo/simulator';
import { isConsideredForOneDrive } from '../demo/simulator/scenario-kit';
import { prewarmUserFilters, prewarmUsers } from '../demo/simulator/graphUsers';
import { prewarmPersonalSites, prewarmSiteFilters } from '../demo/simulator/csom';
import { personalUrlFilter, upnPrefixFilter } from '../src/tenant/partitionedPages';
import { userFields } from '../src/tenant/graph/usersPage';

function parse(argv: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    values.set(a.slice(2), v);
    i++;
  }
  return values;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const known = new Set(['users', 'seed', 'unprovisioned', 'student-numbers', 'latency', 'graph-units', 'graph-window', 'site-page', 'max-seconds']);
  for (const k of args.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}`);
  const num = (k: string, fallback: number | undefined): number | undefined => {
    const raw = args.get(k);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--${k} must be a number (got '${raw}')`);
    return n;
  };
  const users = num('users', undefined);
  if (users === undefined || !Number.isInteger(users) || users < 1) throw new Error('--users N (a positive whole number) is required');
  const seed = num('seed', 1) as number;
  const latencyMs = num('latency', 100) as number;
  const graphUnits = num('graph-units', 8000);
  const graphWindow = num('graph-window', 10);
  const sitePage = num('site-page', 300) as number;
  const maxSeconds = num('max-seconds', 900) as number;

  const fixture = generateTenant({ users, unprovisioned: num('unprovisioned', 0.3) as number, seed, studentNumbers: num('student-numbers', 0) as number });
  fixture.simulation = {
    ...(fixture.simulation ?? {}),
    latencyMs,
    pageSizes: { personalSites: sitePage },
    ...(graphUnits !== undefined && graphUnits > 0 ? { rateLimit: { graph: { units: graphUnits, windowSeconds: graphWindow ?? 10 } } } : {}),
  };

  const sim = await startSimulator({ fixture, port: 0, host: '127.0.0.1' });
  // Every user (for the scan's $select) and every personal site serialized once, before the measures: the simulator
  // stands in for Microsoft's servers, whose work does not run on the client's cores (README "What the figures mean").
  const prewarmStarted = Date.now();
  prewarmUsers(sim.state.users, userFields('assignedLicenses'));
  prewarmPersonalSites(sim.state.personalSites);
  // Which sites and users pass each one-character filter the partitioned scan may send (its first level).
  prewarmSiteFilters(sim.state, Array.from('abcdefghijklmnopqrstuvwxyz0123456789_', (c) => personalUrlFilter(c)));
  prewarmUserFilters(sim.state, Array.from('abcdefghijklmnopqrstuvwxyz0123456789', (c) => upnPrefixFilter(c)));
  if ((num('student-numbers', 0) as number) > 0) {
    // Student numbers all start with 2 (demo/generate.ts): the scan splits that partition, one character more.
    prewarmSiteFilters(sim.state, Array.from('abcdefghijklmnopqrstuvwxyz0123456789_', (c) => personalUrlFilter(`2${c}`)));
    prewarmUserFilters(sim.state, Array.from("abcdefghijklmnopqrstuvwxyz0123456789'.-_!#^~@", (c) => upnPrefixFilter(`2${c}`)));
  }
  const prewarmMs = Date.now() - prewarmStarted;

  // Ground truth from the fixture itself (not through HTTP).
  const truth: string[] = [];
  let considered = 0;
  for (const u of sim.state.users) {
    if (!isConsideredForOneDrive(u)) continue;
    considered++;
    if (!sim.state.personalSiteOf(u)) truth.push(u.id);
  }
  const truthFile = path.join(os.tmpdir(), `mr-bench-truth-${process.pid}.txt`);
  writeFileSync(truthFile, truth.join('\n'));

  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    const done = (): never => process.exit(0);
    sim.close().then(done, done);
    setTimeout(done, 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  setTimeout(stop, maxSeconds * 1000).unref();

  process.stdout.write(
    JSON.stringify({
      ready: true,
      url: sim.url,
      graphBaseUrl: sim.graphBaseUrl,
      siteUrl: sim.siteUrl,
      spAdminUrl: sim.spAdminUrl,
      users: sim.state.users.length,
      personalSites: sim.state.personalSites.length,
      considered,
      unprovisioned: truth.length,
      expectedUnprovisioned: fixture.scenario?.unprovisionedCount,
      truthFile,
      prewarmMs,
      pid: process.pid,
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator-process: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

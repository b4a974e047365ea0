/**
 * How fast the demo builds and serves a large tenant: demo/generate.ts generateTenant at 100,000 users (CPU and wall
 * time, median of --repeat runs), then the simulator (in this process, no latency) serving the users list the way the
 * scan reads it — `$top=999` pages with `$select` (assignedPlans included) and the enabled-members `$filter` — timed per
 * page, round trip and client-side JSON parse included.
 *
 *   node scripts/node22.cjs tsx bench/generate.ts [--users 100000] [--unprovisioned 0.3] [--seed 1] [--repeat 3] [--out file]
 *
 * Targets (printed, never an exit code): generation under 2 s of CPU, a users page under 50 ms (median). It exits 1
 * only when something is wrong: counts that differ from what generateTenant promises, a page that fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTenant, populationCounts, type GenerateOptions } from '../demo/generate';
import { startSimulator, type TenantFixture } from '../demo/simulator';

const ROOT = path.resolve(__dirname, '..');
const TARGET = { generateCpuS: 2, pageMedianMs: 50 };
const USAGE =
  'usage: node scripts/node22.cjs tsx bench/generate.ts [--users 100000] [--unprovisioned 0.3] [--seed 1] [--repeat 3] [--out file]';

interface Args {
  users: number;
  unprovisioned: number;
  seed: number;
  repeat: number;
  out: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { users: 100000, unprovisioned: 0.3, seed: 1, repeat: 3, out: path.join(__dirname, 'results', 'generate-latest.json') };
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
    const whole = (v: string, min: number): number => {
      const n = Number(v.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min} (got '${v}')`);
      return n;
    };
    switch (name) {
      case '--users':
        args.users = whole(value(), 1);
        break;
      case '--unprovisioned':
        args.unprovisioned = Number(value());
        break;
      case '--seed':
        args.seed = whole(value(), 0);
        break;
      case '--repeat':
        args.repeat = whole(value(), 1);
        break;
      case '--out':
        args.out = path.resolve(value());
        break;
      default:
        throw new Error(`unknown option ${raw}\n${USAGE}`);
    }
  }
  return args;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? NaN;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface GenerateRun {
  cpuS: number;
  wallS: number;
}

function generateOnce(options: GenerateOptions): { run: GenerateRun; fixture: TenantFixture } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const fixture = generateTenant(options);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { run: { cpuS: (cpu.user + cpu.system) / 1e6, wallS }, fixture };
}

/** The counts generateTenant promises (populationCounts) must be the fixture's. */
function verify(fixture: TenantFixture, options: GenerateOptions): void {
  const counts = populationCounts(options);
  const guests = fixture.users.filter((u) => u.userType === 'Guest').length;
  const disabled = fixture.users.filter((u) => !u.accountEnabled).length;
  const problems: string[] = [];
  if (fixture.users.length !== options.users) problems.push(`${fixture.users.length} users, asked ${options.users}`);
  if (guests !== counts.guest) problems.push(`${guests} guests, promised ${counts.guest}`);
  if (disabled !== counts.disabled) problems.push(`${disabled} disabled, promised ${counts.disabled}`);
  if (fixture.scenario?.unprovisionedCount !== counts.unprovisioned) {
    problems.push(`scenario says ${String(fixture.scenario?.unprovisionedCount)} unprovisioned, promised ${counts.unprovisioned}`);
  }
  if (problems.length > 0) throw new Error(`the generated tenant is not what generateTenant promises: ${problems.join('; ')}`);
}

interface PagesResult {
  startS: number;
  pages: number;
  users: number;
  expectedUsers: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

async function servePages(fixture: TenantFixture): Promise<PagesResult> {
  const t0 = performance.now();
  const sim = await startSimulator({ fixture, latencyMs: 0 });
  const startS = (performance.now() - t0) / 1000;
  try {
    const headers = { Authorization: 'Bearer bench-token' };
    let url: string | undefined =
      `${sim.graphBaseUrl}/users?$select=id,userPrincipalName,mail,displayName,accountEnabled,userType,assignedPlans&$top=999` +
      `&$filter=${encodeURIComponent("accountEnabled eq true and userType eq 'Member'")}`;
    const times: number[] = [];
    let users = 0;
    while (url) {
      if (times.length > fixture.users.length / 999 + 5) throw new Error('users paging does not end');
      const t = performance.now();
      const r = await fetch(url, { headers });
      if (!r.ok) throw new Error(`a users page answered ${r.status}: ${await r.text()}`);
      const body = (await r.json()) as { value: unknown[]; '@odata.nextLink'?: string };
      times.push(performance.now() - t);
      users += body.value.length;
      url = body['@odata.nextLink'];
    }
    const expectedUsers = fixture.users.filter((u) => u.accountEnabled && u.userType === 'Member').length;
    if (users !== expectedUsers) throw new Error(`the pages returned ${users} users, the tenant has ${expectedUsers} enabled members`);
    return {
      startS,
      pages: times.length,
      users,
      expectedUsers,
      medianMs: round(median(times)),
      p95Ms: round(percentile(times, 95)),
      maxMs: round(Math.max(...times)),
    };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const args = parseArgs(argv);
  const options: GenerateOptions = { users: args.users, unprovisioned: args.unprovisioned, seed: args.seed };
  const cpus = os.cpus();
  const load = round(os.loadavg()[0] ?? 0, 2);
  console.log('Migration Readiness — tenant generation and users pages');
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, Node ${process.version}; 1-minute load average ${load}`);
  console.log('');

  const runs: GenerateRun[] = [];
  let fixture: TenantFixture | undefined;
  for (let i = 0; i < args.repeat; i++) {
    fixture = undefined; // let the previous tenant be collected before the next one is built
    const once = generateOnce(options);
    verify(once.fixture, options);
    runs.push(once.run);
    fixture = once.fixture;
    console.log(`  generateTenant ${args.users} users, run ${i + 1}: ${once.run.cpuS.toFixed(2)} s CPU, ${once.run.wallS.toFixed(2)} s wall`);
  }
  if (!fixture) throw new Error('no run');
  const cpuS = round(median(runs.map((r) => r.cpuS)), 2);
  const wallS = round(median(runs.map((r) => r.wallS)), 2);
  const pages = await servePages(fixture);

  console.log('');
  console.log(
    `tenant: ${fixture.users.length} users, ${fixture.sharePoint.personalSites.length} personal sites, ` +
      `${String(fixture.scenario?.unprovisionedCount)} unprovisioned (seed ${args.seed})`,
  );
  console.log(`simulator: validated and listening in ${pages.startS.toFixed(2)} s (no latency)`);
  console.log(
    `users pages: ${pages.pages} × $top=999 (${pages.users} enabled members), round trip with client JSON parse: ` +
      `median ${pages.medianMs} ms, p95 ${pages.p95Ms} ms, max ${pages.maxMs} ms`,
  );
  if (load > 1) console.log(`NOTE: the machine's 1-minute load average was ${load} before the runs: figures may be noisier`);
  console.log('');
  const cpuMet = cpuS < TARGET.generateCpuS;
  const pageMet = pages.medianMs < TARGET.pageMedianMs;
  console.log(
    `generate ${args.users} users: ${cpuS.toFixed(2)} s CPU, ${wallS.toFixed(2)} s wall (median of ${runs.length}; target < ${TARGET.generateCpuS} s CPU: ${cpuMet ? 'met' : 'MISSED'})`,
  );
  console.log(`users page: median ${pages.medianMs} ms over ${pages.pages} pages (target < ${TARGET.pageMedianMs} ms: ${pageMet ? 'met' : 'MISSED'})`);

  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), node: process.version, loadBefore: load },
        settings: { ...args, out: undefined },
        targets: { ...TARGET, generateMet: cpuMet, pageMet },
        generate: { cpuS, wallS, runs },
        pages,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults written to ${path.relative(ROOT, args.out)}`);
}

main().catch((e: unknown) => {
  console.error(`\nbench/generate FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});

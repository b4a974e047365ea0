/**
 * The tenant simulator as a child process (bench/simulator-process.ts, started with `node --import tsx`), seen from the
 * benchmark: start and stop it, read its CPU time from /proc, and read or reset its request log (GET /__sim/log,
 * POST /__sim/reset-log) to count requests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Args } from './args';

const ROOT = path.resolve(__dirname, '..', '..');
const SIM_SCRIPT = path.join(__dirname, '..', 'simulator-process.ts');

export interface SimInfo {
  url: string;
  graphBaseUrl: string;
  siteUrl: string;
  spAdminUrl: string;
  users: number;
  personalSites: number;
  considered: number;
  unprovisioned: number;
  expectedUnprovisioned?: number;
  truthFile: string;
  pid: number;
}

export interface SimProcess {
  info: SimInfo;
  child: ChildProcessWithoutNullStreams;
  stop(): Promise<void>;
}

export function startSimProcess(args: Args, users: number): Promise<SimProcess> {
  const child = spawn(
    process.execPath,
    [
      // The simulator stands in for Microsoft's servers, not for anything in the browser: a larger young generation
      // keeps its per-request garbage (every page's JSON) from being promoted, so its major collections do not stall
      // every request in flight at 1,000,000 users (the client runs with Node's defaults).
      '--max-semi-space-size=64',
      ...(process.env.SIM_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SIM_PROF}`] : []),
      '--import',
      'tsx',
      SIM_SCRIPT,
      '--users',
      String(users),
      '--seed',
      '1',
      '--unprovisioned',
      '0.3',
      '--student-numbers',
      String(args.studentNumbers),
      '--latency',
      String(args.latencyMs),
      '--graph-units',
      String(args.graphUnits),
      '--graph-window',
      String(args.graphWindow),
      '--site-page',
      String(args.sitePage),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin.end();
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the simulator process did not start within 120 s. ${stderr}`));
    }, 120000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        try {
          const info = JSON.parse(out.slice(0, nl)) as SimInfo & { ready?: boolean };
          if (!info.ready) throw new Error(out.slice(0, nl));
          resolve({ info, child, stop });
        } catch (e) {
          void stop();
          reject(new Error(`the simulator process printed something unexpected: ${(e as Error).message}`));
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator process ended (code ${String(code)}). ${stderr}`));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 (1-based) of the whole line, i.e. 11 and 12 after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface LogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
  batchId?: string;
}

export interface RequestCounts {
  /** Outer HTTP requests the simulator answered (control endpoints not included). */
  requests: number;
  /** Requests inside Graph $batch bodies. */
  subRequests: number;
  userPages: number;
  sitePages: number;
  batches: number;
  /** Outer requests that are none of the above: "METHOD path" → count. */
  other: Record<string, number>;
  /** Answers with HTTP 429, outer and inner. */
  throttled: { outer: number; inner: number };
}

export async function fetchCounts(url: string): Promise<RequestCounts> {
  const response = await fetch(`${url}/__sim/log`);
  if (!response.ok) throw new Error(`GET /__sim/log answered ${response.status}`);
  const log = (await response.json()) as LogEntry[];
  const counts: RequestCounts = { requests: 0, subRequests: 0, userPages: 0, sitePages: 0, batches: 0, other: {}, throttled: { outer: 0, inner: 0 } };
  for (const e of log) {
    if (e.batchId !== undefined) {
      counts.subRequests++;
      if (e.status === 429) counts.throttled.inner++;
      continue;
    }
    counts.requests++;
    if (e.status === 429) counts.throttled.outer++;
    const p = e.path.split('?')[0] ?? '';
    if (e.method === 'GET' && /\/graph\/v1\.0\/users$/i.test(p)) counts.userPages++;
    else if (e.method === 'POST' && /\/_vti_bin\/client\.svc\/ProcessQuery$/i.test(p)) counts.sitePages++;
    else if (e.method === 'POST' && /\/\$batch$/i.test(p)) counts.batches++;
    else {
      const key = `${e.method} ${p}`;
      counts.other[key] = (counts.other[key] ?? 0) + 1;
    }
  }
  return counts;
}

export async function resetLog(url: string): Promise<void> {
  const response = await fetch(`${url}/__sim/reset-log`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`POST /__sim/reset-log answered ${response.status}`);
}

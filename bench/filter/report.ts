/** What filter-latency prints after the runs (per string, the table, the final `filter N rows: …` lines) and writes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Proposal } from '../support/proposals';
import { TARGET_P95_MS, type ListResult } from './measure';

const ROOT = path.resolve(__dirname, '..', '..');

export function printResults(results: readonly ListResult[]): void {
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
}

/** bench/results/filter-latest.json (or --out). */
export function writeResults(out: string, proposals: readonly Proposal[], results: readonly ListResult[]): void {
  const cpus = os.cpus();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim(), node: process.version, platform: `${os.platform()} ${os.release()}` },
        targetP95Ms: TARGET_P95_MS,
        proposals: proposals.map((p) => p.name),
        measure: 'input event dispatched → next requestAnimationFrame after the "Showing X of Y" text changed (frame); paint = the task after that frame',
        results,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults written to ${path.relative(ROOT, out)}`);
}

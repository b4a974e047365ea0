/**
 * One list in the browser: start the preview (or a bench-built one with proposals), wait for the scan and the full
 * list, then type each search string and measure inside the page (input → change → next frame → paint), checking the
 * "Showing X of Y" text against the product's filter.
 */
import '../support/loc';
// No import of `performance`: the global one is used, in Node and inside page.evaluate (where an import would not exist).
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateTenant } from '../../demo/generate';
import type { TenantFixture } from '../../demo/simulator/types';
import { startPreview } from '../../demo/start';
import { createUserIndex } from '../../src/provisioning/filter';
import { startBenchPreview } from '../support/preview';
import type { Proposal } from '../support/proposals';
import { chooseSequence, groundTruthRows, MIN_STRINGS, usersForRows, type ListSpec } from './lists';

export const TARGET_P95_MS = 50;

export interface Sample {
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
export async function measureOne(page: Page, text: string): Promise<Omit<Sample, 'expected'> & { timeout?: boolean }> {
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
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30)));
      }),
  );
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export interface ListResult {
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

export async function runList(browser: Browser, spec: ListSpec, proposals: readonly Proposal[]): Promise<ListResult> {
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

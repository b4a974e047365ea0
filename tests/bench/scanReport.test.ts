/** @jest-environment node */
import * as path from 'node:path';
import { ASSUMED_SITE_PAGE, parseArgs } from '../../bench/scan/args';
import { finalLine, twoChainsLine } from '../../bench/scan/report';
import type { Measured, SizeResult } from '../../bench/scan/runner';

function measured(method: Measured['method'], wallS: number, limitS: number, requests: number, minimum: number): Measured {
  return {
    method,
    wallS,
    limitS,
    limitChain: '',
    rateFloorS: 0,
    counts: { requests, subRequests: 0, userPages: 0, sitePages: 0, batches: 0, other: {}, throttled: { outer: 0, inner: 0 } },
    minimum,
    minimumNote: '',
    heap: { baselineMB: 0, peakMB: 0, peakOverBaselineMB: 0, samples: 0 },
    cpu: { clientS: 0, clientEventLoopUtilization: 0 },
    timings: {},
    detail: {},
    unprovisioned: 0,
  };
}

function sizeResult(withNaive: boolean, users: number = 100000): SizeResult {
  const ours = measured('ours', 24.234, 21.7, 318, 318);
  const naive = measured('naive', 134.15, 126.4, 4751, 4751);
  return {
    users,
    partitionedRuns: [],
    personalSites: 65100,
    considered: 93000,
    unprovisioned: 27900,
    ours,
    oursRuns: [24.23],
    loadBefore: 0,
    verified: '',
    ...(withNaive ? { naive, speedup: naive.wallS / ours.wallS } : {}),
  };
}

describe('bench:scan report', () => {
  it('prints the final line in the contract wording', () => {
    expect(finalLine(sizeResult(true))).toBe('scan 100000 users: 24.2 s (limit 21.7 s), 318 requests (minimum 318), 5.5x faster than naive');
    expect(finalLine(sizeResult(false))).toBe('scan 100000 users: 24.2 s (limit 21.7 s), 318 requests (minimum 318), naive not run');
  });

  it('ends the line after the minimum above the naive baseline sizes; with both methods run, the line is the partitioned scan (the pane\'s) and the two chains are prefixed beside it', () => {
    expect(finalLine(sizeResult(false, 1000000))).toBe('scan 1000000 users: 24.2 s (limit 21.7 s), 318 requests (minimum 318)');
    const both: SizeResult = { ...sizeResult(true), partitioned: measured('partitioned', 7.34, 4, 360, 318) };
    both.partitionedSpeedup = 134.15 / 7.34;
    expect(finalLine(both)).toBe('scan 100000 users: 7.3 s (limit 4.0 s), 360 requests (minimum 318), 18.3x faster than naive');
    expect(twoChainsLine(both)).toBe('two chains scan 100000 users: 24.2 s (limit 21.7 s), 318 requests (minimum 318), 5.5x faster than naive');
    // With --no-single, the partitioned scan is the line and there is no prefixed one.
    const alone: SizeResult = { ...both };
    delete alone.ours;
    expect(finalLine(alone)).toBe('scan 100000 users: 7.3 s (limit 4.0 s), 360 requests (minimum 318), 18.3x faster than naive');
    expect(twoChainsLine(alone)).toBeUndefined();
    // With --no-partitioned, the two chains are the line.
    const single: SizeResult = { ...sizeResult(true) };
    expect(finalLine(single)).toBe('scan 100000 users: 24.2 s (limit 21.7 s), 318 requests (minimum 318), 5.5x faster than naive');
  });
});

describe('bench:scan arguments', () => {
  it('defaults to 1,000 / 10,000 / 100,000 users, 100 ms latency, 3 runs, results in bench/results', () => {
    const args = parseArgs([]);
    expect(args).toMatchObject({
      sizes: [1000, 10000, 100000],
      latencyMs: 100,
      graphUnits: 8000,
      graphWindow: 10,
      sitePage: ASSUMED_SITE_PAGE,
      naive: true,
      breakdown: false,
      repeat: 3,
      single: true,
      partitioned: 8,
    });
    expect(args.out).toBe(path.resolve(__dirname, '..', '..', 'bench', 'results', 'scan-latest.json'));
  });

  it('reads every option, in both spellings', () => {
    const args = parseArgs(
      ['--sizes', '1_000,2000', '--latency=0', '--naive-concurrency', '2', '--site-page', '100', '--no-naive', '--breakdown', '--repeat', '1', '--no-single', '--partition-concurrency', '4', '--trust-site-prefixes'],
    );
    expect(args).toMatchObject({ sizes: [1000, 2000], latencyMs: 0, naiveConcurrency: 2, sitePage: 100, naive: false, breakdown: true, repeat: 1, single: false, partitioned: 4, trustSitePrefixes: true });
    expect(parseArgs(['--no-partitioned']).partitioned).toBeUndefined();
  });

  it('refuses what it does not know', () => {
    expect(() => parseArgs(['--bogus'])).toThrow('unknown option --bogus');
    expect(() => parseArgs(['--sizes', '0'])).toThrow(/positive whole number/);
    expect(() => parseArgs(['--repeat', '10'])).toThrow(/at most 9/);
    expect(() => parseArgs(['--sizes'])).toThrow(/needs a value/);
  });
});

/**
 * `npm run bench:scan`: the tenant-wide OneDrive scan against the tenant simulator (in a child process): the pane's
 * scan (scanTenant with `partitioned`: users and personal sites read by prefix, many chains through one gate of 8
 * requests), the two single chains (users pages ‖ personal-site pages, joined in memory) and the naive baseline (users
 * pages, then one single-user `mySite` read per considered user, 20 per Graph $batch).
 *
 *   node scripts/node22.cjs tsx bench/scan.ts [--sizes 1000,10000,100000] [--latency 100]
 *        [--naive-concurrency 4] [--graph-units 8000] [--graph-window 10] [--site-page 300] [--no-naive] [--breakdown] [--no-single] [--no-partitioned] [--partition-concurrency 8] [--trust-site-prefixes] [--student-numbers 0]
 *        [--repeat 3] [--out file] [--help]
 *
 * Our method runs --repeat times per size (default 3) and the run with the median wall time is reported (all wall
 * times are printed and kept in the JSON); the naive baseline runs once (it takes minutes at 100,000 users).
 *
 * --breakdown also runs each of our two chains ALONE (users pages only, site pages only) at each size, to tell the
 * per-page cost of a chain from the cost of sharing the client's and the simulator's event loops with the other chain.
 *
 * The pieces, in bench/scan/: args.ts (command line), simulatorChild.ts (the simulator process, its log and CPU),
 * heap.ts (forced GC, heap sampling), scenarios.ts (our method, the naive baseline, each chain alone), runner.ts (one
 * size: warm-up, measures, verification), report.ts (what is printed and written). See bench/README.md for what each
 * figure means.
 */
import './support/loc';
import { performance } from 'node:perf_hooks';
import { parseArgs } from './scan/args';
import { finalLine, printHeader, printReport, twoChainsLine, writeResults } from './scan/report';
import { runSize, type SizeResult } from './scan/runner';

const USAGE = `usage: node scripts/node22.cjs tsx bench/scan.ts [--sizes 1000,10000,100000] [--latency 100]
       [--naive-concurrency 4] [--graph-units 8000] [--graph-window 10] [--site-page 300] [--no-naive] [--breakdown] [--no-single] [--no-partitioned] [--partition-concurrency 8] [--trust-site-prefixes] [--student-numbers 0]
       [--repeat 3] [--out file]
Runs 1,000, 10,000 and 100,000 users by default (about 6 min): the pane's scan (partitioned: round one hands small tenants
back to the two chains), the two single chains beside it and the naive baseline (up to 100,000 users); --sizes 1000000
adds one run of each of ours at 1,000,000 users (about 6 min). The last lines, \`scan N users: …\`, are the pane's scan.
--sizes 1000 --repeat 1 is a quick check. --student-numbers 0.85 gives 85 % of the users a number as UPN (a school's
students, 20xxxxxx-26xxxxxx: most of the tenant under one character).
See bench/README.md.`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const args = parseArgs(argv);
  const started = performance.now();
  printHeader(args);

  const results: SizeResult[] = [];
  for (const size of args.sizes) results.push(await runSize(args, size));

  const evaluated = printReport(args, results);
  const totalS = (performance.now() - started) / 1000;
  console.log(`(whole run ${totalS.toFixed(0)} s)`);
  console.log('');
  for (const r of results) {
    const twoChains = twoChainsLine(r);
    if (twoChains !== undefined) console.log(twoChains);
  }
  for (const r of results) console.log(finalLine(r));

  writeResults(args, results, evaluated, totalS);
}

main().catch((e: unknown) => {
  console.error(`\nbench:scan FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});

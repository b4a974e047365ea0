/**
 * `npm run bench:bundle`: the production bundle's scripts — the entry chunk, every chunk webpack emitted for a dynamic
 * import(), the localized strings — raw and gzip, next to a hello-world SPFx React web part built the same way
 * (`gulp bundle --ship --lite`, this project's installed SPFx packages, no network), with the budgets of issue 11:
 * entry ≤ 100 KB gzip, entry + chunks ≤ 200 KB gzip.
 *
 *   node scripts/node22.cjs tsx bench/bundle.ts [--no-build] [--no-hello] [--check] [--keep] [--help]
 *
 * --no-build measures the project's release/ as the last build left it (npm run build / npm run package);
 * --no-hello skips the hello world; --check exits 1 when a budget is exceeded; --keep leaves the hello world's folder.
 * The pieces, in bench/bundle/: helloWorld.ts (the hello world's files), measure.ts (reading a build's release/
 * folder), report.ts (what is printed). See bench/README.md and docs/bundle.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HELLO_BUNDLE, writeHelloWorld } from './bundle/helloWorld';
import { measureRelease, type Script } from './bundle/measure';
import { buildLines, summaryLine, withinBudget } from './bundle/report';

const ROOT = path.resolve(__dirname, '..');
const NODE22 = path.join(ROOT, 'scripts', 'node22.cjs');

const USAGE = `usage: node scripts/node22.cjs tsx bench/bundle.ts [--no-build] [--no-hello] [--check] [--keep]
Builds this project and a hello-world SPFx React web part (gulp bundle --ship --lite, about 2 minutes) and prints
their scripts, raw and gzip. See bench/README.md.`;

/** Runs `gulp <args>` in `cwd` with Node 22 first on PATH; the output goes to `log`. */
function gulp(cwd: string, args: string[], log: string): void {
  const fd = fs.openSync(log, 'a');
  try {
    const result = spawnSync(process.execPath, [NODE22, 'gulp', ...args], { cwd, stdio: ['ignore', fd, fd] });
    if (result.status !== 0) {
      throw new Error(`gulp ${args.join(' ')} failed in ${cwd} (exit ${String(result.status)}); see ${log}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = argv.filter((a) => !['--no-build', '--no-hello', '--check', '--keep'].includes(a));
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-bench-bundle-'));

  if (!argv.includes('--no-build')) {
    process.stderr.write('building migration-readiness (gulp clean, gulp bundle --ship --lite)…\n');
    const log = path.join(logs, 'project.log');
    gulp(ROOT, ['clean'], log);
    gulp(ROOT, ['bundle', '--ship', '--lite'], log);
  }
  const project = measureRelease(ROOT);

  let hello: Script[] | undefined;
  let helloDir: string | undefined;
  if (!argv.includes('--no-hello')) {
    helloDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-hello-world-'));
    process.stderr.write(`building a hello-world SPFx React web part in ${helloDir} (gulp bundle --ship --lite)…\n`);
    writeHelloWorld(helloDir, ROOT);
    gulp(helloDir, ['bundle', '--ship', '--lite'], path.join(logs, 'hello-world.log'));
    hello = measureRelease(helloDir);
  }

  const lines = [
    'Production scripts (gulp bundle --ship --lite; gzip at zlib\'s default level 6)',
    '',
    ...buildLines('migration-readiness (this project)', project, true),
  ];
  if (hello) {
    lines.push('', ...buildLines(`${HELLO_BUNDLE} (hello-world SPFx React web part, same toolchain; bench/bundle/helloWorld.ts)`, hello, false));
  }
  lines.push('', summaryLine(project, hello));
  console.log(lines.join('\n'));

  if (helloDir && !argv.includes('--keep')) {
    fs.rmSync(helloDir, { recursive: true, force: true });
  }
  fs.rmSync(logs, { recursive: true, force: true });
  if (argv.includes('--check') && !withinBudget(project)) {
    process.exitCode = 1;
  }
}

main();

/** What `npm run bench:bundle` prints: both builds' scripts, the totals and the budgets (issue 11). */
import type { Script } from './measure';

export const BUDGET = { entryGzip: 100 * 1024, totalGzip: 200 * 1024 };

export interface Totals {
  entry: Script | undefined;
  chunks: Script[];
  strings: Script[];
  /** Entry + chunks: the web part's scripts. */
  scripts: { raw: number; gzip: number };
  /** Entry + localized strings: what loads before the pane renders. */
  firstPaint: { raw: number; gzip: number };
  /** Every script in release/assets (entry, chunks, strings). */
  all: { raw: number; gzip: number };
}

function sum(list: ReadonlyArray<Script>): { raw: number; gzip: number } {
  return list.reduce((acc, s) => ({ raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip }), { raw: 0, gzip: 0 });
}

export function totals(scripts: ReadonlyArray<Script>): Totals {
  const entry = scripts.find((s) => s.kind === 'entry');
  const chunks = scripts.filter((s) => s.kind === 'chunk');
  const strings = scripts.filter((s) => s.kind === 'strings');
  return {
    entry,
    chunks,
    strings,
    scripts: sum(entry ? [entry, ...chunks] : chunks),
    firstPaint: sum(entry ? [entry, ...strings] : strings),
    all: sum(scripts),
  };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function row(label: string, raw: number, gzip: number, note: string = ''): string {
  return `  ${label.padEnd(46)}${kb(raw).padStart(10)}${kb(gzip).padStart(10)}${note ? '  ' + note : ''}`;
}

function within(value: number, budget: number): string {
  return `${value <= budget ? 'within' : 'OVER'} the ${kb(budget)} gzip budget`;
}

/** The lines for one build. `budgets` adds the budgets to the entry and total lines. */
export function buildLines(title: string, scripts: ReadonlyArray<Script>, budgets: boolean): string[] {
  const t = totals(scripts);
  const lines = [title, `  ${''.padEnd(46)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`];
  if (t.entry) {
    lines.push(row(`entry chunk  ${t.entry.name}`, t.entry.raw, t.entry.gzip, budgets ? within(t.entry.gzip, BUDGET.entryGzip) : t.entry.file));
  }
  for (const chunk of t.chunks) {
    lines.push(row(`chunk        ${chunk.name}`, chunk.raw, chunk.gzip, `on demand (${chunk.file})`));
  }
  const chunkCount = `${t.chunks.length} chunk${t.chunks.length === 1 ? '' : 's'}`;
  lines.push(row(`total        entry + ${chunkCount}`, t.scripts.raw, t.scripts.gzip, budgets ? within(t.scripts.gzip, BUDGET.totalGzip) : ''));
  const strings = sum(t.strings);
  lines.push(row(`strings      ${t.strings.length} localized file${t.strings.length === 1 ? '' : 's'}`, strings.raw, strings.gzip, 'loaded with the entry'));
  lines.push(row('first paint  entry + strings', t.firstPaint.raw, t.firstPaint.gzip));
  lines.push(row(`all scripts  entry + ${chunkCount} + strings`, t.all.raw, t.all.gzip));
  return lines;
}

/** True when the project's build is within both budgets. */
export function withinBudget(scripts: ReadonlyArray<Script>): boolean {
  const t = totals(scripts);
  return t.entry !== undefined && t.entry.gzip <= BUDGET.entryGzip && t.scripts.gzip <= BUDGET.totalGzip;
}

/** The closing line: the two budgets and the entry against the hello world. */
export function summaryLine(project: ReadonlyArray<Script>, hello: ReadonlyArray<Script> | undefined): string {
  const t = totals(project);
  const entry = t.entry ? t.entry.gzip : 0;
  let line = `bundle: entry ${kb(entry)} gzip (budget ${kb(BUDGET.entryGzip)}), entry + chunks ${kb(t.scripts.gzip)} gzip (budget ${kb(BUDGET.totalGzip)})`;
  if (hello) {
    const h = totals(hello);
    if (h.entry) {
      line += `, hello world ${kb(h.entry.gzip)} gzip (entry ${(entry / h.entry.gzip).toFixed(1)}x)`;
    }
  }
  return line + (withinBudget(project) ? ': within budget' : ': OVER BUDGET');
}

/**
 * One migration list, from the admin's file to a verdict per row: read the bytes, parse in slices, find the header and
 * the destination column, then — once the OneDrive scan has a result — index the scan, look up in the directory only
 * the addresses it does not hold, and give each row its verdict. Every step that touches many rows runs in slices
 * (no long task); a newer file, another column or a new scan replaces the run in progress. The state is plain data
 * (MigrationListView) handed to `onChange`; nothing here throws to the page.
 */
import type { Outcome } from '../common/outcome';
import type { ScanResult } from '../provisioning/scan';
import { chooseColumn, columnByContent, isHeaderRow } from './columns';
import { MAX_ROWS, readRecords } from './csvParse';
import { decodeBytesSliced, isParseError, pastedText, type DecodedText } from './decode';
import { lookUpAddresses, LOOKUP_CHUNK, LOOKUP_CONCURRENCY } from './lookup';
import type { AddressMatch, UserLookup } from './ports';
import type { Destination } from './address';
import { tenantDomains, type TenantDomains } from './domains';
import { addressesToLookUp, buildScanIndex, classifyRows, destinationsOf, resolveFromScan, type ScanIndex, type ScanResolved } from './resolve';
import { defaultClock, DEFAULT_SLICE_MS, macrotask, type SliceOptions } from './slices';
import type { MappingRow, MigrationListView, ParsedList, ScanInputs, ScanUserRow } from './types';

/** What the admin gives: a file's bytes, or pasted text. */
export interface MigrationListInput {
  fileName: string;
  bytes?: Uint8Array;
  text?: string;
}

export interface SessionOptions {
  /** Work between two yields to the page (ms). */
  sliceMs?: number;
  yieldNow?: () => Promise<void>;
  clock?: () => number;
  /** When the verdicts were given. */
  now?: () => Date;
  /** Progress is told at most this often (ms); phase changes always. */
  progressEveryMs?: number;
  lookupChunk?: number;
  lookupConcurrency?: number;
  maxRows?: number;
}

export class MigrationListSession {
  private view: MigrationListView = { phase: 'empty' };
  /** Each run (a file, a column, a scan) has a number; a run whose number is no longer current stops. */
  private run: number = 0;
  private abort: AbortController | undefined;
  private scan: ScanInputs = { running: false, rows: [] };
  private indexed: { result: ScanResult; rows: ReadonlyArray<ScanUserRow>; index: ScanIndex } | undefined;
  /** The rows' destinations for a list and column (the addresses are read once, not on every new verdict). */
  private destinations: { list: ParsedList; column: number; destinations: Destination[] } | undefined;
  /** Directory answers kept across runs (successes only), for the scan result they were made with. */
  private readonly known: Map<string, Outcome<AddressMatch>> = new Map();
  private knownFor: ScanResult | undefined;
  /** The tenant's verified domains: the read in flight or done (undefined again after a failure, to be read again). */
  private domains: Promise<TenantDomains | undefined> | undefined;
  /** The domains once read. */
  private knownDomains: TenantDomains | undefined;
  private lastProgressAt: number = -Infinity;
  private readonly options: Required<SessionOptions>;

  public constructor(
    private readonly port: UserLookup,
    private readonly onChange: (view: MigrationListView) => void,
    options: SessionOptions = {},
  ) {
    this.options = {
      sliceMs: options.sliceMs ?? DEFAULT_SLICE_MS,
      yieldNow: options.yieldNow ?? macrotask,
      clock: options.clock ?? defaultClock(),
      now: options.now ?? (() => new Date()),
      progressEveryMs: options.progressEveryMs ?? 100,
      lookupChunk: options.lookupChunk ?? LOOKUP_CHUNK,
      lookupConcurrency: options.lookupConcurrency ?? LOOKUP_CONCURRENCY,
      maxRows: options.maxRows ?? MAX_ROWS,
    };
  }

  public getView(): MigrationListView {
    return this.view;
  }

  /** Reads a new list (replacing the current one); resolves when its verdicts are given, or it failed or was replaced. */
  public async load(input: MigrationListInput): Promise<void> {
    const run = this.begin();
    // Read beside the file: by the time the list is checked, the domains are known.
    void this.verifiedDomains();
    this.set({ phase: 'reading', fileName: input.fileName }, true);
    let decoded: DecodedText;
    if (input.bytes !== undefined) {
      const bytes = await decodeBytesSliced(input.bytes, this.slice(run));
      if (bytes === undefined || run !== this.run) {
        return;
      }
      if (isParseError(bytes)) {
        this.set({ phase: 'failed', fileName: input.fileName, error: bytes }, true);
        return;
      }
      decoded = bytes;
    } else {
      decoded = pastedText(input.text || '');
    }
    if (decoded.text.trim().length === 0) {
      this.set({ phase: 'failed', fileName: input.fileName, error: { kind: 'empty' } }, true);
      return;
    }
    this.set({ phase: 'parsing', fileName: input.fileName, progress: { done: 0, total: decoded.text.length } }, true);
    const read = await readRecords(decoded, this.slice(run, (done) => this.progress(run, { done, total: decoded.text.length })), this.options.maxRows);
    if (read === undefined || run !== this.run) {
      return;
    }
    if ('kind' in read) {
      this.set({ phase: 'failed', fileName: input.fileName, error: read }, true);
      return;
    }
    const records = read.records;
    const hasHeader = records.length > 0 && isHeaderRow(records[0] as MappingRow, records[1]);
    const rows = hasHeader ? records.slice(1) : records;
    if (records.length === 0) {
      this.set({ phase: 'failed', fileName: input.fileName, error: { kind: 'empty' } }, true);
      return;
    }
    if (rows.length === 0) {
      this.set({ phase: 'failed', fileName: input.fileName, error: { kind: 'no-rows' } }, true);
      return;
    }
    let columnCount = 0;
    for (let i = 0; i < records.length; i++) {
      columnCount = Math.max(columnCount, (records[i] as MappingRow).cells.length);
    }
    const list: ParsedList = {
      fileName: input.fileName,
      encoding: decoded.encoding,
      delimiter: read.delimiter,
      rows,
      columnCount,
      ...(hasHeader ? { header: (records[0] as MappingRow).cells } : {}),
    };
    const column = chooseColumn(list.header, rows, columnCount);
    this.set({ phase: 'resolving', fileName: input.fileName, list, column }, true);
    await this.resolve(run);
  }

  /** The admin's choice of destination column. */
  public async chooseColumn(index: number): Promise<void> {
    const list = this.view.list;
    if (!list || index < 0 || index >= list.columnCount) {
      return;
    }
    const run = this.begin();
    this.set({ ...this.base(), column: { index, source: 'admin' }, phase: 'resolving' }, true);
    await this.resolve(run);
  }

  /** The scan's latest state: a new result (or new request states) gives the rows their verdicts again. */
  public setScan(inputs: ScanInputs): void {
    const before = this.scan;
    this.scan = inputs;
    if (before.result === inputs.result && before.rows === inputs.rows && before.running === inputs.running) {
      return;
    }
    const phase = this.view.phase;
    if (!this.view.list || phase === 'reading' || phase === 'parsing') {
      // No list yet, or one being read: its own run will use the scan as it is when it gets there.
      return;
    }
    const run = this.begin();
    // Deferred: the caller may be in the middle of its own state update.
    void Promise.resolve().then(() => (run === this.run ? this.resolve(run) : undefined));
  }

  /** Looks up again the addresses whose lookup failed (answers that came back are kept). */
  public async retryLookups(): Promise<void> {
    if (!this.view.list) {
      return;
    }
    const run = this.begin();
    await this.resolve(run);
  }

  /** Stops the lookups in progress: rows not looked up yet say so. Stops reading a file (the list is dropped). */
  public cancel(): void {
    if (this.view.phase === 'reading' || this.view.phase === 'parsing') {
      this.clear();
      return;
    }
    if (this.abort) {
      this.abort.abort();
    }
  }

  public clear(): void {
    this.begin();
    this.set({ phase: 'empty' }, true);
  }

  private begin(): number {
    if (this.abort) {
      this.abort.abort();
      this.abort = undefined;
    }
    return ++this.run;
  }

  /** The list, its column and file name: what every later phase keeps. */
  private base(): MigrationListView {
    const view = this.view;
    return {
      phase: view.phase,
      ...(view.fileName !== undefined ? { fileName: view.fileName } : {}),
      ...(view.list !== undefined ? { list: view.list } : {}),
      ...(view.column !== undefined ? { column: view.column } : {}),
    };
  }

  private slice(run: number, onProgress?: (done: number) => void): SliceOptions {
    return {
      budgetMs: this.options.sliceMs,
      yieldNow: this.options.yieldNow,
      now: this.options.clock,
      stale: () => run !== this.run,
      ...(onProgress ? { onProgress } : {}),
    };
  }

  private progress(run: number, progress: { done: number; total?: number }): void {
    if (run !== this.run) {
      return;
    }
    const at = this.options.clock();
    if (at - this.lastProgressAt < this.options.progressEveryMs) {
      return;
    }
    this.set({ ...this.view, progress }, false);
  }

  /**
   * Starts reading the tenant's verified domains, once (a failed read is tried again the next time). The lookups use
   * them when they are known and never wait for them: without them every address goes through every lookup.
   */
  private verifiedDomains(): Promise<TenantDomains | undefined> {
    if (this.domains === undefined) {
      const read = this.port
        .getVerifiedDomains()
        .catch((): undefined => undefined)
        .then((outcome) => {
          if (outcome === undefined || !outcome.ok) {
            this.domains = undefined;
            return undefined;
          }
          this.knownDomains = tenantDomains(outcome.value);
          return this.knownDomains;
        });
      this.domains = read;
    }
    return this.domains;
  }

  private async indexFor(result: ScanResult, rows: ReadonlyArray<ScanUserRow>, run: number): Promise<ScanIndex | undefined> {
    const cached = this.indexed;
    if (cached && cached.result === result && cached.rows === rows) {
      return cached.index;
    }
    const index = await buildScanIndex(result, rows, this.slice(run));
    if (index !== undefined) {
      this.indexed = { result, rows, index };
    }
    return index;
  }

  private async destinationsFor(list: ParsedList, column: number, run: number): Promise<Destination[] | undefined> {
    const cached = this.destinations;
    if (cached && cached.list === list && cached.column === column) {
      return cached.destinations;
    }
    const destinations = await destinationsOf(list.rows, column, this.slice(run));
    if (destinations !== undefined) {
      this.destinations = { list, column, destinations };
    }
    return destinations;
  }

  private async resolve(run: number): Promise<void> {
    const list = this.view.list;
    const column = this.view.column;
    if (!list || !column || run !== this.run) {
      return;
    }
    const { result, rows } = this.scan;
    if (!result) {
      this.set({ ...this.base(), phase: 'waiting-for-scan', waitingFor: this.scan.running ? 'scan-running' : 'scan-not-done' }, true);
      if (column.source !== 'content') {
        // While it waits: the rows' addresses, so that only the scan's part is left when it ends.
        await this.destinationsFor(list, column.index, run);
      }
      return;
    }
    this.set({ ...this.base(), phase: 'resolving', progress: { done: 0, total: list.rows.length } }, true);
    const index = await this.indexFor(result, rows, run);
    if (index === undefined || run !== this.run) {
      return;
    }
    if (this.knownFor !== result) {
      // A new scan: the directory may have changed since the answers kept.
      this.known.clear();
      this.knownFor = result;
    }
    let chosen = column;
    if (column.source === 'content') {
      // Now that the tenant's addresses are known: the column whose addresses resolve.
      chosen = { index: columnByContent(list.rows, list.columnCount, (key) => index.byKey.has(key) || this.known.has(key)), source: 'content' };
    }
    const destinations = await this.destinationsFor(list, chosen.index, run);
    if (destinations === undefined || run !== this.run) {
      return;
    }
    const keys = await addressesToLookUp(destinations, index, this.known, this.slice(run));
    if (keys === undefined || run !== this.run) {
      return;
    }
    const answers = new Map<string, Outcome<AddressMatch>>(this.known);
    let lookups: MigrationListView['lookups'];
    let ahead: ScanResolved | undefined;
    if (keys.length > 0) {
      const abort = new AbortController();
      this.abort = abort;
      this.set({ ...this.base(), column: chosen, phase: 'looking-up', progress: { done: 0, total: keys.length } }, true);
      // Known by now when the list was dropped before (the read runs beside the file); else read for the next time.
      void this.verifiedDomains();
      const domains = this.knownDomains;
      const lookingUp = lookUpAddresses(this.port, keys, {
        signal: abort.signal,
        chunk: this.options.lookupChunk,
        concurrency: this.options.lookupConcurrency,
        onProgress: (done, total) => this.progress(run, { done, total }),
        onAnswers: (found) => {
          if (this.knownFor === result) {
            found.forEach((answer, key) => {
              if (answer.ok) {
                this.known.set(key, answer);
              }
            });
          }
        },
        ...(domains !== undefined ? { domains } : {}),
      });
      // While the answers travel: the rows the scan resolves.
      ahead = await resolveFromScan(destinations, index, this.slice(run));
      const looked = await lookingUp;
      if (this.abort === abort) {
        this.abort = undefined;
      }
      if (run !== this.run) {
        return;
      }
      looked.answers.forEach((answer, key) => answers.set(key, answer));
      lookups = {
        addresses: keys.length,
        failed: looked.failed,
        ...(looked.failure !== undefined ? { failure: looked.failure } : {}),
        ...(looked.cancelled ? { cancelled: true } : {}),
      };
      this.set({ ...this.base(), column: chosen, phase: 'resolving', progress: { done: 0, total: list.rows.length } }, true);
    }
    const classified = await classifyRows(list.rows, destinations, index, answers, this.slice(run, (done) => this.progress(run, { done, total: list.rows.length })), ahead);
    if (classified === undefined || run !== this.run) {
      return;
    }
    this.set(
      {
        ...this.base(),
        column: chosen,
        phase: 'done',
        resolutions: classified.resolutions,
        counts: classified.counts,
        ...(lookups !== undefined ? { lookups } : {}),
        resolvedAt: this.options.now().toISOString(),
      },
      true,
    );
  }

  private set(view: MigrationListView, phaseChange: boolean): void {
    this.view = view;
    if (phaseChange || view.progress !== undefined) {
      this.lastProgressAt = this.options.clock();
    }
    this.onChange(view);
  }
}

import { evaluate } from '../readiness/evaluate';
import type { ConnectorSettings, ScanState, TenantFacts } from '../readiness/facts';
import { createRequestTracker } from '../provisioning/pending';
import { requestProvisioning, type BulkRequestState } from '../provisioning/requestProvisioning';
import { scanTenant, type ScanCheckpoint, type ScanResult } from '../provisioning/scan';
import { progressToScanState, toScanState } from './scanState';
import type { EnqueueAttempt, ProvisioningLogEntry, ProvisioningRequester } from '../provisioning/ports';
import { gatherFacts } from './gatherFacts';
import type { AppPorts } from './ports';
import type { AppState, UserRow } from './state';
import { MigrationListSession, type MigrationListInput } from '../migrationList/session';

export interface ControllerServices {
  ports: AppPorts;
  now?: () => Date;
}

type Listener = (state: AppState) => void;

/**
 * Owns the pane's state and every call to the tenant: gathers facts, runs the OneDrive scan, requests provisioning.
 * The UI subscribes and renders; it never fetches. Nothing here throws to the page: failures are state.
 */
export class ReadinessController {
  private state: AppState;
  private readonly listeners: Listener[] = [];
  private scanAbort: AbortController | undefined;
  private requestAbort: AbortController | undefined;
  private gatherRun = 0;
  private rowsInputs: { result?: ScanResult; entries?: ProvisioningLogEntry[] } = {};
  private readonly now: () => Date;
  /** The migration list: the admin's file checked against the last scan (src/migrationList/session.ts). */
  private readonly migrationList: MigrationListSession;
  private migrationInputs: { result?: ScanResult; rows?: UserRow[]; running?: boolean } = {};

  public constructor(
    private readonly services: ControllerServices,
    connector: ConnectorSettings,
  ) {
    this.now = services.now ?? (() => new Date());
    this.migrationList = new MigrationListSession(services.ports.directory, (view) => this.update({ migrationList: view }));
    this.state = {
      connector,
      gathering: false,
      results: [],
      scan: { running: false },
      rows: [],
      log: { entries: [], kind: services.ports.log.kind },
      request: { running: false },
      adminUrl: services.ports.adminUrl,
      provisioningAttempts: [],
      migrationList: { phase: 'empty' },
      hosts: services.ports.hosts,
    };
  }

  public getState(): AppState {
    return this.state;
  }

  public subscribe(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) {
        this.listeners.splice(index, 1);
      }
    };
  }

  /** Opens the pane: gathers the facts, loads the provisioning log and starts the (read-only) OneDrive scan. */
  public async start(): Promise<void> {
    await Promise.all([this.recheck(), this.loadLog().then(() => this.rescan())]);
  }

  /** Re-gathers every fact (the scan keeps its own state). */
  public async recheck(): Promise<void> {
    const run = ++this.gatherRun;
    this.update({ gathering: true });
    const facts = await gatherFacts(this.services.ports, this.state.connector, this.scanState());
    if (run === this.gatherRun) {
      this.update({ gathering: false, facts });
    }
  }

  /** Changes the connector settings (property pane) and re-checks. */
  public async setConnector(connector: ConnectorSettings): Promise<void> {
    this.update({ connector });
    await this.recheck();
  }

  public async rescan(resume?: ScanCheckpoint): Promise<void> {
    if (this.scanAbort) {
      this.scanAbort.abort();
    }
    const abort = new AbortController();
    this.scanAbort = abort;
    this.update({ scan: { ...this.state.scan, running: true, failure: undefined, cancelled: false, progress: undefined } });
    const outcome = await scanTenant(
      { directory: this.services.ports.directory, sites: this.services.ports.sites },
      {
        signal: abort.signal,
        ...(resume ? { resumeFrom: resume } : {}),
        onProgress: (progress) => {
          if (this.scanAbort === abort) {
            this.update({ scan: { ...this.state.scan, progress } });
          }
        },
      },
    );
    if (this.scanAbort !== abort) {
      return;
    }
    this.scanAbort = undefined;
    if (outcome.status === 'done') {
      this.update({ scan: { running: false, result: outcome.result, finishedAt: this.now().toISOString() } });
    } else if (outcome.status === 'failed') {
      this.update({ scan: { ...this.state.scan, running: false, failure: outcome.failure, failureSource: outcome.source, checkpoint: outcome.checkpoint } });
    } else {
      this.update({ scan: { ...this.state.scan, running: false, cancelled: true, checkpoint: outcome.checkpoint } });
    }
  }

  public cancelScan(): void {
    if (this.scanAbort) {
      this.scanAbort.abort();
    }
  }

  public async resumeScan(): Promise<void> {
    await this.rescan(this.state.scan.checkpoint);
  }

  public async requestProvisioning(emails: string[]): Promise<void> {
    await this.runRequest(emails, undefined);
  }

  /** Sends again only the chunks that failed (or were never sent) in the last request. */
  public async retryFailed(): Promise<void> {
    const previous = this.state.request.state;
    if (previous) {
      await this.runRequest([], previous);
    }
  }

  public cancelRequest(): void {
    if (this.requestAbort) {
      this.requestAbort.abort();
    }
  }

  private async runRequest(emails: string[], previous: BulkRequestState | undefined): Promise<void> {
    if (this.state.request.running) {
      return;
    }
    const abort = new AbortController();
    this.requestAbort = abort;
    this.update({ request: { running: true, ...(previous ? { state: previous } : {}) } });
    const me = this.state.facts && this.state.facts.me.ok ? this.state.facts.me.value.userPrincipalName : 'unknown';
    const requester = this.services.ports.requester;
    const attempts: EnqueueAttempt[] = [];
    this.update({ provisioningAttempts: attempts });
    // Every chunk's path attempts are kept, so the connection report tells which way the request went.
    const recording: ProvisioningRequester = {
      enqueue: async (addresses: string[]) => {
        const outcome = await requester.enqueue(addresses);
        attempts.push(...requester.attempts());
        this.update({ provisioningAttempts: attempts.slice() });
        return outcome;
      },
      attempts: () => requester.attempts(),
    };
    const state = await requestProvisioning(recording, this.services.ports.log, emails, {
      requestedBy: me,
      now: this.now,
      signal: abort.signal,
      ...(previous ? { previous } : {}),
      onProgress: (progress) => this.update({ request: { ...this.state.request, progress } }),
    });
    this.requestAbort = undefined;
    this.update({ request: { running: false, state, ...(this.state.request.progress ? { progress: this.state.request.progress } : {}) } });
    await this.loadLog();
  }

  private async loadLog(): Promise<void> {
    const log = this.services.ports.log;
    const loaded = await log.load();
    this.update({
      log: loaded.ok
        ? { entries: loaded.value, kind: log.kind, ...(log.fallbackReason ? { fallbackReason: log.fallbackReason } : {}) }
        : { entries: this.state.log.entries, kind: log.kind, loadFailure: loaded },
    });
  }

  private scanState(): ScanState {
    const scan = this.state.scan;
    if (scan.running) {
      return scan.progress ? progressToScanState(scan.progress) : { state: 'running', pagesDone: 0, usersSeen: 0 };
    }
    if (scan.result) {
      return toScanState(scan.result, this.state.log.entries, this.now());
    }
    if (scan.failure) {
      return { state: 'failed', reason: scan.failure };
    }
    return { state: 'idle' };
  }

  private rowsFor(): UserRow[] {
    const result = this.state.scan.result;
    if (!result) {
      return [];
    }
    const tracker = createRequestTracker(this.state.log.entries, this.now());
    return result.unprovisioned.map((user) => ({ user, status: tracker.statusOf(user) }));
  }

  /** Checks a migration list (a dropped, picked or pasted file) against the last scan; the file never leaves the page. */
  public async loadMigrationList(input: MigrationListInput): Promise<void> {
    await this.migrationList.load(input);
  }

  /** The admin's choice of the list's destination column. */
  public async chooseMigrationListColumn(index: number): Promise<void> {
    await this.migrationList.chooseColumn(index);
  }

  /** Looks up again the list's addresses whose lookup failed. */
  public async retryMigrationListLookups(): Promise<void> {
    await this.migrationList.retryLookups();
  }

  public cancelMigrationList(): void {
    this.migrationList.cancel();
  }

  public clearMigrationList(): void {
    this.migrationList.clear();
  }

  /** The migration list follows the scan: its result, its users' request states, whether it runs. */
  private syncMigrationList(): void {
    const scan = this.state.scan;
    const inputs = this.migrationInputs;
    if (inputs.result === scan.result && inputs.rows === this.state.rows && inputs.running === scan.running) {
      return;
    }
    this.migrationInputs = { result: scan.result, rows: this.state.rows, running: scan.running };
    this.migrationList.setScan({ ...(scan.result ? { result: scan.result } : {}), running: scan.running, rows: this.state.rows });
  }

  private update(patch: Partial<AppState>): void {
    const next: AppState = { ...this.state, ...patch };
    this.state = next;
    // Derived state: rows follow the scan result and the log (recomputed only when either changes: 100,000 rows);
    // results follow the facts and the scan.
    if (this.state.scan.result !== this.rowsInputs.result || this.state.log.entries !== this.rowsInputs.entries) {
      this.rowsInputs = { result: this.state.scan.result, entries: this.state.log.entries };
      this.state = { ...this.state, rows: this.rowsFor() };
    }
    if (this.state.facts && (patch.facts !== undefined || patch.scan !== undefined || patch.log !== undefined)) {
      const facts: TenantFacts = { ...this.state.facts, scan: this.scanState() };
      this.state = { ...this.state, facts, results: evaluate(facts) };
    }
    this.syncMigrationList();
    for (const listener of this.listeners.slice()) {
      listener(this.state);
    }
  }
}

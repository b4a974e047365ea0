import { evaluate } from '../readiness/evaluate';
import type { ConnectorSettings, ScanState, TenantFacts } from '../readiness/facts';
import { createRequestTracker } from '../provisioning/pending';
import { requestProvisioning, type BulkRequestState } from '../provisioning/requestProvisioning';
import { scanTenant, type ScanCheckpoint, type ScanOutcome, type ScanResult } from '../provisioning/scan';
import { progressToScanState, toScanState } from './scanState';
import type { EnqueueAttempt, ProvisioningLogEntry, ProvisioningRequester } from '../provisioning/ports';
import { errorMessage, failure, type Failure } from '../common/outcome';
import { gatherFacts } from './gatherFacts';
import { guardPorts } from './neverThrow';
import type { AppPorts } from './ports';
import type { AppState, UserRow } from './state';
import { MigrationListSession, type MigrationListInput } from '../migrationList/session';
import { askedWaitSeconds } from './scanWait';
import type { TransportPorts, TransportWait } from './transportPorts';

export interface ControllerServices {
  /** The tenant's ports; createTenantPorts also gives the transport's waits and the tabs' provisioning lock. */
  ports: AppPorts & Partial<TransportPorts>;
  now?: () => Date;
}

/** Facts when gathering itself broke (not a read: every read answers an Outcome): each one says so. */
function brokenFacts(connector: ConnectorSettings, scan: ScanState, error: unknown): TenantFacts {
  const broken = failure(0, 'UnexpectedError', errorMessage(error));
  return {
    connector,
    tenant: broken,
    skus: broken,
    me: broken,
    myRoles: broken,
    eligibleRoles: broken,
    adminOneDrive: broken,
    connectorApp: broken,
    licensedUserCount: broken,
    scan,
  };
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
  /** The ports, each guarded so that a throw is a Failure (see neverThrow.ts). */
  private readonly ports: AppPorts & Partial<TransportPorts>;
  /** A "wait and continue" in progress: its timer, and how to end the promise of the resumeScan call that set it. */
  private resumeWait: { timer: ReturnType<typeof setTimeout>; done: () => void } | undefined;
  private waitClear: ReturnType<typeof setTimeout> | undefined;

  public constructor(
    private readonly services: ControllerServices,
    connector: ConnectorSettings,
  ) {
    this.now = services.now ?? (() => new Date());
    this.ports = guardPorts(services.ports);
    if (services.ports.waits) {
      services.ports.waits.subscribe((wait) => this.onTransportWait(wait));
    }
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

  /** Re-gathers every fact (the scan keeps its own state). Always ends with `gathering` false and facts to show. */
  public async recheck(): Promise<void> {
    const run = ++this.gatherRun;
    this.update({ gathering: true });
    let facts: TenantFacts;
    try {
      facts = await gatherFacts(this.ports, this.state.connector, this.scanState());
    } catch (error) {
      facts = brokenFacts(this.state.connector, this.scanState(), error);
    }
    if (run === this.gatherRun) {
      this.update({ gathering: false, facts });
    }
  }

  /** Changes the connector settings (property pane) and re-checks. */
  public async setConnector(connector: ConnectorSettings): Promise<void> {
    this.update({ connector });
    await this.recheck();
  }

  /** Scans from the start, or from a checkpoint. Always ends not running: done, failed (with a checkpoint) or cancelled. */
  public async rescan(resume?: ScanCheckpoint): Promise<void> {
    this.endResumeWait();
    if (this.scanAbort) {
      this.scanAbort.abort();
    }
    const abort = new AbortController();
    this.scanAbort = abort;
    this.update({ scan: { ...this.state.scan, running: true, failure: undefined, cancelled: false, progress: undefined, wait: undefined, resumeAt: undefined } });
    let outcome: ScanOutcome | undefined;
    let broken: Failure | undefined;
    try {
      outcome = await scanTenant(
        { directory: this.ports.directory, sites: this.ports.sites, ...(this.ports.partitions ? { partitions: this.ports.partitions } : {}) },
        {
          signal: abort.signal,
          // Split by prefix when the tenant is large enough to gain from it (decided from the first pages); a resume
          // goes on as the single chains it was.
          partitioned: {},
          ...(resume ? { resumeFrom: resume } : {}),
          onProgress: (progress) => {
            if (this.scanAbort === abort) {
              this.update({ scan: { ...this.state.scan, progress } });
            }
          },
        },
      );
    } catch (error) {
      // scanTenant never throws; if it ever did, the scan still ends, failed, where it can be started again.
      broken = failure(0, 'UnexpectedError', errorMessage(error));
    }
    if (this.scanAbort !== abort) {
      return;
    }
    this.scanAbort = undefined;
    if (outcome === undefined) {
      const checkpoint = resume || this.state.scan.checkpoint;
      this.update({ scan: { ...this.state.scan, running: false, wait: undefined, failure: broken, failureSource: 'users', checkpoint } });
    } else if (outcome.status === 'done') {
      this.update({ scan: { running: false, result: outcome.result, finishedAt: this.now().toISOString() } });
    } else if (outcome.status === 'failed') {
      this.update({ scan: { ...this.state.scan, running: false, wait: undefined, failure: outcome.failure, failureSource: outcome.source, checkpoint: outcome.checkpoint } });
    } else {
      this.update({ scan: { ...this.state.scan, running: false, wait: undefined, cancelled: true, checkpoint: outcome.checkpoint } });
    }
  }

  /** Cancels the running scan, or a "wait and continue" that has not resumed yet. */
  public cancelScan(): void {
    if (this.resumeWait) {
      this.endResumeWait();
      this.update({ scan: { ...this.state.scan, resumeAt: undefined } });
    }
    if (this.scanAbort) {
      this.scanAbort.abort();
    }
  }

  /**
   * Resumes an interrupted scan from its checkpoint. After throttling (429/503, or any Retry-After) it first waits as
   * long as Microsoft 365 asked — "wait and continue", `scan.resumeAt` telling when — since coming back early only
   * earns another 429; called again during that wait, it continues at once. Answers when the resumed scan ends (or
   * the wait is cancelled).
   */
  public async resumeScan(): Promise<void> {
    const scan = this.state.scan;
    if (scan.running) {
      return;
    }
    if (this.resumeWait) {
      this.endResumeWait();
      await this.rescan(scan.checkpoint);
      return;
    }
    const seconds = scan.checkpoint ? askedWaitSeconds(scan.failure) : undefined;
    if (seconds === undefined) {
      await this.rescan(scan.checkpoint);
      return;
    }
    const resumeAt = new Date(this.now().getTime() + seconds * 1000).toISOString();
    this.update({ scan: { ...scan, resumeAt } });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.resumeWait = undefined;
        this.rescan(this.state.scan.checkpoint).then(resolve, resolve);
      }, seconds * 1000);
      this.resumeWait = { timer, done: resolve };
    });
  }

  /** Ends a pending "wait and continue" (its resumeScan call answers). */
  private endResumeWait(): void {
    const pending = this.resumeWait;
    if (pending) {
      this.resumeWait = undefined;
      clearTimeout(pending.timer);
      pending.done();
    }
  }

  /** The transport waits (throttled or backing off): shown until the wait ends, on the scan too while it runs. */
  private onTransportWait(wait: TransportWait): void {
    this.update({ wait, ...(this.state.scan.running ? { scan: { ...this.state.scan, wait } } : {}) });
    if (this.waitClear !== undefined) {
      clearTimeout(this.waitClear);
    }
    const left = Math.max(0, Date.parse(wait.until) - Date.now());
    this.waitClear = setTimeout(() => {
      this.waitClear = undefined;
      if (this.state.wait === wait) {
        this.update({ wait: undefined, ...(this.state.scan.wait === wait ? { scan: { ...this.state.scan, wait: undefined } } : {}) });
      }
    }, left + 250);
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
    try {
      await this.sendRequest(emails, previous, abort);
    } catch (error) {
      // requestProvisioning never throws; if it ever did, the request still ends, with every chunk not sent shown.
      const chunks = previous ? previous.chunks : [];
      this.update({
        request: {
          running: false,
          state: { chunks, unlogged: previous ? previous.unlogged : [], cancelled: false, logWarning: errorMessage(error), logFailure: failure(0, 'UnexpectedError', errorMessage(error)) },
        },
      });
    } finally {
      this.requestAbort = undefined;
      if (this.state.request.running) {
        this.update({ request: { ...this.state.request, running: false } });
      }
    }
    await this.loadLog();
  }

  private async sendRequest(emails: string[], previous: BulkRequestState | undefined, abort: AbortController): Promise<void> {
    const me = this.state.facts && this.state.facts.me.ok ? this.state.facts.me.value.userPrincipalName : 'unknown';
    const requester = this.ports.requester;
    const lock = this.services.ports.requestLock;
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
    const state = await requestProvisioning(recording, this.ports.log, emails, {
      requestedBy: me,
      now: this.now,
      signal: abort.signal,
      ...(previous ? { previous } : {}),
      // One tab at a time per tenant: a chunk's read-send-record runs under the lock the tabs of this browser share.
      ...(lock ? { exclusive: <T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> => lock.exclusive(work, signal) } : {}),
      onProgress: (progress) => this.update({ request: { ...this.state.request, progress } }),
    });
    this.update({ request: { running: false, state, ...(this.state.request.progress ? { progress: this.state.request.progress } : {}) } });
  }

  private async loadLog(): Promise<void> {
    const log = this.ports.log;
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
      const running: ScanState = scan.progress ? progressToScanState(scan.progress) : { state: 'running', pagesDone: 0, usersSeen: 0 };
      if (running.state === 'running' && scan.wait) {
        running.waiting = { status: scan.wait.status, seconds: scan.wait.seconds, asked: scan.wait.asked, until: scan.wait.until };
      }
      return running;
    }
    if (scan.result) {
      return toScanState(scan.result, this.state.log.entries, this.now());
    }
    if (scan.failure) {
      const checkpoint = scan.checkpoint;
      return {
        state: 'failed',
        reason: scan.failure,
        // What was read before it stopped, shown as incomplete only (never as a count of the tenant).
        ...(checkpoint
          ? { partial: { usersSeen: checkpoint.usersSeen, considered: checkpoint.users.length, ...(checkpoint.usersTotal !== undefined ? { usersTotal: checkpoint.usersTotal } : {}) } }
          : {}),
      };
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
      try {
        listener(this.state);
      } catch {
        // A listener (the page) that throws must not stop the controller: the next update reaches it again.
      }
    }
  }
}

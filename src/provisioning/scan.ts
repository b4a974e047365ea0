/**
 * The tenant-wide OneDrive scan: which licensed, enabled member users have no personal site yet.
 *
 * Two independent paged reads run side by side — directory users and (SharePoint admin) personal sites — each a
 * sequential chain because every page needs the previous page's `next`. They are joined in memory by address
 * (UPN and mail, case-insensitively). When the personal-site enumeration is refused (401/403: not a SharePoint admin,
 * or no SharePoint scope approved), the scan falls back to per-user reads for the considered users (slower, with a notice).
 *
 * Any other failure ends the scan as failed but keeps a checkpoint (JSON-serializable) from which a later call resumes
 * without reading again the pages it already has. Only compact records are kept, never the raw DTOs.
 */
import * as strings from 'ProvisioningStrings';
import { format } from '../common/format';
import { failure } from '../tenant/outcome';
import type { Failure, Outcome } from '../tenant/outcome';
import type { DirectoryReader, DirectoryUser, Page, PersonalSite, PersonalSiteReader } from '../tenant/ports';
import type { OneDriveState, ScanState } from '../readiness/facts';
import type { ProvisioningLogEntry } from '../tenant/ports';
import { addressKey, ownerKey } from './addresses';
import { licenseFamily } from './licensing';
import type { LicenseFamily } from './licensing';
import { createRequestTracker } from './pending';

/** A considered user, as little as the scan and the list of unprovisioned users need. */
export interface CompactUser {
  id: string;
  upn: string;
  mail?: string;
  displayName: string;
  department?: string;
  /** Which plan family gives this user a OneDrive. */
  license: LicenseFamily;
}

/** A considered user without a personal site. */
export type UnprovisionedUser = CompactUser;

export type ScanMethod = 'tenant-admin' | 'per-user';

export interface ExclusionCounts {
  guests: number;
  disabled: number;
  unlicensed: number;
}

/** 'reading': the two paged reads; 'per-user': the slow fallback, checking each considered user. */
export type ScanPhase = 'reading' | 'per-user';

export interface ScanProgress {
  phase: ScanPhase;
  userPagesDone: number;
  sitePagesDone: number;
  /** Directory users read so far (all of them, excluded ones too). */
  usersSeen: number;
  /** Personal sites read so far. */
  sitesSeen: number;
  /** Pages both reads will take, when it can be told (from the services' counts or page sizes). */
  estimatedTotalPages?: number;
  /** Per-user phase: considered users checked so far, and how many there are to check. */
  usersChecked?: number;
  usersToCheck?: number;
}

/** Where an interrupted scan stands. Plain JSON: a UI can store it and pass it back as `resumeFrom`. */
export interface ScanCheckpoint {
  version: 1;
  usersNext?: string;
  sitesNext?: string;
  /** The users read has reached its last page. */
  usersDone: boolean;
  /** The personal-site read has reached its last page (or was given up for per-user reads). */
  sitesDone: boolean;
  userPagesDone: number;
  sitePagesDone: number;
  usersSeen: number;
  sitesSeen: number;
  /** Page sizes and service counts seen, for the progress estimate after a resume. */
  usersTotal?: number;
  userPageSize?: number;
  sitesTotal?: number;
  sitePageSize?: number;
  excluded: ExclusionCounts;
  /** Considered users read so far. */
  users: CompactUser[];
  /** Comparison keys (lowercased addresses) of the personal sites' owners found so far. */
  siteOwners: string[];
  method: ScanMethod;
  methodNotice?: string;
  /** Per-user method: how many of `users` (in order) have been checked. */
  perUserChecked?: number;
}

export interface ScanResult {
  /** Licensed, enabled member users. */
  considered: number;
  excluded: ExclusionCounts;
  /** Considered users without a personal site, in directory order. */
  unprovisioned: UnprovisionedUser[];
  /** Considered users with a personal site. */
  provisionedCount: number;
  /** Comparison keys (UPN and mail, lowercased) of the considered users with a personal site: lets tracking tell "provisioned" from "out of scope". */
  provisionedAddresses: string[];
  method: ScanMethod;
  /** Why the slower per-user method was used, when it was. */
  methodNotice?: string;
}

export type ScanOutcome =
  | { status: 'done'; result: ScanResult }
  | { status: 'failed'; failure: Failure; checkpoint: ScanCheckpoint }
  | { status: 'cancelled'; checkpoint: ScanCheckpoint };

export interface ScanPorts {
  directory: Pick<DirectoryReader, 'getUsersPage'>;
  sites: Pick<PersonalSiteReader, 'getPersonalSitesPage' | 'getOneDriveStates'>;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  resumeFrom?: ScanCheckpoint;
  /** User ids per getOneDriveStates call in the per-user fallback (default 20: a Graph $batch holds at most 20). */
  perUserBatch?: number;
  /** getOneDriveStates calls in flight at once in the per-user fallback (default 4). */
  concurrency?: number;
}

export const DEFAULT_PER_USER_BATCH: number = 20;
export const DEFAULT_PER_USER_CONCURRENCY: number = 4;

/** Why a user is not considered, in precedence order: guest, then disabled, then unlicensed. */
export type ExclusionReason = 'guest' | 'disabled' | 'unlicensed';

export function exclusionReason(user: DirectoryUser): ExclusionReason | undefined {
  if ((user.userType || '').toLowerCase() !== 'member') {
    return 'guest';
  }
  if (!user.accountEnabled) {
    return 'disabled';
  }
  if (licenseFamily(user.enabledPlanIds) === undefined) {
    return 'unlicensed';
  }
  return undefined;
}

function emptyCheckpoint(): ScanCheckpoint {
  return {
    version: 1,
    usersDone: false,
    sitesDone: false,
    userPagesDone: 0,
    sitePagesDone: 0,
    usersSeen: 0,
    sitesSeen: 0,
    excluded: { guests: 0, disabled: 0, unlicensed: 0 },
    users: [],
    siteOwners: [],
    method: 'tenant-admin',
  };
}

/** A private working copy of the checkpoint (the caller's object is never mutated). */
function startFrom(resume: ScanCheckpoint | undefined): ScanCheckpoint {
  if (!resume || resume.version !== 1 || !resume.users || !resume.siteOwners || !resume.excluded) {
    return emptyCheckpoint();
  }
  return {
    ...resume,
    excluded: { guests: resume.excluded.guests, disabled: resume.excluded.disabled, unlicensed: resume.excluded.unlicensed },
    users: resume.users.slice(),
    siteOwners: resume.siteOwners.slice(),
  };
}

function copyCheckpoint(state: ScanCheckpoint): ScanCheckpoint {
  return startFrom(state);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls a port; an exception (which adapters should never let escape) becomes a Failure too. */
async function call<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    return failure(0, 'UnexpectedError', errorMessage(error));
  }
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && signal.aborted;
}

function isPermissionFailure(f: Failure): boolean {
  return f.status === 401 || f.status === 403;
}

function pagesEstimate(done: boolean, pagesDone: number, total: number | undefined, pageSize: number | undefined): number | undefined {
  if (done) {
    return pagesDone;
  }
  if (total === undefined || pageSize === undefined || pageSize <= 0) {
    return undefined;
  }
  return Math.max(Math.ceil(total / pageSize), pagesDone + 1);
}

function progressOf(state: ScanCheckpoint, phase: ScanPhase): ScanProgress {
  const userPages = pagesEstimate(state.usersDone, state.userPagesDone, state.usersTotal, state.userPageSize);
  // Without a site count, about one personal site per directory user is the best guess there is.
  const sitePages = pagesEstimate(state.sitesDone, state.sitePagesDone, state.sitesTotal !== undefined ? state.sitesTotal : state.usersTotal, state.sitePageSize);
  const progress: ScanProgress = {
    phase,
    userPagesDone: state.userPagesDone,
    sitePagesDone: state.sitePagesDone,
    usersSeen: state.usersSeen,
    sitesSeen: state.sitesSeen,
  };
  if (userPages !== undefined && sitePages !== undefined) {
    progress.estimatedTotalPages = userPages + sitePages;
  }
  return progress;
}

type ChainEnd = { kind: 'done' } | { kind: 'stopped' } | { kind: 'failed'; failure: Failure };

interface ChainControl {
  signal?: AbortSignal;
  /** Set when the other chain failed: finish the page in flight, then stop. */
  stop: boolean;
}

/** Reads pages one after the other from `start` until the last page, a failure, a stop or a cancel. */
async function readChain<T>(
  read: (next: string | undefined, signal?: AbortSignal) => Promise<Outcome<Page<T>>>,
  start: string | undefined,
  control: ChainControl,
  onPage: (page: Page<T>) => void,
): Promise<ChainEnd> {
  let next = start;
  for (;;) {
    if (control.stop || (control.signal && control.signal.aborted)) {
      return { kind: 'stopped' };
    }
    const current = next;
    const outcome = await call(() => read(current, control.signal));
    if (control.signal && control.signal.aborted) {
      // Whatever came back for a cancelled request is discarded: the page is read again on resume.
      return { kind: 'stopped' };
    }
    if (!outcome.ok) {
      return { kind: 'failed', failure: outcome };
    }
    if (outcome.value.next !== undefined && outcome.value.next === current) {
      return { kind: 'failed', failure: failure(0, 'PagingLoop', strings.PagingLoopMessage) };
    }
    onPage(outcome.value);
    if (outcome.value.next === undefined || outcome.value.next === '') {
      return { kind: 'done' };
    }
    next = outcome.value.next;
  }
}

function addUserPage(state: ScanCheckpoint, page: Page<DirectoryUser>): void {
  const items = page.items;
  for (let i = 0; i < items.length; i++) {
    const user = items[i] as DirectoryUser;
    const reason = exclusionReason(user);
    if (reason === 'guest') {
      state.excluded.guests++;
    } else if (reason === 'disabled') {
      state.excluded.disabled++;
    } else if (reason === 'unlicensed') {
      state.excluded.unlicensed++;
    } else {
      const compact: CompactUser = {
        id: user.id,
        upn: user.userPrincipalName,
        displayName: user.displayName,
        license: licenseFamily(user.enabledPlanIds) as LicenseFamily,
      };
      if (user.mail) {
        compact.mail = user.mail;
      }
      if (user.department) {
        compact.department = user.department;
      }
      state.users.push(compact);
    }
  }
  state.usersSeen += items.length;
  state.userPagesDone++;
  if (state.userPageSize === undefined && page.next) {
    state.userPageSize = items.length;
  }
  if (page.totalEstimate !== undefined) {
    state.usersTotal = page.totalEstimate;
  }
  state.usersNext = page.next || undefined;
  state.usersDone = !page.next;
}

function addSitePage(state: ScanCheckpoint, page: Page<PersonalSite>): void {
  const items = page.items;
  for (let i = 0; i < items.length; i++) {
    const key = ownerKey((items[i] as PersonalSite).owner || '');
    if (key.length > 0) {
      state.siteOwners.push(key);
    }
  }
  state.sitesSeen += items.length;
  state.sitePagesDone++;
  if (state.sitePageSize === undefined && page.next) {
    state.sitePageSize = items.length;
  }
  if (page.totalEstimate !== undefined) {
    state.sitesTotal = page.totalEstimate;
  }
  state.sitesNext = page.next || undefined;
  state.sitesDone = !page.next;
}

function ownerSet(state: ScanCheckpoint): Set<string> {
  const owners = new Set<string>();
  const list = state.siteOwners;
  for (let i = 0; i < list.length; i++) {
    owners.add(list[i] as string);
  }
  return owners;
}

function hasSite(user: CompactUser, owners: Set<string>): boolean {
  return owners.has(addressKey(user.upn)) || (user.mail !== undefined && owners.has(addressKey(user.mail)));
}

function switchToPerUser(state: ScanCheckpoint, reason: Failure): void {
  state.method = 'per-user';
  state.methodNotice = format(strings.PerUserNotice, reason.status, reason.code);
  state.sitesDone = true;
  state.sitesNext = undefined;
  state.perUserChecked = 0;
}

type PhaseEnd = { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; failure: Failure };

/** The slow fallback: read the OneDrive state of every considered user not already known to have a site. */
async function checkPerUser(ports: ScanPorts, state: ScanCheckpoint, options: ScanOptions): Promise<PhaseEnd> {
  const signal = options.signal;
  const batchSize = Math.max(1, Math.floor(options.perUserBatch || DEFAULT_PER_USER_BATCH));
  const concurrency = Math.max(1, Math.floor(options.concurrency || DEFAULT_PER_USER_CONCURRENCY));
  const owners = ownerSet(state);
  const users = state.users;
  const from = state.perUserChecked || 0;

  // Batches of user indexes still to check; `ends[b]` is the users index right after batch b.
  const batches: number[][] = [];
  const ends: number[] = [];
  let current: number[] = [];
  for (let i = from; i < users.length; i++) {
    if (!hasSite(users[i] as CompactUser, owners)) {
      current.push(i);
      if (current.length === batchSize) {
        batches.push(current);
        ends.push(i + 1);
        current = [];
      }
    }
  }
  if (current.length > 0) {
    batches.push(current);
    ends.push(users.length);
  }
  let toCheck = 0;
  for (let b = 0; b < batches.length; b++) {
    toCheck += (batches[b] as number[]).length;
  }

  const finished: boolean[] = [];
  const control = { nextBatch: 0, prefix: 0, checked: 0, failure: undefined as Failure | undefined };
  const report = (): void => {
    if (options.onProgress) {
      const progress = progressOf(state, 'per-user');
      progress.usersChecked = control.checked;
      progress.usersToCheck = toCheck;
      options.onProgress(progress);
    }
  };

  const runBatch = async (b: number): Promise<void> => {
    const indexes = batches[b] as number[];
    const ids: string[] = [];
    for (let k = 0; k < indexes.length; k++) {
      ids.push((users[indexes[k] as number] as CompactUser).id);
    }
    const outcome = await call(() => ports.sites.getOneDriveStates(ids, signal));
    if (signal && signal.aborted) {
      return;
    }
    if (!outcome.ok) {
      control.failure = control.failure || outcome;
      return;
    }
    const provisioned: CompactUser[] = [];
    for (let k = 0; k < indexes.length; k++) {
      const user = users[indexes[k] as number] as CompactUser;
      const one: Outcome<OneDriveState> | undefined = outcome.value.get(user.id);
      if (one === undefined) {
        control.failure = control.failure || failure(0, 'MissingResult', format(strings.PerUserMissingResult, user.upn));
        return;
      }
      if (one.ok) {
        if (one.value.provisioned) {
          provisioned.push(user);
        }
      } else if (one.status !== 404) {
        // 404 "User's mysite not found." means not provisioned; anything else means we cannot tell.
        control.failure = control.failure || one;
        return;
      }
    }
    for (let k = 0; k < provisioned.length; k++) {
      state.siteOwners.push(addressKey((provisioned[k] as CompactUser).upn));
    }
    control.checked += indexes.length;
    finished[b] = true;
    while (control.prefix < batches.length && finished[control.prefix]) {
      control.prefix++;
    }
    state.perUserChecked = control.prefix === 0 ? from : (ends[control.prefix - 1] as number);
    report();
  };

  const worker = async (): Promise<void> => {
    while (control.failure === undefined && !isAborted(signal) && control.nextBatch < batches.length) {
      const b = control.nextBatch;
      control.nextBatch = b + 1;
      await runBatch(b);
    }
  };

  report();
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(concurrency, batches.length); w++) {
    workers.push(worker());
  }
  await Promise.all(workers);

  if (signal && signal.aborted) {
    return { kind: 'cancelled' };
  }
  if (control.failure !== undefined) {
    return { kind: 'failed', failure: control.failure };
  }
  return { kind: 'done' };
}

function joinResult(state: ScanCheckpoint): ScanResult {
  const owners = ownerSet(state);
  const unprovisioned: UnprovisionedUser[] = [];
  const provisionedAddresses: string[] = [];
  let provisionedCount = 0;
  const users = state.users;
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as CompactUser;
    const upnKey = addressKey(user.upn);
    const mailKey = user.mail !== undefined ? addressKey(user.mail) : undefined;
    if (owners.has(upnKey) || (mailKey !== undefined && owners.has(mailKey))) {
      provisionedCount++;
      provisionedAddresses.push(upnKey);
      if (mailKey !== undefined && mailKey !== upnKey) {
        provisionedAddresses.push(mailKey);
      }
    } else {
      unprovisioned.push(user);
    }
  }
  const result: ScanResult = {
    considered: users.length,
    excluded: { guests: state.excluded.guests, disabled: state.excluded.disabled, unlicensed: state.excluded.unlicensed },
    unprovisioned,
    provisionedCount,
    provisionedAddresses,
    method: state.method,
  };
  if (state.methodNotice !== undefined) {
    result.methodNotice = state.methodNotice;
  }
  return result;
}

/** Scans the tenant for licensed, enabled member users without a OneDrive. Never throws. */
export async function scanTenant(ports: ScanPorts, options: ScanOptions = {}): Promise<ScanOutcome> {
  const signal = options.signal;
  const state = startFrom(options.resumeFrom);
  const report = (): void => {
    if (options.onProgress) {
      options.onProgress(progressOf(state, state.method === 'per-user' && state.usersDone ? 'per-user' : 'reading'));
    }
  };

  if (signal && signal.aborted) {
    return { status: 'cancelled', checkpoint: copyCheckpoint(state) };
  }
  report();

  const control: ChainControl = { signal, stop: false };
  let usersFailure: Failure | undefined;
  let sitesFailure: Failure | undefined;

  const usersChain: Promise<void> = state.usersDone
    ? Promise.resolve()
    : readChain<DirectoryUser>(
        (next, s) => ports.directory.getUsersPage(next, s),
        state.usersNext,
        control,
        (page) => {
          addUserPage(state, page);
          report();
        },
      ).then((end) => {
        if (end.kind === 'failed') {
          usersFailure = end.failure;
          control.stop = true;
        }
      });

  const sitesChain: Promise<void> = state.sitesDone || state.method === 'per-user'
    ? Promise.resolve()
    : readChain<PersonalSite>(
        (next, s) => ports.sites.getPersonalSitesPage(next, s),
        state.sitesNext,
        control,
        (page) => {
          addSitePage(state, page);
          report();
        },
      ).then((end) => {
        if (end.kind === 'failed') {
          if (isPermissionFailure(end.failure)) {
            // Not a SharePoint admin / no SharePoint scope: the user reads go on, the sites are checked per user after.
            switchToPerUser(state, end.failure);
            report();
          } else {
            sitesFailure = end.failure;
            control.stop = true;
          }
        }
      });

  await Promise.all([usersChain, sitesChain]);

  if (signal && signal.aborted) {
    return { status: 'cancelled', checkpoint: copyCheckpoint(state) };
  }
  const chainFailure = usersFailure || sitesFailure;
  if (chainFailure !== undefined) {
    return { status: 'failed', failure: chainFailure, checkpoint: copyCheckpoint(state) };
  }

  if (state.method === 'per-user') {
    const end = await checkPerUser(ports, state, options);
    if (end.kind === 'cancelled') {
      return { status: 'cancelled', checkpoint: copyCheckpoint(state) };
    }
    if (end.kind === 'failed') {
      return { status: 'failed', failure: end.failure, checkpoint: copyCheckpoint(state) };
    }
  }

  return { status: 'done', result: joinResult(state) };
}

/** The finished scan as the users-onedrive check sees it; `requested` counts unprovisioned users with a pending request. */
export function toScanState(result: ScanResult, log: ReadonlyArray<ProvisioningLogEntry>, now?: Date): ScanState {
  const tracker = createRequestTracker(log, now || new Date());
  let requested = 0;
  for (let i = 0; i < result.unprovisioned.length; i++) {
    if (tracker.statusOf(result.unprovisioned[i] as UnprovisionedUser).state === 'requested') {
      requested++;
    }
  }
  const state: ScanState = {
    state: 'done',
    considered: result.considered,
    unprovisioned: result.unprovisioned.length - requested,
    requested,
    excluded: { guests: result.excluded.guests, disabled: result.excluded.disabled, unlicensed: result.excluded.unlicensed },
    method: result.method,
  };
  if (result.methodNotice !== undefined) {
    state.methodNotice = result.methodNotice;
  }
  return state;
}

/** A running scan as the users-onedrive check sees it. */
export function progressToScanState(progress: ScanProgress): ScanState {
  const running: ScanState = {
    state: 'running',
    pagesDone: progress.userPagesDone + progress.sitePagesDone,
    usersSeen: progress.usersSeen,
  };
  if (progress.estimatedTotalPages !== undefined) {
    running.pagesEstimated = progress.estimatedTotalPages;
  }
  return running;
}

/** Any scan outcome as ScanState: a cancelled scan is back to idle (its checkpoint is kept by the caller). */
export function outcomeToScanState(outcome: ScanOutcome, log: ReadonlyArray<ProvisioningLogEntry>, now?: Date): ScanState {
  if (outcome.status === 'done') {
    return toScanState(outcome.result, log, now);
  }
  if (outcome.status === 'failed') {
    return { state: 'failed', reason: outcome.failure };
  }
  return { state: 'idle' };
}

/** A one-line, localized description of the scan's progress. */
export function describeScanProgress(progress: ScanProgress): string {
  if (progress.phase === 'per-user') {
    return format(strings.ProgressPerUser, progress.usersChecked || 0, progress.usersToCheck || 0);
  }
  const pagesDone = progress.userPagesDone + progress.sitePagesDone;
  if (progress.estimatedTotalPages !== undefined) {
    return format(strings.ProgressReadingEstimated, pagesDone, progress.estimatedTotalPages, progress.usersSeen, progress.sitesSeen);
  }
  return format(strings.ProgressReading, pagesDone, progress.usersSeen, progress.sitesSeen);
}

/** A localized sentence for a scan that did not finish, or undefined for a finished one. */
export function describeScanOutcome(outcome: ScanOutcome): string | undefined {
  if (outcome.status === 'failed') {
    return format(strings.ScanFailed, outcome.failure.message, outcome.failure.status, outcome.failure.code);
  }
  if (outcome.status === 'cancelled') {
    return strings.ScanCancelled;
  }
  return undefined;
}

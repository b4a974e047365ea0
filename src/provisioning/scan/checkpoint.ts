/**
 * The scan's working state (a JSON-serializable checkpoint): how pages are added to it, how progress is read from it,
 * and how it switches to the per-user method. Only compact records are kept, never the raw DTOs.
 */
import * as strings from 'ProvisioningStrings';
import { format } from '../../common/format';
import { failure, type Failure } from '../../common/outcome';
import { ownerKey } from '../addresses';
import { licenseFamily, type LicenseFamily } from '../licensing';
import type { DirectoryUser, Page, PersonalSite } from '../ports';
import type { CompactUser, ExclusionReason, ScanCheckpoint, ScanPhase, ScanProgress } from './types';

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
export function startFrom(resume: ScanCheckpoint | undefined): ScanCheckpoint {
  if (!resume || resume.version !== 1 || !resume.users || !resume.siteOwners || !resume.excluded) {
    return emptyCheckpoint();
  }
  return {
    ...resume,
    excluded: { guests: resume.excluded.guests, disabled: resume.excluded.disabled, unlicensed: resume.excluded.unlicensed },
    users: resume.users.slice(),
    siteOwners: resume.siteOwners.slice(),
    ...(resume.undeterminedIds ? { undeterminedIds: resume.undeterminedIds.slice() } : {}),
  };
}

export function copyCheckpoint(state: ScanCheckpoint): ScanCheckpoint {
  return startFrom(state);
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

export function progressOf(state: ScanCheckpoint, phase: ScanPhase): ScanProgress {
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
/**
 * Adds one page of directory users. `seenIds` holds the ids read so far in this run (and the considered users of a
 * resumed checkpoint): a user the service returns twice (on two pages) is counted once.
 */
export function addUserPage(state: ScanCheckpoint, page: Page<DirectoryUser>, seenIds?: Set<string>): void {
  const items = page.items;
  for (let i = 0; i < items.length; i++) {
    const user = items[i] as DirectoryUser;
    if (seenIds) {
      if (user.id && seenIds.has(user.id)) {
        continue;
      }
      if (user.id) {
        seenIds.add(user.id);
      }
    }
    const reason = exclusionReason(user);
    if (reason === 'guest') {
      state.excluded.guests++;
    } else if (reason === 'disabled') {
      state.excluded.disabled++;
    } else if (reason === 'unlicensed') {
      state.excluded.unlicensed++;
    } else {
      const upn = typeof user.userPrincipalName === 'string' ? user.userPrincipalName : '';
      const compact: CompactUser = {
        id: user.id,
        upn,
        displayName: user.displayName,
        license: licenseFamily(user.enabledPlanIds) as LicenseFamily,
      };
      if (user.mail) {
        compact.mail = user.mail;
      }
      if (user.department) {
        compact.department = user.department;
      }
      if (user.preferredDataLocation) {
        compact.geo = user.preferredDataLocation.toUpperCase();
      }
      state.users.push(compact);
      if (upn.trim() === '') {
        // No address to match a personal site with: the user's state cannot be told (never "not provisioned").
        markUndetermined(state, user.id, failure(200, 'MissingUserPrincipalName', format(strings.MissingUpnMessage, user.displayName || user.id)));
      }
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

export function addSitePage(state: ScanCheckpoint, page: Page<PersonalSite>): void {
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
/** Records a considered user whose OneDrive state cannot be told, with the first reason seen. */
export function markUndetermined(state: ScanCheckpoint, id: string, reason: Failure): void {
  if (!state.undeterminedIds) {
    state.undeterminedIds = [];
  }
  state.undeterminedIds.push(id);
  if (!state.undeterminedReason) {
    state.undeterminedReason = reason;
  }
}

/** The ids of the considered users of a checkpoint (to keep counting each user once after a resume). */
export function seenIdsOf(state: ScanCheckpoint): Set<string> {
  const ids = new Set<string>();
  for (let i = 0; i < state.users.length; i++) {
    ids.add((state.users[i] as CompactUser).id);
  }
  return ids;
}

/**
 * Whether an enumeration failure sends the scan to the per-user method: 401/403 (not a SharePoint admin, no
 * SharePoint scope, no token for the admin host), no answer at all (a network or cross-origin refusal of the admin
 * host: status 0, NetworkError), or a CSOM ErrorInfo. Throttling and 5xx are not: they fail with a checkpoint.
 */
export function fallsBackToPerUser(reason: Failure): boolean {
  return reason.status === 401 || reason.status === 403 || (reason.status === 0 && reason.code === 'NetworkError') || reason.csom === true;
}

export function switchToPerUser(state: ScanCheckpoint, reason: Failure): void {
  state.method = 'per-user';
  state.methodReason = reason;
  state.methodNotice = format(reason.status === 0 ? strings.PerUserNoticeNoAnswer : strings.PerUserNotice, reason.status, reason.code);
  state.sitesDone = true;
  state.sitesNext = undefined;
  state.perUserChecked = 0;
}
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
 * Departments are few and repeated: each kept once per scan (up to 10,000 distinct names; past that, as they come). The
 * names live as long as the scan's checkpoint does, not from one scan to the next.
 */
const departmentsByScan = new WeakMap<ScanCheckpoint, Map<string, string>>();
const MAX_SHARED_DEPARTMENTS = 10000;
function departmentsOf(state: ScanCheckpoint): Map<string, string> {
  let departments = departmentsByScan.get(state);
  if (departments === undefined) {
    departments = new Map<string, string>();
    departmentsByScan.set(state, departments);
  }
  return departments;
}
function sharedDepartment(departments: Map<string, string>, name: string): string {
  const known = departments.get(name);
  if (known !== undefined) {
    return known;
  }
  if (departments.size < MAX_SHARED_DEPARTMENTS) {
    departments.set(name, name);
  }
  return name;
}

/**
 * Adds one page of directory users and answers how many of them are new. `seenIds` holds the ids read so far in this
 * run (and the considered users of a resumed checkpoint): a user the service returns twice (on two pages) is counted
 * once. Users that do not fit (no userPrincipalName, no id) are kept as considered users whose OneDrive state cannot be
 * told, with the reason — never an exception, never "not provisioned".
 */
export function addUserPage(state: ScanCheckpoint, page: Page<DirectoryUser>, seenIds?: Set<string>): number {
  const items = page.items;
  const departments = departmentsOf(state);
  let fresh = 0;
  for (let i = 0; i < items.length; i++) {
    const user = items[i] as DirectoryUser;
    const upn = typeof user.userPrincipalName === 'string' ? user.userPrincipalName : '';
    const hasId = typeof user.id === 'string' && user.id !== '';
    // Without an object id, the address stands in as the key (never shared with a real id: ids are GUIDs).
    const key = hasId ? user.id : upn !== '' ? '#' + upn.toLowerCase() : '#' + String(state.userPagesDone + 1) + ':' + String(i);
    if (seenIds) {
      if (seenIds.has(key)) {
        continue;
      }
      seenIds.add(key);
    }
    fresh++;
    const reason = exclusionReason(user);
    if (reason === 'guest') {
      state.excluded.guests++;
    } else if (reason === 'disabled') {
      state.excluded.disabled++;
    } else if (reason === 'unlicensed') {
      state.excluded.unlicensed++;
    } else {
      const compact: CompactUser = {
        id: key,
        upn,
        displayName: user.displayName || upn || key,
        license: licenseFamily(user.enabledPlanIds) as LicenseFamily,
      };
      if (user.mail) {
        // The same text as the UPN (most users): one string kept, not two (a million users keep ~60 MB less).
        compact.mail = user.mail === upn ? upn : user.mail;
      }
      if (user.department) {
        compact.department = sharedDepartment(departments, user.department);
      }
      if (user.preferredDataLocation) {
        compact.geo = user.preferredDataLocation.toUpperCase();
      }
      state.users.push(compact);
      if (upn.trim() === '') {
        // No address to match a personal site with: the user's state cannot be told (never "not provisioned").
        markUndetermined(state, key, failure(200, 'MissingUserPrincipalName', format(strings.MissingUpnMessage, user.displayName || key)));
      } else if (!hasId) {
        // No id to read the user's OneDrive by, and nothing to tell one such user from another across pages.
        markUndetermined(state, key, failure(200, 'MissingId', format(strings.MissingIdMessage, upn)));
      }
    }
  }
  state.usersSeen += fresh;
  state.userPagesDone++;
  if (state.userPageSize === undefined && page.next) {
    state.userPageSize = items.length;
  }
  if (page.totalEstimate !== undefined) {
    state.usersTotal = page.totalEstimate;
  }
  state.usersNext = page.next || undefined;
  state.usersDone = !page.next;
  return fresh;
}

/**
 * Adds one page of personal sites and answers how many of them are new (a site listed twice counts once: by owner,
 * or by URL for a site without an owner). Sites without an owner are counted apart: the users they may belong to are
 * checked one by one after (see scanTenant), never counted as unprovisioned by mistake.
 */
export function addSitePage(state: ScanCheckpoint, page: Page<PersonalSite>, seenSites?: Set<string>): number {
  const items = page.items;
  let fresh = 0;
  for (let i = 0; i < items.length; i++) {
    const site = items[i] as PersonalSite;
    const owner = ownerKey(site.owner || '');
    const key = owner.length > 0 ? owner : 'url:' + (site.url || '').toLowerCase();
    if (seenSites) {
      if (seenSites.has(key)) {
        continue;
      }
      seenSites.add(key);
    }
    fresh++;
    if (owner.length > 0) {
      state.siteOwners.push(owner);
    } else {
      state.sitesWithoutOwner = (state.sitesWithoutOwner || 0) + 1;
    }
  }
  state.sitesSeen += fresh;
  state.sitePagesDone++;
  if (state.sitePageSize === undefined && page.next) {
    state.sitePageSize = items.length;
  }
  if (page.totalEstimate !== undefined) {
    state.sitesTotal = page.totalEstimate;
  }
  state.sitesNext = page.next || undefined;
  state.sitesDone = !page.next;
  return fresh;
}

/**
 * The most items a read may bring: the service's own count with a margin (a tenth, and at least two pages or 100),
 * so that a few duplicates or users created during the read never stop it. Undefined when the count is not known.
 */
export function ceilingOf(expected: number | undefined, pageSize: number | undefined): number | undefined {
  if (expected === undefined) {
    return undefined;
  }
  return expected + Math.max(Math.ceil(expected / 10), 2 * (pageSize || 0), 100);
}

/** The users read's ceiling: past the directory's own count ($count on the first page) with a margin. */
export function usersPastCeiling(state: ScanCheckpoint): string | undefined {
  const limit = ceilingOf(state.usersTotal, state.userPageSize);
  return limit !== undefined && state.usersSeen > limit ? format(strings.PagingCeilingUsersMessage, state.userPagesDone, limit) : undefined;
}

/**
 * The personal-site read's ceiling. SharePoint gives no count, so it is derived from the directory's: OneDrives of
 * deleted users are kept for the retention period (30 days by default, up to 10 years), so a tenant can hold more
 * OneDrives than users — twice the users is the ceiling, with the margin.
 */
export function sitesPastCeiling(state: ScanCheckpoint): string | undefined {
  const limit = ceilingOf(state.usersTotal !== undefined ? 2 * state.usersTotal : undefined, state.sitePageSize);
  return limit !== undefined && state.sitesSeen > limit ? format(strings.PagingCeilingSitesMessage, state.sitePagesDone, limit, state.usersTotal || 0) : undefined;
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

/** The owners of the sites of a checkpoint (to keep counting each site once after a resume). */
export function seenSitesOf(state: ScanCheckpoint): Set<string> {
  return new Set<string>(state.siteOwners);
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
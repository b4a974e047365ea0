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
import type { Failure } from '../../common/outcome';
import type { DirectoryUser, PersonalSite } from '../ports';
import { readChain, type ChainControl } from './chains';
import {
  addSitePage,
  addUserPage,
  copyCheckpoint,
  fallsBackToPerUser,
  progressOf,
  seenIdsOf,
  seenSitesOf,
  sitesPastCeiling,
  startFrom,
  switchToPerUser,
  usersPastCeiling,
} from './checkpoint';
import { joinResult } from './join';
import { readPartitioned, type PartitionedEnd } from './partitionedChains';
import { checkPerUser, hasSite, ownerSet } from './perUser';

/** Whether some considered user with a preferredDataLocation has no site in the (default geo's) enumeration. */
function hasUnlistedGeoUsers(state: ScanCheckpoint): boolean {
  const owners = ownerSet(state);
  return state.users.some((user) => user.geo !== undefined && !hasSite(user, owners));
}
import type { CompactUser, ScanCheckpoint, ScanOptions, ScanOutcome, ScanPorts } from './types';

export * from './types';
export { exclusionReason } from './checkpoint';
export { describeScanOutcome, describeScanProgress } from './describe';


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
  const seenIds = seenIdsOf(state);
  const seenSites = seenSitesOf(state);
  let usersFailure: Failure | undefined;
  let sitesFailure: Failure | undefined;

  // Partitioned reads (an option, fresh scans only): both reads split by prefix, see partitionedChains.ts.
  const partitioned = options.partitioned !== undefined && ports.partitions !== undefined && options.resumeFrom === undefined;
  const partitionedRun: Promise<PartitionedEnd | undefined> = partitioned
    ? readPartitioned(ports, state, options.partitioned || {}, control, seenIds, seenSites, report)
    : Promise.resolve(undefined);

  const usersChain: Promise<void> = state.usersDone || partitioned
    ? Promise.resolve()
    : readChain<DirectoryUser>(
        (next, s) => ports.directory.getUsersPage(next, s),
        state.usersNext,
        control,
        (page) => {
          const fresh = addUserPage(state, page, seenIds);
          report();
          return fresh;
        },
        { firstPage: state.userPagesDone + 1, pastCeiling: () => usersPastCeiling(state) },
      ).then((end) => {
        if (end.kind === 'failed') {
          usersFailure = end.failure;
          control.stop = true;
        }
      });

  const sitesChain: Promise<void> = state.sitesDone || state.method === 'per-user' || partitioned
    ? Promise.resolve()
    : readChain<PersonalSite>(
        (next, s) => ports.sites.getPersonalSitesPage(next, s),
        state.sitesNext,
        control,
        (page) => {
          const fresh = addSitePage(state, page, seenSites);
          report();
          return fresh;
        },
        { firstPage: state.sitePagesDone + 1, pastCeiling: () => sitesPastCeiling(state) },
      ).then((end) => {
        if (end.kind === 'failed') {
          if (fallsBackToPerUser(end.failure)) {
            // Not a SharePoint admin, no SharePoint scope, admin host unreachable or a CSOM error: the user reads go on,
            // the sites are checked per user after (with a notice naming the reason).
            switchToPerUser(state, end.failure);
            report();
          } else {
            sitesFailure = end.failure;
            control.stop = true;
          }
        }
      });

  const [, , partitionedEnd] = await Promise.all([usersChain, sitesChain, partitionedRun]);
  if (partitionedEnd !== undefined) {
    usersFailure = partitionedEnd.usersFailure;
    sitesFailure = partitionedEnd.sitesFailure;
  }

  if (signal && signal.aborted) {
    return { status: 'cancelled', checkpoint: copyCheckpoint(state) };
  }
  const chainFailure = usersFailure || sitesFailure;
  if (chainFailure !== undefined) {
    return { status: 'failed', failure: chainFailure, checkpoint: copyCheckpoint(state), source: usersFailure !== undefined ? 'users' : 'sites' };
  }

  // Multi-Geo: the admin host lists only its own geo's OneDrives ("each geo location has a tenant admin center",
  // sp-dev-docs multigeo-sites.md). Users with a preferredDataLocation whose site was not listed may have it in a
  // satellite geo: they are checked one by one through Graph (mySite answers across geos). Tenants without Multi-Geo
  // have no preferredDataLocation, so this costs them nothing.
  // Sites listed without an owner: any user not matched may own one of them, so every unmatched user is checked one by
  // one (as in the per-user method) rather than counted as unprovisioned.
  // Partitioned site reads: a site no prefix listed must not make its owner "unprovisioned" — unmatched users whose
  // documented URL segment the listed prefixes do not cover are checked one by one too (partitions.ts).
  const confirmUnmatched = partitionedEnd !== undefined && partitionedEnd.confirmUnmatched;
  if (state.method === 'tenant-admin' && state.perUserChecked === undefined && ((state.sitesWithoutOwner || 0) > 0 || confirmUnmatched)) {
    state.perUserChecked = 0;
    state.unmatchedChecked = true;
    state.enumeratedOwners = state.siteOwners.length;
  }
  // Partitioned site reads without ownerless sites: only the users the listed prefixes do not cover (and other geos').
  const confirmOnly = partitionedEnd !== undefined && confirmUnmatched && !((state.sitesWithoutOwner || 0) > 0) ? partitionedEnd.confirmOnly : undefined;
  const onlyGeoUsers =
    state.method === 'tenant-admin' && !state.unmatchedChecked
      ? (user: CompactUser): boolean => user.geo !== undefined
      : confirmOnly !== undefined
        ? (user: CompactUser): boolean => user.geo !== undefined || confirmOnly(user)
        : undefined;
  if (state.method === 'tenant-admin' && state.perUserChecked === undefined && hasUnlistedGeoUsers(state)) {
    state.perUserChecked = 0;
    state.geoChecked = true;
    state.enumeratedOwners = state.siteOwners.length;
  }
  if (state.method === 'per-user' || state.geoChecked || state.unmatchedChecked) {
    const end = await checkPerUser(ports, state, options, onlyGeoUsers);
    if (end.kind === 'cancelled') {
      return { status: 'cancelled', checkpoint: copyCheckpoint(state) };
    }
    if (end.kind === 'failed') {
      return { status: 'failed', failure: end.failure, checkpoint: copyCheckpoint(state), source: 'per-user' };
    }
  }

  const result = joinResult(state);
  const licenseReading = ports.directory.licenseReading ? ports.directory.licenseReading() : undefined;
  return { status: 'done', result: licenseReading ? { ...result, licenseReading } : result };
}

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


/** No page read yet: a partitioned read may start from it (an interrupted partitioned read leaves such a checkpoint). */
function isFresh(from: ScanCheckpoint | undefined): boolean {
  return from === undefined || (from.userPagesDone === 0 && from.sitePagesDone === 0 && from.perUserChecked === undefined && from.method === 'tenant-admin');
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
  const seenIds = seenIdsOf(state);
  const seenSites = seenSitesOf(state);
  let usersFailure: Failure | undefined;
  let sitesFailure: Failure | undefined;

  // Partitioned reads (an option, fresh scans only): both reads split by prefix, see partitionedChains.ts. Round one
  // hands a tenant no partition would read sooner back to the single chains below.
  const partitioned = options.partitioned !== undefined && ports.partitions !== undefined && isFresh(options.resumeFrom);
  const partitionedEnd: PartitionedEnd | undefined = partitioned
    ? await readPartitioned(ports, state, options.partitioned || {}, control, seenIds, seenSites, report)
    : undefined;
  if (partitionedEnd !== undefined) {
    usersFailure = partitionedEnd.usersFailure;
    sitesFailure = partitionedEnd.sitesFailure;
  }
  const single = partitionedEnd === undefined || (partitionedEnd.handedBack === true && usersFailure === undefined && sitesFailure === undefined);
  // A checkpoint of partitions cannot be read on as chains: an interrupted partitioned read starts again (round one's
  // pages, before any partition, are the single chains' first pages and are kept).
  const checkpointOf = (): ScanCheckpoint => (partitionedEnd !== undefined && partitionedEnd.mode === 'partitioned' ? startFrom(undefined) : copyCheckpoint(state));

  const usersChain: Promise<void> = state.usersDone || !single
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

  const sitesChain: Promise<void> = state.sitesDone || state.method === 'per-user' || !single
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

  await Promise.all([usersChain, sitesChain]);

  if (signal && signal.aborted) {
    return { status: 'cancelled', checkpoint: checkpointOf() };
  }
  const chainFailure = usersFailure || sitesFailure;
  if (chainFailure !== undefined) {
    return { status: 'failed', failure: chainFailure, checkpoint: checkpointOf(), source: usersFailure !== undefined ? 'users' : 'sites' };
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
    const ownersListed = state.siteOwners.length;
    const end = await checkPerUser(ports, state, options, onlyGeoUsers);
    // The owners the per-user checks found join the sites seen (every listed owner is in it: addSitePage).
    for (let i = ownersListed; i < state.siteOwners.length; i++) {
      seenSites.add(state.siteOwners[i] as string);
    }
    if (end.kind === 'cancelled') {
      // Both reads are complete here (partitioned or not): the per-user phase goes on from the checkpoint.
      return { status: 'cancelled', checkpoint: copyCheckpoint(state) };
    }
    if (end.kind === 'failed') {
      return { status: 'failed', failure: end.failure, checkpoint: copyCheckpoint(state), source: 'per-user' };
    }
  }

  // The sites seen (keyed by owner; with the owners the per-user checks found) are the owner set of the join.
  const result = joinResult(state, seenSites);
  const licenseReading = ports.directory.licenseReading ? ports.directory.licenseReading() : undefined;
  return { status: 'done', result: licenseReading ? { ...result, licenseReading } : result };
}

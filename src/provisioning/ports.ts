/**
 * Ports of the provisioning feature: what the scan and the provisioning request need from the tenant, declared by the
 * code that needs them. The PnPjs adapters in src/tenant implement them against Microsoft 365 (or the demo tenant
 * simulator: same HTTP, other base URLs). Nothing here knows about HTTP, PnPjs or Graph DTO shapes.
 */
import type { OneDriveState } from '../readiness/facts';
import type { Failure, Outcome } from '../common/outcome';

/** A directory user as the OneDrive scan needs it. */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  mail?: string;
  displayName: string;
  department?: string;
  accountEnabled: boolean;
  /** 'Member' | 'Guest' */
  userType: string;
  /**
   * Service plan ids licensing enables for the user: the OneDrive-bearing ones of their licences, or every Enabled one
   * of their assigned plans (the fallback). Read-only: users with the same licence share one array.
   */
  enabledPlanIds: ReadonlyArray<string>;
  /** Multi-Geo: the geo that holds the user's data (preferredDataLocation, e.g. "EUR"); absent when not set. */
  preferredDataLocation?: string;
}

/** One page of a paged read. `next` continues it; undefined on the last page. */
export interface Page<T> {
  items: T[];
  /** Opaque continuation (a nextLink or start index), so an interrupted scan can resume from here. */
  next?: string;
  /** Total count when the service tells it (e.g. @odata.count), for progress. */
  totalEstimate?: number;
}

/** A personal site (OneDrive) as the tenant admin enumeration reports it. */
export interface PersonalSite {
  /** Owner login / email as SharePoint reports it (compare case-insensitively); "" when the site was listed without one. */
  owner: string;
  url: string;
}

/**
 * How the users pages told licensing (the adapter's report): by each user's licences read against the tenant's
 * subscriptions (`licences`, the small pages), or by each user's assigned plans (`plans`, the fallback) — and why.
 */
export interface LicenseReadingReport {
  source: 'licences' | 'plans';
  /** For `plans`: the subscriptions could not be read, or one that gives a OneDrive is not plainly enabled. */
  why?: 'skus-unreadable' | 'sku-not-plain';
  /** For `skus-unreadable`: the service's answer. */
  failure?: Failure;
  /** For `sku-not-plain`: the subscriptions and their states, e.g. "ENTERPRISEPACK (Warning)". */
  skus?: string[];
  /** Users with a licence of a subscription unknown even after it was read again (it granted nothing). */
  unknownSkuUsers: number;
}

/** The users read the scan needs (implemented by the Graph directory adapter). */
export interface UserPageReader {
  /**
   * One page of users (`$top=999`, `$select`); pass the previous page's `next` to continue.
   * Failure: the service's answer (status, code, message), never an exception.
   */
  getUsersPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>>;
  /** How the pages read so far told licensing; undefined before the first page (or when the reader does not say). */
  licenseReading?(): LicenseReadingReport | undefined;
}

/** The personal-site reads the scan needs (implemented by the SharePoint/Graph personal-site adapter). */
export interface PersonalSitePages {
  /** Tenant-wide personal-site enumeration (SharePoint admin). Pass the previous page's `next` to continue. */
  getPersonalSitesPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<PersonalSite>>>;
  /** Slow fallback: per-user reads (batched), keyed by user id. Each user's answer is its own Outcome. */
  getOneDriveStates(userIds: string[], signal?: AbortSignal): Promise<Outcome<Map<string, Outcome<OneDriveState>>>>;
}

/**
 * A request's place among the scan's requests in flight (the partitioned scan keeps at most N in flight in total). An
 * adapter given one awaits `sending()` before it sends each request and calls `answered()` as soon as that request's
 * answer has arrived (status and headers; before its body is read), so the places count HTTP requests in flight — not
 * the work before a request (building it, the token) nor the reading of its answer. A request that gets no answer (a
 * network error, a cancel) frees its place when the call ends. The transport's own retries keep the place.
 */
export interface RequestSlot {
  sending(): Promise<void>;
  answered(): void;
}

/**
 * The users read split by the first character(s) of the UPN (Graph `$filter=startsWith(userPrincipalName,'…')`,
 * supported by default on that property: bench/README.md "Partitioned scan: evidence").
 */
export interface UserPartitionPages {
  /**
   * One page of the users whose UPN starts with `prefix` (lower case; the directory compares case-insensitively), the
   * first page with the partition's total (`totalEstimate`); pass the previous page's `next` to continue. With a `slot`,
   * each request takes its place in it (RequestSlot).
   */
  getUsersPageWithPrefix(prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot): Promise<Outcome<Page<DirectoryUser>>>;
}

/**
 * The personal-site enumeration split by the first character(s) of the personal URL segment (CSOM `Filter`
 * `Url -like '-my.sharepoint.com/personal/<prefix>'`: bench/README.md "Partitioned scan: evidence").
 */
export interface SitePartitionPages {
  /**
   * One page of the personal sites whose URL segment starts with `prefix` ([a-z0-9_]+); pass `next` to continue.
   * With a `slot`, each request takes its place in it (RequestSlot).
   */
  getPersonalSitesPageWithPrefix(prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot): Promise<Outcome<Page<PersonalSite>>>;
}

/** What the scan reads from the tenant: declared here, by the code that needs it; adapters implement it. */
export interface ScanPorts {
  directory: UserPageReader;
  sites: PersonalSitePages;
  /** The partitioned reads, when the adapters offer them (used only with ScanOptions.partitioned). */
  partitions?: { users: UserPartitionPages; sites?: SitePartitionPages };
}

/** The ways the product can ask SharePoint to create personal sites (see the requester adapter for the evidence). */
export type EnqueuePath = 'site-session' | 'admin-token';

/** One path tried by one enqueue call. */
export interface EnqueueAttempt {
  path: EnqueuePath;
  /** The host called (e.g. contoso.sharepoint.com, contoso-admin.sharepoint.com). */
  host: string;
  /** accepted: HTTP 200 without an error (enqueued, not created); refused: not processed, the next path was tried;
   *  failed: an answer that may hide a write (5xx) or throttling, reported as is; skipped: refused earlier this session. */
  outcome: 'accepted' | 'refused' | 'failed' | 'skipped';
  failure?: Failure;
}

/** What an accepted request went through. */
export interface EnqueueReceipt {
  path: EnqueuePath;
  attempts: EnqueueAttempt[];
}

export interface ProvisioningRequester {
  /**
   * Enqueue personal-site creation for at most 199 addresses, trying the paths in order. A 200 whose body carries an
   * error is a failure. Accepted means "requested": creation is not confirmed until a re-check sees the site.
   */
  enqueue(emails: string[]): Promise<Outcome<EnqueueReceipt>>;
  /** The attempts of the most recent call (for the connection report). */
  attempts(): ReadonlyArray<EnqueueAttempt>;
}

/** One provisioning request as recorded in the shared log. */
export interface ProvisioningLogEntry {
  id: string;
  requestedBy: string;
  requestedAt: string;
  emails: string[];
  result: 'enqueued' | 'failed';
  detail?: string;
}

export interface ProvisioningLogStore {
  /** Where the log lives: a SharePoint list on the hosting site, or this browser only. */
  readonly kind: 'sharepoint-list' | 'browser';
  /** Why the shared list is not used, when a store fell back to this browser's storage. */
  readonly fallbackReason?: Failure;
  /**
   * The tenant-wide turn to send (one sender at a time, whoever and wherever they are), where the log is shared;
   * undefined where it is not (this browser's storage: the tabs' lock is all there is).
   */
  readonly lease?: SendLease;
  load(): Promise<Outcome<ProvisioningLogEntry[]>>;
  append(entry: ProvisioningLogEntry): Promise<Outcome<void>>;
}

/** Who holds (or asks for) the turn to send: one session of the product (a tab), and the admin signed in to it. */
export interface LeaseHolder {
  /** Random per session: two tabs of one admin are two holders. */
  session: string;
  /** The admin's UPN, shown to the others while they wait. */
  name: string;
}

/** The answer to a claim: the turn is ours until `until`, or someone else holds it until then. */
export type LeaseClaim = { held: true; until: string } | { held: false; holder: LeaseHolder; until: string };

/**
 * A short lease on the turn to send provisioning requests, shared by every admin of the tenant. Claims are atomic (the
 * adapter's item update is guarded by its ETag, so of two claims on one version only one succeeds); a lease that was
 * not released expires at `until`, so a closed tab never blocks the others for longer than the lease.
 */
export interface SendLease {
  /** Takes the turn when it is free, expired or already ours; else says who holds it. Failure: the service's answer. */
  claim(holder: LeaseHolder, ttlMs: number, now: Date): Promise<Outcome<LeaseClaim>>;
  /** Gives the turn back if it is still ours (a lease taken over after expiry is left alone). */
  release(holder: LeaseHolder, now: Date): Promise<Outcome<void>>;
}

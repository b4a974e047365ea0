import type { GraphFI } from '@pnp/graph';
import { ConsistencyLevel, graphGet, graphPost } from '@pnp/graph';
import { body, TextParse } from '@pnp/queryable';
import type { DirectoryRole, EligibleRole, SignedInUser, SubscribedSku, TenantInfo } from '../../readiness/facts';
import { failure, success, type Failure, type Outcome } from '../../common/outcome';
import type { DirectoryReader } from '../../app/ports';
import type { DirectoryUser, LicenseReadingReport, Page } from '../../provisioning/ports';
import type { AddressMatch, MatchedBy } from '../../migrationList/ports';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, wait, type RetryPolicy } from '../http/retryPolicy';
import { asksTooLong, itemRetryAfterMs, tellBatchWait, type BatchWaits } from '../http/batchItemRetry';
import { readServiceError } from '../http/toFailure';
import { DIRECTORY_READ, ROLE_ELIGIBILITY_READ, USER_READ } from '../../common/scopes';
import type { GraphDirectoryRole, GraphOrganization, GraphRoleEligibility, GraphUser } from './dto';
import { attempt, odataString } from './graphCall';
import { readUsersPage, userFields } from './usersPage';
import { readSubscribedSkus, UserLicenses } from './userLicenses';
import { toDirectoryRole, toDirectoryUser, toEligibleRole, toSignedInUser, toSku, toTenantInfo, toVerifiedDomains } from './mapping';
import { graphCollection, graphQueryable, malformed } from './root';

/** Graph's largest page for /users. */
export { USER_PAGE_SIZE } from './usersPage';
/** Licensed, enabled members: what the connector counts. An advanced query (needs ConsistencyLevel: eventual). */
export const LICENSED_MEMBERS_FILTER = "accountEnabled eq true and userType eq 'Member' and assignedLicenses/$count ne 0";

/** Requests in one Graph `$batch`. */
export const LOOKUP_BATCH_SIZE = 20;
/**
 * Values in one `in (…)` clause: Graph's limit without advanced query parameters ("The maximum number of expressions in
 * a filter clause when using the `in` operator is 15 items by default", Graph docs, Use the $filter query parameter).
 */
export const LOOKUP_IN_VALUES = 15;

/**
 * How an address is looked up, in order: `in` clauses on the sign-in name and on mail, then `any` lambdas on the proxy
 * addresses joined by `or` — 15 a request, the cap Graph's error names for OR operators (`in` is one). A refused joined
 * request (400) is sent again one address a request, the form the Graph docs show by itself.
 */
const LOOKUP_STAGES: ReadonlyArray<{ by: MatchedBy; perRequest: number }> = [
  { by: 'userPrincipalName', perRequest: LOOKUP_IN_VALUES },
  { by: 'mail', perRequest: LOOKUP_IN_VALUES },
  { by: 'proxyAddress', perRequest: LOOKUP_IN_VALUES },
];

interface BatchItem {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * The `$filter` of one lookup request. All three work by default (no ConsistencyLevel, no $count): `eq` and `in` on
 * userPrincipalName and mail, and `eq` inside `any` on proxyAddresses (Graph docs, Advanced query capabilities on
 * directory objects: the $filter support table). Several `any` clauses are joined by `or`, as Microsoft Entra's docs do
 * on /users (B2B collaboration API and customization: `userPrincipalName eq '{0}' or mail eq '{0}' or
 * proxyAddresses/any(x:x eq 'SMTP:{0}') or …`). Proxy addresses are stored as `SMTP:` (primary) or `smtp:` (others):
 * the directory compares them case-insensitively.
 */
export function lookupFilter(by: MatchedBy, addresses: ReadonlyArray<string>): string {
  if (by === 'proxyAddress') {
    return addresses.map((address) => `proxyAddresses/any(p:p eq ${odataString('smtp:' + address)})`).join(' or ');
  }
  return `${by} in (${addresses.map(odataString).join(',')})`;
}

function itemFailure(item: BatchItem): Failure {
  const error = readServiceError(item.body);
  const requestId = item.headers ? item.headers['request-id'] ?? item.headers['Request-Id'] : undefined;
  const correlationId = requestId || (error ? error.requestId : undefined);
  const asked = itemRetryAfterMs(item);
  return failure(item.status, error ? error.code : `HTTP${item.status}`, error ? error.message : '', {
    ...(item.status === 403 ? { missingScope: DIRECTORY_READ } : {}),
    ...(correlationId ? { correlationId } : {}),
    // A Retry-After longer than the policy waits is not retried early (a fresh 429): it goes back with the failure.
    ...(asked !== undefined ? { retryAfterSeconds: Math.ceil(asked / 1000) } : {}),
  });
}

/** A user of a lookup answer; proxy-address lookups also select `proxyAddresses`, to tell whose address is whose. */
type LookupUser = GraphUser & { proxyAddresses?: unknown };

/** The user of a lookup answer that carries this address in the property looked up (case-insensitive). */
function userWith(users: ReadonlyArray<LookupUser>, by: MatchedBy, key: string): GraphUser | undefined {
  if (by === 'proxyAddress') {
    const wanted = 'smtp:' + key;
    for (const user of users) {
      if (Array.isArray(user.proxyAddresses) && user.proxyAddresses.some((p) => typeof p === 'string' && p.toLowerCase() === wanted)) {
        return user;
      }
    }
    return undefined;
  }
  for (const user of users) {
    const value = by === 'mail' ? user.mail : user.userPrincipalName;
    if (typeof value === 'string' && value.toLowerCase() === key) {
      return user;
    }
  }
  return undefined;
}

/** DirectoryReader over Microsoft Graph. Every method answers an Outcome and never throws. */
export class GraphDirectoryReader implements DirectoryReader {
  public constructor(
    private readonly graph: GraphFI,
    private readonly graphBaseUrl: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
    /** Where the lookups' item waits are told (the pane's throttling notice). */
    private readonly waits: BatchWaits = {},
    /** How users' licensing is read (shared with the partitioned users reads, so all select the same field). */
    public readonly licenses: UserLicenses = new UserLicenses(graph),
  ) {}

  /** `GET /organization` (User.Read). Failure: the service's answer; an empty list is a failure too. */
  public getTenant(): Promise<Outcome<TenantInfo>> {
    return attempt(USER_READ, async () => {
      const orgs = await graphCollection<GraphOrganization>(this.graph, 'organization').select('id', 'displayName', 'verifiedDomains')();
      const org = orgs[0];
      if (!org) {
        throw new Error('The directory returned no organization.');
      }
      return toTenantInfo(org);
    });
  }

  /**
   * `GET /organization?$select=verifiedDomains` (User.Read, as getTenant): the tenant's verified domain names, lower
   * case. A sign-in name's domain is always one of them (Graph docs, user resource type, `userPrincipalName`).
   * Failure: the service's answer; an empty list is a failure too.
   */
  public getVerifiedDomains(signal?: AbortSignal): Promise<Outcome<string[]>> {
    return attempt(USER_READ, async () => {
      const orgs = await graphGet(graphCollection<GraphOrganization>(this.graph, 'organization').select('verifiedDomains'), signal ? { signal } : undefined);
      const org = Array.isArray(orgs) ? orgs[0] : undefined;
      if (!org) {
        throw new Error('The directory returned no organization.');
      }
      return toVerifiedDomains(org);
    });
  }

  /** `GET /subscribedSkus` (Directory.Read.All), with each SKU's service plans and their provisioningStatus. */
  public async getSubscribedSkus(): Promise<Outcome<SubscribedSku[]>> {
    const skus = await readSubscribedSkus(this.graph);
    return skus.ok ? success(skus.value.map(toSku)) : skus;
  }

  /** `GET /me?$select=…,assignedPlans` (User.Read). Failure: 401 when the sign-in expired. */
  public getSignedInUser(): Promise<Outcome<SignedInUser>> {
    return attempt(USER_READ, async () => {
      const me = await graphQueryable<GraphUser>(this.graph, 'me').select('id', 'userPrincipalName', 'displayName', 'accountEnabled', 'assignedPlans')();
      return toSignedInUser(me);
    });
  }

  /** `/me/transitiveMemberOf` is the signed-in user's own read: User.Read covers it (Graph permissions reference). */
  public getMyDirectoryRoles(): Promise<Outcome<DirectoryRole[]>> {
    return attempt(USER_READ, async () => {
      const roles = await graphCollection<GraphDirectoryRole>(this.graph, 'me/transitiveMemberOf/microsoft.graph.directoryRole').select('id', 'displayName', 'roleTemplateId')();
      return roles.map(toDirectoryRole);
    });
  }

  /**
   * `GET /users/$count?$filter=accountEnabled eq true and userType eq 'Member' and assignedLicenses/$count ne 0` with
   * ConsistencyLevel: eventual (an advanced query). Failure: the service's answer; a body that is not a number is
   * `UnexpectedAnswer`.
   */
  public async countLicensedEnabledMembers(): Promise<Outcome<number>> {
    const counted = await attempt(DIRECTORY_READ, async () => {
      const query = graphQueryable<string>(this.graph, 'users/$count').using(ConsistencyLevel(), TextParse());
      query.query.set('$filter', LICENSED_MEMBERS_FILTER);
      return graphGet<string>(query);
    });
    if (!counted.ok) {
      return counted;
    }
    const count = Number(String(counted.value).trim());
    return isNaN(count) ? failure(200, 'UnexpectedAnswer', `The directory answered "${counted.value}" where a number was expected.`) : { ok: true, value: count };
  }

  /**
   * `GET /roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')`.
   * Failure: 403 (RoleEligibilitySchedule.Read.Directory not approved), 400 AadPremiumLicenseRequired (no Entra ID P2).
   */
  public getMyEligibleRoles(): Promise<Outcome<EligibleRole[]>> {
    return attempt(ROLE_ELIGIBILITY_READ, async () => {
      const items = await graphCollection<GraphRoleEligibility>(this.graph, "roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')")();
      if (!Array.isArray(items)) {
        throw malformed('role eligibilities');
      }
      return items.map(toEligibleRole);
    });
  }

  /**
   * One page of users: the first with `$select`, `$top=999` and `$count=true` (ConsistencyLevel: eventual) so the
   * total is known for progress ("N of about M"); the next ones by `@odata.nextLink`. A nextLink to another origin is
   * refused (never sent with the token); a body that is not a page is `MalformedAnswer`.
   */
  public licenseReading(): LicenseReadingReport | undefined {
    return this.licenses.report();
  }

  public getUsersPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>> {
    if (next === undefined) {
      this.licenses.renew();
    }
    return readUsersPage(this.graph, this.graphBaseUrl, this.licenses, undefined, next, signal);
  }


  /**
   * The migration list's lookups, through Graph `$batch` (20 requests a batch): `GET /users?$filter=userPrincipalName
   * in (…15 addresses)`, then `mail in (…)` for those not found, then `proxyAddresses/any(p:p eq 'smtp:…')` one address a
   * request (Directory.Read.All; `$select` as the users pages) — or only the lookups `by` names. Items throttled or failed transiently inside a batch are
   * retried on their own; an item that still fails is the failure of its addresses. Failure of the whole call: the
   * `$batch` POST's own answer (401, no answer).
   */
  public async findUsersByAddress(addresses: ReadonlyArray<string>, signal?: AbortSignal, by?: ReadonlyArray<MatchedBy>): Promise<Outcome<Map<string, Outcome<AddressMatch>>>> {
    const answers = new Map<string, Outcome<AddressMatch>>();
    // Each distinct address (by its lower-case key) is looked up once; every spelling passed gets the answer.
    const spellings = new Map<string, string[]>();
    for (const address of addresses) {
      const key = address.trim().toLowerCase();
      const list = spellings.get(key);
      if (list) {
        list.push(address);
      } else {
        spellings.set(key, [address]);
      }
    }
    let pending = Array.from(spellings.keys()).filter((key) => key.length > 0);
    const settle = (key: string, answer: Outcome<AddressMatch>): void => {
      for (const spelling of spellings.get(key) ?? []) {
        answers.set(spelling, answer);
      }
    };
    for (const stage of LOOKUP_STAGES) {
      if (by !== undefined && by.indexOf(stage.by) < 0) {
        continue;
      }
      if (pending.length === 0) {
        break;
      }
      let groups: string[][] = [];
      for (let i = 0; i < pending.length; i += stage.perRequest) {
        groups.push(pending.slice(i, i + stage.perRequest));
      }
      const settled = new Set<string>();
      while (groups.length > 0) {
        const refused: string[][] = [];
        const refusedKeys = new Set<string>();
        for (let start = 0; start < groups.length; start += LOOKUP_BATCH_SIZE) {
          const batch = groups.slice(start, start + LOOKUP_BATCH_SIZE);
          const sent = await this.lookupBatch(stage.by, batch, signal);
          if (!sent.ok) {
            return sent;
          }
          for (const group of batch) {
            const first = sent.value.get(group[0] ?? '');
            if (stage.by === 'proxyAddress' && group.length > 1 && first !== undefined && !first.ok && first.status === 400) {
              // Joined `any` clauses refused: one address a request instead.
              group.forEach((key) => {
                refused.push([key]);
                refusedKeys.add(key);
              });
            }
          }
          sent.value.forEach((answer, key) => {
            if ((!answer.ok && !refusedKeys.has(key)) || (answer.ok && answer.value.found)) {
              settle(key, answer);
              settled.add(key);
            }
          });
        }
        groups = refused;
      }
      pending = pending.filter((key) => !settled.has(key));
    }
    for (const key of pending) {
      settle(key, success({ found: false }));
    }
    return success(answers);
  }

  /** One `$batch` of lookup requests (one per group), items retried on their own; the answer per lower-case address. */
  private async lookupBatch(by: MatchedBy, groups: string[][], signal: AbortSignal | undefined): Promise<Outcome<Map<string, Outcome<AddressMatch>>>> {
    const answers = new Map<string, Outcome<AddressMatch>>();
    let pending = groups.map((group, index) => ({ id: String(index), group }));
    let attemptNo = 0;
    const reading = await this.licenses.reading();
    while (pending.length > 0) {
      attemptNo++;
      const fields = userFields(reading.field);
      const requests = pending.map((p) => ({
        id: p.id,
        method: 'GET',
        url: `/users?$filter=${encodeURIComponent(lookupFilter(by, p.group))}&$select=${(by === 'proxyAddress' ? fields.concat('proxyAddresses') : fields).join(',')}`,
      }));
      const sent = await attempt(DIRECTORY_READ, () =>
        graphPost<{ responses?: BatchItem[] }>(graphQueryable(this.graph, '$batch'), { ...body({ requests }), ...(signal ? { signal } : {}) }),
      );
      if (!sent.ok) {
        return sent;
      }
      const byId = new Map<string, BatchItem>();
      for (const item of sent.value.responses ?? []) {
        byId.set(String(item.id), item);
      }
      const retry: typeof pending = [];
      let retryAfterMs: number | undefined;
      let retryStatus = 0;
      for (const p of pending) {
        const item = byId.get(p.id);
        const value = item && item.status >= 200 && item.status < 300 ? (item.body as { value?: unknown } | undefined)?.value : undefined;
        if (item && Array.isArray(value)) {
          for (const key of p.group) {
            const user = userWith(value as GraphUser[], by, key);
            const planIds = user ? ((await this.licenses.planIdsOf([user], reading))[0] ?? []) : [];
            answers.set(key, success(user ? { found: true, user: toDirectoryUser(user, planIds), matchedBy: by } : { found: false }));
          }
        } else if (item && isRetryableStatus(item.status) && attemptNo < this.retry.maxAttempts && !asksTooLong(this.retry, item)) {
          retry.push(p);
          retryStatus = item.status;
          const after = itemRetryAfterMs(item);
          if (after !== undefined) {
            retryAfterMs = Math.max(retryAfterMs ?? 0, after);
          }
        } else {
          const answer = item ? (item.status >= 200 && item.status < 300 ? failure(item.status, 'MalformedAnswer', 'Microsoft Graph answered a user lookup with a body that is not a list of users.') : itemFailure(item)) : failure(0, 'MissingBatchItem', 'Microsoft Graph left a user lookup out of its $batch answer.');
          for (const key of p.group) {
            answers.set(key, answer);
          }
        }
      }
      if (retry.length > 0) {
        const delay = retryDelayMs(this.retry, attemptNo, retryAfterMs);
        tellBatchWait(this.waits, retryStatus, delay, retryAfterMs, attemptNo);
        try {
          await wait(delay, signal);
        } catch {
          return failure(0, 'Cancelled', 'The lookup was cancelled.');
        }
      }
      pending = retry;
    }
    return success(answers);
  }
}

import type { GraphFI } from '@pnp/graph';
import { ConsistencyLevel, graphGet, Paged, type IPagedResult } from '@pnp/graph';
import { TextParse } from '@pnp/queryable';
import type { DirectoryRole, EligibleRole, SignedInUser, SubscribedSku, TenantInfo } from '../../readiness/facts';
import { failure, type Outcome } from '../../common/outcome';
import type { DirectoryReader } from '../../app/ports';
import type { DirectoryUser, Page } from '../../provisioning/ports';
import { DIRECTORY_READ, ROLE_ELIGIBILITY_READ, USER_READ } from '../../common/scopes';
import type { GraphDirectoryRole, GraphOrganization, GraphRoleEligibility, GraphSubscribedSku, GraphUser } from './dto';
import { attempt } from './graphCall';
import { toDirectoryRole, toDirectoryUser, toEligibleRole, toSignedInUser, toSku, toTenantInfo } from './mapping';
import { graphCollection, graphQueryable, isSameOrigin, malformed, originOf } from './root';

/** Graph's largest page for /users. */
export const USER_PAGE_SIZE = 999;
const USER_FIELDS = ['id', 'userPrincipalName', 'mail', 'displayName', 'department', 'accountEnabled', 'userType', 'assignedPlans', 'preferredDataLocation'];
/** Licensed, enabled members: what the connector counts. An advanced query (needs ConsistencyLevel: eventual). */
export const LICENSED_MEMBERS_FILTER = "accountEnabled eq true and userType eq 'Member' and assignedLicenses/$count ne 0";

/** DirectoryReader over Microsoft Graph. Every method answers an Outcome and never throws. */
export class GraphDirectoryReader implements DirectoryReader {
  public constructor(
    private readonly graph: GraphFI,
    private readonly graphBaseUrl: string,
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

  /** `GET /subscribedSkus` (Directory.Read.All), with each SKU's service plans and their provisioningStatus. */
  public getSubscribedSkus(): Promise<Outcome<SubscribedSku[]>> {
    return attempt(DIRECTORY_READ, async () => {
      const skus = await graphCollection<GraphSubscribedSku>(this.graph, 'subscribedSkus')();
      return skus.map(toSku);
    });
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
  public async getUsersPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>> {
    if (next !== undefined && !isSameOrigin(this.graphBaseUrl, next)) {
      return failure(0, 'ForeignNextLink', `The directory pointed the next page to another host (${originOf(next)}); it was not followed.`);
    }
    return attempt(DIRECTORY_READ, async () => {
      // ConsistencyLevel: eventual on every page: the nextLink of a counted query carries $count=true too.
      const collection = (next
        ? graphCollection<GraphUser>(this.graph, next)
        : graphCollection<GraphUser>(this.graph, 'users').select(...USER_FIELDS).top(USER_PAGE_SIZE)
      ).using(ConsistencyLevel());
      if (next === undefined) {
        collection.query.set('$count', 'true');
      }
      const page = (await graphGet(collection.using(Paged(next === undefined)), signal ? { signal } : undefined)) as unknown as IPagedResult<GraphUser>;
      if (!Array.isArray(page.value)) {
        throw malformed('users');
      }
      return {
        items: page.value.map(toDirectoryUser),
        ...(page.hasNext && page.nextLink ? { next: page.nextLink } : {}),
        ...(next === undefined && page.count > 0 ? { totalEstimate: page.count } : {}),
      };
    });
  }
}

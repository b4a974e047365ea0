import type { GraphFI } from '@pnp/graph';
import { ConsistencyLevel, graphGet, Paged, type IPagedResult } from '@pnp/graph';
import { TextParse } from '@pnp/queryable';
import type { DirectoryRole, SignedInUser, SubscribedSku, TenantInfo } from '../../readiness/facts';
import { failure, type Outcome } from '../../common/outcome';
import type { DirectoryReader } from '../../app/ports';
import type { DirectoryUser, Page } from '../../provisioning/ports';
import { DIRECTORY_READ, USER_READ } from '../scopes';
import type { GraphDirectoryRole, GraphOrganization, GraphSubscribedSku, GraphUser } from './dto';
import { attempt } from './graphCall';
import { toDirectoryRole, toDirectoryUser, toSignedInUser, toSku, toTenantInfo } from './mapping';
import { graphCollection, graphQueryable } from './root';

export const USER_PAGE_SIZE = 999;
const USER_FIELDS = ['id', 'userPrincipalName', 'mail', 'displayName', 'department', 'accountEnabled', 'userType', 'assignedPlans'];
/** Licensed, enabled members: what the connector counts. An advanced query (needs ConsistencyLevel: eventual). */
export const LICENSED_MEMBERS_FILTER = "accountEnabled eq true and userType eq 'Member' and assignedLicenses/$count ne 0";

export class GraphDirectoryReader implements DirectoryReader {
  public constructor(private readonly graph: GraphFI) {}

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

  public getSubscribedSkus(): Promise<Outcome<SubscribedSku[]>> {
    return attempt(DIRECTORY_READ, async () => {
      const skus = await graphCollection<GraphSubscribedSku>(this.graph, 'subscribedSkus')();
      return skus.map(toSku);
    });
  }

  public getSignedInUser(): Promise<Outcome<SignedInUser>> {
    return attempt(USER_READ, async () => {
      const me = await graphQueryable<GraphUser>(this.graph, 'me').select('id', 'userPrincipalName', 'displayName', 'accountEnabled', 'assignedPlans')();
      return toSignedInUser(me);
    });
  }

  public getMyDirectoryRoles(): Promise<Outcome<DirectoryRole[]>> {
    return attempt(DIRECTORY_READ, async () => {
      const roles = await graphCollection<GraphDirectoryRole>(this.graph, 'me/transitiveMemberOf/microsoft.graph.directoryRole').select('id', 'displayName', 'roleTemplateId')();
      return roles.map(toDirectoryRole);
    });
  }

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

  public getUsersPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>> {
    return attempt(DIRECTORY_READ, async () => {
      const collection = next
        ? graphCollection<GraphUser>(this.graph, next)
        : graphCollection<GraphUser>(this.graph, 'users').select(...USER_FIELDS).top(USER_PAGE_SIZE);
      const page = (await graphGet(collection.using(Paged()), signal ? { signal } : undefined)) as unknown as IPagedResult<GraphUser>;
      return {
        items: (page.value ?? []).map(toDirectoryUser),
        ...(page.hasNext ? { next: page.nextLink } : {}),
      };
    });
  }
}

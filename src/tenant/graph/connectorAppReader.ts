import type { GraphFI } from '@pnp/graph';
import { Paged, graphGet, type IGraphCollection, type IPagedResult } from '@pnp/graph';
import type { AppAssignment, ConnectorApp, ConnectorSettings, PermissionGrant } from '../../readiness/facts';
import { failure, success, type Outcome } from '../../common/outcome';
import type { ConnectorAppReader } from '../../app/ports';
import type { Page } from '../../provisioning/ports';
import { readChain } from '../../provisioning/scan/chains';
import { DIRECTORY_READ } from '../../common/scopes';
import type { GraphAppRoleAssignment, GraphPermissionGrant, GraphServicePrincipal } from './dto';
import { attempt, odataString } from './graphCall';
import { toAssignment, toConnectorApp, toPermissionGrant } from './mapping';
import { graphCollection, graphQueryable, isSameOrigin, malformed, originOf } from './root';

const SP_FIELDS = ['id', 'appId', 'displayName', 'appRoleAssignmentRequired', 'appOwnerOrganizationId', 'publisherName', 'verifiedPublisher'];

/**
 * A hard ceiling on the items of one app's grants or assignments. Graph documents no count for these two reads, so the
 * ceiling is not derived from one: it is far above what one app can carry in a tenant (one grant per user and resource,
 * one assignment per user, group or app) and only there so that a service that keeps inventing items cannot run away.
 */
const MAX_ITEMS = 1000000;

/**
 * Reads every page of a collection through the scan's paging guard (`readChain`: a continuation that comes back is
 * PagingLoop, MAX_STALLED_PAGES pages in a row with nothing new is PagingNoProgress, past the ceiling is PagingCeiling),
 * following @odata.nextLink only to Graph's own origin (the token never goes to another host: ForeignNextLink). Items
 * seen twice (the same page under two links) are kept once, by `keyOf`. Never throws.
 */
async function readAllPages<T>(graph: GraphFI, graphBaseUrl: string, first: IGraphCollection<T[]>, keyOf: (item: T) => string): Promise<Outcome<T[]>> {
  const items: T[] = [];
  const seen = new Set<string>();
  const readPage = (next: string | undefined): Promise<Outcome<Page<T>>> => {
    if (next !== undefined && !isSameOrigin(graphBaseUrl, next)) {
      return Promise.resolve(failure(0, 'ForeignNextLink', `Microsoft Graph pointed the next page to another host (${originOf(next)}); it was not followed.`));
    }
    return attempt(DIRECTORY_READ, async () => {
      const query = next === undefined ? first : graphCollection<T>(graph, next);
      const page = (await graphGet(query.using(Paged()))) as unknown as IPagedResult<T>;
      if (!Array.isArray(page.value)) {
        throw malformed('collection');
      }
      return { items: page.value, ...(page.hasNext && page.nextLink ? { next: page.nextLink } : {}) };
    });
  };
  const keep = (page: Page<T>): number => {
    let fresh = 0;
    for (const item of page.items) {
      const key = keyOf(item);
      if (!seen.has(key)) {
        seen.add(key);
        items.push(item);
        fresh++;
      }
    }
    return fresh;
  };
  const pastCeiling = (): string | undefined =>
    items.length > MAX_ITEMS ? `Microsoft Graph returned more than ${MAX_ITEMS} items for one app; the read was stopped so that it cannot run away.` : undefined;
  const end = await readChain(readPage, undefined, { stop: false }, keep, { firstPage: 1, pastCeiling });
  if (end.kind === 'failed') {
    return end.failure;
  }
  return end.kind === 'done' ? success(items) : failure(0, 'Cancelled', 'The read was cancelled.');
}

/** ConnectorAppReader over Microsoft Graph (Directory.Read.All). Every method answers an Outcome and never throws. */
export class GraphConnectorAppReader implements ConnectorAppReader {
  public constructor(
    private readonly graph: GraphFI,
    private readonly graphBaseUrl: string,
  ) {}

  /**
   * `GET /servicePrincipals?$filter=appId eq '…'` when an app id is configured (unique), else `displayName eq '…'`
   * (display names are not unique in Entra: every match is returned). Failure: the service's answer; a 200 whose body
   * is not a list is `MalformedAnswer`, never "not found".
   */
  public async findConnectorApps(settings: ConnectorSettings): Promise<Outcome<ConnectorApp[]>> {
    const filter = settings.appId && settings.appId.trim()
      ? `appId eq ${odataString(settings.appId.trim())}`
      : `displayName eq ${odataString(settings.displayName.trim())}`;
    const found = await attempt(DIRECTORY_READ, () => graphCollection<GraphServicePrincipal>(this.graph, 'servicePrincipals').filter(filter).select(...SP_FIELDS)());
    if (!found.ok) {
      return found;
    }
    if (!Array.isArray(found.value)) {
      return failure(200, 'MalformedAnswer', 'Microsoft Graph answered the service principal search without a list of results.');
    }
    return success(found.value.map(toConnectorApp));
  }

  /**
   * `GET /oauth2PermissionGrants?$filter=clientId eq '{id}'` (every page), then each resource service principal once to
   * name it. Failure: the first failed read (403 → missingScope Directory.Read.All; 429/5xx after retries; ForeignNextLink,
   * PagingLoop, PagingNoProgress, PagingCeiling, MalformedAnswer for answers that cannot be followed).
   */
  public async getPermissionGrants(servicePrincipalId: string): Promise<Outcome<PermissionGrant[]>> {
    const grants = await readAllPages(
      this.graph,
      this.graphBaseUrl,
      graphCollection<GraphPermissionGrant>(this.graph, 'oauth2PermissionGrants').filter(`clientId eq ${odataString(servicePrincipalId)}`),
      (grant) => grant.id,
    );
    if (!grants.ok) {
      return grants;
    }
    // Resolve each resource service principal once (Microsoft Graph, SharePoint…) to name the scopes' resource.
    const resourceIds: string[] = [];
    for (const grant of grants.value) {
      if (resourceIds.indexOf(grant.resourceId) < 0) {
        resourceIds.push(grant.resourceId);
      }
    }
    const resources = await Promise.all(
      resourceIds.map((id) => attempt(DIRECTORY_READ, () => graphQueryable<GraphServicePrincipal>(this.graph, `servicePrincipals/${encodeURIComponent(id)}`).select('id', 'appId', 'displayName')())),
    );
    const byId = new Map<string, GraphServicePrincipal>();
    for (const resource of resources) {
      if (!resource.ok) {
        return resource;
      }
      byId.set(resource.value.id, resource.value);
    }
    return success(grants.value.map((grant) => toPermissionGrant(grant, byId.get(grant.resourceId))));
  }

  /** `GET /servicePrincipals/{id}/appRoleAssignedTo` (every page). Failure: as getPermissionGrants; 404 for an unknown id. */
  public async getAssignments(servicePrincipalId: string): Promise<Outcome<AppAssignment[]>> {
    const first = graphCollection<GraphAppRoleAssignment>(this.graph, `servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)
      .select('id', 'principalId', 'principalDisplayName', 'principalType')
      .top(999);
    const items = await readAllPages(this.graph, this.graphBaseUrl, first, (a) => a.id ?? a.principalId);
    return items.ok ? success(items.value.map(toAssignment)) : items;
  }

}

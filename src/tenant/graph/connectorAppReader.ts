import type { GraphFI } from '@pnp/graph';
import { Paged, graphGet, type IGraphCollection, type IPagedResult } from '@pnp/graph';
import type { AppAssignment, ConnectorApp, ConnectorSettings, PermissionGrant } from '../../readiness/facts';
import { failure, success, type Outcome } from '../../common/outcome';
import type { ConnectorAppReader } from '../../app/ports';
import { DIRECTORY_READ } from '../../common/scopes';
import type { GraphAppRoleAssignment, GraphPermissionGrant, GraphServicePrincipal } from './dto';
import { attempt, odataString } from './graphCall';
import { toAssignment, toConnectorApp, toPermissionGrant } from './mapping';
import { graphCollection, graphQueryable, isSameOrigin, malformed, originOf } from './root';

const SP_FIELDS = ['id', 'appId', 'displayName', 'appRoleAssignmentRequired', 'appOwnerOrganizationId', 'publisherName', 'verifiedPublisher'];

/** A paging answer that cannot be followed; attempt() turns it into a Failure with this code. */
class PagingError extends Error {
  public constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PagingError';
  }
}
/** Consecutive pages without one new item after which a read is stopped (as the scan's chains: MAX_STALLED_PAGES). */
const MAX_STALLED_PAGES = 3;
/**
 * A hard ceiling on the items of one app's grants or assignments. Graph documents no count for these two reads, so the
 * ceiling is not derived from one: it is far above what one app can carry in a tenant (one grant per user and resource,
 * one assignment per user, group or app) and only there so that a service that keeps inventing items cannot run away.
 */
const MAX_ITEMS = 1000000;

/**
 * Reads every page of a collection, following @odata.nextLink — only to the same origin (the token never goes to
 * another host) and never to a link already followed (a link that points back would loop forever). Items seen twice
 * (the same page under two links) are kept once, by `keyOf`; pages that bring nothing new — MAX_STALLED_PAGES in a row
 * (a continuation that changes but never advances) — and more than MAX_ITEMS items stop the read with a typed failure.
 */
async function readAllPages<T>(graph: GraphFI, graphBaseUrl: string, first: IGraphCollection<T[]>, keyOf: (item: T) => string): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  const followed = new Set<string>();
  let stalled = 0;
  let pages = 0;
  let query: IGraphCollection<T[]> | undefined = first;
  while (query) {
    const page = (await graphGet(query.using(Paged()))) as unknown as IPagedResult<T>;
    pages++;
    if (!Array.isArray(page.value)) {
      throw malformed('collection');
    }
    let fresh = 0;
    for (const item of page.value) {
      const key = keyOf(item);
      if (!seen.has(key)) {
        seen.add(key);
        items.push(item);
        fresh++;
      }
    }
    stalled = fresh > 0 || page.value.length === 0 ? 0 : stalled + 1;
    const link = page.hasNext ? page.nextLink : undefined;
    if (!link) {
      break;
    }
    if (stalled >= MAX_STALLED_PAGES) {
      throw new PagingError('PagingNoProgress', `Microsoft Graph returned ${MAX_STALLED_PAGES} pages in a row, up to page ${pages}, with nothing that was not already read; the read was stopped to avoid an endless loop.`);
    }
    if (items.length > MAX_ITEMS) {
      throw new PagingError('PagingCeiling', `Microsoft Graph returned more than ${MAX_ITEMS} items for one app by page ${pages}; the read was stopped so that it cannot run away.`);
    }
    if (!isSameOrigin(graphBaseUrl, link)) {
      throw new PagingError('ForeignNextLink', `Microsoft Graph pointed the next page to another host (${originOf(link)}); it was not followed.`);
    }
    if (followed.has(link)) {
      throw new PagingError('PagingLoop', 'Microsoft Graph pointed back to a page already read; the read was stopped to avoid an endless loop.');
    }
    followed.add(link);
    query = graphCollection<T>(graph, link);
  }
  return items;
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
    const grants = await attempt(DIRECTORY_READ, () =>
      readAllPages(
        this.graph,
        this.graphBaseUrl,
        graphCollection<GraphPermissionGrant>(this.graph, 'oauth2PermissionGrants').filter(`clientId eq ${odataString(servicePrincipalId)}`),
        (grant) => grant.id,
      ),
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
  public getAssignments(servicePrincipalId: string): Promise<Outcome<AppAssignment[]>> {
    return attempt(DIRECTORY_READ, async () => {
      const first = graphCollection<GraphAppRoleAssignment>(this.graph, `servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)
        .select('id', 'principalId', 'principalDisplayName', 'principalType')
        .top(999);
      const items = await readAllPages(this.graph, this.graphBaseUrl, first, (a) => a.id ?? a.principalId);
      return items.map(toAssignment);
    });
  }
}

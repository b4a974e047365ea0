import type { GraphFI } from '@pnp/graph';
import { Paged, graphGet, type IGraphCollection, type IPagedResult } from '@pnp/graph';
import type { AppAssignment, ConnectorApp, ConnectorSettings, PermissionGrant } from '../../readiness/facts';
import { success, type Outcome } from '../../common/outcome';
import type { ConnectorAppReader } from '../../app/ports';
import { DIRECTORY_READ } from '../scopes';
import type { GraphAppRoleAssignment, GraphPermissionGrant, GraphServicePrincipal } from './dto';
import { attempt, odataString } from './graphCall';
import { toAssignment, toConnectorApp, toPermissionGrant } from './mapping';
import { graphCollection, graphQueryable } from './root';

const SP_FIELDS = ['id', 'appId', 'displayName', 'appRoleAssignmentRequired'];

/** Reads every page of a collection, following @odata.nextLink. */
async function readAllPages<T>(graph: GraphFI, first: IGraphCollection<T[]>): Promise<T[]> {
  const items: T[] = [];
  let query: IGraphCollection<T[]> | undefined = first;
  while (query) {
    const page = (await graphGet(query.using(Paged()))) as unknown as IPagedResult<T>;
    items.push(...(page.value ?? []));
    query = page.hasNext ? graphCollection<T>(graph, page.nextLink) : undefined;
  }
  return items;
}

export class GraphConnectorAppReader implements ConnectorAppReader {
  public constructor(private readonly graph: GraphFI) {}

  public async findConnectorApp(settings: ConnectorSettings): Promise<Outcome<ConnectorApp | undefined>> {
    const filter = settings.appId && settings.appId.trim()
      ? `appId eq ${odataString(settings.appId.trim())}`
      : `displayName eq ${odataString(settings.displayName.trim())}`;
    return attempt(DIRECTORY_READ, async () => {
      const found = await graphCollection<GraphServicePrincipal>(this.graph, 'servicePrincipals').filter(filter).select(...SP_FIELDS)();
      const first = found[0];
      return first ? toConnectorApp(first) : undefined;
    });
  }

  public async getPermissionGrants(servicePrincipalId: string): Promise<Outcome<PermissionGrant[]>> {
    const grants = await attempt(DIRECTORY_READ, () =>
      readAllPages(this.graph, graphCollection<GraphPermissionGrant>(this.graph, 'oauth2PermissionGrants').filter(`clientId eq ${odataString(servicePrincipalId)}`)),
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

  public getAssignments(servicePrincipalId: string): Promise<Outcome<AppAssignment[]>> {
    return attempt(DIRECTORY_READ, async () => {
      const first = graphCollection<GraphAppRoleAssignment>(this.graph, `servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)
        .select('principalId', 'principalDisplayName', 'principalType')
        .top(999);
      const items = await readAllPages(this.graph, first);
      return items.map(toAssignment);
    });
  }
}

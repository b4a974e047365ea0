import type { ConnectorSettings, ScanState, TenantFacts } from '../readiness/facts';
import type { AppPorts } from './ports';

/** The ports fact gathering reads. */
export type ReadinessPorts = Pick<AppPorts, 'directory' | 'connector' | 'sites'>;

/**
 * Gathers every fact once: independent reads in parallel, then the connector's grants and assignments when the
 * connector app exists. Never throws: each fact is an Outcome the checks turn into a visible state.
 */
export async function gatherFacts(ports: ReadinessPorts, connector: ConnectorSettings, scan: ScanState): Promise<TenantFacts> {
  const [tenant, skus, me, myRoles, adminOneDrive, connectorApp, licensedUserCount] = await Promise.all([
    ports.directory.getTenant(),
    ports.directory.getSubscribedSkus(),
    ports.directory.getSignedInUser(),
    ports.directory.getMyDirectoryRoles(),
    ports.sites.getMyOneDrive(),
    ports.connector.findConnectorApp(connector),
    ports.directory.countLicensedEnabledMembers(),
  ]);
  const facts: TenantFacts = { connector, tenant, skus, me, myRoles, adminOneDrive, connectorApp, licensedUserCount, scan };
  if (connectorApp.ok && connectorApp.value) {
    const id = connectorApp.value.servicePrincipalId;
    const [grants, assignments] = await Promise.all([ports.connector.getPermissionGrants(id), ports.connector.getAssignments(id)]);
    facts.grants = grants;
    facts.assignments = assignments;
  }
  return facts;
}

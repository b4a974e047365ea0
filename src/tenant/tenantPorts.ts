import type { TenantClients } from './clients';
import { GraphConnectorAppReader } from './graph/connectorAppReader';
import { GraphDirectoryReader } from './graph/directoryReader';
import type { ReadinessPorts } from './gatherFacts';
import type { ProvisioningLogStore, ProvisioningRequester } from './ports';
import { TenantPersonalSiteReader } from './sharepoint/personalSiteReader';
import { BrowserLogStore, SharePointListLogStore, type KeyValueStorage } from './sharepoint/provisioningLog';
import { FallbackLogStore } from './sharepoint/fallbackLogStore';
import { SharePointProvisioningRequester } from './sharepoint/provisioningRequester';

export interface TenantPorts extends ReadinessPorts {
  requester: ProvisioningRequester;
  log: FallbackLogStore;
  adminUrl: string;
}

/** The one place adapters are built from PnPjs clients (both composition roots call it). */
export function createTenantPorts(clients: TenantClients, storage: KeyValueStorage): TenantPorts {
  const list: ProvisioningLogStore = new SharePointListLogStore(clients.site);
  const browser: ProvisioningLogStore = new BrowserLogStore(storage, `migration-readiness:provisioning-log:${clients.siteUrl}`);
  return {
    directory: new GraphDirectoryReader(clients.graph),
    connector: new GraphConnectorAppReader(clients.graph),
    sites: new TenantPersonalSiteReader(clients.graph, clients.admin, clients.adminUrl),
    requester: new SharePointProvisioningRequester(clients.admin, clients.adminUrl),
    log: new FallbackLogStore(list, browser),
    adminUrl: clients.adminUrl,
  };
}

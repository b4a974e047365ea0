import type { TenantClients } from './clients';
import { GraphConnectorAppReader } from './graph/connectorAppReader';
import { GraphDirectoryReader } from './graph/directoryReader';
import { CsomSitePartitions, GraphUserPartitions } from './partitionedPages';
import type { PartitionPorts } from '../provisioning/scan/partitionedChains';
import type { AppPorts } from '../app/ports';
import type { TransportPorts } from '../app/transportPorts';
import { BroadcastLock } from './browser/broadcastLock';
import type { ProvisioningLogStore } from '../provisioning/ports';
import { TenantPersonalSiteReader } from './sharepoint/personalSiteReader';
import { BrowserLogStore, SharePointListLogStore, type KeyValueStorage } from './sharepoint/provisioningLog';
import { FallbackLogStore, storageMemory } from './sharepoint/fallbackLogStore';
import { SharePointProvisioningRequester } from './sharepoint/provisioningRequester';

/**
 * The ports as the PnPjs adapters deliver them (the log is the list with its browser-storage fallback), with the
 * transport's waits and the provisioning lock shared by this browser's tabs (per tenant: the admin host names it).
 */
export interface TenantPorts extends AppPorts, TransportPorts {
  log: FallbackLogStore;
  /**
   * The partitioned scan's reads (users by UPN prefix, sites by URL-segment prefix) with the transport's waits; the
   * users partitions share the directory reader's licensing reading.
   */
  partitions: Required<PartitionPorts>;
}

/**
 * The one place adapters are built from PnPjs clients (both composition roots call it).
 * Calls nothing itself; every adapter answers Outcomes and never throws.
 */
export function createTenantPorts(clients: TenantClients, storage: KeyValueStorage): TenantPorts {
  const list: ProvisioningLogStore = new SharePointListLogStore(clients.site);
  const browser: ProvisioningLogStore = new BrowserLogStore(storage, `migration-readiness:provisioning-log:${clients.siteUrl}`);
  const directory = new GraphDirectoryReader(clients.graph, clients.graphBaseUrl, clients.retry, { onWait: clients.waits.observe, graphBaseUrl: clients.graphBaseUrl });
  return {
    directory,
    partitions: {
      users: new GraphUserPartitions(clients.graph, clients.graphBaseUrl, directory.licenses),
      sites: new CsomSitePartitions(clients.admin, clients.adminUrl),
      waits: clients.waits,
    },
    connector: new GraphConnectorAppReader(clients.graph, clients.graphBaseUrl),
    sites: new TenantPersonalSiteReader(clients.graph, clients.admin, clients.adminUrl, clients.retry, { onWait: clients.waits.observe, graphBaseUrl: clients.graphBaseUrl }),
    requester: new SharePointProvisioningRequester([
      { path: 'site-session', root: clients.site, baseUrl: clients.siteUrl },
      { path: 'admin-token', root: clients.admin, baseUrl: clients.adminUrl },
    ]),
    log: new FallbackLogStore(list, browser, storageMemory(storage, `migration-readiness:provisioning-log-fallback:${clients.siteUrl}`)),
    adminUrl: clients.adminUrl,
    waits: clients.waits,
    requestLock: new BroadcastLock(`migration-readiness:provisioning-lock:${clients.adminUrl}`),
    hosts: { graph: hostOf(clients.graphBaseUrl), site: hostOf(clients.siteUrl), admin: hostOf(clients.adminUrl) },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

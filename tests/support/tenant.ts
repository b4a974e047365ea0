import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type RunningSimulator } from '../../demo/simulator';
import type { TenantFixture } from '../../demo/simulator/types';
import { ReadinessController } from '../../src/app/controller';
import type { ConnectorSettings } from '../../src/readiness/facts';
import { DEFAULT_CONNECTOR_DISPLAY_NAME, DEFAULT_REQUIRED_SCOPES } from '../../src/readiness/requiredScopes';
import { createDirectClients } from '../../src/tenant/clients';
import type { RetryPolicy } from '../../src/tenant/http/retryPolicy';
import { createTenantPorts, type TenantPorts } from '../../src/tenant/tenantPorts';
import type { KeyValueStorage } from '../../src/tenant/sharepoint/provisioningLog';

/** Loads a built-in scenario as a fresh, mutable object. */
export function scenario(name: string): TenantFixture {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'demo', 'scenarios', `${name}.json`), 'utf8')) as TenantFixture;
}

export class MemoryStorage implements KeyValueStorage {
  private readonly values = new Map<string, string>();
  // eslint-disable-next-line @rushstack/no-new-null -- the Web Storage API's signature.
  public getItem(key: string): string | null {
    return this.values.has(key) ? (this.values.get(key) as string) : null;
  }
  public setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

export interface TestTenant {
  sim: RunningSimulator;
  ports: TenantPorts;
  storage: MemoryStorage;
  close(): Promise<void>;
}

/** Fast retries for tests: the policy's logic is the same, the waits are short. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 1500 };

/** The real adapters (PnPjs) talking HTTP to the tenant simulator: the boundary is the network, nothing is mocked. */
export async function startTenant(fixture: TenantFixture): Promise<TestTenant> {
  const sim = await startSimulator({ fixture, port: 0 });
  const storage = new MemoryStorage();
  const clients = createDirectClients({ graphBaseUrl: sim.graphBaseUrl, siteUrl: sim.siteUrl, adminUrl: sim.spAdminUrl, token: 'test-token', retry: FAST_RETRY });
  const ports = createTenantPorts(clients, storage);
  return { sim, ports, storage, close: () => sim.close() };
}

/** The web part's default connector settings (Office 365 Mover, the seed's permissions). */
export function moverSettings(): ConnectorSettings {
  return { displayName: DEFAULT_CONNECTOR_DISPLAY_NAME, requiredScopes: DEFAULT_REQUIRED_SCOPES.slice() };
}

/** The pane's controller over a test tenant, as the web part builds it. */
export function controllerFor(tenant: TestTenant): ReadinessController {
  return new ReadinessController({ ports: tenant.ports }, moverSettings());
}

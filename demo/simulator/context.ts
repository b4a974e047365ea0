/** What the Graph and SharePoint routers share: state, faults, paging faults, clock, request log, granted scopes. */
import type { FaultEngine } from './faults';
import type { PagingFaultEngine } from './pagingFaults';
import type { SimulatorState } from './state';

export interface RequestLogEntry {
  method: string;
  /** Path + query as received (for inner $batch items: the inner url). */
  path: string;
  status: number;
  /** Epoch ms when the request arrived. */
  at: number;
  /** Epoch ms when its answer left (after the latency): [at, answered] is the time the request was in flight. */
  answered?: number;
  /** Set for inner $batch items. */
  batchId?: string;
}

/**
 * Granted delegated scopes, split by resource. Convention (fixture `grantedScopes`):
 *   "User.Read.All"                    → Microsoft Graph (plain names are Graph scopes)
 *   "Microsoft Graph/User.Read.All"    → Microsoft Graph (explicit form, also accepted)
 *   "SharePoint/AllSites.FullControl"  → Office 365 SharePoint Online
 *   "Office 365 SharePoint Online/AllSites.Manage" → same (long resource name, also accepted)
 * Comparison is case-insensitive.
 */
export class GrantedScopes {
  readonly graph = new Set<string>();
  readonly sharePoint = new Set<string>();

  constructor(scopes: readonly string[]) {
    for (const s of scopes) {
      const slash = s.indexOf('/');
      if (slash < 0) {
        this.graph.add(s.toLowerCase());
        continue;
      }
      const resource = s.slice(0, slash).toLowerCase();
      const scope = s.slice(slash + 1).toLowerCase();
      if (resource === 'sharepoint' || resource === 'office 365 sharepoint online') this.sharePoint.add(scope);
      else this.graph.add(scope);
    }
  }

  hasGraph(anyOf: readonly string[]): boolean {
    return anyOf.some((s) => this.graph.has(s.toLowerCase()));
  }

  hasSharePoint(anyOf: readonly string[]): boolean {
    return anyOf.some((s) => this.sharePoint.has(s.toLowerCase()));
  }
}

/** SharePoint scopes accepted for tenant admin calls (/sp-admin). */
export const SHAREPOINT_ADMIN_SCOPES = ['AllSites.FullControl', 'AllSites.Manage'] as const;

export interface SimContext {
  readonly state: SimulatorState;
  readonly faults: FaultEngine;
  /** simulation.pagingFaults (or POST /__sim/paging-faults). */
  readonly paging: PagingFaultEngine;
  readonly scopes: GrantedScopes;
  now(): number;
  log(entry: RequestLogEntry): void;
}

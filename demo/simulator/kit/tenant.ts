/** The Contoso tenant every scenario is built on: its id, names, initial domain, and the fixed date of assignments. */

export const TENANT = {
  id: '4f1c2a7e-9b3d-4e8a-a6c1-2d5b7e9f0c13',
  displayName: 'Contoso',
  initialDomain: 'contoso.onmicrosoft.com',
  sharePointHost: 'contoso',
} as const;

/** The initial domain: the scenario users' UPNs end with it. */
export const DOMAIN = TENANT.initialDomain;

/** The date every license assignment carries (fixed, so the scenario files are reproducible). */
export const ASSIGNED_AT = '2024-03-01T08:00:00Z';

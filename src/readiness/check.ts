import type { TenantFacts } from './facts';

export const CHECK_IDS = [
  'tenant-spo-license',
  'admin-role',
  'admin-license',
  'admin-onedrive',
  'connector-app',
  'connector-consent',
  'connector-user-assignment',
  'connector-user-count',
  'users-onedrive',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';
/** Who must take the next step. */
export type Who = 'global-admin' | 'sharepoint-admin' | 'any-admin';

export interface CheckLink {
  label: string;
  href: string;
}

/** One row of the consent table shown by connector-consent. */
export interface ConsentRow {
  /** "<resource>/<scope>" */
  scope: string;
  /** What it allows, in the seed's wording when the seed has it (the permission as the consent screen names it). */
  allows: string;
  /** Optional longer explanation: the seed's "Allows our app to..." column, when the seed has it. */
  detail?: string;
  required: boolean;
  grantedTenantWide: boolean;
  grantedPerUserOnly: boolean;
}

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What we saw, in plain words; one line per fact. */
  evidence: string[];
  /** The exact next step (always set unless status is pass). */
  nextStep?: string;
  who?: Who;
  links?: CheckLink[];
  /** connector-consent only. */
  consentTable?: ConsentRow[];
  /** users-onedrive while the scan runs: the check is shown as running. */
  running?: boolean;
  /**
   * Set by evaluate() when this check does not pass because a check it depends on fails: the root cause, so the pane
   * can say "because the tenant lacks SharePoint Online" instead of showing independent failures.
   */
  causedBy?: { id: CheckId; title: string };
}

/**
 * One check, one object, one file (src/readiness/checks/<id>.ts), like CLI for Microsoft 365's doctor rules:
 * its id, title, who usually takes its next step, the checks whose failure explains its own, and a pure evaluate().
 */
export interface Check {
  id: CheckId;
  /** Localized title. */
  title: string;
  /** Who takes the next step when the check does not pass (a result may name someone else for a given case). */
  who: Who;
  /** Checks that must pass for this one to be able to pass; a failing one is named as the cause. */
  dependsOn: ReadonlyArray<CheckId>;
  evaluate(facts: TenantFacts): CheckResult;
}

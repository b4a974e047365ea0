/**
 * The seeds' troubleshooting cases, each expanded when the live facts point to it. The "App access error" case has no
 * live signal (it happens inside the Mover app's sign-in), so it is never expanded by the facts.
 */
import * as strings from 'ReadinessStrings';
import { format } from '../common/format';
import type { CheckId, CheckLink, CheckResult, CheckStatus } from './check';
import type { TenantFacts } from './facts';
import { ACTIVE_USERS_LINK, MOVER_AUTH_SHORT_LINK, PURCHASE_SERVICES_LINK, sharePointAdminHost } from './links';
import { describeScope, requiredScopesOf, type ScopeRef } from './requiredScopes';

export type TroubleshootingId =
  | 'tenant-lacks-spo-license'
  | 'app-access-error'
  | 'global-admin-provisioning'
  | 'user-provisioning'
  | 'permission-requirements';

export interface TroubleshootingCase {
  id: TroubleshootingId;
  title: string;
  /** Paragraphs; PowerShell commands are whole paragraphs of their own (see `commands`). */
  body: string[];
  /** The lines of `body` that are commands to copy (render them as code). */
  commands?: string[];
  /** True when the live facts point to this case. */
  expanded: boolean;
  links?: CheckLink[];
}

function statusOf(results: ReadonlyArray<CheckResult>, id: CheckId): CheckStatus | undefined {
  for (const result of results) {
    if (result.id === id) {
      return result.running ? undefined : result.status;
    }
  }
  return undefined;
}

function resultOf(results: ReadonlyArray<CheckResult>, id: CheckId): CheckResult | undefined {
  for (const result of results) {
    if (result.id === id) {
      return result;
    }
  }
  return undefined;
}

function isOneOf(status: CheckStatus | undefined, wanted: ReadonlyArray<CheckStatus>): boolean {
  return status !== undefined && wanted.indexOf(status) >= 0;
}

/** Quotes a PowerShell argument only when it needs it (single quotes; a ' inside is doubled). */
export function powerShellArgument(value: string): string {
  return /^[A-Za-z0-9._@:/+-]+$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

/** The same, but always a quoted string (Request-SPOPersonalSite -UserEmails takes strings; the seed quotes them). */
export function powerShellString(value: string): string {
  return `"${value.replace(/[`"$]/g, (c: string) => '`' + c)}"`;
}

/** Live evidence of a failing check, to show under a case ("What we saw: …"). */
function sawLines(result: CheckResult | undefined): string[] {
  if (!result || (result.status !== 'fail' && result.status !== 'warn')) {
    return [];
  }
  return result.evidence.map((line: string) => format(strings.TroubleWhatWeSaw, line));
}

/** The seed's two PowerShell lines, with this tenant's admin host, the signed-in admin and an example address. */
export function provisioningCommands(facts: TenantFacts): string[] {
  const adminHost = sharePointAdminHost(facts.tenant) || strings.TroubleExampleAdminHost;
  const admin = facts.me.ok && facts.me.value.userPrincipalName ? facts.me.value.userPrincipalName : strings.TroubleExampleAdmin;
  const domain = facts.tenant.ok && facts.tenant.value.initialDomain ? facts.tenant.value.initialDomain : strings.TroubleExampleDomain;
  return [
    `Connect-SPOService -Url ${powerShellArgument(`https://${adminHost}`)} -credential ${powerShellArgument(admin)}`,
    `Request-SPOPersonalSite -UserEmails ${powerShellString(format(strings.TroubleExampleUser, domain))}`,
  ];
}

function scopeParagraph(ref: ScopeRef): string {
  const wording = describeScope(ref);
  return wording ? format(strings.TroublePermissionRow, wording.permission, wording.allows, ref.label) : format(strings.TroublePermissionRowUndocumented, ref.label);
}

export function buildTroubleshooting(facts: TenantFacts, results: ReadonlyArray<CheckResult>): TroubleshootingCase[] {
  const license = resultOf(results, 'tenant-spo-license');
  const adminLicense = resultOf(results, 'admin-license');
  const adminOneDrive = resultOf(results, 'admin-onedrive');
  const usersOneDrive = resultOf(results, 'users-onedrive');
  const consent = resultOf(results, 'connector-consent');

  const licenseExpanded = statusOf(results, 'tenant-spo-license') === 'fail';
  const adminExpanded = statusOf(results, 'admin-license') === 'fail' || statusOf(results, 'admin-onedrive') === 'fail';
  const usersExpanded = isOneOf(statusOf(results, 'users-onedrive'), ['fail', 'warn']);
  const permissionsExpanded =
    isOneOf(statusOf(results, 'connector-consent'), ['fail', 'warn']) || statusOf(results, 'connector-user-count') === 'fail';

  const commands = provisioningCommands(facts);

  return [
    {
      id: 'tenant-lacks-spo-license',
      title: strings.TroubleLicenseTitle,
      body: [strings.TroubleLicenseBody, strings.TroubleLicenseWhatToBuy].concat(licenseExpanded ? sawLines(license) : []),
      expanded: licenseExpanded,
      links: [{ label: strings.LinkPurchaseServices, href: PURCHASE_SERVICES_LINK }],
    },
    {
      id: 'app-access-error',
      title: strings.TroubleAppAccessTitle,
      body: [strings.TroubleAppAccessBody, strings.TroubleAppAccessWhy],
      expanded: false,
    },
    {
      id: 'global-admin-provisioning',
      title: strings.TroubleAdminTitle,
      body: [strings.TroubleAdminBody, strings.TroubleAdminServiceAccount].concat(adminExpanded ? sawLines(adminLicense).concat(sawLines(adminOneDrive)) : []),
      expanded: adminExpanded,
      links: [{ label: strings.LinkActiveUsers, href: ACTIVE_USERS_LINK }],
    },
    {
      id: 'user-provisioning',
      title: strings.TroubleUsersTitle,
      body: [strings.TroubleUsersBody, strings.TroubleUsersPowerShell]
        .concat(commands)
        .concat([strings.TroubleUsersLimits])
        .concat(usersExpanded ? sawLines(usersOneDrive) : []),
      commands,
      expanded: usersExpanded,
    },
    {
      id: 'permission-requirements',
      title: strings.TroublePermissionsTitle,
      body: [strings.TroublePermissionsBody]
        .concat(requiredScopesOf(facts.connector.requiredScopes).map(scopeParagraph))
        .concat(permissionsExpanded ? sawLines(consent) : []),
      expanded: permissionsExpanded,
      links: [{ label: strings.LinkMoverAuthShort, href: MOVER_AUTH_SHORT_LINK }],
    },
  ];
}

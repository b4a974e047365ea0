/** Directory role template ids (stable across tenants) and helpers over the signed-in user's roles. */
import type { DirectoryRole } from './facts';

export const RoleTemplateIds = {
  GlobalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  SharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  /** Microsoft 365 Migration Administrator: not enough for the connector's authorization. */
  MigrationAdministrator: '8c8b803f-96e1-4129-9349-20738d9f9652',
} as const;

export type AdminLevel = 'global-admin' | 'sharepoint-admin' | 'none';

function hasRole(roles: ReadonlyArray<DirectoryRole>, templateId: string): boolean {
  return roles.some((role: DirectoryRole) => role.roleTemplateId.toLowerCase() === templateId);
}

export function isGlobalAdmin(roles: ReadonlyArray<DirectoryRole>): boolean {
  return hasRole(roles, RoleTemplateIds.GlobalAdministrator);
}

export function isSharePointAdmin(roles: ReadonlyArray<DirectoryRole>): boolean {
  return hasRole(roles, RoleTemplateIds.SharePointAdministrator);
}

/** The highest level that matters for the connector's authorization steps. */
export function adminLevel(roles: ReadonlyArray<DirectoryRole>): AdminLevel {
  if (isGlobalAdmin(roles)) {
    return 'global-admin';
  }
  return isSharePointAdmin(roles) ? 'sharepoint-admin' : 'none';
}

/** The role's name as the Entra admin center shows it (built-in roles this product cares about), else its id. */
export function roleName(templateId: string): string {
  switch (templateId.toLowerCase()) {
    case RoleTemplateIds.GlobalAdministrator:
      return 'Global Administrator';
    case RoleTemplateIds.SharePointAdministrator:
      return 'SharePoint Administrator';
    case RoleTemplateIds.MigrationAdministrator:
      return 'Microsoft 365 Migration Administrator';
    default:
      return templateId;
  }
}

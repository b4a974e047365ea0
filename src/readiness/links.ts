/** Links the checks, the guide and the troubleshooting panel point to. Ids are URL-encoded. */
import type { TenantInfo } from './facts';
import type { Outcome } from '../common/outcome';

/** The seeds' short link to the Enterprise applications list (authorization steps 5–6). */
export const MOVER_AUTH_SHORT_LINK = 'https://aka.ms/office365moverauth';

/** The main Mover app, where steps 1–5 start (seed step 1: app.mover.io). */
export const MOVER_APP_LINK = 'https://app.mover.io';

/** Microsoft 365 admin center → Billing → Purchase services. */
export const PURCHASE_SERVICES_LINK = 'https://admin.microsoft.com/Adminportal/Home#/catalog';

/** Microsoft 365 admin center → Billing → Your products (renew a subscription in its grace period). */
export const YOUR_PRODUCTS_LINK = 'https://admin.microsoft.com/Adminportal/Home#/subscriptions';

/** Microsoft 365 admin center → Active users (assign licenses). */
export const ACTIVE_USERS_LINK = 'https://admin.microsoft.com/Adminportal/Home#/users';

/** Entra admin center → Roles and administrators. */
export const ENTRA_ROLES_LINK = 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/AllRolesBlade';

/** The Microsoft 365 home page where a user signs in and opens OneDrive. */
export const OFFICE_HOME_LINK = 'https://www.microsoft365.com/';

const ENTRA_APP_BLADE = 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/';

function enc(value: string): string {
  return encodeURIComponent(value);
}

/** Tenant-wide admin consent for an app (the pop-up of seed step 9). `tenantId` may be "organizations" when unknown. */
export function adminConsentUrl(tenantId: string, appId: string): string {
  return `https://login.microsoftonline.com/${enc(tenantId)}/adminconsent?client_id=${enc(appId)}`;
}

function entraAppBladeUrl(page: string, spId: string, appId: string): string {
  return `${ENTRA_APP_BLADE}${page}/objectId/${enc(spId)}/appId/${enc(appId)}`;
}

/** Entra admin center → Enterprise applications → the app → Permissions ("Grant admin consent", seed step 8). */
export function entraPermissionsBladeUrl(spId: string, appId: string): string {
  return entraAppBladeUrl('Permissions', spId, appId);
}

/** Entra admin center → Enterprise applications → the app → Properties ("Assignment required?", seed step 4). */
export function entraPropertiesBladeUrl(spId: string, appId: string): string {
  return entraAppBladeUrl('Properties', spId, appId);
}

/** Entra admin center → Enterprise applications → the app → Users and groups (who may use it). */
export function entraUsersBladeUrl(spId: string, appId: string): string {
  return entraAppBladeUrl('Users', spId, appId);
}

/**
 * SharePoint admin center → Advanced → API access, where a Global admin approves the delegated scopes this web part asks
 * for. Without the admin host, the Microsoft 365 admin center's redirect to the tenant's SharePoint admin center.
 */
export function API_ACCESS_PAGE(adminHost?: string): string {
  if (adminHost) {
    return `https://${adminHost}/_layouts/15/online/AdminHome.aspx#/webApiPermissionManagement`;
  }
  return 'https://admin.microsoft.com/sharepoint?page=webApiPermissionManagement&modern=true';
}

const ONMICROSOFT_SUFFIX = '.onmicrosoft.com';

/**
 * The SharePoint tenant name, from the initial domain: "contoso.onmicrosoft.com" → "contoso".
 * undefined when the tenant is unknown or its initial domain is not an onmicrosoft.com domain.
 */
export function sharePointTenantName(tenant: Outcome<TenantInfo>): string | undefined {
  if (!tenant.ok) {
    return undefined;
  }
  const domain = tenant.value.initialDomain.trim().toLowerCase();
  const at = domain.length - ONMICROSOFT_SUFFIX.length;
  if (at <= 0 || domain.indexOf(ONMICROSOFT_SUFFIX, at) !== at) {
    return undefined;
  }
  const name = domain.substring(0, at);
  return /^[a-z0-9-]+$/.test(name) ? name : undefined;
}

/** "contoso-admin.sharepoint.com", when the tenant name is known. */
export function sharePointAdminHost(tenant: Outcome<TenantInfo>): string | undefined {
  const name = sharePointTenantName(tenant);
  return name === undefined ? undefined : `${name}-admin.sharepoint.com`;
}

/** "https://contoso-my.sharepoint.com", the OneDrive host, when the tenant name is known. */
export function oneDriveHostUrl(tenant: Outcome<TenantInfo>): string | undefined {
  const name = sharePointTenantName(tenant);
  return name === undefined ? undefined : `https://${name}-my.sharepoint.com`;
}

/** The tenant id for login URLs, or "organizations" when the tenant could not be read. */
export function tenantIdForLogin(tenant: Outcome<TenantInfo>): string {
  return tenant.ok && tenant.value.id ? tenant.value.id : 'organizations';
}

/** Privileged Identity Management → My roles (activate an eligible role). */
export const PIM_MY_ROLES_LINK = 'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadmigratedroles';

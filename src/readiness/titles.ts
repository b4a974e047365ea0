import * as strings from 'ReadinessStrings';
import type { CheckId } from './check';

/** The localized title of each check. */
export function checkTitle(id: CheckId): string {
  switch (id) {
    case 'tenant-spo-license':
      return strings.TitleTenantSpoLicense;
    case 'admin-role':
      return strings.TitleAdminRole;
    case 'admin-license':
      return strings.TitleAdminLicense;
    case 'admin-onedrive':
      return strings.TitleAdminOneDrive;
    case 'connector-app':
      return strings.TitleConnectorApp;
    case 'connector-consent':
      return strings.TitleConnectorConsent;
    case 'connector-user-assignment':
      return strings.TitleConnectorUserAssignment;
    case 'connector-user-count':
      return strings.TitleConnectorUserCount;
    case 'users-onedrive':
      return strings.TitleUsersOneDrive;
  }
}

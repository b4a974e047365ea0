/** Every check, in CHECK_IDS order. */
import type { Check } from '../check';
import { tenantSpoLicenseCheck } from './tenant-spo-license';
import { adminRoleCheck } from './admin-role';
import { adminLicenseCheck } from './admin-license';
import { adminOneDriveCheck } from './admin-onedrive';
import { connectorAppCheck } from './connector-app';
import { connectorConsentCheck } from './connector-consent';
import { connectorUserAssignmentCheck } from './connector-user-assignment';
import { connectorUserCountCheck } from './connector-user-count';
import { usersOneDriveCheck } from './users-onedrive';

export {
  tenantSpoLicenseCheck,
  adminRoleCheck,
  adminLicenseCheck,
  adminOneDriveCheck,
  connectorAppCheck,
  connectorConsentCheck,
  connectorUserAssignmentCheck,
  connectorUserCountCheck,
  usersOneDriveCheck,
};

export const ALL_CHECKS: ReadonlyArray<Check> = [
  tenantSpoLicenseCheck,
  adminRoleCheck,
  adminLicenseCheck,
  adminOneDriveCheck,
  connectorAppCheck,
  connectorConsentCheck,
  connectorUserAssignmentCheck,
  connectorUserCountCheck,
  usersOneDriveCheck,
];

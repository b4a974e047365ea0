/** Every check, in the order of CHECK_IDS (the contract of ids): the one list the product evaluates. */
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

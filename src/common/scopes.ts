/**
 * The delegated scopes this solution requests (config/package-solution.json webApiPermissionRequests) and which
 * call needs which. When a call is denied, the Failure names the scope so the admin knows what to approve.
 */
export const GRAPH_RESOURCE = 'Microsoft Graph';
export const SHAREPOINT_RESOURCE = 'Office 365 SharePoint Online';

/** Graph: oauth2PermissionGrants has no narrower read than Directory.Read.All, which also covers every other read here. */
export const DIRECTORY_READ = `${GRAPH_RESOURCE}: Directory.Read.All`;
/** Graph: the signed-in user's own profile (granted to SPFx by default). */
export const USER_READ = `${GRAPH_RESOURCE}: User.Read`;
/** SharePoint: tenant admin calls (personal-site enumeration, provisioning) and the provisioning log list. */
export const SHAREPOINT_FULL_CONTROL = `${SHAREPOINT_RESOURCE}: AllSites.FullControl`;
/** Graph: the signed-in admin's eligible (PIM) directory roles. Least privileged read for roleEligibilityScheduleInstances. */
export const ROLE_ELIGIBILITY_READ = `${GRAPH_RESOURCE}: RoleEligibilitySchedule.Read.Directory`;

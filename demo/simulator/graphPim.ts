/**
 * Privileged Identity Management: the directory role eligibility schedule instances (all, or the signed-in
 * principal's own), with PIM's scope, role and Entra ID P2 licence answers.
 */
import type { SimContext } from './context';
import { collection, filtered, type GraphCall } from './graphCall';
import { graphError, type SimResponse } from './http';

/**
 * GET /roleManagement/directory/roleEligibilityScheduleInstances (Graph docs, "List roleEligibilityScheduleInstances"):
 * delegated RoleEligibilitySchedule.Read.Directory, or the higher RoleEligibilitySchedule.ReadWrite.Directory,
 * RoleManagement.Read.All, RoleManagement.Read.Directory, RoleManagement.ReadWrite.Directory.
 */
const PIM_ELIGIBILITY_SCOPES = [
  'RoleEligibilitySchedule.Read.Directory',
  'RoleEligibilitySchedule.ReadWrite.Directory',
  'RoleManagement.Read.All',
  'RoleManagement.Read.Directory',
  'RoleManagement.ReadWrite.Directory',
] as const;

/**
 * Roles the signed-in user needs for PIM reads (Graph docs include rbac-pim-entra-roles-apis.md: "Global Reader, Security
 * Operator, Security Reader, Security Administrator, or Privileged Role Administrator" as least privileged; Global
 * Administrator is higher privileged).
 */
const PIM_READER_ROLE_TEMPLATES: ReadonlySet<string> = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451', // Global Reader
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', // Security Operator
  '5d6b6bb7-de71-4623-b4af-96380a352509', // Security Reader
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
]);

/** AAD_PREMIUM_P2 service plan (Microsoft Entra ID P2), from Microsoft's licensing service plan reference. */
const AAD_PREMIUM_P2_PLAN_ID = 'eec0eb4f-6444-4f95-aba0-50c24d67f998';

function hasEntraIdP2(ctx: SimContext): boolean {
  const explicit = ctx.state.fixture.tenant.entraIdP2;
  if (explicit !== undefined) return explicit;
  return ctx.state.fixture.subscribedSkus.some(
    (s) => s.capabilityStatus === 'Enabled' && s.servicePlans.some((p) => p.servicePlanId === AAD_PREMIUM_P2_PLAN_ID),
  );
}

/**
 * GET /roleManagement/directory/roleEligibilityScheduleInstances[?$filter=principalId eq '…'] and
 * …/filterByCurrentUser(on='principal') (the signed-in principal's own; its docs page names no role requirement).
 * Missing scope → 403 whose message carries PIM's own error (PermissionScopeNotGranted), as recorded in public PIM
 * clients' tests; for the list, a signed-in user without a supported role → 403 Authorization_RequestDenied; tenant
 * without Entra ID P2 → 400 AadPremiumLicenseRequired "The tenant needs to have Microsoft Entra ID P2 or Microsoft
 * Entra ID Governance license." (recorded in maester365/maester#1421).
 */
export function roleEligibilityInstances(ctx: SimContext, call: GraphCall, select: readonly string[] | undefined, ownOnly: boolean): SimResponse {
  if (!ctx.scopes.hasGraph(PIM_ELIGIBILITY_SCOPES)) {
    const inner = JSON.stringify({
      errorCode: 'PermissionScopeNotGranted',
      message: `Authorization failed due to missing permission scope ${PIM_ELIGIBILITY_SCOPES.join(',')}.`,
    });
    return graphError(403, 'UnknownError', inner);
  }
  const state = ctx.state;
  if (!ownOnly && !state.rolesOf(state.fixture.signedInUserId).some((r) => PIM_READER_ROLE_TEMPLATES.has(r.roleTemplateId))) {
    return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  if (!hasEntraIdP2(ctx)) {
    return graphError(400, 'AadPremiumLicenseRequired', 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.');
  }
  const instances = (state.fixture.roleEligibilityScheduleInstances ?? [])
    .filter((i) => !ownOnly || i.principalId === state.fixture.signedInUserId)
    .map((i) => ({ appScopeId: null, endDateTime: null, memberType: 'Direct', ...i }));
  return collection(call, 'roleManagement/directory/roleEligibilityScheduleInstances', filtered(instances, call.req.query), select);
}

/**
 * tenant-spo-license: an active subscription includes a working SharePoint Online service plan (seed: "Tenant lacks
 * SPO license").
 *
 * What counts, from Microsoft's licensing reference (src/readiness/plans.ts, generated from Microsoft Entra's
 * "Product names and service plan identifiers for licensing"):
 * - a SharePoint Online plan (SharePoint Plan 1/2, the EDU plans of Office 365 A1/A3/A5, SharePoint Kiosk of F1/F3,
 *   the GCC plans…) whose `provisioningStatus` in the SKU is "Success" — a "Disabled" or "Pending…" plan inside an
 *   enabled SKU gives the tenant no SharePoint, so it does not pass;
 * - in a SKU whose `capabilityStatus` is "Enabled" (pass) or "Warning" (the grace period after expiry: warn, renew).
 * A "Suspended" or "LockedOut" SKU with SharePoint fails with "reactivate or renew", never "buy".
 * OneDrive-only plans (OneDrive for business Plan 1/2, ONEDRIVE_BASIC…) give users a OneDrive but no SharePoint sites:
 * the tenant has the SharePoint Online service behind OneDrive, so migrations into OneDrive can work, while the
 * connector's SharePoint-site destinations cannot. Microsoft does not document what the connector's "Tenant lacks SPO
 * license" test accepts, so such a tenant is a warning that says exactly that — not a pass, not a "buy" failure.
 * Office for the web (SHAREPOINTWAC) reports the service "SharePoint" but is neither.
 */
import * as strings from 'ReadinessStrings';
import { format, isolate } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { ServicePlan, SubscribedSku, TenantFacts } from '../facts';
import { PURCHASE_SERVICES_LINK, YOUR_PRODUCTS_LINK } from '../links';
import { isOneDriveOnlyPlanId, isSharePointPlanId, SHAREPOINTWAC_PLAN_ID, skuDisplayName } from '../plans';
import { unknownFromFailure } from '../unknown';
import { listOrNone } from '../wording';

const ID = 'tenant-spo-license' as const;

/** A plan works when the SKU says it was provisioned (Graph always sends provisioningStatus; absent = not told). */
function planWorks(plan: ServicePlan): boolean {
  return plan.provisioningStatus === undefined || plan.provisioningStatus === 'Success';
}

function spoPlans(sku: SubscribedSku): ServicePlan[] {
  return sku.servicePlans.filter((plan: ServicePlan) => isSharePointPlanId(plan.servicePlanId));
}

function workingSpoPlans(sku: SubscribedSku): ServicePlan[] {
  return spoPlans(sku).filter(planWorks);
}

function workingOneDrivePlans(sku: SubscribedSku): ServicePlan[] {
  return sku.servicePlans.filter((plan: ServicePlan) => isOneDriveOnlyPlanId(plan.servicePlanId) && planWorks(plan));
}

/** "Office 365 A1 for faculty (STANDARDWOFFPACK_FACULTY)", as the admin center names it, part number second. */
function skuName(sku: SubscribedSku): string {
  const display = skuDisplayName(sku.skuId, sku.skuPartNumber);
  return display === sku.skuPartNumber ? sku.skuPartNumber : format(strings.SkuDisplayWithPart, isolate(display), sku.skuPartNumber);
}

function hasOfficeForTheWebOnly(sku: SubscribedSku): boolean {
  return spoPlans(sku).length === 0 && sku.servicePlans.some((plan: ServicePlan) => plan.servicePlanId.toLowerCase() === SHAREPOINTWAC_PLAN_ID);
}

function withPlans(sku: SubscribedSku, plans: ServicePlan[]): string {
  return format(strings.SpoLicenseSkuWithPlans, skuName(sku), plans.map((plan: ServicePlan) => plan.servicePlanName).join(', '));
}

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleTenantSpoLicense;
  if (!facts.skus.ok) {
    return unknownFromFailure(ID, title, facts.skus, strings.WhatSubscriptions, facts);
  }
  const skus = facts.skus.value;
  const seen = format(strings.SpoLicenseSkusSeen, listOrNone(skus.map((sku: SubscribedSku) => format(strings.SkuWithStatus, skuName(sku), sku.capabilityStatus))));
  const withSpo = skus.filter((sku: SubscribedSku) => workingSpoPlans(sku).length > 0);
  const enabled = withSpo.filter((sku: SubscribedSku) => sku.capabilityStatus === 'Enabled');
  const inGrace = withSpo.filter((sku: SubscribedSku) => sku.capabilityStatus === 'Warning');
  const stopped = withSpo.filter((sku: SubscribedSku) => sku.capabilityStatus === 'Suspended' || sku.capabilityStatus === 'LockedOut');
  // SharePoint plans that exist in an active SKU but are not provisioned (Disabled, Pending…, Error).
  const notWorking: string[] = [];
  for (const sku of skus) {
    if (sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning') {
      for (const plan of spoPlans(sku)) {
        if (!planWorks(plan)) {
          notWorking.push(format(strings.SpoLicensePlanState, plan.servicePlanName, skuName(sku), plan.provisioningStatus || ''));
        }
      }
    }
  }

  if (enabled.length > 0) {
    return {
      id: ID,
      title,
      status: 'pass',
      evidence: [format(strings.SpoLicensePass, enabled.map((sku) => withPlans(sku, workingSpoPlans(sku))).join('; ')), seen],
    };
  }

  if (inGrace.length > 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.SpoLicenseGrace, inGrace.map((sku) => withPlans(sku, workingSpoPlans(sku))).join('; ')), seen],
      nextStep: strings.SpoLicenseGraceNextStep,
      who: 'global-admin',
      links: [{ label: strings.LinkYourProducts, href: YOUR_PRODUCTS_LINK }],
    };
  }

  const oneDriveOnly = skus.filter((sku: SubscribedSku) => sku.capabilityStatus === 'Enabled' && workingOneDrivePlans(sku).length > 0);
  if (oneDriveOnly.length > 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.SpoLicenseOneDriveOnly, oneDriveOnly.map((sku) => withPlans(sku, workingOneDrivePlans(sku))).join('; ')), seen],
      nextStep: strings.SpoLicenseOneDriveOnlyNextStep,
      who: 'global-admin',
      links: [{ label: strings.LinkPurchaseServices, href: PURCHASE_SERVICES_LINK }],
    };
  }

  const evidence = [strings.SpoLicenseLacks, seen];
  if (notWorking.length > 0) {
    evidence.push(format(strings.SpoLicensePlansNotProvisioned, notWorking.join('; ')));
  }
  if (stopped.length > 0) {
    evidence.push(format(strings.SpoLicenseInactive, stopped.map((sku) => format(strings.SkuWithStatus, skuName(sku), sku.capabilityStatus)).join(', ')));
  }
  const webOnly = skus.filter(hasOfficeForTheWebOnly).map(skuName);
  if (webOnly.length > 0) {
    evidence.push(format(strings.SpoLicenseOfficeForTheWebOnly, webOnly.join(', ')));
  }
  // The tenant has (had) SharePoint: bring it back rather than buy it again.
  const nextStep = stopped.length > 0 ? strings.SpoLicenseReactivateNextStep : notWorking.length > 0 ? strings.SpoLicensePlanNextStep : strings.SpoLicenseBuyNextStep;
  return {
    id: ID,
    title,
    status: 'fail',
    evidence,
    nextStep,
    who: 'global-admin',
    links: [stopped.length > 0 || notWorking.length > 0 ? { label: strings.LinkYourProducts, href: YOUR_PRODUCTS_LINK } : { label: strings.LinkPurchaseServices, href: PURCHASE_SERVICES_LINK }],
  };
}

export const tenantSpoLicenseCheck: Check = {
  id: ID,
  title: strings.TitleTenantSpoLicense,
  who: 'global-admin',
  dependsOn: [],
  evaluate,
};

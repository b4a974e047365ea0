/** tenant-spo-license: an enabled subscribed SKU includes a SharePoint Online service plan (seed: "Tenant lacks SPO license"). */
import * as strings from 'ReadinessStrings';
import { format } from '../../common/format';
import type { Check, CheckResult } from '../check';
import type { ServicePlan, SubscribedSku, TenantFacts } from '../facts';
import { PURCHASE_SERVICES_LINK, YOUR_PRODUCTS_LINK } from '../links';
import { isSharePointPlanId, SHAREPOINTWAC_PLAN_ID } from '../plans';
import { listOrNone } from '../wording';
import { unknownFromFailure } from '../unknown';

const ID = 'tenant-spo-license' as const;

function spoPlans(sku: SubscribedSku): ServicePlan[] {
  return sku.servicePlans.filter((plan: ServicePlan) => isSharePointPlanId(plan.servicePlanId));
}

function hasOfficeForTheWebOnly(sku: SubscribedSku): boolean {
  return (
    spoPlans(sku).length === 0 &&
    sku.servicePlans.some((plan: ServicePlan) => plan.servicePlanId.toLowerCase() === SHAREPOINTWAC_PLAN_ID)
  );
}

function withPlans(sku: SubscribedSku): string {
  const names = spoPlans(sku).map((plan: ServicePlan) => plan.servicePlanName);
  return format(strings.SpoLicenseSkuWithPlans, sku.skuPartNumber, names.join(', '));
}

function evaluate(facts: TenantFacts): CheckResult {
  const title = strings.TitleTenantSpoLicense;
  if (!facts.skus.ok) {
    return unknownFromFailure(ID, title, facts.skus, strings.WhatSubscriptions, facts);
  }
  const skus = facts.skus.value;
  const seen = format(strings.SpoLicenseSkusSeen, listOrNone(skus.map((sku: SubscribedSku) => format(strings.SkuWithStatus, sku.skuPartNumber, sku.capabilityStatus))));
  const withSpo = skus.filter((sku: SubscribedSku) => spoPlans(sku).length > 0);
  const enabled = withSpo.filter((sku: SubscribedSku) => sku.capabilityStatus === 'Enabled');
  const inGrace = withSpo.filter((sku: SubscribedSku) => sku.capabilityStatus === 'Warning');

  if (enabled.length > 0) {
    return {
      id: ID,
      title,
      status: 'pass',
      evidence: [format(strings.SpoLicensePass, enabled.map(withPlans).join('; ')), seen],
    };
  }

  if (inGrace.length > 0) {
    return {
      id: ID,
      title,
      status: 'warn',
      evidence: [format(strings.SpoLicenseGrace, inGrace.map(withPlans).join('; ')), seen],
      nextStep: strings.SpoLicenseGraceNextStep,
      who: 'global-admin',
      links: [{ label: strings.LinkYourProducts, href: YOUR_PRODUCTS_LINK }],
    };
  }

  const evidence = [strings.SpoLicenseLacks, seen];
  const inactive = withSpo.map((sku: SubscribedSku) => format(strings.SkuWithStatus, sku.skuPartNumber, sku.capabilityStatus));
  if (inactive.length > 0) {
    evidence.push(format(strings.SpoLicenseInactive, inactive.join(', ')));
  }
  const webOnly = skus.filter(hasOfficeForTheWebOnly).map((sku: SubscribedSku) => sku.skuPartNumber);
  if (webOnly.length > 0) {
    evidence.push(format(strings.SpoLicenseOfficeForTheWebOnly, webOnly.join(', ')));
  }
  return {
    id: ID,
    title,
    status: 'fail',
    evidence,
    nextStep: strings.SpoLicenseBuyNextStep,
    who: 'global-admin',
    links: [{ label: strings.LinkPurchaseServices, href: PURCHASE_SERVICES_LINK }],
  };
}

export const tenantSpoLicenseCheck: Check = {
  id: ID,
  title: strings.TitleTenantSpoLicense,
  who: 'global-admin',
  dependsOn: [],
  evaluate,
};

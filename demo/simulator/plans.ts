/**
 * Well-known ids (DESIGN §4). Matched by id, never by name.
 *
 * The SharePoint / OneDrive plan ids come from Microsoft's licensing reference, not from a hand list: the simulator
 * reads data/licensing/catalogue.json (every SKU of Microsoft Entra's "Product names and service plan identifiers for
 * licensing") and data/licensing/classification.json (which of those plans are SharePoint Online, OneDrive-only or
 * neither) — the same data the web part's src/common/licensing is generated from, read here directly so the
 * simulator does not import src/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GraphServicePlanInfo } from './types';

const LICENSING_DIR = path.resolve(__dirname, '..', '..', 'data', 'licensing');

interface CatalogueServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  friendlyName: string;
}

interface CatalogueSku {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  servicePlans: CatalogueServicePlan[];
}

interface Catalogue {
  source: { repo: string; path: string; commit: string; msDate: string; retrieved: string };
  skus: CatalogueSku[];
}

interface Classification {
  plans: Array<{ servicePlanId: string; servicePlanName: string; class: 'sharepoint' | 'onedrive' | 'not-sharepoint'; reason: string }>;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(LICENSING_DIR, file), 'utf8')) as T;
}

const CLASSIFICATION: Classification = readJson<Classification>('classification.json');

function idsOfClass(kind: 'sharepoint' | 'onedrive'): ReadonlySet<string> {
  return new Set(CLASSIFICATION.plans.filter((plan) => plan.class === kind).map((plan) => plan.servicePlanId));
}

/** SharePoint Online plans (SharePoint sites and a OneDrive), from data/licensing/classification.json. */
export const SHAREPOINT_PLAN_IDS: ReadonlySet<string> = idsOfClass('sharepoint');

/** OneDrive-only plans (a OneDrive, no SharePoint Online team sites), from data/licensing/classification.json. */
export const ONEDRIVE_PLAN_IDS: ReadonlySet<string> = idsOfClass('onedrive');

/** Office for the web: reports service "SharePoint" but is not SharePoint Online. */
export const SHAREPOINTWAC_PLAN_ID = 'e95bec33-7c88-4a70-8e19-b10bd9d0c014';

export const ROLE_TEMPLATE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  migrationAdministrator: '8c8b803f-96e1-4129-9349-20738d9f9652',
} as const;

export const RESOURCE_APP = {
  microsoftGraph: '00000003-0000-0000-c000-000000000000',
  sharePointOnline: '00000003-0000-0ff1-ce00-000000000000',
} as const;

/** Third-party list, UNVERIFIED (DESIGN §3). */
export const CONNECTOR_APP_ID = 'd62121f3-e023-4972-b6b0-794190c0fd98';
export const CONNECTOR_DISPLAY_NAME = 'Office 365 Mover';

/** True when the user has an Enabled assigned plan that gives a OneDrive (SharePoint Online or OneDrive plan). */
export function hasOneDrivePlan(plans: ReadonlyArray<{ servicePlanId: string; capabilityStatus: string }>): boolean {
  return plans.some(
    (p) => p.capabilityStatus === 'Enabled' && (SHAREPOINT_PLAN_IDS.has(p.servicePlanId) || ONEDRIVE_PLAN_IDS.has(p.servicePlanId)),
  );
}

let catalogue: Catalogue | undefined;

/** data/licensing/catalogue.json, read on first use (it is about 1 MB). */
function loadCatalogue(): Catalogue {
  if (catalogue === undefined) {
    catalogue = readJson<Catalogue>('catalogue.json');
  }
  return catalogue;
}

/** A SKU as Microsoft's licensing reference lists it, with its service plans in Graph's subscribedSku shape. */
export interface CatalogueSkuContents {
  skuId: string;
  skuPartNumber: string;
  /** The product name the Microsoft 365 admin center shows, e.g. "Office 365 A1 for faculty". */
  displayName: string;
  /** Graph `subscribedSku.servicePlans`: every plan provisioned ("Success"), applying to users. */
  servicePlans: GraphServicePlanInfo[];
}

/**
 * The contents of a real SKU, by part number (e.g. "STANDARDWOFFPACK_FACULTY" for Office 365 A1 for faculty,
 * "SPE_F1" for Microsoft 365 F3, "M365_F1" for Microsoft 365 F1, "M365EDU_A1" for Microsoft 365 A1), so scenarios are
 * built from Microsoft's published SKU contents. Part numbers are matched case-insensitively; when the reference lists
 * a part number twice, the SKU with the lowest id is returned. Throws for a part number the reference does not list.
 */
export function skuFromCatalogue(skuPartNumber: string): CatalogueSkuContents {
  const wanted = skuPartNumber.trim().toLowerCase();
  const matches = loadCatalogue()
    .skus.filter((sku: CatalogueSku) => sku.skuPartNumber.toLowerCase() === wanted)
    .sort((a: CatalogueSku, b: CatalogueSku) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
  const sku = matches[0];
  if (sku === undefined) {
    throw new Error(`skuFromCatalogue: "${skuPartNumber}" is not in Microsoft's licensing reference (data/licensing/catalogue.json)`);
  }
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    displayName: sku.displayName,
    servicePlans: sku.servicePlans.map((plan: CatalogueServicePlan) => ({
      servicePlanId: plan.servicePlanId,
      servicePlanName: plan.servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
  };
}

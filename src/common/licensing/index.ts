/**
 * Licensing catalogue helpers over the generated module (catalogue.generated.ts, built by
 * scripts/licensing/generate-catalogue.cjs from Microsoft Entra's "Product names and service plan identifiers for
 * licensing" and the hand-reviewed data/licensing/classification.json — see data/licensing/README.md).
 *
 * Plans are matched by id, never by name: Office for the web (SHAREPOINTWAC) is reported under the service
 * "SharePoint" but is not SharePoint Online, and plan names differ between SKUs.
 */
import { CATALOGUE_SOURCE, NOT_SHAREPOINT_PLAN_IDS, ONEDRIVE_ONLY_PLAN_IDS, PLAN_NAMES, SHAREPOINT_PLAN_IDS } from './catalogue.generated';

export { CATALOGUE_SOURCE, NOT_SHAREPOINT_PLAN_IDS, ONEDRIVE_ONLY_PLAN_IDS, PLAN_NAMES, SHAREPOINT_PLAN_IDS };

type SkuNames = Readonly<Record<string, readonly [string, string]>>;

/**
 * The SKU display names (skuNames.generated.ts) are only needed for evidence text, so they are a chunk of their own
 * ("sku-names", ≈ 7 KB gzip), not part of the web part's entry chunk. The download starts when this module is first
 * evaluated; `loadSkuNames()` resolves once the names are in (or could not be loaded: SKUs are then named by their
 * part numbers, and the next call tries again). The SharePoint composition root reads the subscriptions only after
 * it, so the evidence never depends on which arrives first. Under jest and in the demo preview the import is
 * resolved before any test or request runs.
 */
let skuNames: SkuNames | undefined;
let skuNamesLoading: Promise<void> | undefined;

export function loadSkuNames(): Promise<void> {
  if (skuNames) {
    return Promise.resolve();
  }
  if (!skuNamesLoading) {
    skuNamesLoading = import(/* webpackChunkName: "sku-names" */ './skuNames.generated').then(
      (module) => {
        skuNames = module.SKU_NAMES;
      },
      () => {
        skuNamesLoading = undefined;
      },
    );
  }
  return skuNamesLoading;
}

void loadSkuNames();

function skuEntry(skuId: string): readonly [string, string] | undefined {
  const wanted = normalizeId(skuId);
  return skuNames !== undefined && Object.prototype.hasOwnProperty.call(skuNames, wanted) ? skuNames[wanted] : undefined;
}

/**
 * - `sharepoint`: a SharePoint Online plan (SharePoint sites and a OneDrive);
 * - `onedrive`: a OneDrive-only plan (a OneDrive, no SharePoint Online team sites);
 * - `not-sharepoint`: named after SharePoint / OneDrive / Office for the web but licenses neither (Office for the web,
 *   storage and Syntex add-ons…);
 * - `other`: every other plan.
 */
export type PlanClass = 'sharepoint' | 'onedrive' | 'not-sharepoint' | 'other';

function normalizeId(id: string): string {
  return id.trim().toLowerCase();
}

/** The class of a service plan id (case-insensitive). */
export function planClass(id: string): PlanClass {
  const wanted = normalizeId(id);
  if (SHAREPOINT_PLAN_IDS.has(wanted)) {
    return 'sharepoint';
  }
  if (ONEDRIVE_ONLY_PLAN_IDS.has(wanted)) {
    return 'onedrive';
  }
  if (NOT_SHAREPOINT_PLAN_IDS.has(wanted)) {
    return 'not-sharepoint';
  }
  return 'other';
}

/** True when this service plan id is a SharePoint Online plan (SHAREPOINTWAC is not). */
export function isSharePointPlanId(id: string): boolean {
  return planClass(id) === 'sharepoint';
}

/** True when this service plan id is a OneDrive-only plan. */
export function isOneDriveOnlyPlanId(id: string): boolean {
  return planClass(id) === 'onedrive';
}

/** True when any of these (enabled) service plan ids is a SharePoint Online plan. */
export function hasSharePointPlan(ids: ReadonlyArray<string>): boolean {
  return ids.some(isSharePointPlanId);
}

/**
 * True when any of these (enabled) service plan ids gives the user a OneDrive: a OneDrive-only plan or a SharePoint
 * Online plan (every SharePoint Online plan includes OneDrive).
 */
export function hasOneDrivePlan(ids: ReadonlyArray<string>): boolean {
  return ids.some((id: string) => {
    const kind = planClass(id);
    return kind === 'sharepoint' || kind === 'onedrive';
  });
}

/** The string id of a classified plan (e.g. "SHAREPOINTDESKLESS"); undefined for other plans. */
export function planName(id: string): string | undefined {
  const wanted = normalizeId(id);
  return Object.prototype.hasOwnProperty.call(PLAN_NAMES, wanted) ? PLAN_NAMES[wanted] : undefined;
}

/**
 * The SKU's product name as the Microsoft 365 admin center shows it ("Office 365 A1 for faculty"), from Microsoft's
 * licensing reference, for every SKU that carries a SharePoint / OneDrive / Office for the web plan; the part number
 * for any other SKU, and for every SKU until the names have loaded (`loadSkuNames`).
 */
export function skuDisplayName(skuId: string, skuPartNumber: string): string {
  const entry = skuEntry(skuId);
  return entry !== undefined && entry[1] ? entry[1] : skuPartNumber;
}

/**
 * The part number the reference gives a SKU id (e.g. "STANDARDWOFFPACK_FACULTY"); undefined when unknown or when the
 * SKU carries no SharePoint / OneDrive / Office for the web plan.
 */
export function skuPartNumber(skuId: string): string | undefined {
  const entry = skuEntry(skuId);
  return entry !== undefined ? entry[0] : undefined;
}

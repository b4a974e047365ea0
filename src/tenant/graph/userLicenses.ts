/**
 * How a users page tells which users hold a OneDrive-bearing plan, with the smallest answer Graph allows.
 *
 * - **Licences** (preferred): each user's `assignedLicenses` (`{ skuId, disabledPlans }`, about 80 bytes a licence), read
 *   against the tenant's `subscribedSkus` (one request for the whole read). Microsoft Graph docs, *assignedLicense
 *   resource type*: `skuId` "Corresponds to the skuId from subscribedSkus"; `disabledPlans` "A collection of the unique
 *   identifiers for plans that have been disabled. IDs are available in servicePlans > servicePlanId in the tenant's
 *   subscribedSkus". A user's OneDrive-bearing plans are then those of their SKUs' `servicePlans` not in the
 *   licence's `disabledPlans`.
 * - **Plans** (fallback, the read as it was): each user's `assignedPlans`, every plan with its own `capabilityStatus`
 *   (about 130 bytes a plan; a user licensed for a Microsoft 365 suite holds dozens). Used when `subscribedSkus` cannot
 *   be read, and when a SKU that carries a OneDrive-bearing plan is not plainly usable — its `capabilityStatus` is not
 *   `Enabled` (Warning, Suspended, LockedOut, Deleted: Microsoft publishes no rule for what a user's assigned plans then
 *   say) or that plan's `provisioningStatus` is not `Success` — so nothing is inferred where Microsoft says nothing.
 *
 * A licence of a SKU the table does not know (bought while the scan ran) has the table read again, once; a SKU still
 * unknown then grants nothing, and is counted.
 */
import type { GraphFI } from '@pnp/graph';
import type { Failure, Outcome } from '../../common/outcome';
import type { LicenseReadingReport } from '../../provisioning/ports';
import { DIRECTORY_READ } from '../../common/scopes';
import { isOneDriveOnlyPlanId, isSharePointPlanId } from '../../readiness/plans';
import type { GraphSubscribedSku, GraphUser } from './dto';
import { attempt } from './graphCall';
import { graphCollection } from './root';

/** Which user property a users page selects to tell licensing. */
export type LicenseField = 'assignedLicenses' | 'assignedPlans';

/** Why the plans were read instead of the licences. */
export type PlansReason =
  /** `subscribedSkus` could not be read (the failure is kept). */
  | 'skus-unreadable'
  /** A SKU with a OneDrive-bearing plan is not `Enabled`, or that plan is not provisioned (`Success`). */
  | 'sku-not-plain';

/** The way licensing is read, once decided: what a page selects and how a user's OneDrive-bearing plans are told. */
export interface LicenseReading {
  field: LicenseField;
  /** For `assignedLicenses`: SKU id (lower case) → its OneDrive-bearing service plan ids (lower case). */
  plansBySku: ReadonlyMap<string, ReadonlyArray<string>>;
  /** For `assignedPlans`: why. */
  reason?: PlansReason;
  /** For `skus-unreadable`: the service's answer. */
  failure?: Failure;
  /** For `sku-not-plain`: the SKU part numbers and states that decided it, e.g. "ENTERPRISEPACK (Warning)". */
  skus?: string[];
}

function isOneDriveBearing(planId: string): boolean {
  return isSharePointPlanId(planId) || isOneDriveOnlyPlanId(planId);
}

/**
 * The reading `subscribedSkus` decides (pure). Every SKU is in the table, with its OneDrive-bearing plans (none for
 * most); the plans are read instead when one of those SKUs or plans is not plainly usable.
 */
export function readingFromSkus(skus: ReadonlyArray<GraphSubscribedSku>): LicenseReading {
  const plansBySku = new Map<string, string[]>();
  const notPlain: string[] = [];
  for (const sku of skus) {
    const bearing: string[] = [];
    let plain = (sku.capabilityStatus || '').toLowerCase() === 'enabled';
    for (const plan of sku.servicePlans ?? []) {
      const id = String(plan.servicePlanId || '').toLowerCase();
      if (!isOneDriveBearing(id)) {
        continue;
      }
      bearing.push(id);
      if ((plan.provisioningStatus ?? 'Success').toLowerCase() !== 'success') {
        plain = false;
      }
    }
    if (bearing.length > 0 && !plain) {
      notPlain.push(`${sku.skuPartNumber} (${sku.capabilityStatus})`);
    }
    plansBySku.set(String(sku.skuId || '').toLowerCase(), bearing);
  }
  if (notPlain.length > 0) {
    return { field: 'assignedPlans', plansBySku: new Map(), reason: 'sku-not-plain', skus: notPlain };
  }
  return { field: 'assignedLicenses', plansBySku };
}

/** The reading when `subscribedSkus` could not be read. */
export function plansReading(why: Failure): LicenseReading {
  return { field: 'assignedPlans', plansBySku: new Map(), reason: 'skus-unreadable', failure: why };
}

/**
 * A user's OneDrive-bearing plan ids by their licences (lower case), or undefined when a licence names a SKU the table
 * does not know.
 */
export function planIdsFromLicenses(dto: GraphUser, plansBySku: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<string> | undefined {
  const licences = dto.assignedLicenses ?? [];
  const only = licences.length === 1 ? licences[0] : undefined;
  if (only !== undefined && (only.disabledPlans === undefined || only.disabledPlans.length === 0)) {
    // One licence, nothing disabled (most users): the SKU's own list, shared.
    return plansBySku.get(String(only.skuId || '').toLowerCase());
  }
  const ids: string[] = [];
  for (const licence of licences) {
    const plans = plansBySku.get(String(licence.skuId || '').toLowerCase());
    if (plans === undefined) {
      return undefined;
    }
    if (plans.length === 0) {
      continue;
    }
    const disabled = licence.disabledPlans ?? [];
    for (const plan of plans) {
      if (!disabled.some((d) => String(d).toLowerCase() === plan)) {
        ids.push(plan);
      }
    }
  }
  return ids;
}

/** A user's enabled plan ids by their assigned plans (capabilityStatus Enabled), lower case. */
export function planIdsFromPlans(dto: GraphUser): string[] {
  const ids: string[] = [];
  for (const plan of dto.assignedPlans ?? []) {
    if (plan.capabilityStatus === 'Enabled') {
      ids.push(plan.servicePlanId.toLowerCase());
    }
  }
  return ids;
}

/**
 * The reading of one session: `subscribedSkus` read once (on the first users page), shared by every users read (single
 * chain, partitions, the migration list's lookups) so they all select the same field.
 */
export class UserLicenses {
  private decided: Promise<LicenseReading> | undefined;
  private refreshed: Promise<LicenseReading> | undefined;
  private unknownSkuUsers = 0;
  private last: LicenseReading | undefined;

  public constructor(private readonly graph: GraphFI) {}

  /**
   * Forget the reading, so the next users read decides it again from `subscribedSkus`: called when a scan starts from
   * its first page (a SKU's state may have changed since the last scan).
   */
  public renew(): void {
    this.last = undefined;
    this.decided = undefined;
    this.refreshed = undefined;
    this.unknownSkuUsers = 0;
  }

  /** The reading (reads `subscribedSkus` the first time). Never fails: an unreadable table means the plans. */
  public reading(): Promise<LicenseReading> {
    if (!this.decided) {
      this.decided = this.readTable().then((reading) => (this.last = reading));
    }
    return this.decided;
  }

  /** The field decided, or — while `subscribedSkus` is still being read — undefined. */
  public settledField(): LicenseField | undefined {
    return this.last ? this.last.field : undefined;
  }

  /** What has been decided so far, for the pane; undefined before the first users page. */
  public report(): LicenseReadingReport | undefined {
    const r = this.last;
    if (!r) {
      return undefined;
    }
    return {
      source: r.field === 'assignedLicenses' ? 'licences' : 'plans',
      ...(r.reason ? { why: r.reason } : {}),
      ...(r.failure ? { failure: r.failure } : {}),
      ...(r.skus ? { skus: r.skus } : {}),
      unknownSkuUsers: this.unknownSkuUsers,
    };
  }

  /**
   * The OneDrive-bearing (licences) or enabled (plans) plan ids of the users of one page, as `reading` was when the
   * page was asked for. A licence of an unknown SKU has the table read again once; still unknown, it grants nothing.
   */
  public async planIdsOf(users: ReadonlyArray<GraphUser>, reading: LicenseReading): Promise<Array<ReadonlyArray<string>>> {
    if (reading.field === 'assignedPlans') {
      return users.map(planIdsFromPlans);
    }
    const out: Array<ReadonlyArray<string>> = [];
    const unknown: number[] = [];
    for (let i = 0; i < users.length; i++) {
      const user = users[i] as GraphUser;
      if (!Array.isArray(user.assignedLicenses) && Array.isArray(user.assignedPlans)) {
        // A page continued from a link asked for under the other reading answers with the plans: they are exact.
        out.push(planIdsFromPlans(user));
        continue;
      }
      const ids = planIdsFromLicenses(user, reading.plansBySku);
      out.push(ids ?? []);
      if (ids === undefined) {
        unknown.push(i);
      }
    }
    if (unknown.length === 0) {
      return out;
    }
    if (!this.refreshed) {
      this.refreshed = this.readTable();
    }
    const again = await this.refreshed;
    // A table read again that no longer answers by licences (a SKU turned to Warning meanwhile) is not mixed in.
    const table = again.field === 'assignedLicenses' ? again.plansBySku : reading.plansBySku;
    for (const i of unknown) {
      const ids = planIdsFromLicenses(users[i] as GraphUser, table);
      if (ids === undefined) {
        this.unknownSkuUsers++;
        out[i] = knownPlansOnly(users[i] as GraphUser, table);
      } else {
        out[i] = ids;
      }
    }
    return out;
  }

  private async readTable(): Promise<LicenseReading> {
    const skus = await readSubscribedSkus(this.graph);
    return skus.ok ? readingFromSkus(skus.value) : plansReading(skus);
  }
}

/**
 * `GET /subscribedSkus` (Directory.Read.All) as Graph answers it: the one read of the tenant's subscriptions, for the
 * readiness checks (GraphDirectoryReader.getSubscribedSkus maps it) and for the licence table.
 */
export function readSubscribedSkus(graph: GraphFI): Promise<Outcome<GraphSubscribedSku[]>> {
  return attempt(DIRECTORY_READ, async () => {
    const list = await graphCollection<GraphSubscribedSku>(graph, 'subscribedSkus')();
    if (!Array.isArray(list)) {
      throw new Error('The directory answered subscribedSkus with something other than a list.');
    }
    return list;
  });
}

/** The OneDrive-bearing plans of the licences whose SKU the table knows. */
function knownPlansOnly(dto: GraphUser, plansBySku: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<string> {
  const known = (dto.assignedLicenses ?? []).filter((l) => plansBySku.has(String(l.skuId || '').toLowerCase()));
  return planIdsFromLicenses({ ...dto, assignedLicenses: known }, plansBySku) ?? [];
}

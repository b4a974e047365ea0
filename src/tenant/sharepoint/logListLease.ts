import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { attempt, odataString } from '../graph/graphCall';
import { failure, success, type Outcome } from '../../common/outcome';
import type { LeaseClaim, LeaseHolder, SendLease } from '../../provisioning/ports';
import { SHAREPOINT_FULL_CONTROL } from '../../common/scopes';

/** The Title of the one item that holds the turn to send (log entries are titled by their ids, "req-…"). */
export const LEASE_ITEM_TITLE = 'migration-readiness-send-lease';

interface LeaseItem {
  Id: number;
  Title: string;
  [field: string]: unknown;
  /** The item's version in minimal metadata (e.g. "\"3\""): the If-Match of an update. */
  'odata.etag'?: string;
}

/** What the lease item holds: who has the turn and until when (no holder: free). */
interface LeaseState {
  lease?: LeaseHolder;
  until: string;
}

function parseLease(item: LeaseItem, field: string): LeaseState {
  try {
    const raw = item[field];
    const parsed = JSON.parse(typeof raw === 'string' ? raw : '') as Partial<LeaseState>;
    const holder = parsed.lease;
    const until = typeof parsed.until === 'string' ? parsed.until : '';
    return holder && typeof holder.session === 'string' && typeof holder.name === 'string' ? { lease: { session: holder.session, name: holder.name }, until } : { until };
  } catch {
    return { until: '' };
  }
}

/**
 * The turn to send, as one item of the provisioning log list ("migration-readiness-send-lease"), taken by an update
 * guarded by the item's ETag (If-Match): SharePoint refuses an update on another version with 412 ("If the ETag you
 * specify in your request does not match the ETag of the document or list item on the server, the REST service returns
 * a 412 exception" — SharePoint/sp-dev-docs, working-with-lists-and-list-items-with-rest.md), so of two admins who read
 * the free lease at once, one gets it. Two sessions that create the item at once keep the one with the lower Id.
 */
export class LogListLease implements SendLease {
  public constructor(
    private readonly site: SPFI,
    private readonly listTitle: string,
    /** The list's multi-line text field that holds the lease state (JSON). */
    private readonly field: string,
    /** Creates the list and its field when missing (the log store's own). */
    private readonly ensureList: () => Promise<Outcome<void>>,
  ) {}

  private leaseItems(): Promise<Outcome<LeaseItem[]>> {
    return attempt(SHAREPOINT_FULL_CONTROL, () =>
      this.site.web.lists
        .getByTitle(this.listTitle)
        .items.filter(`Title eq ${odataString(LEASE_ITEM_TITLE)}`)
        .orderBy('Id', true)
        .select('Id', 'Title', this.field)
        .top(10)<LeaseItem[]>(),
    );
  }

  /** Updates the lease item only if it is still the version read (its ETag); without an ETag there is no safe update. */
  private async write(item: LeaseItem, state: LeaseState): Promise<Outcome<void>> {
    const etag = item['odata.etag'];
    if (typeof etag !== 'string' || etag === '') {
      return failure(0, 'MissingETag', 'SharePoint listed the lease item without its ETag, so the turn to send cannot be taken safely.');
    }
    return attempt(SHAREPOINT_FULL_CONTROL, async () => {
      await this.site.web.lists
        .getByTitle(this.listTitle)
        .items.getById(item.Id)
        .update({ [this.field]: JSON.stringify(state) }, etag);
    });
  }

  /** See SendLease.claim. */
  public async claim(holder: LeaseHolder, ttlMs: number, now: Date): Promise<Outcome<LeaseClaim>> {
    const ensured = await this.ensureList();
    if (!ensured.ok) {
      return ensured;
    }
    const until = new Date(now.getTime() + ttlMs).toISOString();
    const mine: LeaseState = { lease: holder, until };
    // A few rounds: a 412 means another session changed the lease between our read and our update; read it again.
    for (let round = 0; round < 3; round++) {
      const read = await this.leaseItems();
      if (!read.ok) {
        return read;
      }
      const item = read.value[0];
      if (item === undefined) {
        const created = await this.createLease(mine);
        if (!created.ok || created.value.held) {
          return created;
        }
        continue;
      }
      const current = parseLease(item, this.field);
      const expiry = Date.parse(current.until);
      if (current.lease && current.lease.session !== holder.session && !isNaN(expiry) && expiry > now.getTime()) {
        return success({ held: false, holder: current.lease, until: current.until });
      }
      const written = await this.write(item, mine);
      if (written.ok) {
        return success({ held: true, until });
      }
      if (written.status !== 412) {
        return written;
      }
    }
    // Still contended after three rounds: someone else is taking it right now; ask again later.
    const last = await this.leaseItems();
    if (!last.ok) {
      return last;
    }
    const state: LeaseState = last.value[0] ? parseLease(last.value[0], this.field) : { until: '' };
    return success({ held: false, holder: state.lease ?? { session: '', name: '' }, until: state.until || until });
  }

  /** Creates the lease item held by us; if another session created one first (lower Id), ours is removed. */
  private async createLease(mine: LeaseState): Promise<Outcome<LeaseClaim>> {
    const added = await attempt(SHAREPOINT_FULL_CONTROL, async () => {
      const result = (await this.site.web.lists.getByTitle(this.listTitle).items.add({ Title: LEASE_ITEM_TITLE, [this.field]: JSON.stringify(mine) })) as Partial<LeaseItem>;
      return typeof result.Id === 'number' ? result.Id : undefined;
    });
    if (!added.ok) {
      return added;
    }
    const read = await this.leaseItems();
    if (!read.ok) {
      return read;
    }
    const first = read.value[0];
    if (first === undefined || added.value === undefined || first.Id === added.value) {
      return success({ held: true, until: mine.until });
    }
    await attempt(SHAREPOINT_FULL_CONTROL, () => this.site.web.lists.getByTitle(this.listTitle).items.getById(added.value as number).delete());
    const other = parseLease(first, this.field);
    return success({ held: false, holder: other.lease ?? { session: '', name: '' }, until: other.until || mine.until });
  }

  /** See SendLease.release. */
  public async release(holder: LeaseHolder, now: Date): Promise<Outcome<void>> {
    const read = await this.leaseItems();
    if (!read.ok) {
      return read;
    }
    const item = read.value[0];
    if (item === undefined) {
      return success(undefined);
    }
    const current = parseLease(item, this.field);
    if (!current.lease || current.lease.session !== holder.session) {
      return success(undefined);
    }
    const written = await this.write(item, { until: now.toISOString() });
    // 412: someone took the lease over (ours had expired): theirs now, nothing to give back.
    return written.ok || written.status === 412 ? success(undefined) : written;
  }
}

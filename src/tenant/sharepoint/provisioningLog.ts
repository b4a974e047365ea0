import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import { attempt, odataString } from '../graph/graphCall';
import { failure, success, type Outcome } from '../../common/outcome';
import type { LeaseClaim, LeaseHolder, ProvisioningLogEntry, ProvisioningLogStore, SendLease } from '../../provisioning/ports';
import { SHAREPOINT_FULL_CONTROL } from '../../common/scopes';

/** The shared list on the hosting site that records every provisioning request. */
export const LOG_LIST_TITLE = 'Migration Readiness provisioning log';
const ENTRY_FIELD = 'MRLogEntry';
/** The Title of the one item that holds the turn to send (log entries are titled by their ids, "req-…"). */
export const LEASE_ITEM_TITLE = 'migration-readiness-send-lease';

interface LogItem {
  Id: number;
  Title: string;
  MRLogEntry?: string;
  /** The item's version in minimal metadata (e.g. "\"3\""): the If-Match of an update. */
  'odata.etag'?: string;
}

/** What the lease item holds: who has the turn and until when (no holder: free). */
interface LeaseState {
  lease?: LeaseHolder;
  until: string;
}

function parseLease(item: LogItem): LeaseState {
  try {
    const parsed = JSON.parse(item.MRLogEntry ?? '') as Partial<LeaseState>;
    const holder = parsed.lease;
    const until = typeof parsed.until === 'string' ? parsed.until : '';
    return holder && typeof holder.session === 'string' && typeof holder.name === 'string' ? { lease: { session: holder.session, name: holder.name }, until } : { until };
  } catch {
    return { until: '' };
  }
}

function parseEntry(item: LogItem): ProvisioningLogEntry | undefined {
  if (!item.MRLogEntry) {
    return undefined;
  }
  try {
    const entry = JSON.parse(item.MRLogEntry) as ProvisioningLogEntry;
    return Array.isArray(entry.emails) && typeof entry.requestedAt === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shared provisioning log: a list on the hosting site, created on first write, so every admin sees every request
 * and the "requested, pending" state survives reloads.
 */
export class SharePointListLogStore implements ProvisioningLogStore {
  public readonly kind = 'sharepoint-list' as const;
  private ensured = false;

  /**
   * The turn to send, as one item of the list ("migration-readiness-send-lease"), taken by an update guarded by the
   * item's ETag (If-Match): SharePoint refuses an update on another version with 412 ("If the ETag you specify in your
   * request does not match the ETag of the document or list item on the server, the REST service returns a 412
   * exception" — SharePoint/sp-dev-docs, working-with-lists-and-list-items-with-rest.md), so of two admins who read the
   * free lease at once, one gets it. Two sessions that create the item at once keep the one with the lower Id.
   */
  public readonly lease: SendLease = {
    claim: (holder, ttlMs, now) => this.claim(holder, ttlMs, now),
    release: (holder, now) => this.release(holder, now),
  };

  public constructor(private readonly site: SPFI) {}

  /** Every entry of the list (a missing list is an empty log). Failure: the site's answer (403 → missingScope). */
  public async load(): Promise<Outcome<ProvisioningLogEntry[]>> {
    const exists = await this.exists();
    if (!exists.ok) {
      return exists;
    }
    if (!exists.value) {
      return success([]);
    }
    return attempt(SHAREPOINT_FULL_CONTROL, async () => {
      const entries: ProvisioningLogEntry[] = [];
      for await (const page of this.site.web.lists.getByTitle(LOG_LIST_TITLE).items.select('Id', 'Title', ENTRY_FIELD).top(5000)) {
        for (const item of page as LogItem[]) {
          const entry = parseEntry(item);
          if (entry) {
            entries.push(entry);
          }
        }
      }
      return entries;
    });
  }

  /** Adds one item (creating the list and its field on first use). A write: never retried except after 429. */
  public async append(entry: ProvisioningLogEntry): Promise<Outcome<void>> {
    const ensured = await this.ensureList();
    if (!ensured.ok) {
      return ensured;
    }
    return attempt(SHAREPOINT_FULL_CONTROL, async () => {
      await this.site.web.lists.getByTitle(LOG_LIST_TITLE).items.add({ Title: entry.id, [ENTRY_FIELD]: JSON.stringify(entry) });
    });
  }

  private leaseItems(): Promise<Outcome<LogItem[]>> {
    return attempt(SHAREPOINT_FULL_CONTROL, () =>
      this.site.web.lists
        .getByTitle(LOG_LIST_TITLE)
        .items.filter(`Title eq ${odataString(LEASE_ITEM_TITLE)}`)
        .orderBy('Id', true)
        .select('Id', 'Title', ENTRY_FIELD)
        .top(10)<LogItem[]>(),
    );
  }

  private write(item: LogItem, state: LeaseState): Promise<Outcome<void>> {
    return attempt(SHAREPOINT_FULL_CONTROL, async () => {
      await this.site.web.lists
        .getByTitle(LOG_LIST_TITLE)
        .items.getById(item.Id)
        .update({ [ENTRY_FIELD]: JSON.stringify(state) }, item['odata.etag'] ?? '*');
    });
  }

  private async claim(holder: LeaseHolder, ttlMs: number, now: Date): Promise<Outcome<LeaseClaim>> {
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
      const current = parseLease(item);
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
    const state: LeaseState = last.value[0] ? parseLease(last.value[0]) : { until: '' };
    return success({ held: false, holder: state.lease ?? { session: '', name: '' }, until: state.until || until });
  }

  /** Creates the lease item held by us; if another session created one first (lower Id), ours is removed. */
  private async createLease(mine: LeaseState): Promise<Outcome<LeaseClaim>> {
    const added = await attempt(SHAREPOINT_FULL_CONTROL, async () => {
      const result = (await this.site.web.lists.getByTitle(LOG_LIST_TITLE).items.add({ Title: LEASE_ITEM_TITLE, [ENTRY_FIELD]: JSON.stringify(mine) })) as Partial<LogItem>;
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
    await attempt(SHAREPOINT_FULL_CONTROL, () => this.site.web.lists.getByTitle(LOG_LIST_TITLE).items.getById(added.value as number).delete());
    const other = parseLease(first);
    return success({ held: false, holder: other.lease ?? { session: '', name: '' }, until: other.until || mine.until });
  }

  private async release(holder: LeaseHolder, now: Date): Promise<Outcome<void>> {
    const read = await this.leaseItems();
    if (!read.ok) {
      return read;
    }
    const item = read.value[0];
    if (item === undefined) {
      return success(undefined);
    }
    const current = parseLease(item);
    if (!current.lease || current.lease.session !== holder.session) {
      return success(undefined);
    }
    const written = await this.write(item, { until: now.toISOString() });
    // 412: someone took the lease over (ours had expired): theirs now, nothing to give back.
    return written.ok || written.status === 412 ? success(undefined) : written;
  }

  private async exists(): Promise<Outcome<boolean>> {
    if (this.ensured) {
      return success(true);
    }
    // A filtered read answers "not there" with an empty list rather than a 404 (which browsers log as an error).
    const read = await attempt(SHAREPOINT_FULL_CONTROL, () => this.site.web.lists.filter(`Title eq ${odataString(LOG_LIST_TITLE)}`).select('Id')());
    if (!read.ok) {
      return read;
    }
    this.ensured = read.value.length > 0;
    return success(this.ensured);
  }

  private async ensureList(): Promise<Outcome<void>> {
    const exists = await this.exists();
    if (!exists.ok) {
      return exists;
    }
    if (exists.value) {
      return success(undefined);
    }
    const created = await attempt(SHAREPOINT_FULL_CONTROL, async () => {
      await this.site.web.lists.add(LOG_LIST_TITLE, 'Provisioning requests made from Migration Readiness (one item per request).', 100, false, { Hidden: false });
    });
    if (!created.ok) {
      // Another admin may have created it at the same moment (SharePoint answers "A list … already exists"): look again.
      const again = await this.exists();
      if (!again.ok || !again.value) {
        return created;
      }
    }
    const field = await this.ensureField();
    if (!field.ok) {
      this.ensured = false;
      return field;
    }
    this.ensured = true;
    return success(undefined);
  }

  /** The entry field, added once; an add that fails because another session added it first is fine. */
  private async ensureField(): Promise<Outcome<void>> {
    const fields = this.site.web.lists.getByTitle(LOG_LIST_TITLE).fields;
    const has = (): Promise<Outcome<boolean>> =>
      attempt(SHAREPOINT_FULL_CONTROL, async () => (await fields.filter(`InternalName eq ${odataString(ENTRY_FIELD)}`).select('Id')()).length > 0);
    const present = await has();
    if (!present.ok || present.value) {
      return present.ok ? success(undefined) : present;
    }
    const added = await attempt(SHAREPOINT_FULL_CONTROL, async () => {
      await fields.addMultilineText(ENTRY_FIELD, { RichText: false, NumberOfLines: 6 });
    });
    if (added.ok) {
      return added;
    }
    const after = await has();
    return after.ok && after.value ? success(undefined) : added;
  }
}

/** The minimal Storage surface (window.localStorage), so tests and other hosts can pass their own. */
export interface KeyValueStorage {
  // eslint-disable-next-line @rushstack/no-new-null -- the Web Storage API's own signature.
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Fallback when the list cannot be created: this browser only. The UI shows a warning while it is in use. */
export class BrowserLogStore implements ProvisioningLogStore {
  public readonly kind = 'browser' as const;

  public constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {}

  /** This browser's entries (unreadable storage → an empty log, never an exception). */
  public async load(): Promise<Outcome<ProvisioningLogEntry[]>> {
    try {
      const raw = this.storage.getItem(this.key);
      return success(raw ? (JSON.parse(raw) as ProvisioningLogEntry[]) : []);
    } catch (error) {
      return failure(0, 'StorageError', error instanceof Error ? error.message : String(error));
    }
  }

  /** Saves to this browser's storage. Failure: storage full or refused. */
  public async append(entry: ProvisioningLogEntry): Promise<Outcome<void>> {
    const loaded = await this.load();
    if (!loaded.ok) {
      return loaded;
    }
    try {
      this.storage.setItem(this.key, JSON.stringify(loaded.value.concat([entry])));
      return success(undefined);
    } catch (error) {
      return failure(0, 'StorageError', error instanceof Error ? error.message : String(error));
    }
  }
}

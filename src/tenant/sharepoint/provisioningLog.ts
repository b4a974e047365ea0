import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import { attempt, odataString } from '../graph/graphCall';
import { failure, success, type Outcome } from '../../common/outcome';
import type { ProvisioningLogEntry, ProvisioningLogStore, SendLease } from '../../provisioning/ports';
import { LogListLease } from './logListLease';
import { SHAREPOINT_FULL_CONTROL } from '../../common/scopes';

/** The shared list on the hosting site that records every provisioning request. */
export const LOG_LIST_TITLE = 'Migration Readiness provisioning log';
const ENTRY_FIELD = 'MRLogEntry';

interface LogItem {
  Id: number;
  Title: string;
  MRLogEntry?: string;
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


  /** The turn to send: an ETag-guarded item of this list (logListLease.ts). */
  public readonly lease: SendLease;

  public constructor(private readonly site: SPFI) {
    this.lease = new LogListLease(site, LOG_LIST_TITLE, ENTRY_FIELD, () => this.ensureList());
  }

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

import { success, type Failure, type Outcome } from '../../common/outcome';
import type { ProvisioningLogEntry, ProvisioningLogStore, SendLease } from '../../provisioning/ports';
import type { KeyValueStorage } from './provisioningLog';

/** Where the fallback decision survives a reload (this browser's storage). */
export interface FallbackMemory {
  recall(): Failure | undefined;
  remember(reason: Failure): void;
}

/** A FallbackMemory in a key-value storage (localStorage); unreadable or foreign values are ignored. */
export function storageMemory(storage: KeyValueStorage, key: string): FallbackMemory {
  return {
    recall(): Failure | undefined {
      try {
        const raw = storage.getItem(key);
        const parsed = raw ? (JSON.parse(raw) as Partial<Failure>) : undefined;
        return parsed && parsed.ok === false && typeof parsed.status === 'number' && typeof parsed.code === 'string'
          ? { ok: false, status: parsed.status, code: parsed.code, message: typeof parsed.message === 'string' ? parsed.message : '' }
          : undefined;
      } catch {
        return undefined;
      }
    },
    remember(reason: Failure): void {
      try {
        storage.setItem(key, JSON.stringify(reason));
      } catch {
        // Storage full or refused: the warning still shows for this visit.
      }
    },
  };
}

/**
 * The shared SharePoint list when the admin can use it; this browser's storage when the list cannot be read or
 * created (no permission). `fallbackReason` says why, so the UI can warn that the log is not shared.
 */
export class FallbackLogStore implements ProvisioningLogStore {
  private useBrowser = false;
  private reason: Failure | undefined;

  public constructor(
    private readonly shared: ProvisioningLogStore,
    private readonly browser: ProvisioningLogStore,
    private readonly memory?: FallbackMemory,
  ) {
    // A refusal remembered from an earlier visit: the log is still in this browser after a reload, and says so.
    const remembered = memory ? memory.recall() : undefined;
    if (remembered) {
      this.useBrowser = true;
      this.reason = remembered;
    }
  }

  /** Where entries go now: the shared list until it refused (403), then this browser. */
  public get kind(): 'sharepoint-list' | 'browser' {
    return this.useBrowser ? 'browser' : this.shared.kind;
  }

  /** The shared list's turn to send while the list is in use; none once the log is in this browser only. */
  public get lease(): SendLease | undefined {
    return this.useBrowser ? undefined : this.shared.lease;
  }

  /** Why the shared list is not used, when it is not. */
  public get fallbackReason(): Failure | undefined {
    return this.reason;
  }

  /** The shared list's entries plus this browser's; after a refusal, this browser's only. A 401/429/5xx is returned as is. */
  public async load(): Promise<Outcome<ProvisioningLogEntry[]>> {
    const local = await this.browser.load();
    if (!this.useBrowser) {
      const shared = await this.shared.load();
      if (shared.ok) {
        return success(local.ok ? shared.value.concat(local.value) : shared.value);
      }
      if (!this.switchToBrowser(shared)) {
        return shared;
      }
    }
    return local;
  }

  /** Appends to the shared list; on a refusal (403), to this browser's storage from then on. */
  public async append(entry: ProvisioningLogEntry): Promise<Outcome<void>> {
    if (!this.useBrowser) {
      const shared = await this.shared.append(entry);
      if (shared.ok || !this.switchToBrowser(shared)) {
        return shared;
      }
    }
    return this.browser.append(entry);
  }

  /**
   * A refusal (403) switches to the browser store; an expired sign-in (401) and transient answers (429/5xx) are
   * reported as they are — they say nothing about the admin's rights on the list.
   */
  private switchToBrowser(reason: Failure): boolean {
    if (reason.status === 403) {
      this.useBrowser = true;
      this.reason = reason;
      if (this.memory) {
        this.memory.remember(reason);
      }
      return true;
    }
    return false;
  }
}

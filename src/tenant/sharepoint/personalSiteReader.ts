import type { GraphFI } from '@pnp/graph';
import { graphPost } from '@pnp/graph';
import { body, headers } from '@pnp/queryable';
import { spPost, type SPFI } from '@pnp/sp';
import { adminQueryable } from './adminQueryable';
import type { OneDriveState } from '../../readiness/facts';
import { attempt } from '../graph/graphCall';
import { graphQueryable } from '../graph/root';
import type { GraphUser } from '../graph/dto';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, wait, type RetryPolicy } from '../http/retryPolicy';
import { asksTooLong, itemRetryAfterMs, tellBatchWait, type BatchWaits } from '../http/batchItemRetry';
import { readServiceError } from '../http/toFailure';
import { failure, success, type Failure, type Outcome } from '../../common/outcome';
import type { PersonalSiteReader } from '../../app/ports';
import type { Page, PersonalSite, RequestSlot } from '../../provisioning/ports';
import { DIRECTORY_READ, SHAREPOINT_FULL_CONTROL, USER_READ } from '../../common/scopes';
import { personalSitesQuery, readPersonalSitesResponse } from './csom';
import { LeanParse } from '../http/leanParse';
import { InFlight } from '../http/inFlight';

/** Graph $batch takes at most 20 requests. */
export const GRAPH_BATCH_LIMIT = 20;

interface BatchResponseItem {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Graph's answer for a user whose OneDrive does not exist: 404 "User's mysite not found." (docs/evidence.md §4).
 * Only that one — and `mySite: null` on a 200 — counts as "not provisioned". A 404 about the user itself
 * (Request_ResourceNotFound), 400/500 "Unable to retrieve user's mysite URL." (also seen with token problems),
 * throttling or any other error means "could not tell" for that user, never "not provisioned".
 */
export function isMySiteNotFound(status: number, error: { code: string; message: string } | undefined): boolean {
  return status === 404 && error !== undefined && /mysite/i.test(error.message) && /not found/i.test(error.message);
}

/** A `$batch` item's Retry-After in ms (in the item's own headers: readable in a browser, unlike the outer one's). */
function oneDriveFrom(mySite: GraphUser['mySite']): OneDriveState {
  return mySite ? { provisioned: true, url: mySite } : { provisioned: false };
}

/**
 * One page of personal sites through CSOM `ProcessQuery` on the tenant admin host, optionally with a CSOM `Filter`
 * (the partitioned scan). Failure: the call's answer, or the CSOM ErrorInfo with `csom: true` (access denied → 403).
 * With a `slot`, the request takes its place in it (RequestSlot).
 */
export async function csomPersonalSitesPage(
  admin: SPFI,
  adminUrl: string,
  next: string | undefined,
  filter: string | undefined,
  signal?: AbortSignal,
  slot?: RequestSlot,
): Promise<Outcome<Page<PersonalSite>>> {
    const answer = await attempt(SHAREPOINT_FULL_CONTROL, () =>
      spPost<unknown>(adminQueryable(admin, adminUrl, '_vti_bin/client.svc/ProcessQuery').using(LeanParse(), InFlight(slot)), {
        ...headers({ 'Content-Type': 'text/xml' }),
        body: personalSitesQuery(next, filter),
        ...(signal ? { signal } : {}),
      }),
    );
    if (!answer.ok) {
      return answer;
    }
    const read = readPersonalSitesResponse(answer.value);
    if (!read.ok) {
      // CSOM answers HTTP 200 with an ErrorInfo; an access-denied one is reported as the 403 it means.
      const denied = /UnauthorizedAccess/i.test(read.typeName) || read.code === -2147024891;
      return failure(denied ? 403 : 200, read.typeName, read.message, {
        csom: true,
        ...(denied ? { missingScope: SHAREPOINT_FULL_CONTROL } : {}),
        ...(read.correlationId ? { correlationId: read.correlationId } : {}),
      });
    }
    return success({ items: read.sites, ...(read.next ? { next: read.next } : {}) });
}

/**
 * PersonalSiteReader: the admin's own OneDrive and the per-user fallback through Microsoft Graph, the tenant-wide
 * enumeration through CSOM on the tenant admin host. Every method answers an Outcome and never throws.
 */
export class TenantPersonalSiteReader implements PersonalSiteReader {
  public constructor(
    private readonly graph: GraphFI,
    private readonly admin: SPFI,
    private readonly adminUrl: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
    /** Told of each wait before throttled `$batch` items are sent again (the pane shows it), with Graph's base URL. */
    private readonly waits: BatchWaits = {},
  ) {}

  /** `/me?$select=mySite` only reads; `/me/drive` would create the OneDrive as a side effect. */
  public async getMyOneDrive(): Promise<Outcome<OneDriveState>> {
    const read = await attempt(USER_READ, () => graphQueryable<GraphUser>(this.graph, 'me').select('mySite')());
    if (read.ok) {
      return success(oneDriveFrom(read.value.mySite));
    }
    if (isMySiteNotFound(read.status, read)) {
      return success({ provisioned: false });
    }
    return read;
  }

  /**
   * `POST {admin}/_vti_bin/client.svc/ProcessQuery` (GetSitePropertiesFromSharePointByFilters, personal sites only).
   * Failure: 401/403 (not a SharePoint admin, no SharePoint scope, no token for the admin host), status 0 NetworkError
   * (no answer: e.g. a cross-origin refusal), or the CSOM ErrorInfo as a failure with `csom: true` and its correlation id.
   */
  public async getPersonalSitesPage(next?: string, signal?: AbortSignal): Promise<Outcome<Page<PersonalSite>>> {
    return csomPersonalSitesPage(this.admin, this.adminUrl, next, undefined, signal);
  }

  /**
   * Per-user OneDrive state through Graph `$batch` (20 single-user reads a request), for admins who cannot use the
   * tenant admin enumeration. Items throttled or failed transiently inside a batch are retried on their own.
   */
  public async getOneDriveStates(userIds: string[], signal?: AbortSignal): Promise<Outcome<Map<string, Outcome<OneDriveState>>>> {
    const states = new Map<string, Outcome<OneDriveState>>();
    for (let start = 0; start < userIds.length; start += GRAPH_BATCH_LIMIT) {
      const pending = userIds.slice(start, start + GRAPH_BATCH_LIMIT);
      let attemptNo = 0;
      while (pending.length > 0) {
        attemptNo++;
        const sent = await attempt(DIRECTORY_READ, () =>
          graphPost<{ responses: BatchResponseItem[] }>(graphQueryable(this.graph, '$batch'), {
            ...body({
              requests: pending.map((id, index) => ({ id: String(index), method: 'GET', url: `/users/${encodeURIComponent(id)}?$select=id,mySite` })),
            }),
            ...(signal ? { signal } : {}),
          }),
        );
        if (!sent.ok) {
          return sent;
        }
        const retry: string[] = [];
        let retryAfterMs: number | undefined;
        let retryStatus = 0;
        for (const item of sent.value.responses ?? []) {
          const id = pending[Number(item.id)];
          if (id === undefined) {
            continue;
          }
          const error = readServiceError(item.body);
          if (item.status >= 200 && item.status < 300) {
            states.set(id, success(oneDriveFrom((item.body as GraphUser | undefined)?.mySite)));
          } else if (isMySiteNotFound(item.status, error)) {
            states.set(id, success({ provisioned: false }));
          } else if (isRetryableStatus(item.status) && attemptNo < this.retry.maxAttempts && !asksTooLong(this.retry, item)) {
            retry.push(id);
            retryStatus = item.status;
            const asked = itemRetryAfterMs(item);
            if (asked !== undefined) {
              retryAfterMs = Math.max(retryAfterMs ?? 0, asked);
            }
          } else {
            const requestId = item.headers ? item.headers['request-id'] ?? item.headers['Request-Id'] : undefined;
            const asked = itemRetryAfterMs(item);
            const itemFailure: Failure = failure(item.status, error ? error.code : `HTTP${item.status}`, error ? error.message : '', {
              ...(item.status === 403 ? { missingScope: DIRECTORY_READ } : {}),
              // A Retry-After longer than the policy waits is not retried early (a fresh 429): it goes back with the failure.
              ...(asked !== undefined ? { retryAfterSeconds: Math.ceil(asked / 1000) } : {}),
              ...(requestId || (error && error.requestId) ? { correlationId: requestId || (error ? error.requestId : undefined) } : {}),
            });
            states.set(id, itemFailure);
          }
        }
        if (retry.length > 0) {
          const delay = retryDelayMs(this.retry, attemptNo, retryAfterMs);
          tellBatchWait(this.waits, retryStatus, delay, retryAfterMs, attemptNo);
          await wait(delay, signal);
        }
        pending.splice(0, pending.length, ...retry);
      }
    }
    return success(states);
  }
}

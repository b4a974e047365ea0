import { body, JSONHeaderParse } from '@pnp/queryable';
import { spPost, type SPFI } from '@pnp/sp';
import { adminQueryable } from './adminQueryable';
import { attempt } from '../graph/graphCall';
import { correlationIdOf, readServiceError } from '../http/toFailure';
import { failure, success, type Failure, type Outcome } from '../../common/outcome';
import type { EnqueueAttempt, EnqueuePath, EnqueueReceipt, ProvisioningRequester } from '../../provisioning/ports';
import { SHAREPOINT_FULL_CONTROL } from '../../common/scopes';

/** At most 200 addresses a call (Request-SPOPersonalSite docs); Microsoft's own scripts send 199. */
export const MAX_ENQUEUE_ADDRESSES = 199;
const ENQUEUE_PATH = '_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk';

/** One way to reach CreatePersonalSiteEnqueueBulk: a PnPjs root, its base URL, and how it authenticates. */
export interface EnqueueRoute {
  path: EnqueuePath;
  root: SPFI;
  baseUrl: string;
}

/**
 * A refusal says the call was not processed, so the next path may be tried: 401/403, a 200 whose body is an
 * access-denied error, or no answer at all (network or cross-origin refusal). Throttling and 5xx are not refusals:
 * a 500 after a write may hide a write that happened, so they are reported as they are (the chunk is retried later).
 */
function isRefusal(f: Failure): boolean {
  return f.status === 401 || f.status === 403 || (f.status === 0 && f.code === 'NetworkError') || (f.status === 200 && !!f.missingScope);
}

/**
 * CreatePersonalSiteEnqueueBulk through the paths in order (docs/evidence.md §1, README "Provisioning paths"):
 * 1. the hosting site with the SharePoint session (cookies + form digest, no Entra token) — the authentication that
 *    is recorded to work (web login), on a host Microsoft does not document for this call;
 * 2. the tenant admin host with the SPFx (Entra) token — the documented host, with the authentication that is recorded
 *    to be refused (403) or silently ignored (200, nothing queued);
 * 3. none left: the caller offers the PowerShell script (Request-SPOPersonalSite), which is documented to work.
 * A path that refused is skipped for the rest of the session; the path that worked is tried first next time.
 * It only enqueues: creation takes up to 24 hours (days for large batches), so success is "requested", never "created".
 */
export class SharePointProvisioningRequester implements ProvisioningRequester {
  private readonly refused = new Set<EnqueuePath>();
  private last: EnqueueAttempt[] = [];

  public constructor(private readonly routes: ReadonlyArray<EnqueueRoute>) {}

  /** The attempts of the most recent enqueue call, for the connection report. */
  public attempts(): ReadonlyArray<EnqueueAttempt> {
    return this.last;
  }

  /**
   * POSTs `{ emailIDs }` (≤ 199) along the paths. Success: the path that accepted it. Failure: the last path's
   * answer (a 200 whose body carries an error is a failure), or `TooManyAddresses` without any call.
   */
  public async enqueue(emails: string[]): Promise<Outcome<EnqueueReceipt>> {
    const tried: EnqueueAttempt[] = [];
    this.last = tried;
    if (emails.length > MAX_ENQUEUE_ADDRESSES) {
      return failure(0, 'TooManyAddresses', `At most ${MAX_ENQUEUE_ADDRESSES} addresses can be sent in one call; ${emails.length} were given.`);
    }
    if (emails.length === 0) {
      return success({ path: this.routes[0]?.path ?? 'admin-token', attempts: tried });
    }
    let lastFailure: Failure | undefined;
    for (const route of this.routes) {
      if (this.refused.has(route.path)) {
        tried.push({ path: route.path, host: hostOf(route.baseUrl), outcome: 'skipped' });
        continue;
      }
      const answer = await this.send(route, emails);
      if (answer.ok) {
        tried.push({ path: route.path, host: hostOf(route.baseUrl), outcome: 'accepted' });
        return success({ path: route.path, attempts: tried });
      }
      lastFailure = answer;
      if (!isRefusal(answer)) {
        tried.push({ path: route.path, host: hostOf(route.baseUrl), outcome: 'failed', failure: answer });
        return answer;
      }
      this.refused.add(route.path);
      tried.push({ path: route.path, host: hostOf(route.baseUrl), outcome: 'refused', failure: answer });
    }
    return lastFailure ?? failure(0, 'NoProvisioningPath', 'Every in-browser way to request provisioning was refused earlier in this session.');
  }

  private async send(route: EnqueueRoute, emails: string[]): Promise<Outcome<void>> {
    // The headers too: a 200 whose body is an error is the recorded refusal, and its SPRequestGuid is what support needs.
    const answer = await attempt(SHAREPOINT_FULL_CONTROL, () =>
      spPost<{ data: unknown; headers?: Headers }>(adminQueryable(route.root, route.baseUrl, ENQUEUE_PATH).using(JSONHeaderParse()), body({ emailIDs: emails })),
    );
    if (!answer.ok) {
      return answer;
    }
    const error = readServiceError(answer.value.data);
    if (error) {
      const denied = /UnauthorizedAccess|AccessDenied/i.test(error.code) || /access denied|unauthorized/i.test(error.message);
      const correlationId = correlationIdOf(answer.value.headers);
      return failure(200, error.code, error.message, {
        ...(denied ? { missingScope: SHAREPOINT_FULL_CONTROL } : {}),
        ...(correlationId ? { correlationId } : {}),
      });
    }
    return success(undefined);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

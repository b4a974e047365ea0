import { body } from '@pnp/queryable';
import { spPost, type SPFI } from '@pnp/sp';
import { adminQueryable } from './adminQueryable';
import { attempt } from '../graph/graphCall';
import { readServiceError } from '../http/toFailure';
import { failure, success, type Outcome } from '../../common/outcome';
import type { ProvisioningRequester } from '../../provisioning/ports';
import { SHAREPOINT_FULL_CONTROL } from '../scopes';

export const MAX_ENQUEUE_ADDRESSES = 199;
const ENQUEUE_PATH = '_api/SP.UserProfiles.ProfileLoader.GetProfileLoader/CreatePersonalSiteEnqueueBulk';

/**
 * CreatePersonalSiteEnqueueBulk on the tenant admin host. It only enqueues; creation can take up to 24 hours.
 * Known failure: with bearer tokens it may answer HTTP 200 whose body is an access-denied error — that is a failure.
 */
export class SharePointProvisioningRequester implements ProvisioningRequester {
  public constructor(
    private readonly admin: SPFI,
    private readonly adminUrl: string,
  ) {}

  public async enqueue(emails: string[]): Promise<Outcome<void>> {
    if (emails.length === 0) {
      return success(undefined);
    }
    if (emails.length > MAX_ENQUEUE_ADDRESSES) {
      return failure(0, 'TooManyAddresses', `At most ${MAX_ENQUEUE_ADDRESSES} addresses can be sent in one call; ${emails.length} were given.`);
    }
    const answer = await attempt(SHAREPOINT_FULL_CONTROL, () => spPost<unknown>(adminQueryable(this.admin, this.adminUrl, ENQUEUE_PATH), body({ emailIDs: emails })));
    if (!answer.ok) {
      return answer;
    }
    const error = readServiceError(answer.value);
    if (error) {
      const denied = /UnauthorizedAccess|AccessDenied/i.test(error.code) || /access denied/i.test(error.message);
      return failure(200, error.code, error.message, denied ? { missingScope: SHAREPOINT_FULL_CONTROL } : {});
    }
    return success(undefined);
  }
}

/**
 * One page of `GET /users` as the OneDrive scan reads it — the whole directory (the single chain) or the users whose UPN
 * starts with a prefix (the partitioned scan). One implementation for both: the same `$select`, `$top=999`, `$count=true`
 * with ConsistencyLevel: eventual on the first page, next links followed only to Graph's own origin, the same mapping.
 */
import type { GraphFI } from '@pnp/graph';
import { ConsistencyLevel, graphGet, type IPagedResult } from '@pnp/graph';
import { errorCheck, parseODataJSON, type Queryable } from '@pnp/queryable';
import { failure, type Outcome } from '../../common/outcome';
import { DIRECTORY_READ } from '../../common/scopes';
import type { DirectoryUser, Page, RequestSlot } from '../../provisioning/ports';
import type { GraphUser } from './dto';
import { attempt } from './graphCall';
import { toDirectoryUser } from './mapping';
import type { LicenseField, UserLicenses } from './userLicenses';
import { bodyJson } from '../http/leanParse';
import { InFlight } from '../http/inFlight';
import { graphCollection, isSameOrigin, malformed, originOf } from './root';

/** Graph's largest users page. */
export const USER_PAGE_SIZE = 999;
/** What the scan needs of a user (and the migration list's lookups), besides its licensing. */
const USER_BASE_FIELDS = ['id', 'userPrincipalName', 'mail', 'displayName', 'department', 'accountEnabled', 'userType', 'preferredDataLocation'];

/** The `$select` of a users read: the base fields and the licensing field the reading chose. */
export function userFields(field: LicenseField): string[] {
  return USER_BASE_FIELDS.concat(field);
}

/**
 * PnPjs's `Paged` parse without its whitespace-stripped copy of the body (`txt.replace(/\s/ig, "")`, a second string as
 * large as the page — 1 MB and more per users page — made only to test for an empty body): the same result shape, with
 * `count` -1 when the answer carries no `@odata.count`.
 */
function PageParse(instance: Queryable): Queryable {
  instance.on.parse.replace(errorCheck);
  instance.on.parse(async (url: URL, response: Response, result: unknown): Promise<[URL, Response, unknown]> => {
    const json = (await bodyJson(response)) as Record<string, unknown>;
    const nextLink = typeof json['@odata.nextLink'] === 'string' ? json['@odata.nextLink'] : '';
    const counted = json['@odata.count'];
    const page: IPagedResult<unknown> = {
      count: counted !== undefined ? parseInt(String(counted), 10) : -1,
      hasNext: nextLink !== '',
      nextLink,
      deltaLink: '',
      value: parseODataJSON(json) as unknown[],
    };
    result = page;
    return [url, response, result];
  });
  return instance;
}

/**
 * One page of users: the first with `$filter` when given, `$select`, `$top=999` and `$count=true`, so the total (of the
 * tenant or of the partition) is known from it (`totalEstimate`); the next ones by `@odata.nextLink` (ConsistencyLevel
 * on every page: the next link of a counted query carries `$count=true` too). A next link to another origin is refused
 * (never sent with the token); a body that is not a page is `MalformedAnswer`. With a `slot`, each users request takes
 * its place in it (RequestSlot). Never throws.
 */
export function readUsersPage(
  graph: GraphFI,
  graphBaseUrl: string,
  licenses: UserLicenses,
  filter: string | undefined,
  next?: string,
  signal?: AbortSignal,
  slot?: RequestSlot,
): Promise<Outcome<Page<DirectoryUser>>> {
  if (next !== undefined && !isSameOrigin(graphBaseUrl, next)) {
    return Promise.resolve(failure(0, 'ForeignNextLink', `The directory pointed the next page to another host (${originOf(next)}); it was not followed.`));
  }
  const get = (field: LicenseField): Promise<IPagedResult<GraphUser>> => {
    const collection = (next ? graphCollection<GraphUser>(graph, next) : graphCollection<GraphUser>(graph, 'users').select(...userFields(field)).top(USER_PAGE_SIZE)).using(
      ConsistencyLevel(),
    );
    if (next === undefined) {
      if (filter !== undefined) {
        collection.query.set('$filter', filter);
      }
      collection.query.set('$count', 'true');
    }
    return graphGet(collection.using(PageParse, InFlight(slot)), signal ? { signal } : undefined) as unknown as Promise<IPagedResult<GraphUser>>;
  };
  return attempt(DIRECTORY_READ, async () => {
    // A first page does not wait for subscribedSkus: it asks for the licences (the usual answer) while the table is
    // read, and is asked again with the plans in the rare case the table says so. A next link carries its own $select.
    const deciding = licenses.reading();
    const asked = licenses.settledField() ?? 'assignedLicenses';
    const both = await Promise.all([get(asked), deciding]);
    const reading = both[1];
    let page = both[0];
    if (next === undefined && reading.field !== asked) {
      page = await get(reading.field);
    }
    if (!Array.isArray(page.value)) {
      throw malformed('users');
    }
    const planIds = await licenses.planIdsOf(page.value, reading);
    return {
      items: page.value.map((dto, i) => toDirectoryUser(dto, planIds[i] ?? [])),
      ...(page.hasNext && page.nextLink ? { next: page.nextLink } : {}),
      ...(next === undefined && page.count >= 0 ? { totalEstimate: page.count } : {}),
    };
  });
}

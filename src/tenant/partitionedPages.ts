/**
 * The partitioned reads of the tenant scan: users whose UPN starts with a prefix (Graph `startsWith`), personal sites
 * whose URL segment starts with a prefix (CSOM `Filter` `Url -like '-my.sharepoint.com/personal/<prefix>'`). The
 * evidence for both forms is in bench/README.md ("Partitioned scan: evidence"). Every method answers an Outcome and
 * never throws; paging, next-link checks and error shapes are those of the single-chain reads.
 */
import type { GraphFI } from '@pnp/graph';
import { ConsistencyLevel, graphGet, type IPagedResult } from '@pnp/graph';
import { errorCheck, parseODataJSON, type Queryable } from '@pnp/queryable';
import type { SPFI } from '@pnp/sp';
import { failure, type Outcome } from '../common/outcome';
import { DIRECTORY_READ } from '../common/scopes';
import type { DirectoryUser, Page, PersonalSite, SitePartitionPages, UserPartitionPages } from '../provisioning/ports';
import type { GraphUser } from './graph/dto';
import { attempt, odataString } from './graph/graphCall';
import { toDirectoryUser } from './graph/mapping';
import { graphCollection, isSameOrigin, malformed, originOf } from './graph/root';
import { USER_PAGE_SIZE } from './graph/directoryReader';
import { csomPersonalSitesPage } from './sharepoint/personalSiteReader';

const USER_FIELDS = ['id', 'userPrincipalName', 'mail', 'displayName', 'department', 'accountEnabled', 'userType', 'assignedPlans', 'preferredDataLocation'];

/** `startsWith(userPrincipalName,'<prefix>')`, the prefix quoted as an OData string literal (a `'` doubled). */
export function upnPrefixFilter(prefix: string): string {
  return `startsWith(userPrincipalName,${odataString(prefix)})`;
}

/** The characters a personal-site prefix may hold: those of a sanitised URL segment. No quoting rule of the Filter
 *  syntax is documented, so nothing that would need one is ever sent. */
const SITE_PREFIX = /^[a-z0-9_]+$/;

/** `Url -like '-my.sharepoint.com/personal/<prefix>'` (a substring match, as Microsoft's own OneDrive example). */
export function personalUrlFilter(prefix: string): string {
  return `Url -like '-my.sharepoint.com/personal/${prefix}'`;
}

/**
 * PnPjs's `Paged` parse without its whitespace-stripped copy of the body (`txt.replace(/\s/ig, "")`, a second string as
 * large as the page — 1 MB and more per users page — made only to test for an empty body): the same result shape.
 */
function PageParse(withCount: boolean): (instance: Queryable) => Queryable {
  return (instance: Queryable): Queryable => {
    instance.on.parse.replace(errorCheck);
    instance.on.parse(async (url: URL, response: Response, result: unknown): Promise<[URL, Response, unknown]> => {
      const text = await response.text();
      const json = (/\S/.test(text) ? JSON.parse(text) : {}) as Record<string, unknown>;
      const nextLink = typeof json['@odata.nextLink'] === 'string' ? json['@odata.nextLink'] : '';
      const counted = json['@odata.count'];
      const page: IPagedResult<unknown> = {
        count: withCount && counted !== undefined ? parseInt(String(counted), 10) : 0,
        hasNext: nextLink !== '',
        nextLink,
        deltaLink: '',
        value: parseODataJSON(json) as unknown[],
      };
      result = page;
      return [url, response, result];
    });
    return instance;
  };
}

/** Users by UPN prefix over Microsoft Graph. */
export class GraphUserPartitions implements UserPartitionPages {
  public constructor(
    private readonly graph: GraphFI,
    private readonly graphBaseUrl: string,
  ) {}

  /**
   * The first page with `$filter=startsWith(userPrincipalName,'…')`, `$select`, `$top=999` and `$count=true`
   * (ConsistencyLevel: eventual, as the single chain), so the partition's size is known from its first page; the next
   * ones by `@odata.nextLink`, never to another origin.
   */
  public async getUsersPageWithPrefix(prefix: string, next?: string, signal?: AbortSignal): Promise<Outcome<Page<DirectoryUser>>> {
    if (next !== undefined && !isSameOrigin(this.graphBaseUrl, next)) {
      return failure(0, 'ForeignNextLink', `The directory pointed the next page to another host (${originOf(next)}); it was not followed.`);
    }
    if (prefix === '') {
      return failure(0, 'InvalidPartition', 'A users partition needs a prefix.');
    }
    return attempt(DIRECTORY_READ, async () => {
      const collection = (next
        ? graphCollection<GraphUser>(this.graph, next)
        : graphCollection<GraphUser>(this.graph, 'users').select(...USER_FIELDS).top(USER_PAGE_SIZE)
      ).using(ConsistencyLevel());
      if (next === undefined) {
        collection.query.set('$filter', upnPrefixFilter(prefix));
        collection.query.set('$count', 'true');
      }
      const page = (await graphGet(collection.using(PageParse(next === undefined)), signal ? { signal } : undefined)) as unknown as IPagedResult<GraphUser>;
      if (!Array.isArray(page.value)) {
        throw malformed('users');
      }
      return {
        items: page.value.map(toDirectoryUser),
        ...(page.hasNext && page.nextLink ? { next: page.nextLink } : {}),
        ...(next === undefined && typeof page.count === 'number' && page.count >= 0 ? { totalEstimate: page.count } : {}),
      };
    });
  }
}

/** Personal sites by URL-segment prefix through CSOM on the tenant admin host. */
export class CsomSitePartitions implements SitePartitionPages {
  public constructor(
    private readonly admin: SPFI,
    private readonly adminUrl: string,
  ) {}

  /** As the single chain's `getPersonalSitesPage`, with `Filter` = `Url -like '-my.sharepoint.com/personal/<prefix>'`. */
  public async getPersonalSitesPageWithPrefix(prefix: string, next?: string, signal?: AbortSignal): Promise<Outcome<Page<PersonalSite>>> {
    if (!SITE_PREFIX.test(prefix)) {
      return failure(0, 'InvalidPartition', `A personal-site partition is a prefix of [a-z0-9_], not "${prefix}".`);
    }
    return csomPersonalSitesPage(this.admin, this.adminUrl, next, personalUrlFilter(prefix), signal);
  }
}

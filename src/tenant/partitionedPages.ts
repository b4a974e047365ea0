/**
 * The partitioned reads of the tenant scan: users whose UPN starts with a prefix (Graph `startsWith`), personal sites
 * whose URL segment starts with a prefix (CSOM `Filter` `Url -like '-my.sharepoint.com/personal/<prefix>'`). The
 * evidence for both forms is in bench/README.md ("Partitioned scan: evidence"). Every method answers an Outcome and
 * never throws; paging, next-link checks and error shapes are those of the single-chain reads.
 */
import type { GraphFI } from '@pnp/graph';
import type { SPFI } from '@pnp/sp';
import { failure, type Outcome } from '../common/outcome';
import type { DirectoryUser, Page, PersonalSite, RequestSlot, SitePartitionPages, UserPartitionPages } from '../provisioning/ports';
import { odataString } from './graph/graphCall';
import { readUsersPage } from './graph/usersPage';
import { UserLicenses } from './graph/userLicenses';
import { csomPersonalSitesPage } from './sharepoint/personalSiteReader';

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

/** Users by UPN prefix over Microsoft Graph. */
export class GraphUserPartitions implements UserPartitionPages {
  public constructor(
    private readonly graph: GraphFI,
    private readonly graphBaseUrl: string,
    /** The directory reader's (`GraphDirectoryReader.licenses`), so every users read selects the same licensing field. */
    private readonly licenses: UserLicenses = new UserLicenses(graph),
  ) {}

  /**
   * The first page with `$filter=startsWith(userPrincipalName,'…')`, `$select`, `$top=999` and `$count=true`
   * (ConsistencyLevel: eventual, as the single chain), so the partition's size is known from its first page; the next
   * ones by `@odata.nextLink`, never to another origin.
   */
  public async getUsersPageWithPrefix(prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot): Promise<Outcome<Page<DirectoryUser>>> {
    if (prefix === '') {
      return failure(0, 'InvalidPartition', 'A users partition needs a prefix.');
    }
    return readUsersPage(this.graph, this.graphBaseUrl, this.licenses, upnPrefixFilter(prefix), next, signal, slot);
  }
}

/** Personal sites by URL-segment prefix through CSOM on the tenant admin host. */
export class CsomSitePartitions implements SitePartitionPages {
  public constructor(
    private readonly admin: SPFI,
    private readonly adminUrl: string,
  ) {}

  /** As the single chain's `getPersonalSitesPage`, with `Filter` = `Url -like '-my.sharepoint.com/personal/<prefix>'`. */
  public async getPersonalSitesPageWithPrefix(prefix: string, next?: string, signal?: AbortSignal, slot?: RequestSlot): Promise<Outcome<Page<PersonalSite>>> {
    if (!SITE_PREFIX.test(prefix)) {
      return failure(0, 'InvalidPartition', `A personal-site partition is a prefix of [a-z0-9_], not "${prefix}".`);
    }
    return csomPersonalSitesPage(this.admin, this.adminUrl, next, personalUrlFilter(prefix), signal, slot);
  }
}

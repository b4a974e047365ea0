/**
 * Live tenant state of one simulator: indexes over the fixture, personal sites (fixture + provisioned), pending
 * provisioning requests and the in-memory SharePoint lists. Provisioning is lazy: pending sites are materialised at the
 * start of each request once their time has come (no timers, nothing left running after close()).
 */
import { randomBytes } from 'node:crypto';
import type { CsomCursor } from './csom';
import { hasOneDrivePlan, ROLE_TEMPLATE } from './plans';
import type { GraphDirectoryRole, GraphUser, TenantFixture } from './types';

export interface PersonalSiteRecord {
  /** Owner login as SharePoint reports it. */
  owner: string;
  url: string;
  title: string;
  /** Set for sites the simulator created after an enqueue (epoch ms). */
  provisionedAt?: number;
}

export interface PendingSite {
  userId: string;
  userPrincipalName: string;
  /** The address as it was sent. */
  email: string;
  requestedAt: number;
  readyAt: number;
}

export interface EnqueueResult {
  enqueued: string[];
  /** Already has a site or is already pending. */
  skipped: string[];
  /** Unknown address, or the user is unlicensed or disabled. */
  ignored: string[];
}

export interface SimField {
  Id: string;
  Title: string;
  InternalName: string;
  FieldTypeKind: number;
  properties: Record<string, unknown>;
}

export interface SimList {
  Id: string;
  Title: string;
  BaseTemplate: number;
  Description: string;
  Created: string;
  fields: SimField[];
  items: Array<Record<string, unknown>>;
  nextItemId: number;
}

/** Site keys: the server-relative site path, lower case (e.g. "/sp/sites/migration"). */
export const SITE = {
  root: '/sp',
  hosting: '/sp/sites/migration',
  admin: '/sp-admin',
} as const;

let guidCounter = 0;
/** Deterministic-enough unique GUID-shaped ids for simulator-created objects. */
export function simGuid(): string {
  guidCounter += 1;
  const n = guidCounter.toString(16).padStart(12, '0');
  return `5e1a0000-0000-4000-8000-${n}`;
}

export class SimulatorState {
  readonly fixture: TenantFixture;
  readonly users: readonly GraphUser[];
  /** Every personal site, in enumeration order (fixture order, then provisioned ones). */
  readonly personalSites: PersonalSiteRecord[] = [];
  /** Pending provisioning, keyed by lower-case UPN. */
  readonly pending = new Map<string, PendingSite>();
  /** Cache of filtered user index lists for /users queries (key: canonical filter). */
  readonly userQueryCache = new Map<string, Uint32Array>();
  /** CSOM paging tokens issued (NextStartIndexFromSharePoint) → where they continue. */
  readonly csomCursors = new Map<string, CsomCursor>();
  /** `<query>|<offset>` → the last CSOM token issued for that page (paging fault `cycle` links back with it). */
  readonly csomLastTokens = new Map<string, string>();
  /** Form digests issued by /_api/contextinfo → expiry (epoch ms). */
  readonly formDigests = new Map<string, number>();

  private readonly byId = new Map<string, GraphUser>();
  private readonly byUpn = new Map<string, GraphUser>();
  private readonly byMail = new Map<string, GraphUser>();
  private readonly sitesByOwner = new Map<string, PersonalSiteRecord>();
  /** Personal sites on the default geo's my host (what the default geo's admin center enumerates). */
  private readonly defaultGeoSites: PersonalSiteRecord[] = [];
  private readonly defaultGeoPrefix: string;
  private readonly lists = new Map<string, Map<string, SimList>>();
  private readonly roleMembers = new Map<string, Set<string>>();

  constructor(fixture: TenantFixture) {
    this.fixture = fixture;
    this.users = fixture.users;
    this.defaultGeoPrefix = `https://${fixture.tenant.sharePointHost}-my.sharepoint.com/`;
    for (const u of fixture.users) {
      this.byId.set(u.id, u);
      this.byUpn.set(u.userPrincipalName.toLowerCase(), u);
      if (typeof u.mail === 'string' && u.mail !== '') this.byMail.set(u.mail.toLowerCase(), u);
    }
    for (const s of fixture.sharePoint.personalSites) {
      const owner = s.owner.toLowerCase();
      const user = this.byUpn.get(owner);
      this.addSite({ owner: s.owner, url: s.url, title: s.title ?? user?.displayName ?? s.owner });
    }
    for (const [roleId, members] of Object.entries(fixture.directoryRoleMembers)) {
      this.roleMembers.set(roleId, new Set(members));
    }
    const hosting = this.listsOf(SITE.hosting);
    for (const l of fixture.sharePoint.lists ?? []) {
      const list = this.newList(l.title, l.baseTemplate ?? 100, '');
      for (const f of l.fields ?? []) list.fields.push(this.newField(f, 2, {}));
      for (const item of l.items ?? []) this.addItem(list, item);
      hosting.set(l.title.toLowerCase(), list);
    }
  }

  get signedInUser(): GraphUser {
    const u = this.byId.get(this.fixture.signedInUserId);
    if (!u) throw new Error(`fixture signedInUserId: no user with id '${this.fixture.signedInUserId}'`);
    return u;
  }

  /** By object id or by userPrincipalName (case-insensitive), as Graph resolves /users/{id|upn}. */
  findUser(idOrUpn: string): GraphUser | undefined {
    return this.byId.get(idOrUpn) ?? this.byUpn.get(idOrUpn.toLowerCase());
  }

  /** By UPN or mail (case-insensitive), as the enqueue API resolves addresses. */
  findUserByAddress(address: string): GraphUser | undefined {
    const a = address.trim().toLowerCase();
    return this.byUpn.get(a) ?? this.byMail.get(a);
  }

  personalSiteOf(user: GraphUser): PersonalSiteRecord | undefined {
    return this.sitesByOwner.get(user.userPrincipalName.toLowerCase());
  }

  rolesOf(userId: string): GraphDirectoryRole[] {
    return this.fixture.directoryRoles.filter((r) => this.roleMembers.get(r.id)?.has(userId) === true);
  }

  /** Global Administrator or SharePoint Administrator (by role template id). */
  isSharePointAdmin(userId: string): boolean {
    return this.rolesOf(userId).some(
      (r) => r.roleTemplateId === ROLE_TEMPLATE.globalAdministrator || r.roleTemplateId === ROLE_TEMPLATE.sharePointAdministrator,
    );
  }

  /**
   * A personal site's URL: on the default geo's my host, or — in a Multi-Geo tenant (`tenant.defaultDataLocation`
   * set), for another geo — on that satellite geo's my host, `https://<host><geo>-my.sharepoint.com`.
   */
  personalSiteUrlFor(userPrincipalName: string, geo?: string): string {
    const slug = userPrincipalName.toLowerCase().replace(/[^a-z0-9]/g, '_');
    const host = this.fixture.tenant.sharePointHost;
    const defaultGeo = this.fixture.tenant.defaultDataLocation;
    const satellite = defaultGeo !== undefined && geo !== undefined && geo !== '' && geo.toUpperCase() !== defaultGeo.toUpperCase();
    return `https://${host}${satellite ? (geo ?? '').toLowerCase() : ''}-my.sharepoint.com/personal/${slug}`;
  }

  /** Personal sites the default geo's tenant admin center lists (all of them unless the tenant is Multi-Geo). */
  personalSitesInDefaultGeo(): readonly PersonalSiteRecord[] {
    return this.defaultGeoSites;
  }

  /** A new form digest (as /_api/contextinfo issues), valid for `timeoutSeconds`. */
  issueFormDigest(now: number, timeoutSeconds: number): string {
    const digest = `0x${randomBytes(64).toString('hex').toUpperCase()},${new Date(now).toUTCString()}`;
    if (this.formDigests.size > 10000) this.formDigests.clear();
    this.formDigests.set(digest, now + timeoutSeconds * 1000);
    return digest;
  }

  isValidFormDigest(digest: string | undefined, now: number): boolean {
    if (digest === undefined) return false;
    const expires = this.formDigests.get(digest.trim());
    return expires !== undefined && expires > now;
  }

  /** Creates the sites whose provisioning time has come. */
  materialize(now: number): void {
    if (this.pending.size === 0) return;
    for (const [key, p] of this.pending) {
      if (p.readyAt > now) continue;
      this.pending.delete(key);
      const user = this.byId.get(p.userId);
      if (!user || this.personalSiteOf(user)) continue;
      this.addSite({
        owner: user.userPrincipalName.toLowerCase(),
        // Enqueued through this (default geo's) tenant: Request-SPOPersonalSite / the enqueue API are "NOT OneDrive
        // Multi-Geo aware" (must be run in the user's geo), so the site is created in the default geo.
        url: this.personalSiteUrlFor(user.userPrincipalName),
        title: user.displayName,
        provisionedAt: now,
      });
    }
  }

  /** CreatePersonalSiteEnqueueBulk semantics for enqueueBehaviour "ok". */
  enqueue(emails: readonly string[], now: number): EnqueueResult {
    const delay = this.fixture.sharePoint.provisioningDelayMs ?? 5000;
    const result: EnqueueResult = { enqueued: [], skipped: [], ignored: [] };
    for (const email of emails) {
      const user = this.findUserByAddress(email);
      if (!user || !user.accountEnabled || !hasOneDrivePlan(user.assignedPlans)) {
        result.ignored.push(email);
        continue;
      }
      const key = user.userPrincipalName.toLowerCase();
      if (this.personalSiteOf(user) || this.pending.has(key)) {
        result.skipped.push(email);
        continue;
      }
      this.pending.set(key, { userId: user.id, userPrincipalName: user.userPrincipalName, email, requestedAt: now, readyAt: now + delay });
      result.enqueued.push(email);
    }
    return result;
  }

  /** Lists of a site (created on first use). */
  listsOf(siteKey: string): Map<string, SimList> {
    let m = this.lists.get(siteKey);
    if (!m) {
      m = new Map();
      this.lists.set(siteKey, m);
    }
    return m;
  }

  newList(title: string, baseTemplate: number, description: string): SimList {
    return { Id: simGuid(), Title: title, BaseTemplate: baseTemplate, Description: description, Created: new Date().toISOString(), fields: [], items: [], nextItemId: 1 };
  }

  newField(title: string, fieldTypeKind: number, properties: Record<string, unknown>): SimField {
    const internal = title.replace(/[^A-Za-z0-9_]/g, '_');
    return { Id: simGuid(), Title: title, InternalName: internal, FieldTypeKind: fieldTypeKind, properties };
  }

  addItem(list: SimList, props: Record<string, unknown>): Record<string, unknown> {
    const id = list.nextItemId++;
    const now = new Date().toISOString();
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
      if (k === '__metadata' || k === 'Id' || k === 'ID') continue;
      clean[k] = v;
    }
    const item: Record<string, unknown> = { ...clean, Id: id, ID: id, Created: now, Modified: now, AuthorId: 7, EditorId: 7, GUID: simGuid() };
    list.items.push(item);
    return item;
  }

  private addSite(site: PersonalSiteRecord): void {
    const key = site.owner.toLowerCase();
    if (this.sitesByOwner.has(key)) return;
    this.sitesByOwner.set(key, site);
    this.personalSites.push(site);
    if (site.url.toLowerCase().startsWith(this.defaultGeoPrefix)) this.defaultGeoSites.push(site);
  }
}

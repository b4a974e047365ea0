/**
 * Generic in-memory lists on every known site: create and read lists, their fields and items (with $filter, $orderby,
 * $top, $select), update and delete items — the product's provisioning log is such a list on the hosting site.
 *
 * Items carry an ETag (their version, `"1"` when created, one more at every update), in the body (`odata.etag` in
 * minimal metadata, none in nometadata; verbose bodies do not carry it here) and, for a single item, the `ETag` header. An update or delete whose
 * `If-Match` is neither `*` nor the item's ETag is refused with 412 and changes nothing: "If the ETag you specify in
 * your request does not match the ETag of the document or list item on the server, the REST service returns a 412
 * exception, per the OData specification. To force an overwrite … set the ETag value to "*". If you do not specify an
 * ETag, SharePoint overwrites the item regardless of version." (SharePoint/sp-dev-docs,
 * docs/sp-add-ins/working-with-lists-and-list-items-with-rest.md, "Using ETag values to determine document and list
 * item versioning"). The 412 body's message follows a third-party recording of SharePoint Online (blog.timwheeler.io,
 * "SharePoint 412 Precondition Failed when updating metadata using REST": "The request ETag value '…' does not match the
 * object's ETag value '…'.", code `-1, Microsoft.SharePoint.Client.ClientServiceException`). The ETag's value (`"1"`,
 * one more per update) is our model, not a recorded one.
 */
import type { SimContext } from './context';
import { jsonResponse, spAccessDenied, spError, type SimRequest, type SimResponse } from './http';
import { matchesFilter, ODataError, parseFilter, parseSelect, project } from './odata';
import { absoluteSiteUrl, collectionBody, entityBody, isResponse, isVerbose, notSimulated, readBody } from './sharePointBodies';
import type { SharePointTarget } from './sharePointPaths';
import { SITE, type SimList } from './state';

/** Each item's version (SharePoint's hidden `owshiddenversion`), kept beside the item so it is never sent as a field. */
const versions = new WeakMap<Record<string, unknown>, number>();

function etagOf(item: Record<string, unknown>): string {
  return `"${String(versions.get(item) ?? 1)}"`;
}

/** The item as sent: its selected properties plus its ETag where the metadata level carries one. */
function itemBody(req: SimRequest, item: Record<string, unknown>, select: ReturnType<typeof parseSelect>): Record<string, unknown> {
  const projected = project(item, select);
  // odata=nometadata leaves annotations out; minimal metadata (what a bare application/json gets) carries the ETag.
  return isVerbose(req) || /odata=nometadata/i.test(req.headers.accept ?? '') ? projected : { 'odata.etag': etagOf(item), ...projected };
}

/** 412 when If-Match names another version than the item's (no header or `*`: any version). */
function preconditionFailed(req: SimRequest, item: Record<string, unknown>): SimResponse | undefined {
  const ifMatch = req.headers['if-match'];
  if (ifMatch === undefined || ifMatch.trim() === '*' || ifMatch.trim() === etagOf(item)) return undefined;
  return spError(412, '-1, Microsoft.SharePoint.Client.ClientServiceException', `The request ETag value '${ifMatch}' does not match the object's ETag value '${etagOf(item)}'.`);
}

/**
 * web/lists (GET, with the `Title eq '…'` probe; POST creates) and web/lists/getbytitle('…')[/…] on any known site.
 * undefined when `rest` is neither (the caller answers 501).
 */
export function listsRoute(ctx: SimContext, req: SimRequest, target: SharePointTarget, rest: string, method: string): SimResponse | undefined {
  const lower = rest.toLowerCase();
  const state = ctx.state;
  if (lower === 'web/lists') {
    if (method === 'GET') {
      // $filter=Title eq '…' (the one filter SharePoint clients use to probe for a list without a 404).
      const titleFilter = /^\s*Title\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(req.query.get('$filter') ?? '');
      const wanted = titleFilter && titleFilter[1] !== undefined ? titleFilter[1].replace(/''/g, "'").toLowerCase() : undefined;
      const lists = [...state.listsOf(target.site).values()]
        .filter((l) => wanted === undefined || l.Title.toLowerCase() === wanted)
        .map((l) => listEntity(req, target, l));
      return jsonResponse(200, collectionBody(req, 'SP.List', lists.map((l) => project(l, parseSelect(req.query)))));
    }
    if (method === 'POST') return createList(ctx, req, target);
  }
  const byTitle = /^web\/lists\/getbytitle\('((?:[^']|'')*)'\)(?:\/(.*))?$/i.exec(rest);
  if (byTitle) {
    const title = (byTitle[1] ?? '').replace(/''/g, "'");
    const sub = (byTitle[2] ?? '').toLowerCase();
    const list = state.listsOf(target.site).get(title.toLowerCase());
    if (!list) {
      return spError(
        404,
        '-1, System.ArgumentException',
        `List '${title}' does not exist at site with URL '${absoluteSiteUrl(req, target.site)}'.`,
      );
    }
    return listRoute(ctx, req, target, list, sub, method);
  }
  return undefined;
}

function createList(ctx: SimContext, req: SimRequest, target: SharePointTarget): SimResponse {
  if (target.site === SITE.hosting && ctx.state.fixture.sharePoint.canCreateLists === false) return spAccessDenied(403);
  const body = readBody(req);
  if (isResponse(body)) return body;
  const title = typeof body.Title === 'string' ? body.Title.trim() : '';
  if (title === '') return spError(400, '-2147024809, System.ArgumentException', 'The list title must not be empty.');
  const lists = ctx.state.listsOf(target.site);
  if (lists.has(title.toLowerCase())) {
    return spError(
      500,
      '-2130575342, Microsoft.SharePoint.SPException',
      'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
    );
  }
  const list = ctx.state.newList(title, typeof body.BaseTemplate === 'number' ? body.BaseTemplate : 100, typeof body.Description === 'string' ? body.Description : '');
  lists.set(title.toLowerCase(), list);
  return jsonResponse(201, entityBody(req, 'SP.List', listEntity(req, target, list)));
}

function listEntity(req: SimRequest, target: SharePointTarget, l: SimList): Record<string, unknown> {
  const entityName = `${l.Title.replace(/[^A-Za-z0-9]/g, '')}List`;
  return {
    Id: l.Id,
    Title: l.Title,
    BaseTemplate: l.BaseTemplate,
    Description: l.Description,
    Created: l.Created,
    ItemCount: l.items.length,
    EntityTypeName: entityName,
    ListItemEntityTypeFullName: `SP.Data.${entityName}Item`,
    ParentWebUrl: target.site,
    DefaultViewUrl: `${absoluteSiteUrl(req, target.site)}/Lists/${encodeURIComponent(l.Title)}/AllItems.aspx`,
  };
}

function fieldEntity(f: SimList['fields'][number]): Record<string, unknown> {
  return { ...f.properties, Id: f.Id, Title: f.Title, InternalName: f.InternalName, StaticName: f.InternalName, FieldTypeKind: f.FieldTypeKind };
}

function listRoute(ctx: SimContext, req: SimRequest, target: SharePointTarget, list: SimList, sub: string, method: string): SimResponse {
  const select = parseSelect(req.query);
  if (sub === '') {
    if (method === 'GET') return jsonResponse(200, entityBody(req, 'SP.List', project(listEntity(req, target, list), select)));
    if (method === 'MERGE' || method === 'PATCH') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      if (typeof body.Description === 'string') list.Description = body.Description;
      return { status: 204, headers: {} };
    }
  }
  if (sub === 'fields') {
    if (method === 'GET') {
      const filter = req.query.get('$filter');
      const clauses = filter ? parseFilter(filter) : [];
      const fields = list.fields.map(fieldEntity).filter((f) => matchesFilter(f, clauses));
      return jsonResponse(200, collectionBody(req, 'SP.Field', fields.map((f) => project(f, select))));
    }
    if (method === 'POST') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      const title = typeof body.Title === 'string' ? body.Title.trim() : '';
      if (title === '') return spError(400, '-2147024809, System.ArgumentException', 'The field title must not be empty.');
      if (list.fields.some((f) => f.Title.toLowerCase() === title.toLowerCase())) {
        return spError(500, '-2130575245, Microsoft.SharePoint.SPException', `A duplicate field name "${title}" was found.`);
      }
      const { Title: _t, FieldTypeKind: kind, ...props } = body;
      void _t;
      const field = ctx.state.newField(title, typeof kind === 'number' ? kind : 2, props);
      list.fields.push(field);
      return jsonResponse(201, entityBody(req, 'SP.Field', fieldEntity(field)));
    }
  }
  if (sub === 'items') {
    if (method === 'GET') return listItems(req, list);
    if (method === 'POST') {
      const body = readBody(req);
      if (isResponse(body)) return body;
      const item = ctx.state.addItem(list, body);
      return withEtag(jsonResponse(201, entityBody(req, `SP.Data.${list.Title.replace(/[^A-Za-z0-9]/g, '')}ListItem`, itemBody(req, item, undefined))), item);
    }
  }
  const itemById = /^items(?:\((\d+)\)|\/getbyid\((\d+)\))$/.exec(sub);
  if (itemById) {
    const id = Number(itemById[1] ?? itemById[2]);
    const index = list.items.findIndex((i) => i.Id === id);
    const item = list.items[index];
    if (index < 0 || !item) return spError(404, '-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.');
    if (method === 'GET') return withEtag(jsonResponse(200, entityBody(req, 'SP.ListItem', itemBody(req, item, select))), item);
    if (method === 'MERGE' || method === 'PATCH') {
      const refused = preconditionFailed(req, item);
      if (refused) return refused;
      const body = readBody(req);
      if (isResponse(body)) return body;
      for (const [k, v] of Object.entries(body)) if (k !== 'Id' && k !== 'ID') item[k] = v;
      item.Modified = new Date().toISOString();
      versions.set(item, (versions.get(item) ?? 1) + 1);
      return withEtag({ status: 204, headers: {} }, item);
    }
    if (method === 'DELETE') {
      const refused = preconditionFailed(req, item);
      if (refused) return refused;
      list.items.splice(index, 1);
      return { status: 200, headers: {} };
    }
  }
  return notSimulated(req, target);
}

function withEtag(response: SimResponse, item: Record<string, unknown>): SimResponse {
  return { ...response, headers: { ...response.headers, ETag: etagOf(item) } };
}

function listItems(req: SimRequest, list: SimList): SimResponse {
  const query = req.query;
  let items = list.items;
  const filter = query.get('$filter');
  if (filter) {
    const clauses = parseFilter(filter);
    items = items.filter((i) => matchesFilter(i, clauses));
  }
  const orderBy = query.get('$orderby');
  if (orderBy) {
    const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(orderBy);
    if (!m) throw new ODataError(`Unsupported $orderby '${orderBy}'.`);
    const prop = (m[1] ?? 'Id').toLowerCase() === 'id' ? 'Id' : m[1] ?? 'Id';
    const dir = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
    items = [...items].sort((a, b) => {
      const x = a[prop];
      const y = b[prop];
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
      return String(x ?? '').localeCompare(String(y ?? '')) * dir;
    });
  }
  const topRaw = query.get('$top');
  const top = topRaw === null ? 100 : Number(topRaw);
  if (!Number.isInteger(top) || top < 0 || top > 5000) throw new ODataError(`Invalid $top '${topRaw ?? ''}'.`);
  const select = parseSelect(query);
  const page = items.slice(0, top).map((i) => itemBody(req, i, select));
  return jsonResponse(200, collectionBody(req, `SP.Data.${list.Title.replace(/[^A-Za-z0-9]/g, '')}ListItem`, page));
}

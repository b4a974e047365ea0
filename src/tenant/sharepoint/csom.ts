/* eslint-disable @rushstack/no-new-null -- CSOM's JSON uses null (ErrorInfo, NextStartIndexFromSharePoint). */
/**
 * The tenant admin personal-site enumeration through CSOM ProcessQuery (the same request CLI for Microsoft 365's
 * `spo site list --withOneDriveSites` makes): REST does not expose NextStartIndexFromSharePoint, CSOM does.
 */
const TENANT_TYPE_ID = '{268004ae-ef6b-4e9b-8425-127220d84719}';
const FILTER_TYPE_ID = '{b92aeee2-c92c-4b67-abcc-024e471bc140}';
/** PersonalSiteFilter.Include */
const INCLUDE_PERSONAL_SITES = 1;

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The CSOM request XML for one page of personal sites (`SPOSitePropertiesEnumerableFilter` with IncludePersonalSite and
 * template SPSPERS); `startIndex` is the previous page's opaque NextStartIndexFromSharePoint (XML-escaped).
 */
export function personalSitesQuery(startIndex: string | undefined, filter?: string): string {
  // SPOSitePropertiesEnumerableFilter.Filter (documented member; CLI for Microsoft 365 `spo site list` sends it first).
  const filterProperty = filter !== undefined ? `<Property Name="Filter" Type="String">${xmlText(filter)}</Property>` : '';
  const start = startIndex ? `<Property Name="StartIndex" Type="String">${xmlText(startIndex)}</Property>` : '<Property Name="StartIndex" Type="Null" />';
  return (
    '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="Migration Readiness" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
    '<Actions><ObjectPath Id="2" ObjectPathId="1" /><ObjectPath Id="4" ObjectPathId="3" />' +
    '<Query Id="5" ObjectPathId="3"><Query SelectAllProperties="false"><Properties><Property Name="NextStartIndexFromSharePoint" ScalarProperty="true" /></Properties></Query>' +
    '<ChildItemQuery SelectAllProperties="false"><Properties><Property Name="Url" ScalarProperty="true" /><Property Name="Owner" ScalarProperty="true" /></Properties></ChildItemQuery></Query></Actions>' +
    `<ObjectPaths><Constructor Id="1" TypeId="${TENANT_TYPE_ID}" />` +
    '<Method Id="3" ParentId="1" Name="GetSitePropertiesFromSharePointByFilters"><Parameters>' +
    `<Parameter TypeId="${FILTER_TYPE_ID}">` +
    filterProperty +
    '<Property Name="IncludeDetail" Type="Boolean">false</Property>' +
    `<Property Name="IncludePersonalSite" Type="Enum">${INCLUDE_PERSONAL_SITES}</Property>` +
    start +
    '<Property Name="Template" Type="String">SPSPERS</Property>' +
    '</Parameter></Parameters></Method></ObjectPaths></Request>'
  );
}

interface CsomHeader {
  ErrorInfo?: { ErrorMessage?: string; ErrorCode?: number; ErrorTypeName?: string; TraceCorrelationId?: string } | null;
  TraceCorrelationId?: string;
}

interface CsomSiteEnumerable {
  _ObjectType_?: string;
  NextStartIndexFromSharePoint?: string | null;
  _Child_Items_?: { Url?: string; Owner?: string }[];
}

export type CsomSitesResult =
  | { ok: true; sites: { url: string; owner: string }[]; next?: string }
  | { ok: false; typeName: string; code: number; message: string; correlationId?: string };

/** Claims logins ("i:0#.f|membership|adele@contoso.com") → the address. */
export function ownerAddress(owner: string): string {
  const bar = owner.lastIndexOf('|');
  return bar >= 0 ? owner.substring(bar + 1) : owner;
}

/**
 * Reads a ProcessQuery answer: the sites and the next start index (absent on the last page, where SharePoint sends null),
 * or the ErrorInfo (type, code, message, TraceCorrelationId). Anything else is `UnexpectedAnswer`.
 */
export function readPersonalSitesResponse(body: unknown): CsomSitesResult {
  if (!Array.isArray(body) || body.length === 0) {
    return { ok: false, typeName: 'UnexpectedAnswer', code: 0, message: 'SharePoint returned an answer that is not a CSOM response.' };
  }
  const header = body[0] as CsomHeader;
  if (header.ErrorInfo) {
    const correlationId = header.ErrorInfo.TraceCorrelationId || header.TraceCorrelationId;
    return {
      ok: false,
      typeName: header.ErrorInfo.ErrorTypeName ?? 'ServerException',
      code: header.ErrorInfo.ErrorCode ?? 0,
      message: header.ErrorInfo.ErrorMessage ?? 'SharePoint reported an error.',
      ...(correlationId ? { correlationId } : {}),
    };
  }
  let enumerable: CsomSiteEnumerable | undefined;
  for (const part of body as unknown[]) {
    if (typeof part === 'object' && !!part && Array.isArray((part as CsomSiteEnumerable)._Child_Items_)) {
      enumerable = part as CsomSiteEnumerable;
    }
  }
  if (!enumerable) {
    return { ok: false, typeName: 'UnexpectedAnswer', code: 0, message: 'SharePoint returned no site list.' };
  }
  const sites: { url: string; owner: string }[] = [];
  for (const item of enumerable._Child_Items_ ?? []) {
    // A site listed without an owner is kept with owner "": the scan counts it and checks the unmatched users one by
    // one, instead of counting its owner as unprovisioned.
    if (item.Url) {
      sites.push({ url: item.Url, owner: typeof item.Owner === 'string' ? ownerAddress(item.Owner) : '' });
    }
  }
  const next = enumerable.NextStartIndexFromSharePoint;
  return { ok: true, sites, ...(next ? { next } : {}) };
}

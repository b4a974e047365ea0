/**
 * How SharePoint refuses a token: its bearer challenge, the admin host's "unauthorized" mode, and the 401 for a token
 * with no SharePoint scope approved (wrong audience).
 */
import { SHAREPOINT_ADMIN_SCOPES, type SimContext } from './context';
import type { SimResponse } from './http';

/**
 * SharePoint Online's bearer challenge, as recorded (e.g. microsoft/FluidFramework's parseAuthErrorTenant tests and
 * captured `_vti_bin/client.svc` answers): realm = tenant id, client_id = SharePoint's app id, trusted issuers, the
 * authorization URI.
 */
export function spBearerChallenge(tenantId: string): string {
  return (
    `Bearer realm="${tenantId}",client_id="00000003-0000-0ff1-ce00-000000000000",` +
    'trusted_issuers="00000001-0000-0000-c000-000000000000@*,D3776938-3DBA-481F-A652-4BEDFCAB7CD8@*,https://sts.windows.net/*/,' +
    '00000003-0000-0ff1-ce00-000000000000@90140122-8516-11e1-8eff-49304924019b",' +
    'authorization_uri="https://login.windows.net/common/oauth2/authorize"'
  );
}

/**
 * sharePoint.adminHost "unauthorized": the admin host refuses the token, as SharePoint answers a token it does not
 * accept: 401, the bearer challenge, `x-ms-diagnostics` and `{ "error_description": "Invalid issuer or signature." }`
 * (the body recorded in SharePoint/sp-dev-docs#5889 and pnp/pnpjs#1407; the diagnostics header in sp-dev-docs#7152).
 */
export function adminHostUnauthorized(tenantId: string): SimResponse {
  return {
    status: 401,
    headers: {
      'Content-Type': 'application/json',
      'WWW-Authenticate': spBearerChallenge(tenantId),
      'x-ms-diagnostics': '3000006;reason="Token contains invalid signature.";category="invalid_client"',
    },
    body: { error_description: 'Invalid issuer or signature.' },
  };
}

/** 401 as SharePoint answers a token that is not valid for it (no SharePoint scope approved → wrong audience). */
export function noSharePointScope(ctx: SimContext): SimResponse {
  return {
    status: 401,
    headers: {
      'Content-Type': 'application/json',
      'WWW-Authenticate': spBearerChallenge(ctx.state.fixture.tenant.id),
      'x-ms-diagnostics': `3000003;reason="Invalid audience Uri. The token has no SharePoint scope (${SHAREPOINT_ADMIN_SCOPES.join(' or ')}) approved.";category="invalid_client"`,
    },
    body: { error_description: "Exception of type 'Microsoft.IdentityModel.Tokens.AudienceUriValidationFailedException' was thrown." },
  };
}

/**
 * PnPjs's `DefaultParse` without its whitespace-stripped copy of the body: it makes `txt.replace(/\s/ig, "")`, a second
 * string as large as the answer (100 KB a personal-site page, 1 MB and more a users page), only to test whether the body
 * is empty. Same results, same error check.
 */
import { parseBinderWithErrorCheck, parseODataJSON, type Queryable } from '@pnp/queryable';

/** The body as JSON, `{}` when it is empty or only whitespace (PnPjs's rule, PnP/PnPjs #487 and #545). */
export async function bodyJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return /\S/.test(text) ? (JSON.parse(text) as unknown) : {};
}

/** DefaultParse, leaner: `{}` for an empty answer (Content-Length 0, 204), else the OData-unwrapped JSON body. */
export function LeanParse(): (instance: Queryable) => Queryable {
  return parseBinderWithErrorCheck(async (response: Response): Promise<unknown> => {
    const length = response.headers.get('Content-Length');
    if ((length !== null && parseFloat(length) === 0) || response.status === 204) {
      return {};
    }
    return parseODataJSON(await bodyJson(response));
  });
}

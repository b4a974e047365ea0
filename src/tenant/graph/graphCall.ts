import type { Outcome } from '../../common/outcome';
import { success } from '../../common/outcome';
import { toFailure } from '../http/toFailure';

/** Runs one call; any error becomes a Failure naming the scope that covers the call. */
export async function attempt<T>(scope: string, call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return success(await call());
  } catch (error) {
    return toFailure(error, scope);
  }
}

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

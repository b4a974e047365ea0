/** The verdicts in the order the section shows them (problems first, then what is fine). */
import type { Verdict } from '../../migrationList/types';

export const VERDICT_ORDER: ReadonlyArray<Verdict> = ['not-provisioned', 'requested', 'unlicensed', 'disabled', 'guest', 'not-found', 'duplicate', 'invalid', 'unknown', 'ready'];

/** Whether a verdict asks the admin to act (everything but ready). */
export function needsAction(verdict: Verdict): boolean {
  return verdict !== 'ready';
}

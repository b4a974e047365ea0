/**
 * Shared pieces of the port contract specs: each spec runs the same assertions against the in-memory fake the domain's
 * unit tests use and against the PnPjs adapter over the tenant simulator (tests/support/tenant.ts), so a fake cannot
 * promise what an adapter does not deliver.
 */
import type { TenantFixture } from '../../demo/simulator/types';
import type { Outcome } from '../../src/common/outcome';
import type { Page } from '../../src/provisioning/ports';

/** A port under contract, with what the spec needs to set it up and tear it down. */
export interface Subject {
  close(): Promise<void>;
}

/** Reads a paged port from the first page (next undefined) until `next` is undefined. Throws on a failure. */
export async function readAllPages<T>(read: (next?: string) => Promise<Outcome<Page<T>>>, limit = 100): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let next: string | undefined;
  do {
    const page = await read(next);
    if (!page.ok) {
      throw new Error(`page ${pages.length + 1} failed: ${page.status} ${page.code} ${page.message}`);
    }
    pages.push(page.value);
    next = page.value.next;
    if (pages.length > limit) {
      throw new Error(`more than ${limit} pages: the continuation never ends`);
    }
  } while (next !== undefined);
  return pages;
}

/** Adds generated members (copies of the fixture's first user, licensed and enabled) until the tenant has `total` users. */
export function growUsers(fixture: TenantFixture, total: number): TenantFixture {
  const template = fixture.users[0];
  if (!template) {
    throw new Error('the fixture has no user to copy');
  }
  const domain = fixture.tenant.initialDomain;
  for (let i = 0; fixture.users.length < total; i++) {
    fixture.users.push({ ...template, id: `generated-${i}`, userPrincipalName: `generated${i}@${domain}`, mail: `generated${i}@${domain}`, displayName: `Generated ${i}` });
  }
  return fixture;
}

/** The keys of a value and the JavaScript type of each ('array' for arrays), to compare shapes, not contents. */
export function shapeOf(value: object): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    shape[key] = Array.isArray(field) ? 'array' : field === null ? 'null' : typeof field;
  }
  return shape;
}

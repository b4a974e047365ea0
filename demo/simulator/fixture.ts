/**
 * Loading and validating tenant fixtures: JSON Schema (demo/tenant.schema.json, ajv 8) first, then the cross-references
 * a schema cannot express (signed-in user exists, role members exist, no duplicate ids or UPNs).
 * Errors name the JSON path, e.g. `fixture users[3].userPrincipalName: must be string`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv8';
import type { FaultRule, PagingFault, TenantFixture } from './types';

export const SCHEMA_PATH = path.resolve(__dirname, '..', 'tenant.schema.json');

let compiled: { fixture: ValidateFunction; faults: ValidateFunction; pagingFaults: ValidateFunction } | undefined;

function validators(): { fixture: ValidateFunction; faults: ValidateFunction; pagingFaults: ValidateFunction } {
  if (!compiled) {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as { $id: string };
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const fixture = ajv.compile(schema);
    const faults = ajv.compile({ type: 'array', items: { $ref: `${schema.$id}#/definitions/faultRule` } });
    const pagingFaults = ajv.compile({ type: 'array', items: { $ref: `${schema.$id}#/definitions/pagingFault` } });
    compiled = { fixture, faults, pagingFaults };
  }
  return compiled;
}

function failure(errors: ErrorObject[] | null | undefined, prefix: string): Error {
  const list = errors ?? [];
  const messages = list.slice(0, 5).map(describe);
  const more = list.length > 5 ? ` (and ${list.length - 5} more)` : '';
  return new Error(`${prefix} ${messages.join(`; ${prefix} `)}${more}`);
}

/** Validates a FaultRule[] (e.g. from POST /__sim/faults); throws an Error naming the bad path, e.g. `faults [0].status: …`. */
export function validateFaultRules(value: unknown): FaultRule[] {
  const validate = validators().faults;
  if (!validate(value)) throw failure(validate.errors, 'faults');
  return value as FaultRule[];
}

/**
 * Validates a PagingFault[] (e.g. from POST /__sim/paging-faults); throws an Error naming the bad path. A
 * `foreign-host` fault needs a collection whose next page is a link (not CSOM's personal sites); `missing-upn` needs
 * items with an owner address (users, personal sites).
 */
export function validatePagingFaults(value: unknown): PagingFault[] {
  const validate = validators().pagingFaults;
  if (!validate(value)) throw failure(validate.errors, 'pagingFaults');
  return value as PagingFault[];
}

/** `/users/3/userPrincipalName` → `users[3].userPrincipalName` */
export function jsonPointerToPath(pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function childPath(parent: string, prop: string): string {
  return jsonPointerToPath(`${parent}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${childPath(error.instancePath, params.missingProperty)}: is required`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${childPath(error.instancePath, params.additionalProperty)}: is not allowed here (unknown property)`;
  }
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${jsonPointerToPath(error.instancePath)}: ${message}`;
}

function crossReferenceErrors(f: TenantFixture): string[] {
  const errors: string[] = [];
  const ids = new Map<string, number>();
  const upns = new Map<string, number>();
  f.users.forEach((u, i) => {
    const prevId = ids.get(u.id);
    if (prevId !== undefined) errors.push(`users[${i}].id: duplicate of users[${prevId}].id '${u.id}'`);
    else ids.set(u.id, i);
    const upn = u.userPrincipalName.toLowerCase();
    const prevUpn = upns.get(upn);
    if (prevUpn !== undefined) errors.push(`users[${i}].userPrincipalName: duplicate of users[${prevUpn}] '${u.userPrincipalName}'`);
    else upns.set(upn, i);
  });
  if (!ids.has(f.signedInUserId)) errors.push(`signedInUserId: no user with id '${f.signedInUserId}'`);
  const roleIds = new Set(f.directoryRoles.map((r) => r.id));
  for (const [roleId, members] of Object.entries(f.directoryRoleMembers)) {
    if (!roleIds.has(roleId)) errors.push(`directoryRoleMembers[${JSON.stringify(roleId)}]: no directoryRole with this id`);
    members.forEach((m, i) => {
      if (!ids.has(m)) errors.push(`directoryRoleMembers[${JSON.stringify(roleId)}][${i}]: no user with id '${m}'`);
    });
  }
  const spIds = new Set<string>();
  f.servicePrincipals.forEach((sp, i) => {
    if (spIds.has(sp.id)) errors.push(`servicePrincipals[${i}].id: duplicate '${sp.id}'`);
    spIds.add(sp.id);
  });
  for (const userId of Object.keys(f.sharePoint.mySiteErrors ?? {})) {
    if (!ids.has(userId)) errors.push(`sharePoint.mySiteErrors[${JSON.stringify(userId)}]: no user with id '${userId}'`);
  }
  const eligibilityIds = new Set<string>();
  (f.roleEligibilityScheduleInstances ?? []).forEach((r, i) => {
    if (eligibilityIds.has(r.id)) errors.push(`roleEligibilityScheduleInstances[${i}].id: duplicate '${r.id}'`);
    eligibilityIds.add(r.id);
  });
  f.oauth2PermissionGrants.forEach((g, i) => {
    if (!spIds.has(g.clientId)) errors.push(`oauth2PermissionGrants[${i}].clientId: no servicePrincipal with id '${g.clientId}'`);
    if (!spIds.has(g.resourceId)) errors.push(`oauth2PermissionGrants[${i}].resourceId: no servicePrincipal with id '${g.resourceId}'`);
  });
  return errors;
}

/** Validates an already parsed fixture; throws an Error naming the bad JSON path(s). */
export function validateFixture(value: unknown): TenantFixture {
  const validate = validators().fixture;
  if (!validate(value)) throw failure(validate.errors, 'fixture');
  const fixture = value as TenantFixture;
  const errors = crossReferenceErrors(fixture);
  if (errors.length > 0) {
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
    throw new Error(`fixture ${errors.slice(0, 5).join('; fixture ')}${more}`);
  }
  return fixture;
}

/** Reads, parses and validates a fixture file. */
export function loadFixture(file: string): TenantFixture {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`fixture ${file}: cannot read (${(e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`fixture ${file}: not valid JSON (${(e as Error).message})`);
  }
  try {
    return validateFixture(parsed);
  } catch (e) {
    throw new Error(`${(e as Error).message} [${file}]`);
  }
}

/**
 * Generates large tenant fixtures for benchmarks and scale tests, based on the `ready` scenario's tenant, SKUs,
 * Global admin and connector (tenant-wide consent, assignment required). Deterministic: the same options give the
 * same fixture.
 *
 *   tsx demo/generate.ts --users 100000 --unprovisioned 0.3 --seed 1 [--guests 0.02] [--disabled 0.02]
 *                        [--unlicensed 0.03] [--student-numbers 0] [--latency 100] [--out file.json]
 *
 * Without --out the JSON goes to stdout.
 */
import * as fs from 'node:fs';
import { createRandom } from './simulator/prng';
import {
  ADMIN,
  ALL_PASS,
  buildFixture,
  generatedUserSpec,
  makeUser,
  shuffle,
  subscribedSku,
  type BuiltUser,
  type PopulationKind,
} from './simulator/scenario-kit';
import type { TenantFixture } from './simulator/types';

export interface GenerateOptions {
  /** Total number of users, the signed-in admin included (≥ 1). */
  users: number;
  /** Share (0..1) of licensed, enabled members (the admin excepted) without a personal site. */
  unprovisioned: number;
  seed: number;
  /** Share (0..1) of all users that are guests. Default 0.02. */
  guests?: number;
  /** Share (0..1) of all users that are disabled (licensed). Default 0.02. */
  disabled?: number;
  /** Share (0..1) of all users that are unlicensed members. Default 0.03. */
  unlicensed?: number;
  /** Optional simulation latency per request (ms). */
  latencyMs?: number;
  /** Share (0..1) of the generated users whose UPN is a student number (digits) rather than their name. Default 0. */
  studentNumbers?: number;
}

function share(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new Error(`generateTenant: ${name} must be a share between 0 and 1 (got ${String(value)})`);
  return v;
}

/** Counts per kind that generateTenant produces (the admin is one extra provisioned member). */
export function populationCounts(o: GenerateOptions): Record<PopulationKind, number> {
  if (!Number.isInteger(o.users) || o.users < 1) throw new Error(`generateTenant: users must be an integer ≥ 1 (got ${o.users})`);
  const others = o.users - 1;
  const guest = Math.round(o.users * share('guests', o.guests, 0.02));
  const disabled = Math.round(o.users * share('disabled', o.disabled, 0.02));
  const unlicensed = Math.round(o.users * share('unlicensed', o.unlicensed, 0.03));
  const excluded = Math.min(others, guest + disabled + unlicensed);
  const scale = guest + disabled + unlicensed === 0 ? 0 : excluded / (guest + disabled + unlicensed);
  const g = Math.floor(guest * scale);
  const d = Math.floor(disabled * scale);
  const u = excluded - g - d;
  const members = others - excluded;
  const unprovisioned = Math.round(members * share('unprovisioned', o.unprovisioned, 0));
  return { guest: g, disabled: d, unlicensed: u, unprovisioned, provisioned: members - unprovisioned };
}

export function generateTenant(o: GenerateOptions): TenantFixture {
  const counts = populationCounts(o);
  const random = createRandom(o.seed >>> 0);
  const kinds: PopulationKind[] = [];
  for (const [kind, n] of Object.entries(counts) as Array<[PopulationKind, number]>) for (let i = 0; i < n; i++) kinds.push(kind);
  shuffle(kinds, random);

  const users: BuiltUser[] = new Array<BuiltUser>(o.users);
  users[0] = makeUser(ADMIN, random);
  const numbers = share('studentNumbers', o.studentNumbers, 0);
  for (let i = 0; i < kinds.length; i++) {
    // No draw when there are no student numbers: the fixtures without them stay as they were.
    const studentNumber = numbers > 0 && random() < numbers;
    users[i + 1] = makeUser(generatedUserSpec(random, i + 1, kinds[i] ?? 'provisioned', studentNumber), random);
  }
  const licensed = o.users - counts.guest - counts.unlicensed;
  const fixture = buildFixture({
    name: `generated-${o.users}-users`,
    description:
      `Generated (seed ${o.seed}): ${o.users} users — ${counts.provisioned + 1} with a OneDrive, ${counts.unprovisioned} licensed, ` +
      `enabled members without one, ${counts.guest} guests, ${counts.disabled} disabled, ${counts.unlicensed} unlicensed. ` +
      'Tenant and connector as in the "ready" scenario.',
    expected: { ...ALL_PASS, 'users-onedrive': counts.unprovisioned > 0 ? 'fail' : 'pass' },
    unprovisionedCount: counts.unprovisioned,
    users,
    adminRole: 'global',
    skus: [subscribedSku('ENTERPRISEPACK', licensed + 100, licensed), subscribedSku('FLOW_FREE', 10000, 3)],
  });
  if (o.latencyMs !== undefined) fixture.simulation = { latencyMs: o.latencyMs };
  return fixture;
}

function parseArgs(argv: readonly string[]): { options: GenerateOptions; out?: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const eq = a.indexOf('=');
    if (eq > 0) values.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      values.set(a.slice(2), v);
      i += 1;
    }
  }
  const known = new Set(['users', 'unprovisioned', 'seed', 'guests', 'disabled', 'unlicensed', 'student-numbers', 'latency', 'out']);
  for (const k of values.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}`);
  const num = (k: string): number | undefined => {
    const v = values.get(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${k} must be a number (got '${v}')`);
    return n;
  };
  const users = num('users');
  if (users === undefined) throw new Error('--users is required');
  return {
    options: {
      users,
      unprovisioned: num('unprovisioned') ?? 0,
      seed: num('seed') ?? 1,
      guests: num('guests'),
      disabled: num('disabled'),
      unlicensed: num('unlicensed'),
      studentNumbers: num('student-numbers'),
      latencyMs: num('latency'),
    },
    out: values.get('out'),
  };
}

if (require.main === module) {
  try {
    const { options, out } = parseArgs(process.argv.slice(2));
    const json = JSON.stringify(generateTenant(options));
    if (out) fs.writeFileSync(out, json);
    else process.stdout.write(json + '\n');
  } catch (e) {
    process.stderr.write(`generate: ${(e as Error).message}\n` + 'usage: tsx demo/generate.ts --users N --unprovisioned 0..1 --seed N [--guests 0..1] [--disabled 0..1] [--unlicensed 0..1] [--student-numbers 0..1] [--latency ms] [--out file.json]\n');
    process.exitCode = 2;
  }
}

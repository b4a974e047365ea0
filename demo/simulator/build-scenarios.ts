/**
 * Builds the scenario fixtures in demo/scenarios/*.json. The JSON files are the source of truth for tests and the
 * preview; this script is how they were made (deterministic: running it again gives the same bytes).
 *   tsx demo/simulator/build-scenarios.ts          writes every scenario
 *   tsx demo/simulator/build-scenarios.ts --check  exits 1 when a file differs from what the builder makes
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ADMIN,
  ALL_PASS,
  buildFixture,
  EXCLUDED_USERS,
  generatedUserSpec,
  makeUser,
  NAMED_USERS,
  personalSiteUrl,
  scenarioRandom,
  shouldHaveOneDrive,
  shuffle,
  subscribedSku,
  type BuiltUser,
  type LicenseKind,
  type PopulationKind,
  type UserSpec,
} from './scenario-kit';
import type { TenantFixture } from './types';

export const SCENARIO_NAMES = [
  'ready',
  'no-spo-license',
  'sharepoint-admin-only',
  'admin-unlicensed',
  'no-admin-consent',
  'assignment-off',
  'unprovisioned-users',
  'demo',
  'admin-host-blocked',
  'enqueue-ignored',
  'school-a1',
  'frontline-f3',
  'multi-geo',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const SCENARIOS_DIR = path.resolve(__dirname, '..', 'scenarios');

function people(name: string, specs: readonly UserSpec[]): BuiltUser[] {
  const random = scenarioRandom(name);
  return specs.map((s) => makeUser(s, random));
}

/** Admin + the named users + the three excluded users, as in a small, fully provisioned tenant. */
function standardRoster(name: string, overrides: (s: UserSpec) => UserSpec = (s) => s): BuiltUser[] {
  return people(name, [ADMIN, ...NAMED_USERS, ...EXCLUDED_USERS].map(overrides));
}

function standardSkus(users: readonly BuiltUser[]): TenantFixture['subscribedSkus'] {
  const e3 = users.filter((u) => u.user.assignedLicenses.length > 0).length;
  return [subscribedSku('ENTERPRISEPACK', Math.max(25, e3 + 5), e3), subscribedSku('FLOW_FREE', 10000, 3)];
}

/**
 * A population with exact counts per kind (after the fixed named people), shuffled deterministically. `license`
 * replaces the generated people's license (guests and unlicensed users keep none).
 */
function population(name: string, named: UserSpec[], counts: Record<PopulationKind, number>, license?: LicenseKind): BuiltUser[] {
  const random = scenarioRandom(`${name}:population`);
  const kinds: PopulationKind[] = [];
  for (const [kind, n] of Object.entries(counts) as Array<[PopulationKind, number]>) for (let i = 0; i < n; i++) kinds.push(kind);
  shuffle(kinds, random);
  const generated = kinds.map((kind, i) => {
    const spec = generatedUserSpec(random, i + 1, kind);
    return license !== undefined && spec.license !== 'none' ? { ...spec, license } : spec;
  });
  const rest = shuffle([...named.slice(1), ...generated], random);
  const first = named[0];
  if (!first) throw new Error('population: the admin comes first');
  return people(name, [first, ...rest]);
}

const unprovisionedNamed = (names: string[]) => (s: UserSpec): UserSpec => (names.includes(s.displayName) ? { ...s, site: false } : s);

/** Licensed (by Microsoft's facts), enabled members without a personal site. */
function unprovisionedCount(users: readonly BuiltUser[]): number {
  return users.filter((u) => shouldHaveOneDrive(u.user) && !u.site).length;
}

/** `unprovisioned-users` under another name: the same 200 users and sites, with other settings. */
function variantOfUnprovisioned(name: ScenarioName, description: string, sharePoint: Partial<TenantFixture['sharePoint']>): TenantFixture {
  const base = buildScenario('unprovisioned-users');
  const scenario = base.scenario;
  if (!scenario) throw new Error('unprovisioned-users has no scenario block');
  return { ...base, scenario: { ...scenario, name, description }, sharePoint: { ...base.sharePoint, ...sharePoint } };
}

export function buildScenario(name: ScenarioName): TenantFixture {
  switch (name) {
    case 'ready': {
      const users = standardRoster(name);
      return buildFixture({
        name,
        description:
          'A tenant ready for the Office 365 connector: an E3 subscription with SharePoint Online, the signed-in MOD Administrator is a ' +
          'licensed Global Administrator with a OneDrive, the "Office 365 Mover" app is present with tenant-wide consent and user ' +
          'assignment on, and every licensed, enabled member has a OneDrive. Includes a mixed-case UPN (Adele.Vance, site owner in lower ' +
          "case), an apostrophe (liam.o'brien), Unicode names, and a guest, a disabled and an unlicensed user (all excluded).",
        expected: ALL_PASS,
        unprovisionedCount: 0,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
      });
    }
    case 'no-spo-license': {
      const users = standardRoster(name, (s) => ({ ...s, license: s.license === 'none' ? 'none' : 'exchange-and-web', site: false }));
      const licensed = users.filter((u) => u.user.assignedLicenses.length > 0).length;
      return buildFixture({
        name,
        description:
          'The seed\'s "Tenant lacks SPO license": the only subscriptions are Exchange Online (Plan 1) and a SKU with only Office for the ' +
          'web (SHAREPOINTWAC, service "SharePoint" but not SharePoint Online), so tenant-spo-license fails. Implied: the admin has no ' +
          'SharePoint plan (admin-license fails) and therefore no OneDrive (admin-onedrive fails); no user can have a OneDrive, so ' +
          'users-onedrive considers nobody and warns ("all 0 have a OneDrive" is no pass: nobody can receive migrated files); members ' +
          'are still licensed (Exchange), so the connector user count passes.',
        expected: { ...ALL_PASS, 'tenant-spo-license': 'fail', 'admin-license': 'fail', 'admin-onedrive': 'fail', 'users-onedrive': 'warn' },
        unprovisionedCount: 0,
        users,
        adminRole: 'global',
        skus: [subscribedSku('EXCHANGESTANDARD', 30, licensed), subscribedSku('OFFICE_WEB_ONLY', 30, licensed)],
      });
    }
    case 'sharepoint-admin-only': {
      const users = standardRoster(name);
      return buildFixture({
        name,
        description:
          'Like "ready", but the signed-in admin holds only the SharePoint Administrator role and has done steps 1–5: the app exists ' +
          'with the admin\'s own (per-user) consent, and tenant-wide consent — steps 6–9 — must go to a Global Administrator. So ' +
          'admin-role warns (forward steps 6–9), connector-consent fails and the connector cannot count users yet. Once a Global admin ' +
          'has consented, nothing is left to forward and admin-role passes. The SharePoint admin can still enumerate and request OneDrives.',
        expected: { ...ALL_PASS, 'admin-role': 'warn', 'connector-consent': 'fail', 'connector-user-count': 'fail' },
        unprovisionedCount: 0,
        users,
        adminRole: 'sharepoint',
        skus: standardSkus(users),
        consent: 'per-user-only',
      });
    }
    case 'admin-unlicensed': {
      const users = standardRoster(name, (s) => (s === ADMIN ? { ...s, license: 'none', site: false } : s));
      const admin = users[0];
      if (!admin) throw new Error('no admin');
      return buildFixture({
        name,
        description:
          'The seed\'s "global admin must have an Office 365 license": the signed-in Global Administrator has no license (admin-license ' +
          'fails). The admin keeps a leftover OneDrive from an earlier license, so only admin-license fails; an unlicensed admin is also ' +
          'not counted by users-onedrive.',
        expected: { ...ALL_PASS, 'admin-license': 'fail' },
        unprovisionedCount: 0,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
        extraSites: [{ owner: admin.user.userPrincipalName.toLowerCase(), url: personalSiteUrl(admin.user.userPrincipalName) }],
      });
    }
    case 'no-admin-consent': {
      const users = standardRoster(name);
      return buildFixture({
        name,
        description:
          'The "Office 365 Mover" app exists but only two users consented for themselves (consentType Principal): no tenant-wide ' +
          '(AllPrincipals) grant, so connector-consent fails — steps 6–9 are missing. Implied: the connector cannot read the user ' +
          'count ("Could not retrieve user count…"), so connector-user-count fails too.',
        expected: { ...ALL_PASS, 'connector-consent': 'fail', 'connector-user-count': 'fail' },
        unprovisionedCount: 0,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
        consent: 'per-user-only',
      });
    }
    case 'assignment-off': {
      const users = standardRoster(name);
      return buildFixture({
        name,
        description:
          'Like "ready", but "Assignment required" is off on the "Office 365 Mover" enterprise app (appRoleAssignmentRequired false): ' +
          'any user could authorize the connector, so connector-user-assignment warns (step 4).',
        expected: { ...ALL_PASS, 'connector-user-assignment': 'warn' },
        unprovisionedCount: 0,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
        assignmentRequired: false,
      });
    }
    case 'unprovisioned-users': {
      // 1 admin + 19 named (2 without a site: Liam O'Brien, 李娜) + 3 excluded named + 177 generated = 200 users.
      const named = [ADMIN, ...NAMED_USERS, ...EXCLUDED_USERS].map(unprovisionedNamed(["Liam O'Brien", '李娜']));
      const users = population(name, named, { provisioned: 98, unprovisioned: 58, guest: 7, disabled: 7, unlicensed: 7 });
      return buildFixture({
        name,
        description:
          'Exactly 200 users: 60 licensed, enabled members have no OneDrive (including "Liam O\'Brien" and "李娜"), 116 have one ' +
          '(176 considered), and 24 are excluded (8 guests, 8 disabled, 8 unlicensed). users-onedrive fails with 60 unprovisioned. ' +
          'Personal-site enumeration pages by 50, so the tenant-admin scan takes 3 pages.',
        expected: { ...ALL_PASS, 'users-onedrive': 'fail' },
        unprovisionedCount: 60,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
        sharePoint: { provisioningDelayMs: 3000 },
        simulation: { pageSizes: { personalSites: 50 } },
      });
    }
    case 'demo': {
      // 1 admin + 19 named (Liam O'Brien without a site) + 3 excluded + 297 generated = 320 users.
      const named = [ADMIN, ...NAMED_USERS, ...EXCLUDED_USERS].map(unprovisionedNamed(["Liam O'Brien"]));
      const users = population(name, named, { provisioned: 221, unprovisioned: 41, guest: 12, disabled: 8, unlicensed: 15 });
      return buildFixture({
        name,
        description:
          'A realistic mixed tenant of 320 users in a dozen departments: SharePoint licensed, Global admin signed in, the connector ' +
          'consented tenant-wide but with "Assignment required" off (connector-user-assignment warns), and 42 of 282 licensed, enabled ' +
          'members (~15%) without a OneDrive (users-onedrive fails). Requesting OneDrives works (enqueue "ok") and sites appear about ' +
          '8 s later, so "pending → provisioned" can be watched. 150 ms latency per request; personal sites page by 100.',
        expected: { ...ALL_PASS, 'connector-user-assignment': 'warn', 'users-onedrive': 'fail' },
        unprovisionedCount: 42,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
        assignmentRequired: false,
        sharePoint: { provisioningDelayMs: 8000 },
        simulation: { latencyMs: 150, pageSizes: { personalSites: 100 } },
      });
    }
    default:
      return buildMore(name);
  }
}

function buildMore(name: Exclude<ScenarioName, 'ready' | 'no-spo-license' | 'sharepoint-admin-only' | 'admin-unlicensed' | 'no-admin-consent' | 'assignment-off' | 'unprovisioned-users' | 'demo'>): TenantFixture {
  switch (name) {
    case 'admin-host-blocked':
      return variantOfUnprovisioned(
        name,
        'The users of "unprovisioned-users" (200, 60 licensed, enabled members without a OneDrive), but the tenant admin host ' +
          'answers no CORS (sharePoint.adminHost "cors-blocked"): the browser gets a network error for every admin-host call, ' +
          'so the tenant-wide personal-site enumeration cannot run. The OneDrive states must come from per-user Graph reads ' +
          '(mySite), and users-onedrive must still fail with the same 60 unprovisioned.',
        { adminHost: 'cors-blocked' },
      );
    case 'enqueue-ignored':
      return variantOfUnprovisioned(
        name,
        'The users of "unprovisioned-users" (60 without a OneDrive), but CreatePersonalSiteEnqueueBulk answers 200 and never ' +
          'creates anything (sharePoint.enqueueBehaviour "ignored"): requested OneDrives stay pending for ever, and a re-check ' +
          'still finds them missing. users-onedrive fails with 60.',
        { enqueueBehaviour: 'ignored' },
      );
    case 'school-a1': {
      // Staff (admin + named people) on Office 365 A1 for faculty, 60 generated students on A1 for students; the free A1
      // SKUs carry SharePoint Plan 1 for EDU (SHAREPOINTSTANDARD_EDU), which gives every licensed user a OneDrive.
      const named = [ADMIN, ...NAMED_USERS, ...EXCLUDED_USERS]
        .map((s) => (s.license === 'none' ? s : { ...s, license: 'a1-faculty' as const }))
        .map(unprovisionedNamed(["Liam O'Brien", '李娜']));
      const users = population(name, named, { provisioned: 44, unprovisioned: 14, guest: 0, disabled: 1, unlicensed: 1 }, 'a1-student');
      const faculty = users.filter((u) => u.user.assignedLicenses.some((l) => l.skuId === '94763226-9b3c-4e75-a931-5c89701abe66')).length;
      const students = users.filter((u) => u.user.assignedLicenses.some((l) => l.skuId === '314c4481-f395-4525-be8b-2ec4bb1e9d91')).length;
      const count = unprovisionedCount(users);
      return buildFixture({
        name,
        description:
          `A school: every licensed user, the Global Administrator included, holds only the free Office 365 A1 SKUs — A1 for faculty ` +
          `(STANDARDWOFFPACK_FACULTY, ${faculty} staff) or A1 for students (STANDARDWOFFPACK_STUDENT, ${students} students). Both ` +
          `carry SharePoint Plan 1 for EDU (SHAREPOINTSTANDARD_EDU), a SharePoint Online plan that includes OneDrive, so ` +
          `tenant-spo-license and admin-license pass. ${count} licensed, enabled members never signed in and have no OneDrive ` +
          `(including "Liam O'Brien" and "李娜"): users-onedrive fails with ${count}. Excluded: a guest, disabled and unlicensed users.`,
        expected: { ...ALL_PASS, 'users-onedrive': 'fail' },
        unprovisionedCount: count,
        users,
        adminRole: 'global',
        skus: [
          subscribedSku('STANDARDWOFFPACK_FACULTY', 500, faculty),
          subscribedSku('STANDARDWOFFPACK_STUDENT', 1000000, students),
          subscribedSku('FLOW_FREE', 10000, 3),
        ],
      });
    }
    case 'frontline-f3': {
      // Frontline workers on Microsoft 365 F3 (SPE_F1: SharePoint Kiosk, SHAREPOINTDESKLESS, includes a OneDrive); the
      // signed-in Global Administrator on Office 365 E3.
      const named = [ADMIN, ...NAMED_USERS, ...EXCLUDED_USERS]
        .map((s) => (s === ADMIN || s.license === 'none' ? s : { ...s, license: 'f3' as const }))
        .map(unprovisionedNamed(["Liam O'Brien"]));
      const users = population(name, named, { provisioned: 50, unprovisioned: 30, guest: 0, disabled: 2, unlicensed: 2 }, 'f3');
      const f3 = users.filter((u) => u.user.assignedLicenses.some((l) => l.skuId === '66b55226-6b4f-492c-910c-a3b7a3c9d993')).length;
      const count = unprovisionedCount(users);
      return buildFixture({
        name,
        description:
          `Frontline workers: ${f3} users hold Microsoft 365 F3 (SPE_F1), whose SharePoint Kiosk plan (SHAREPOINTDESKLESS) is ` +
          `a SharePoint Online plan that includes a OneDrive; the signed-in Global Administrator holds Office 365 E3. F3 users ` +
          `count as licensed: ${count} licensed, enabled members (F3 workers who never signed in, and "Liam O'Brien") have no ` +
          `OneDrive, so users-onedrive fails with ${count}. Excluded: a guest, disabled and unlicensed users.`,
        expected: { ...ALL_PASS, 'users-onedrive': 'fail' },
        unprovisionedCount: count,
        users,
        adminRole: 'global',
        skus: [subscribedSku('ENTERPRISEPACK', 5, 1), subscribedSku('SPE_F1', Math.max(100, f3 + 10), f3), subscribedSku('FLOW_FREE', 10000, 3)],
      });
    }
    case 'multi-geo': {
      const europe = ['Adele Vance', 'Zoë Ångström-Müller', 'Johanna Lorenz', 'Henrietta Mueller', 'Lee Gu'];
      const users = standardRoster(name, (s) =>
        europe.includes(s.displayName) ? { ...s, preferredDataLocation: 'EUR', satellite: true } : s.license === 'none' || s.guest ? s : { ...s, preferredDataLocation: 'NAM' },
      );
      const fixture = buildFixture({
        name,
        description:
          'A Multi-Geo tenant (default geo NAM) like "ready": five users have preferredDataLocation EUR and their OneDrives in ' +
          'the European satellite geo (https://contosoeur-my.sharepoint.com). Each geo has its own tenant admin center, so the ' +
          'default geo\'s admin host does not list those five sites, while Graph mySite returns them. Every licensed, enabled ' +
          'member has a OneDrive: all checks pass, 0 unprovisioned.',
        expected: ALL_PASS,
        unprovisionedCount: 0,
        users,
        adminRole: 'global',
        skus: standardSkus(users),
      });
      return { ...fixture, tenant: { ...fixture.tenant, defaultDataLocation: 'NAM' } };
    }
  }
}

export function scenarioJson(fixture: TenantFixture): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const name of SCENARIO_NAMES) {
    const file = path.join(SCENARIOS_DIR, `${name}.json`);
    const json = scenarioJson(buildScenario(name));
    if (check) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (current !== json) {
        process.stderr.write(`stale: ${path.relative(process.cwd(), file)} (run tsx demo/simulator/build-scenarios.ts)\n`);
        stale += 1;
      }
    } else {
      fs.mkdirSync(SCENARIOS_DIR, { recursive: true });
      fs.writeFileSync(file, json);
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

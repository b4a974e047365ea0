/**
 * Users in Graph's shapes: a user (and personal site) from a short spec, the named demo users with their edge cases,
 * the users the OneDrive check excludes, and generated populations (realistic names, unique UPNs) for large tenants.
 * Deterministic: ids and choices come from the seeded PRNG passed in.
 */
import { hasOneDrivePlan } from '../plans';
import { createRandom, randomGuid, type Random } from '../prng';
import type { GraphUser, PersonalSiteFixture } from '../types';
import { licenseShape, type LicenseKind } from './licenses';
import { DOMAIN, TENANT } from './tenant';

export interface UserSpec {
  displayName: string;
  /** Local part or full UPN; a bare local part gets @contoso.onmicrosoft.com. Case is kept. */
  upn: string;
  department?: string;
  jobTitle?: string;
  license?: LicenseKind;
  enabled?: boolean;
  guest?: boolean;
  /** Give the user a personal site (owner = lower-case UPN, as SharePoint reports it). */
  site?: boolean;
  /** Multi-Geo preferredDataLocation (e.g. "EUR"); with `satellite`, the site lives on that geo's my host. */
  preferredDataLocation?: string;
  /** The user's site is in a satellite geo: https://contoso<geo>-my.sharepoint.com (needs preferredDataLocation). */
  satellite?: boolean;
}

export interface BuiltUser {
  user: GraphUser;
  site?: PersonalSiteFixture;
}

/** A personal site URL; with `geo`, on that satellite geo's my host (https://contoso<geo>-my.sharepoint.com). */
export function personalSiteUrl(upn: string, geo?: string): string {
  const host = `${TENANT.sharePointHost}${geo ? geo.toLowerCase() : ''}`;
  return `https://${host}-my.sharepoint.com/personal/${upn.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
}

export function makeUser(spec: UserSpec, random: Random): BuiltUser {
  const upn = spec.upn.includes('@') ? spec.upn : `${spec.upn}@${DOMAIN}`;
  const shape = licenseShape(spec.license ?? 'e3');
  const [given, ...rest] = spec.displayName.split(' ');
  const user: GraphUser = {
    id: randomGuid(random),
    userPrincipalName: upn,
    mail: spec.guest ? upn.split('#EXT#')[0]?.replace(/_([^_]+)$/, '@$1') ?? upn : upn,
    displayName: spec.displayName,
    givenName: given ?? spec.displayName,
    surname: rest.join(' ') || null,
    jobTitle: spec.jobTitle ?? null,
    department: spec.department ?? null,
    accountEnabled: spec.enabled ?? true,
    userType: spec.guest ? 'Guest' : 'Member',
    usageLocation: 'US',
    assignedLicenses: [...shape.licenses],
    assignedPlans: [...shape.plans],
  };
  if (spec.preferredDataLocation !== undefined) user.preferredDataLocation = spec.preferredDataLocation;
  const built: BuiltUser = { user };
  if (spec.site) built.site = { owner: upn.toLowerCase(), url: personalSiteUrl(upn, spec.satellite ? spec.preferredDataLocation : undefined) };
  return built;
}

/** The same user shapes the fixture checks use: licensed (SPO/OneDrive plan), enabled, member. */
export function isConsideredForOneDrive(u: GraphUser): boolean {
  return u.accountEnabled && u.userType === 'Member' && hasOneDrivePlan(u.assignedPlans);
}

export const ADMIN: UserSpec = { displayName: 'MOD Administrator', upn: 'admin', department: 'IT', jobTitle: 'Microsoft 365 administrator', site: true };

/** The named demo users, including the edge cases every scenario should carry. */
export const NAMED_USERS: UserSpec[] = [
  // Mixed-case UPN; SharePoint reports the site owner in lower case.
  { displayName: 'Adele Vance', upn: 'Adele.Vance', department: 'Retail', jobTitle: 'Retail Manager', site: true },
  { displayName: 'Alex Wilber', upn: 'AlexW', department: 'Marketing', jobTitle: 'Marketing Assistant', site: true },
  { displayName: 'Megan Bowen', upn: 'MeganB', department: 'Marketing', jobTitle: 'Marketing Manager', site: true },
  { displayName: 'Isaiah Langer', upn: 'IsaiahL', department: 'Sales', jobTitle: 'Sales Rep', site: true },
  { displayName: 'Lynne Robbins', upn: 'LynneR', department: 'Retail', jobTitle: 'Planner', site: true },
  { displayName: 'Nestor Wilke', upn: 'NestorW', department: 'Operations', jobTitle: 'Director', site: true },
  { displayName: 'Patti Fernandez', upn: 'PattiF', department: 'Executive Management', jobTitle: 'President', site: true },
  { displayName: 'Pradeep Gupta', upn: 'PradeepG', department: 'Finance', jobTitle: 'Accountant', site: true },
  { displayName: 'Lee Gu', upn: 'LeeG', department: 'Manufacturing', jobTitle: 'Director', site: true },
  { displayName: 'Diego Siciliani', upn: 'DiegoS', department: 'HR', jobTitle: 'HR Manager', site: true },
  { displayName: 'Grady Archie', upn: 'GradyA', department: 'R&D', jobTitle: 'Designer', site: true },
  { displayName: 'Henrietta Mueller', upn: 'HenriettaM', department: 'R&D', jobTitle: 'Developer', site: true },
  { displayName: 'Johanna Lorenz', upn: 'JohannaL', department: 'Engineering', jobTitle: 'Senior Engineer', site: true },
  { displayName: 'Joni Sherman', upn: 'JoniS', department: 'Legal', jobTitle: 'Paralegal', site: true },
  { displayName: 'Lidia Holloway', upn: 'LidiaH', department: 'Engineering', jobTitle: 'Product Manager', site: true },
  { displayName: 'Miriam Graham', upn: 'MiriamG', department: 'Sales & Marketing', jobTitle: 'Director', site: true },
  // Apostrophe in the address (PowerShell quoting, OData literals).
  { displayName: "Liam O'Brien", upn: "liam.o'brien", department: 'Finance', jobTitle: 'Controller', site: true },
  // Unicode display names.
  { displayName: 'Zoë Ångström-Müller', upn: 'zoe.angstrom', department: 'Legal', jobTitle: 'Counsel', site: true },
  { displayName: '李娜', upn: 'li.na', department: 'Sales', jobTitle: 'Account Executive', site: true },
];

/** Users that the OneDrive check excludes: a guest, a disabled (but licensed) account, an unlicensed member. */
export const EXCLUDED_USERS: UserSpec[] = [
  { displayName: 'Kai Müller (Fabrikam)', upn: `kai.mueller_fabrikam.com#EXT#@${DOMAIN}`, guest: true, license: 'none' },
  { displayName: 'Former Employee', upn: 'former.employee', department: 'Sales', enabled: false },
  { displayName: 'Conference Room A', upn: 'room.a', license: 'none' },
];

export function scenarioRandom(name: string): Random {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return createRandom(h >>> 0);
}

const FIRST = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adrian', 'Aiko', 'Alejandro', 'Amara', 'Amelia', 'Andrei', 'Anika', 'Ava', 'Benjamin',
  'Bianca', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Dmitri', 'Elena', 'Elif', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Grace',
  'Hannah', 'Hiroshi', 'Ingrid', 'Isabella', 'Ivan', 'Jamal', 'Jana', 'Javier', 'Jin', 'Kamala', 'Kenji', 'Lars', 'Leila',
  'Lucas', 'Maya', 'Mateo', 'Mei', 'Mohammed', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Rania', 'Sakura',
  'Samuel', 'Sofia', 'Søren', 'Tariq', 'Thandiwe', 'Tomás', 'Valentina', 'Wei', 'Yusuf', 'Zara', 'Zoë',
];

const LAST = [
  'Abara', 'Andersen', 'Bauer', 'Becker', 'Chowdhury', 'Costa', 'Dubois', 'Eriksson', 'Fernández', 'Fischer', 'García',
  'Gonzalez', 'Haddad', 'Hansen', 'Ito', 'Ivanova', 'Jensen', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Li', 'López', 'Martin',
  'Mensah', 'Müller', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', "O'Connor", 'Olsen', 'Patel', 'Pereira', 'Petrov', 'Rossi',
  'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Van der Berg', 'Wagner', 'Wang', 'Weber', 'Yamamoto',
  'Yilmaz', 'Zhang',
];

export const DEPARTMENTS = [
  'Sales', 'Marketing', 'Finance', 'HR', 'Legal', 'IT', 'Operations', 'Engineering', 'R&D', 'Retail', 'Customer Success',
  'Manufacturing',
];

const SLUGS = new Map<string, string>();

function asciiSlug(s: string): string {
  const cached = SLUGS.get(s);
  if (cached !== undefined) return cached;
  const slug = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/[^A-Za-z0-9']/g, '')
    .toLowerCase();
  SLUGS.set(s, slug);
  return slug;
}

export type PopulationKind = 'provisioned' | 'unprovisioned' | 'guest' | 'disabled' | 'unlicensed';

/**
 * A generated person: realistic name, department, a UPN unique through `serial`. With `studentNumber`, the UPN's local
 * part is a number instead of the name, as schools often sign students in: the enrolment year's two digits (20-26) then
 * the serial in six — so most of such a tenant's UPNs start with the same character.
 */
export function generatedUserSpec(random: Random, serial: number, kind: PopulationKind, studentNumber: boolean = false): UserSpec {
  const first = FIRST[Math.floor(random() * FIRST.length)] ?? 'Alex';
  const last = LAST[Math.floor(random() * LAST.length)] ?? 'Smith';
  const department = DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)] ?? 'Sales';
  const local = studentNumber ? `${20 + Math.floor(random() * 7)}${String(serial % 1000000).padStart(6, '0')}` : `${asciiSlug(first)}.${asciiSlug(last)}${serial}`;
  switch (kind) {
    case 'guest':
      return { displayName: `${first} ${last} (Partner)`, upn: `${local.replace(/'/g, '')}_partner.example#EXT#@${DOMAIN}`, guest: true, license: 'none' };
    case 'disabled':
      return { displayName: `${first} ${last}`, upn: local, department, enabled: false };
    case 'unlicensed':
      return { displayName: `${first} ${last}`, upn: local, department, license: 'none' };
    case 'unprovisioned':
      return { displayName: `${first} ${last}`, upn: local, department };
    case 'provisioned':
      return { displayName: `${first} ${last}`, upn: local, department, site: true };
  }
}

/** Fisher–Yates with the given PRNG. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

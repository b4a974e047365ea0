/**
 * Fact gathering (orchestration, not domain): every read the checks need, once. Independent reads run in parallel;
 * then the connector's grants and assignments — for every service principal that matched the connector's name when
 * more than one did, so the one actually authorized is the one evaluated. Never throws: each fact is an Outcome.
 */
import type { Failure, Outcome } from '../common/outcome';
import { DIRECTORY_READ, USER_READ } from '../common/scopes';
import type { AppAssignment, ConnectorApp, ConnectorCandidate, ConnectorSettings, PermissionGrant, ScanState, TenantFacts } from '../readiness/facts';
import type { AppPorts } from './ports';

/** The ports fact gathering reads. */
export type ReadinessPorts = Pick<AppPorts, 'directory' | 'connector' | 'sites'>;

interface CandidateReads {
  app: ConnectorApp;
  grants: Outcome<PermissionGrant[]>;
  assignments: Outcome<AppAssignment[]>;
}

function hasTenantWideGrant(grants: Outcome<PermissionGrant[]>): boolean {
  return grants.ok && grants.value.some((g) => g.consentType === 'AllPrincipals');
}

/**
 * Display names are not unique in Microsoft Entra. Among several matches, evaluate the one a Global admin authorized
 * (tenant-wide grants), else the one with assigned users, else the first — and keep every match for the warning.
 */
function choose(reads: CandidateReads[]): { chosen: CandidateReads; why: NonNullable<TenantFacts['connectorChoice']> } {
  const granted = reads.filter((r) => hasTenantWideGrant(r.grants));
  if (granted.length > 0) {
    return { chosen: granted[0] as CandidateReads, why: 'tenant-wide-grants' };
  }
  const assigned = reads.filter((r) => r.assignments.ok && r.assignments.value.length > 0);
  if (assigned.length > 0) {
    return { chosen: assigned[0] as CandidateReads, why: 'assignments' };
  }
  return { chosen: reads[0] as CandidateReads, why: 'first-match' };
}

/**
 * A 403 names a missing scope only with evidence: when another read that needs the same scope succeeded, the scope is
 * approved, and the refusal is about this read (role, policy) — the Failure then says so instead.
 */
function withScopeEvidence<T>(outcome: Outcome<T>, proven: ReadonlySet<string>): Outcome<T> {
  if (outcome.ok || !outcome.missingScope || !proven.has(outcome.missingScope)) {
    return outcome;
  }
  const copy: Failure = { ...outcome, provenScope: outcome.missingScope };
  delete copy.missingScope;
  return copy;
}

export async function gatherFacts(ports: ReadinessPorts, connector: ConnectorSettings, scan: ScanState): Promise<TenantFacts> {
  const [tenant, skus, me, myRoles, eligibleRoles, adminOneDrive, apps, licensedUserCount] = await Promise.all([
    ports.directory.getTenant(),
    ports.directory.getSubscribedSkus(),
    ports.directory.getSignedInUser(),
    ports.directory.getMyDirectoryRoles(),
    ports.directory.getMyEligibleRoles(),
    ports.sites.getMyOneDrive(),
    ports.connector.findConnectorApps(connector),
    ports.directory.countLicensedEnabledMembers(),
  ]);

  let connectorApp: Outcome<ConnectorApp | undefined>;
  let grants: Outcome<PermissionGrant[]> | undefined;
  let assignments: Outcome<AppAssignment[]> | undefined;
  let candidates: ConnectorCandidate[] | undefined;
  let choice: TenantFacts['connectorChoice'];
  if (!apps.ok) {
    connectorApp = apps;
  } else if (apps.value.length === 0) {
    connectorApp = { ok: true, value: undefined };
  } else {
    const reads: CandidateReads[] = await Promise.all(
      apps.value.map(async (app) => {
        const [g, a] = await Promise.all([ports.connector.getPermissionGrants(app.servicePrincipalId), ports.connector.getAssignments(app.servicePrincipalId)]);
        return { app, grants: g, assignments: a };
      }),
    );
    const { chosen, why } = choose(reads);
    connectorApp = { ok: true, value: chosen.app };
    grants = chosen.grants;
    assignments = chosen.assignments;
    if (reads.length > 1) {
      choice = why;
      candidates = reads.map((r) => ({
        app: r.app,
        ...(r.grants.ok ? { tenantWideGrants: hasTenantWideGrant(r.grants) } : {}),
        ...(r.assignments.ok ? { assignments: r.assignments.value.length } : {}),
      }));
    }
  }

  // Scopes proven approved by a successful read (which read needs which scope: src/common/scopes.ts).
  const proven = new Set<string>();
  const directoryReads: Array<Outcome<unknown> | undefined> = [skus, apps, grants, assignments, licensedUserCount];
  if (directoryReads.some((o) => o !== undefined && o.ok)) {
    proven.add(DIRECTORY_READ);
  }
  if (tenant.ok || me.ok || myRoles.ok) {
    proven.add(USER_READ);
  }

  const facts: TenantFacts = {
    connector,
    tenant: withScopeEvidence(tenant, proven),
    skus: withScopeEvidence(skus, proven),
    me: withScopeEvidence(me, proven),
    myRoles: withScopeEvidence(myRoles, proven),
    eligibleRoles,
    adminOneDrive: withScopeEvidence(adminOneDrive, proven),
    connectorApp: withScopeEvidence(connectorApp, proven),
    licensedUserCount: withScopeEvidence(licensedUserCount, proven),
    scan,
  };
  if (grants !== undefined) {
    facts.grants = withScopeEvidence(grants, proven);
  }
  if (assignments !== undefined) {
    facts.assignments = withScopeEvidence(assignments, proven);
  }
  if (candidates !== undefined) {
    facts.connectorCandidates = candidates;
  }
  if (choice !== undefined) {
    facts.connectorChoice = choice;
  }
  return facts;
}

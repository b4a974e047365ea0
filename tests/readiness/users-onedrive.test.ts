import { usersOneDriveCheck } from '../../src/readiness/checks/users-onedrive';
import { doneScan, failed, readyFacts } from './factsBuilder';

describe('users-onedrive', () => {
  it('passes when every considered user has a OneDrive, with the exclusions', () => {
    const result = usersOneDriveCheck.evaluate(readyFacts());
    expect(result.status).toBe('pass');
    expect(result.running).toBeUndefined();
    expect(result.evidence[0]).toContain('All 120');
    expect(result.evidence.join('\n')).toContain('4 guest(s), 2 disabled account(s), 7 unlicensed user(s)');
  });

  it('fails when users have no OneDrive and were not requested: request below or PowerShell, SharePoint admin', () => {
    const result = usersOneDriveCheck.evaluate(readyFacts({ scan: doneScan({ unprovisioned: 17, requested: 3 }) }));
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toContain('120 licensed, enabled member user(s) checked: 17 without a OneDrive, 3 requested and pending');
    expect(result.nextStep).toContain('Request provisioning');
    expect(result.nextStep).toContain('PowerShell');
    expect(result.who).toBe('sharepoint-admin');
  });

  it('warns when only requested (pending) OneDrives remain', () => {
    const result = usersOneDriveCheck.evaluate(readyFacts({ scan: doneScan({ requested: 5 }) }));
    expect(result.status).toBe('warn');
    expect(result.nextStep).toContain('5 user(s)');
    expect(result.nextStep).toContain('24 hours');
  });

  it('adds the per-user method notice to the evidence', () => {
    const result = usersOneDriveCheck.evaluate(readyFacts({ scan: doneScan({ method: 'per-user', methodNotice: 'The SharePoint admin API was not reachable.' }) }));
    expect(result.status).toBe('pass');
    expect(result.evidence.join('\n')).toContain('The SharePoint admin API was not reachable.');
    const noNotice = usersOneDriveCheck.evaluate(readyFacts({ scan: doneScan({ method: 'per-user' }) }));
    expect(noNotice.evidence.join('\n')).toContain('user by user');
  });

  it('is running (status unknown, running: true) with progress while the scan runs', () => {
    const result = usersOneDriveCheck.evaluate(readyFacts({ scan: { state: 'running', pagesDone: 3, pagesEstimated: 10, usersSeen: 2997 } }));
    expect(result.status).toBe('unknown');
    expect(result.running).toBe(true);
    expect(result.evidence[0]).toBe('Scanning: 3 of about 10 pages read, 2997 user(s) so far.');
    const noEstimate = usersOneDriveCheck.evaluate(readyFacts({ scan: { state: 'running', pagesDone: 1, usersSeen: 999 } }));
    expect(noEstimate.evidence[0]).toBe('Scanning: 1 page(s) read, 999 user(s) so far.');
  });

  it('is unknown with the reason when the scan failed', () => {
    const result = usersOneDriveCheck.evaluate(
      readyFacts({ scan: { state: 'failed', reason: failed(403, 'accessDenied', 'Access denied', { missingScope: 'SharePoint/AllSites.FullControl' }) } })
    );
    expect(result.status).toBe('unknown');
    expect(result.running).toBeUndefined();
    expect(result.evidence.join('\n')).toContain('Access denied');
    expect(result.nextStep).toContain('SharePoint/AllSites.FullControl');
  });

  it('is unknown "not scanned yet" when idle', () => {
    const result = usersOneDriveCheck.evaluate(readyFacts({ scan: { state: 'idle' } }));
    expect(result.status).toBe('unknown');
    expect(result.evidence[0]).toBe('Not scanned yet.');
  });
});

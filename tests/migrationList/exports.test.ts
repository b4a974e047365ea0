/** @jest-environment node */
/** The list handed back (CSV with verdict, reason, resolved UPN) and the PowerShell request for its not-provisioned rows. */
import { checkedFileName, mappingCsv, mappingScript, notProvisionedPositions, requestAddresses } from '../../src/migrationList/exports';
import { bytesOf, FakeLookup, scanInputs, settled, testSession, user, type TenantUser } from './support';

const TENANT: TenantUser[] = [
  { ...user('ann@contoso.com'), site: true },
  { ...user('bob@contoso.com') },
  { ...user("o'neil@contoso.com") },
  { ...user('fay@contoso.com', { enabledPlanIds: [] }) },
];

async function checked(text: string) {
  const { session } = testSession(new FakeLookup(TENANT));
  session.setScan(await scanInputs(TENANT));
  await session.load({ fileName: 'Mapping (final).csv', bytes: bytesOf(text) });
  return settled(session);
}

/** CSV fields of each line (the export quotes every field). */
function parseExport(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return csv
    .substring(1)
    .split('\r\n')
    .filter((line) => line.length > 0)
    .map((line) => (line.match(/"((?:[^"]|"")*)"/g) || []).map((f) => f.slice(1, -1).replace(/""/g, '"')));
}

describe('the checked list', () => {
  it('keeps every column and row as they came and appends Verdict, Reason and Resolved UPN', async () => {
    const view = await checked('Source;Destination;Note\r\nold1@x.example;ANN@contoso.com;=HYPERLINK("http://evil")\r\nold2@x.example;bob@contoso.com;\r\nold3@x.example;fay@contoso.com;"a ""quoted"" note"\r\n');
    const lines = parseExport(mappingCsv(view.list!, view.resolutions!));
    expect(lines[0]).toEqual(['Source', 'Destination', 'Note', 'Verdict', 'Reason', 'Resolved UPN']);
    expect(lines[1]?.slice(0, 4)).toEqual(['old1@x.example', 'ANN@contoso.com', "'=HYPERLINK(\"http://evil\")", 'ready']);
    expect(lines[2]?.slice(3)).toEqual(['not-provisioned', expect.stringMatching(/does not exist yet.*Next step: Request the OneDrive/), 'bob@contoso.com']);
    expect(lines[3]?.slice(2)).toEqual(['a "quoted" note', 'unlicensed', expect.stringContaining('Assign a license'), 'fay@contoso.com']);
  });

  it('names unnamed columns of a list without a header, and the file after the list', async () => {
    const view = await checked('bob@contoso.com\r\nnot an address\r\n');
    const lines = parseExport(mappingCsv(view.list!, view.resolutions!));
    expect(lines[0]).toEqual(['Column 1', 'Verdict', 'Reason', 'Resolved UPN']);
    expect(lines[2]?.slice(1, 2)).toEqual(['invalid']);
    expect(checkedFileName('Mapping (final).csv')).toBe('Mapping (final)-checked.csv');
    expect(checkedFileName('a/b:c.txt')).toBe('a_b_c-checked.csv');
  });

  it('requests and scripts exactly the not-provisioned rows, each user once, by sign-in name', async () => {
    const view = await checked("ann@contoso.com\nBOB@contoso.com\no'neil@contoso.com\nfay@contoso.com\nbob@contoso.com\n");
    const positions = notProvisionedPositions(view.resolutions!);
    expect(positions).toEqual([1, 2]);
    expect(requestAddresses(view.resolutions!, positions)).toEqual(['bob@contoso.com', "o'neil@contoso.com"]);
    const script = mappingScript('https://contoso-admin.sharepoint.com', view.resolutions!, positions, new Date('2026-01-02T03:04:05Z'));
    expect(script.included).toEqual(['bob@contoso.com', "o'neil@contoso.com"]);
    expect(script.text).toContain("Connect-SPOService -Url 'https://contoso-admin.sharepoint.com'");
    expect(script.text).toContain("'o''neil@contoso.com'");
    expect(script.text).not.toContain('ann@contoso.com');
    expect(script.text).not.toContain('fay@contoso.com');
  });
});

/**
 * Our own Teams app package (config/teams-app/manifest.json → teams/TeamsSPFxApp.zip, deployed by "Add to Teams"):
 * valid against the Teams app manifest schema of its version (offline, from @microsoft/app-manifest), in step with
 * the SPFx solution and the web part, and the committed zip is what the sources build.
 * @jest-environment node
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import {
  errorsOf,
  headingAnchors,
  packageSolution,
  readText,
  root,
  teamsManifest,
  teamsSchemaValidator,
  webPartManifest,
  type TeamsManifest,
} from './support';

interface Pack {
  buildAppPackage(): Buffer;
  TARGET: string;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pack = require('../../config/teams-app/pack.cjs') as Pack;

/** Entries of a zip whose entries are stored (what pack.cjs writes), read from the central directory. */
function storedEntries(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    expect(method).toBe(0);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.set(name, zip.subarray(dataStart, dataStart + size));
    offset += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('the Teams app package', () => {
  const manifest = teamsManifest();
  const solution = packageSolution().solution;
  const webPart = webPartManifest();

  it('is valid against the Teams app manifest schema of its manifestVersion', () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    const validate = teamsSchemaValidator(manifest.manifestVersion);
    const valid = validate(manifest);
    expect(errorsOf(validate)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a broken manifest (so the check above means something)', () => {
    const validate = teamsSchemaValidator(manifest.manifestVersion);
    const broken: TeamsManifest = JSON.parse(JSON.stringify(manifest));
    broken.developer.privacyUrl = 'README.md#privacy';
    broken.accentColor = 'blue';
    broken.description.short = 'x'.repeat(81);
    expect(validate(broken)).toBe(false);
    expect(errorsOf(validate).join('\n')).toMatch(/privacyUrl[\s\S]*accentColor|accentColor[\s\S]*privacyUrl/);
  });

  it('is the web part: same id, name and descriptions as the solution, version of the solution', () => {
    expect(manifest.id).toBe(webPart.id);
    expect(manifest.name.short).toBe(webPart.preconfiguredEntries[0]?.title.default);
    expect(manifest.description.short).toBe(solution.metadata.shortDescription.default);
    expect(manifest.description.full).toBe(solution.metadata.longDescription.default);
    // Teams wants semver; the solution's fourth part stays 0 so the two always move together.
    expect(`${manifest.version}.0`).toBe(solution.version);
  });

  it('names the same developer as the solution, with links to sections that exist in README', () => {
    const { mpnId, ...developer } = solution.developer;
    expect(manifest.developer).toEqual(developer);
    expect(mpnId).toBe(manifest.developer.mpnId ?? '');
    const anchors = headingAnchors(readText('README.md'));
    for (const url of [developer.websiteUrl, developer.privacyUrl, developer.termsOfUseUrl]) {
      const parsed = new URL(url);
      expect(parsed.protocol).toBe('https:');
      expect(parsed.pathname).toBe('/README.md');
      if (parsed.hash) {
        expect(anchors).toContain(parsed.hash.slice(1));
      }
    }
  });

  it('offers exactly the Teams surfaces the web part supports: a channel tab, no personal app', () => {
    expect(webPart.supportedHosts).toContain('TeamsTab');
    expect(webPart.supportedHosts).not.toContain('TeamsPersonalApp');
    expect(manifest.staticTabs).toBeUndefined();
    expect(manifest.configurableTabs).toHaveLength(1);
    const tab = manifest.configurableTabs?.[0];
    expect(tab?.scopes).toEqual(['team']);
    const url = tab?.configurationUrl ?? '';
    expect(url.startsWith('https://{teamSiteDomain}{teamSitePath}/_layouts/15/TeamsLogon.aspx?SPFX=true&dest=')).toBe(true);
    expect(decodeURIComponent(url)).toContain(`teamshostedapp.aspx?openPropertyPane=true&teams&componentId=${webPart.id}&`);
  });

  it('signs in to the tenant\'s SharePoint only, and lists only Microsoft domains', () => {
    expect(manifest.webApplicationInfo).toEqual({ id: '00000003-0000-0ff1-ce00-000000000000', resource: 'https://{teamSiteDomain}' });
    for (const domain of manifest.validDomains ?? []) {
      expect(domain).toMatch(/(^|\.)(microsoftonline\.com|sharepoint\.com|akamaihd\.net|blob\.core\.windows\.net)$/);
    }
  });

  it('ships icons that exist in teams/, named as SharePoint names them for the web part', () => {
    expect(manifest.icons).toEqual({ color: `${webPart.id}_color.png`, outline: `${webPart.id}_outline.png` });
    expect(existsSync(path.join(root, 'teams', manifest.icons.color))).toBe(true);
    expect(existsSync(path.join(root, 'teams', manifest.icons.outline))).toBe(true);
  });

  it('teams/TeamsSPFxApp.zip is what config/teams-app builds (run `npm run teams:package` after a change)', () => {
    const committed = readFileSync(pack.TARGET);
    expect(committed.equals(pack.buildAppPackage())).toBe(true);
    const entries = storedEntries(committed);
    expect([...entries.keys()]).toEqual(['manifest.json', manifest.icons.color, manifest.icons.outline]);
    expect(JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '')).toEqual(manifest);
    expect(entries.get(manifest.icons.color)?.equals(readFileSync(path.join(root, 'teams', manifest.icons.color)))).toBe(true);
  });
});

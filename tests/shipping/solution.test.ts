/**
 * The SPFx solution as the app catalog shows it: package-solution.json valid against the schema the build loads,
 * developer and catalog metadata filled in, screenshots present and small, permission requests the ones README
 * explains, and the generator's record (.yo-rc.json) on the SPFx version the packages are on.
 * @jest-environment node
 */
import { readFileSync, statSync } from 'fs';
import path from 'path';
import { decodePng } from './png';
import { errorsOf, packageSolution, packageSolutionValidator, readJson, readText, root, webPartManifest } from './support';

describe('the SPFx solution', () => {
  const config = packageSolution();
  const { solution } = config;

  it('is valid against the package-solution schema the SPFx build loads', () => {
    const validate = packageSolutionValidator();
    const valid = validate(config);
    expect(errorsOf(validate)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names its developer with https links and no made-up partner id', () => {
    expect(solution.developer.name).toBe('Migration Readiness');
    for (const url of [solution.developer.websiteUrl, solution.developer.privacyUrl, solution.developer.termsOfUseUrl]) {
      expect(new URL(url).protocol).toBe('https:');
    }
    expect(solution.developer.mpnId).not.toMatch(/^Undefined/);
  });

  it('carries the app catalog metadata: descriptions, a category, up to five small screenshots that exist', () => {
    expect(solution.metadata.shortDescription.default.length).toBeGreaterThan(20);
    expect(solution.metadata.shortDescription.default.length).toBeLessThanOrEqual(80);
    expect(solution.metadata.longDescription.default.length).toBeGreaterThan(solution.metadata.shortDescription.default.length);
    expect(solution.metadata.categories).toEqual(['IT/admin']);
    const shots = solution.metadata.screenshotPaths;
    expect(shots.length).toBeGreaterThan(0);
    expect(shots.length).toBeLessThanOrEqual(5);
    for (const shot of shots) {
      // The build resolves them against sharepoint/ (the package directory).
      const file = path.resolve(root, 'sharepoint', shot);
      expect(path.relative(root, file)).toMatch(/^docs\/screenshots\/[a-z0-9-]+\.png$/);
      expect(statSync(file).size).toBeLessThan(300 * 1024);
      const png = decodePng(readFileSync(file));
      expect(png.width).toBeGreaterThanOrEqual(1024);
    }
  });

  it('is deployed tenant-wide and offered in SharePoint and as a Teams tab', () => {
    expect(solution.skipFeatureDeployment).toBe(true);
    expect(webPartManifest().supportedHosts).toEqual(['SharePointWebPart', 'SharePointFullPage', 'TeamsTab']);
  });

  it('requests exactly the API permissions README explains', () => {
    expect(solution.webApiPermissionRequests).toEqual([
      { resource: 'Microsoft Graph', scope: 'Directory.Read.All' },
      { resource: 'Microsoft Graph', scope: 'User.Read' },
      { resource: 'Microsoft Graph', scope: 'RoleEligibilitySchedule.Read.Directory' },
      { resource: 'Office 365 SharePoint Online', scope: 'AllSites.FullControl' },
    ]);
    // Every scope the product names in a failure ("approve …") is one the package requests.
    const scopes = readText('src/common/scopes.ts');
    const named = Array.from(scopes.matchAll(/`\$\{(GRAPH|SHAREPOINT)_RESOURCE\}: ([A-Za-z.]+)`/g)).map((m) => ({
      resource: m[1] === 'GRAPH' ? 'Microsoft Graph' : 'Office 365 SharePoint Online',
      scope: m[2],
    }));
    expect(named.length).toBe(4);
    for (const one of named) {
      expect(solution.webApiPermissionRequests).toContainEqual(one);
    }
    const readme = readText('README.md');
    for (const { resource, scope } of solution.webApiPermissionRequests) {
      expect(readme).toMatch(new RegExp(`\\| ${resource} \\| \`${scope.replace('.', '\\.')}\` \\|`));
    }
  });

  it('.yo-rc.json records the SPFx version every @microsoft/sp-* package is on', () => {
    const yo = readJson<{ '@microsoft/generator-sharepoint': { version: string; libraryId: string } }>('.yo-rc.json')[
      '@microsoft/generator-sharepoint'
    ];
    const pkg = readJson<{ dependencies: Record<string, string>; devDependencies: Record<string, string> }>('package.json');
    const spfx = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([name]) =>
      /^@microsoft\/(sp-|eslint-(config|plugin)-spfx)/.test(name),
    );
    expect(spfx.length).toBeGreaterThan(5);
    for (const [name, version] of spfx) {
      expect(`${name}@${version}`).toBe(`${name}@${yo.version}`);
    }
    expect(yo.libraryId).toBe(solution.id);
  });
});

/**
 * scripts/check-package.cjs on planted packages: a package made like the build makes it passes, and each thing the
 * check must catch (a missing chunk, a source map, a foreign URL, demo code, other permissions, other hosts) fails it
 * with its reason. The script runs from a copy of the project's files in a temporary folder.
 * @jest-environment node
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { packageSolution, root, webPartManifest } from './support';

interface Pack {
  zip(files: Array<{ name: string; data: Buffer }>): Buffer;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { zip } = require('../../config/teams-app/pack.cjs') as Pack;

const PROJECT_FILES = [
  'scripts/check-package.cjs',
  'config/package-solution.json',
  'src/webparts/migrationReadiness/MigrationReadinessWebPart.manifest.json',
  'teams/TeamsSPFxApp.zip',
];

const BUNDLE = 'migration-readiness-web-part_0123456789abcdef.js';
const STRINGS = 'AppStrings_en-us_0123456789abcdef0123456789abcdef.js';
const bundleSource = (extra = ''): string =>
  `define([],function(){var g="https://graph.microsoft.com/v1.0",a=t=>\`https://\${t}-admin.sharepoint.com\`,m="https://"+t;${extra}return{g,a,m}});` +
  '/* padding */'.repeat(1000);

const xml = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

interface Plant {
  assets: Record<string, string>;
  entries: Record<string, string | Buffer>;
}

function goodPackage(): Plant {
  const { solution } = packageSolution();
  const manifest = webPartManifest();
  const component = {
    id: manifest.id,
    alias: manifest.alias,
    supportedHosts: manifest.supportedHosts,
    loaderConfig: { scriptResources: { 'migration-readiness-web-part': { type: 'path', path: BUNDLE }, AppStrings: { type: 'path', path: STRINGS } } },
  };
  const requests = solution.webApiPermissionRequests
    .map((r) => `<WebApiPermissionRequest ResourceId="${xml(r.resource)}" Scope="${xml(r.scope)}"></WebApiPermissionRequest>`)
    .join('');
  const shots = solution.metadata.screenshotPaths.map((p) => path.basename(p));
  const assets = { [BUNDLE]: bundleSource(), [STRINGS]: 'define([],function(){return{"Title":"Migration readiness"}});' };
  const entries: Record<string, string | Buffer> = {
    'AppManifest.xml':
      `<App><Properties><DeveloperProperties>${xml(JSON.stringify(solution.developer))}</DeveloperProperties>` +
      `<Screenshots>${shots.map((s) => `<Screenshot><Filename>${s}</Filename></Screenshot>`).join('')}</Screenshots></Properties>` +
      `<WebApiPermissionRequests>${requests}</WebApiPermissionRequests></App>`,
    [`feature/WebPart_${manifest.id}.xml`]: `<Elements><ClientSideComponent ComponentManifest="${xml(JSON.stringify(component))}" /></Elements>`,
    'ClientSideAssets/TeamsSPFxApp.zip': readFileSync(path.join(root, 'teams/TeamsSPFxApp.zip')),
    [`ClientSideAssets/${manifest.id}_color.png`]: 'png',
    [`ClientSideAssets/${manifest.id}_outline.png`]: 'png',
  };
  for (const shot of shots) {
    entries[shot] = 'png';
  }
  for (const [name, source] of Object.entries(assets)) {
    entries[`ClientSideAssets/${name}`] = source;
  }
  return { assets, entries };
}

describe('the package check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mr-check-package-'));
    for (const file of PROJECT_FILES) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(dir, file));
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function check(plant: Plant): { status: number | null; out: string } {
    const assetsDir = mkdtempSync(path.join(dir, 'assets-'));
    for (const [name, source] of Object.entries(plant.assets)) {
      writeFileSync(path.join(assetsDir, name), source);
    }
    const sppkg = path.join(assetsDir, 'planted.sppkg');
    writeFileSync(sppkg, zip(Object.entries(plant.entries).map(([name, data]) => ({ name, data: Buffer.from(data) }))));
    const run = spawnSync(process.execPath, [path.join(dir, 'scripts/check-package.cjs'), sppkg, '--assets', assetsDir], { encoding: 'utf8' });
    return { status: run.status, out: `${run.stdout}${run.stderr}` };
  }

  it('passes a package made like the build makes it', () => {
    const result = check(goodPackage());
    expect(result.out).toContain('Package check passed.');
    expect(result.status).toBe(0);
  });

  it.each<[string, (plant: Plant) => void, RegExp]>([
    ['a chunk the build emitted is missing', (p) => delete p.entries[`ClientSideAssets/${STRINGS}`], /emitted AppStrings_[^ ]+, the package lacks it/],
    ['a packaged chunk differs from the build', (p) => (p.entries[`ClientSideAssets/${STRINGS}`] = 'define([],{})'), /differs from the build's/],
    ['a source map is packaged', (p) => (p.entries[`ClientSideAssets/${BUNDLE}.map`] = '{}'), /source map in the package/],
    ['a script points to a source map', (p) => {
      p.assets[BUNDLE] = `${bundleSource()}\n//# sourceMappingURL=${BUNDLE}.map`;
      p.entries[`ClientSideAssets/${BUNDLE}`] = p.assets[BUNDLE] as string;
    }, /points to a source map/],
    ['a script calls a foreign host', (p) => {
      p.assets[BUNDLE] = bundleSource('fetch("https://telemetry.example.com/collect");');
      p.entries[`ClientSideAssets/${BUNDLE}`] = p.assets[BUNDLE] as string;
    }, /foreign URL in ClientSideAssets\/migration-readiness-web-part_[0-9a-f]+\.js: https:\/\/telemetry\.example\.com\/collect/],
    ['demo code reached the bundle', (p) => {
      p.assets[BUNDLE] = bundleSource('fetch("/__sim/log");');
      p.entries[`ClientSideAssets/${BUNDLE}`] = p.assets[BUNDLE] as string;
    }, /holds "\/__sim\/", a marker of test or demo code/],
    ['a test file is packaged', (p) => (p.entries['ClientSideAssets/tests/scan.test.js'] = 'x'), /test, demo or benchmark file in the package: ClientSideAssets\/tests\/scan\.test\.js/],
    ['the permission requests differ', (p) => {
      p.entries['AppManifest.xml'] = (p.entries['AppManifest.xml'] as string).replace('Directory.Read.All', 'Directory.ReadWrite.All');
    }, /permission requests in the package .*Directory\.ReadWrite\.All/],
    ['the supported hosts differ', (p) => {
      const name = Object.keys(p.entries).find((n) => n.includes('/WebPart_')) as string;
      p.entries[name] = (p.entries[name] as string).replace('TeamsTab', 'TeamsPersonalApp');
    }, /supportedHosts in the package/],
    ['the Teams app package is missing', (p) => delete p.entries['ClientSideAssets/TeamsSPFxApp.zip'], /no ClientSideAssets\/TeamsSPFxApp\.zip/],
  ])('fails when %s', (_name, plant, reason) => {
    const planted = goodPackage();
    plant(planted);
    const result = check(planted);
    expect(result.out).toMatch(reason);
    expect(result.status).toBe(1);
  });
});

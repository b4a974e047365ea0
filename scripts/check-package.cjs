#!/usr/bin/env node
/*
 * Checks a built .sppkg against the sources and the build output it came from. Usage:
 *   node scripts/check-package.cjs sharepoint/solution/migration-readiness.sppkg [--assets release/assets]
 *
 * It holds, or the check fails:
 * - every JS file the production build emitted (release/assets: the web part bundle and the localized strings),
 *   byte for byte, and every script the component manifest loads; exactly one web part bundle, no debug bundle;
 * - the API permission requests exactly as config/package-solution.json declares them, and its developer details;
 * - the web part's supportedHosts as its manifest declares them;
 * - our Teams app package (teams/TeamsSPFxApp.zip, for "Add to Teams") and the Teams icons, as committed;
 * - the app catalog screenshots package-solution.json lists;
 * - no source maps (no .map entry, no sourceMappingURL comment);
 * - no test, demo or benchmark code (no such paths, none of their markers in the scripts);
 * - no foreign URL in the scripts: every absolute URL in them is on a host in ALLOWED_URLS below (Microsoft's, or
 *   composed at run time from the tenant's own host), each with the reason it may be there.
 * Prints what it found.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');

/*
 * URLs allowed in the package's scripts. The web part calls only Microsoft Graph and the tenant's own SharePoint; the
 * other entries are links the admin may open, or text that is never requested.
 */
const ALLOWED_URLS = [
  { match: /^https:\/\/graph\.microsoft\.com\//, why: 'Microsoft Graph, the API the web part calls' },
  { match: /^https:\/\/(\$\{|$)/, why: "composed at run time from the tenant's own host (the page context): the hosting site, <tenant>-admin and <tenant>-my.sharepoint.com" },
  { match: /^https:\/\/[a-z0-9-]+(-admin|-my)?\.sharepoint\.com(\/|$)/, why: "the tenant's own SharePoint" },
  { match: /^https:\/\/login\.microsoftonline\.com\//, why: 'link: the admin-consent page of Microsoft Entra ID' },
  { match: /^https:\/\/entra\.microsoft\.com\//, why: 'link: Microsoft Entra admin center (the connector app, roles)' },
  { match: /^https:\/\/admin\.microsoft\.com\//, why: 'link: Microsoft 365 admin center (licenses, users, API access)' },
  { match: /^https:\/\/www\.microsoft365\.com\/$/, why: 'link: Microsoft 365 home, where an admin signs in once' },
  { match: /^https:\/\/aka\.ms\//, why: "link: Microsoft's short links (the connector's authorization guide)" },
  { match: /^https:\/\/app\.mover\.io$/, why: "link: Mover, Microsoft's migration service, where the connector's steps 1-5 start" },
  { match: /^https:\/\/res-1\.cdn\.office\.net\/files\/fabric-cdn-prod_[0-9.]+\/assets$/, why: "Fluent UI's default font base (Microsoft's Office CDN), a constant inside @fluentui/style-utilities" },
  { match: /^http:\/\/schemas\.microsoft\.com\/sharepoint\/clientquery\/2009$/, why: 'the XML namespace of CSOM requests: a name, never requested' },
  { match: /^https:\/\/github\.com\/microsoft\/fluentui\/wiki\//, why: "text of Fluent UI's console warning about unregistered icons, never requested" },
  { match: /^https:\/\/pnp\.github\.io\/pnpjs\//, why: "text of PnPjs's error messages (the documentation they cite), never requested" },
];

// Strings only test, demo and benchmark code holds (tests/, demo/, bench/); none may reach the package.
const FOREIGN_CODE_MARKERS = ['/__sim/', 'Demo running at', '@testing-library', 'playwright', 'jest', 'expect(', 'localhost', '127.0.0.1'];

function readZip(buffer) {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error('not a zip file');
  }
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error('broken central directory');
    }
    const method = buffer.readUInt16LE(offset + 10);
    const packedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const packed = buffer.subarray(start, start + packedSize);
    if (!name.endsWith('/')) {
      entries.set(name, method === 0 ? packed : zlib.inflateRawSync(packed));
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function xmlText(value) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function jsonc(file) {
  const text = fs.readFileSync(file, 'utf8');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          i++;
        }
      }
      out += text.slice(start, i + 1);
    } else if (text[i] === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
      out += '\n';
    } else {
      out += text[i];
    }
  }
  return JSON.parse(out);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--assets');
const assetsDir = path.resolve(args.indexOf('--assets') >= 0 ? args[args.indexOf('--assets') + 1] : path.join(root, 'release', 'assets'));
if (!file) {
  process.stderr.write('usage: check-package.cjs <file.sppkg> [--assets release/assets]\n');
  process.exit(2);
}

const entries = readZip(fs.readFileSync(file));
const names = [...entries.keys()];
const text = (name) => (entries.has(name) ? entries.get(name).toString('utf8') : '');
const problems = [];
const report = [];

// 1. Scripts: every JS the build emitted, byte for byte; one web part bundle; what the manifest loads.
const scripts = names.filter((n) => n.endsWith('.js'));
const emitted = fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir).filter((n) => n.endsWith('.js')) : [];
if (emitted.length === 0) {
  problems.push(`no JS in ${path.relative(root, assetsDir) || assetsDir}: run \`npm run package\` first`);
}
for (const js of emitted) {
  const packed = entries.get(`ClientSideAssets/${js}`);
  if (!packed) {
    problems.push(`the build emitted ${js}, the package lacks it`);
  } else if (!packed.equals(fs.readFileSync(path.join(assetsDir, js)))) {
    problems.push(`ClientSideAssets/${js} differs from the build's ${js}`);
  }
}
for (const js of scripts) {
  if (emitted.indexOf(path.basename(js)) < 0) {
    problems.push(`${js} is in the package but not in this build's output`);
  }
}
const bundles = names.filter((n) => /^ClientSideAssets\/migration-readiness-web-part_[0-9a-f]+\.js$/.test(n));
if (bundles.length !== 1) {
  problems.push(`expected exactly one production web part bundle, found ${bundles.length}: ${bundles.join(', ')}`);
} else if (entries.get(bundles[0]).length < 10000) {
  problems.push('the web part bundle is suspiciously small');
}
report.push(`scripts: ${scripts.length} (${emitted.length} emitted by the build), bundle ${bundles.map((b) => `${b} (${entries.get(b).length} bytes)`).join(', ')}`);

// 2. The component manifest: supported hosts, the scripts it loads.
const sourceManifest = jsonc(path.join(root, 'src/webparts/migrationReadiness/MigrationReadinessWebPart.manifest.json'));
const componentXml = names.find((n) => new RegExp(`/WebPart_${sourceManifest.id}\\.xml$`).test(n));
let component;
if (!componentXml) {
  problems.push(`no component manifest WebPart_${sourceManifest.id}.xml`);
} else {
  const attribute = /ComponentManifest="([^"]*)"/.exec(text(componentXml));
  component = attribute ? JSON.parse(xmlText(attribute[1])) : undefined;
  if (!component) {
    problems.push(`${componentXml} carries no ComponentManifest`);
  }
}
if (component) {
  if (!same(component.supportedHosts, sourceManifest.supportedHosts)) {
    problems.push(`supportedHosts in the package ${JSON.stringify(component.supportedHosts)}, in the manifest ${JSON.stringify(sourceManifest.supportedHosts)}`);
  }
  const resources = (component.loaderConfig && component.loaderConfig.scriptResources) || {};
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.type === 'path' && !entries.has(`ClientSideAssets/${resource.path}`)) {
      problems.push(`the manifest loads ${id} from ${resource.path}, which the package lacks`);
    }
  }
  report.push(`web part ${component.id}: supportedHosts ${component.supportedHosts.join(', ')}`);
}

// 3. AppManifest.xml: permission requests and developer details as package-solution.json declares them.
const solution = JSON.parse(fs.readFileSync(path.join(root, 'config/package-solution.json'), 'utf8')).solution;
const appManifest = text('AppManifest.xml');
const requested = [...appManifest.matchAll(/<WebApiPermissionRequest ResourceId="([^"]*)" Scope="([^"]*)"/g)].map((m) => ({
  resource: xmlText(m[1]),
  scope: xmlText(m[2]),
}));
if (!same(requested, solution.webApiPermissionRequests)) {
  problems.push(`permission requests in the package ${JSON.stringify(requested)}, declared ${JSON.stringify(solution.webApiPermissionRequests)}`);
}
report.push(`permission requests: ${requested.map((r) => `${r.resource} ${r.scope}`).join('; ')}`);
const developer = /<DeveloperProperties>([^<]*)<\/DeveloperProperties>/.exec(appManifest);
if (!developer || !same(JSON.parse(xmlText(developer[1])), solution.developer)) {
  problems.push('developer details in AppManifest.xml differ from package-solution.json');
}

// 4. Teams: our app package as committed, and the icons.
const teamsApp = entries.get('ClientSideAssets/TeamsSPFxApp.zip');
if (!teamsApp) {
  problems.push('no ClientSideAssets/TeamsSPFxApp.zip (our Teams app package)');
} else if (!teamsApp.equals(fs.readFileSync(path.join(root, 'teams/TeamsSPFxApp.zip')))) {
  problems.push('ClientSideAssets/TeamsSPFxApp.zip differs from teams/TeamsSPFxApp.zip');
} else {
  const inner = readZip(teamsApp);
  const teamsManifest = JSON.parse(inner.get('manifest.json').toString('utf8'));
  if (teamsManifest.id !== sourceManifest.id) {
    problems.push(`the Teams app's id ${teamsManifest.id} is not the web part's ${sourceManifest.id}`);
  }
  report.push(`Teams app ${teamsManifest.id} v${teamsManifest.version}: ${[...inner.keys()].join(', ')}`);
}
const icons = names.filter((n) => /^ClientSideAssets\/[0-9a-f-]{36}_(color|outline)\.png$/.test(n));
if (icons.length !== 2) {
  problems.push(`expected the two Teams icons, found ${icons.length}`);
}

// 5. App catalog screenshots.
const screenshots = [...appManifest.matchAll(/<Filename>([^<]*)<\/Filename>/g)].map((m) => xmlText(m[1]));
if (screenshots.length !== (solution.metadata.screenshotPaths || []).length) {
  problems.push(`package-solution.json lists ${solution.metadata.screenshotPaths.length} screenshots, AppManifest.xml ${screenshots.length}`);
}
for (const shot of screenshots) {
  if (!names.some((n) => n === shot || n.endsWith(`/${shot}`))) {
    problems.push(`screenshot ${shot} is listed but not in the package`);
  }
}
report.push(`screenshots: ${screenshots.join(', ') || 'none'}`);

// 6. No source maps, no test, demo or benchmark code.
for (const name of names) {
  if (name.endsWith('.map')) {
    problems.push(`source map in the package: ${name}`);
  }
  if (/(^|\/)(tests?|demo|bench|e2e|__tests__|coverage)\//i.test(name) || /\.(test|spec|e2e)\.[jt]sx?$/.test(name)) {
    problems.push(`test, demo or benchmark file in the package: ${name}`);
  }
}
for (const js of scripts) {
  const source = text(js);
  if (/[#@]\s*sourceMappingURL=/.test(source)) {
    problems.push(`${js} points to a source map`);
  }
  for (const marker of FOREIGN_CODE_MARKERS) {
    if (source.indexOf(marker) >= 0) {
      problems.push(`${js} holds "${marker}", a marker of test or demo code`);
    }
  }
}

// 7. Every absolute URL in the scripts is allowed, for its reason.
const used = new Map();
for (const js of scripts) {
  for (const [url] of text(js).matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>)\\,]*/g)) {
    const rule = ALLOWED_URLS.find((r) => r.match.test(url));
    if (!rule) {
      problems.push(`foreign URL in ${js}: ${url}`);
    } else {
      used.set(rule.why, (used.get(rule.why) || 0) + 1);
    }
  }
}
report.push(`URLs in scripts: ${[...used.values()].reduce((a, b) => a + b, 0)}, all allowed:`);
for (const [why, count] of used) {
  report.push(`  ${count}× ${why}`);
}

process.stdout.write(`${file}: ${names.length} entries\n${report.map((line) => `  ${line}`).join('\n')}\n`);
if (problems.length > 0) {
  process.stderr.write(`Package check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Package check passed.\n');

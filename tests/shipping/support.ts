/** Shared by the shipping tests: the project's files as the build reads them, and the schemas the packages carry. */
import { readFileSync } from 'fs';
import path from 'path';

export const root = path.resolve(__dirname, '../..');

export function readText(relative: string): string {
  return readFileSync(path.join(root, relative), 'utf8');
}

/** JSON with `//` and block comments (the SPFx component manifests), comments outside strings removed. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          i++;
        }
      }
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out);
}

export function readJson<T>(relative: string): T {
  return parseJsonc(readText(relative)) as T;
}

export interface PackageSolution {
  solution: {
    name: string;
    id: string;
    version: string;
    skipFeatureDeployment: boolean;
    webApiPermissionRequests: Array<{ resource: string; scope: string }>;
    developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string; mpnId: string };
    metadata: {
      shortDescription: { default: string };
      longDescription: { default: string };
      screenshotPaths: string[];
      categories: string[];
    };
  };
  paths: { zippedPackage: string };
}

export interface WebPartManifest {
  id: string;
  alias: string;
  supportedHosts: string[];
  preconfiguredEntries: Array<{ title: { default: string }; description: { default: string } }>;
}

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string; mpnId?: string };
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  configurableTabs?: Array<{ configurationUrl: string; scopes: string[]; canUpdateConfiguration?: boolean }>;
  staticTabs?: Array<{ contentUrl?: string; scopes: string[] }>;
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource: string };
}

export const packageSolution = (): PackageSolution => readJson<PackageSolution>('config/package-solution.json');
export const webPartManifest = (): WebPartManifest =>
  readJson<WebPartManifest>('src/webparts/migrationReadiness/MigrationReadinessWebPart.manifest.json');
export const teamsManifest = (): TeamsManifest => readJson<TeamsManifest>('config/teams-app/manifest.json');

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath?: string; dataPath?: string; message?: string }> | null };

/**
 * The Teams app manifest schema of the manifest's version, from the local copy in @microsoft/app-manifest (no
 * network), compiled the way that package's own validator does: Ajv for draft-04 with the uri/email/regex formats.
 */
export function teamsSchemaValidator(manifestVersion: string): Validate {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const AjvDraft04 = require(require.resolve('ajv-draft-04', { paths: [packageDir] }));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const addFormats = require(require.resolve('ajv-formats', { paths: [packageDir] }));
  const Ajv = AjvDraft04.default ?? AjvDraft04;
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  (addFormats.default ?? addFormats)(ajv, ['uri', 'email', 'regex']);
  const schemaFile = path.join(packageDir, 'build/json-schemas/teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8'))) as Validate;
}

/** SharePoint's package-solution.json schema, the one the SPFx build itself loads (draft-04 style, Ajv 6). */
export function packageSolutionValidator(): Validate {
  const buildWeb = path.dirname(require.resolve('@microsoft/sp-build-web/package.json'));
  const coreTasks = path.dirname(require.resolve('@microsoft/sp-build-core-tasks/package.json', { paths: [buildWeb] }));
  const plugins = path.dirname(require.resolve('@microsoft/spfx-heft-plugins/package.json', { paths: [coreTasks] }));
  const schema = JSON.parse(
    readFileSync(path.join(plugins, 'lib-commonjs/plugins/packageSolutionPlugin/package-solution.schema.json'), 'utf8'),
  );
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Ajv6 = require('ajv');
  return new Ajv6({ allErrors: true, schemaId: 'auto' }).compile(schema) as Validate;
}

export function errorsOf(validate: Validate): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath ?? e.dataPath ?? ''} ${e.message ?? ''}`.trim());
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const match = /^#{1,6}\s+(.*)$/.exec(line);
    if (match && match[1]) {
      anchors.add(match[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
    }
  }
  return anchors;
}

/**
 * `npm start`: the demo preview. Serves the real web part UI with the real adapters, pointed at the tenant simulator.
 * The page is served by the hosting-site origin (as a SharePoint page is) and sets the SharePoint session cookie; the
 * admin host, the my host and Microsoft Graph listen on origins of their own (--single-origin puts everything on one).
 * Options: --scenario <name> | --tenant <file.json> | --users N, --port N (the page's), --latency MS, --single-origin,
 * --no-open. Prints "Demo running at http://localhost:<port>/" when the page is ready.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { generateTenant } from './generate';
import { bundlePreview } from './preview/bundle';
import { loadFixture, SESSION_SET_COOKIE, startSimulator, type OriginsMode, type RunningSimulator, type TenantFixture } from './simulator';

export const DEFAULT_PORT = 4321;
const scenariosDir = path.join(__dirname, 'scenarios');

interface StartOptions {
  scenario?: string;
  tenant?: string;
  users?: number;
  port: number;
  latencyMs?: number;
  /** Default 'distinct'. */
  origins?: OriginsMode;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): StartOptions {
  const options: StartOptions = { port: DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) {
        fail(`${arg} needs a value.`);
      }
      return next;
    };
    switch (arg) {
      case '--scenario':
        options.scenario = value();
        break;
      case '--tenant':
        options.tenant = value();
        break;
      case '--users':
        options.users = Number(value());
        break;
      case '--port':
        options.port = Number(value());
        break;
      case '--latency':
        options.latencyMs = Number(value());
        break;
      case '--single-origin':
        options.origins = 'single';
        break;
      case '--no-open':
        break;
      default:
        fail(`Unknown option ${arg}. Options: --scenario <name>, --tenant <file.json>, --users N, --port N, --latency MS, --single-origin, --no-open.`);
    }
  }
  return options;
}

export function scenarioNames(): string[] {
  return readdirSync(scenariosDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

function chooseFixture(options: StartOptions): { fixture: TenantFixture; label: string } {
  if (options.tenant) {
    return { fixture: loadFixture(path.resolve(options.tenant)), label: path.basename(options.tenant) };
  }
  if (options.users !== undefined) {
    if (!Number.isInteger(options.users) || options.users < 1) {
      fail('--users needs a positive whole number.');
    }
    return { fixture: generateTenant({ users: options.users, unprovisioned: 0.3, seed: 1 }), label: `generated, ${options.users} users` };
  }
  const name = options.scenario ?? 'demo';
  const file = path.join(scenariosDir, `${name}.json`);
  if (!existsSync(file)) {
    fail(`No scenario "${name}". Scenarios: ${scenarioNames().join(', ')}.`);
  }
  return { fixture: loadFixture(file), label: name };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What the page's script reads (demo/preview/main.tsx PreviewConfig). URLs left out mean "on the page's origin". */
export interface PreviewPageConfig {
  scenario: string;
  displayAdminUrl: string;
  token: string;
  graphBaseUrl?: string;
  adminUrl?: string;
}

export function previewHtml(config: PreviewPageConfig): string {
  // The config is JSON inside a script: escape "<" so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Migration Readiness — demo (${escapeHtml(config.scenario)})</title>
<style>body{margin:0;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}</style>
</head>
<body>
<div id="root"></div>
<script>window.FabricConfig = { fontBaseUrl: '', iconBaseUrl: '' }; window.__MR_PREVIEW__ = ${json};</script>
<script src="/preview.js"></script>
</body>
</html>`;
}

/**
 * Serves the preview page and its script; everything else goes to the simulator. The page sets the hosting site's
 * session cookie, as signing in to SharePoint does. `html` may be a function (the URLs are known once listening).
 */
export function previewHandler(html: string | (() => string), script: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (url === '/' || url === '/index.html')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Set-Cookie': SESSION_SET_COOKIE });
      res.end(typeof html === 'string' ? html : html());
      return true;
    }
    if (req.method === 'GET' && url === '/preview.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(script);
      return true;
    }
    if (req.method === 'GET' && url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return true;
    }
    return false;
  };
}

/**
 * The page's HTML for a fixture: the scenario label, the tenant's admin URL (for the PowerShell export) and, when the
 * simulator runs on distinct origins, where Graph and the admin host are.
 */
export function previewHtmlFor(fixture: TenantFixture, label: string, urls?: { graphBaseUrl: string; adminUrl: string }): string {
  return previewHtml({ scenario: label, displayAdminUrl: `https://${fixture.tenant.sharePointHost}-admin.sharepoint.com`, token: 'demo-token', ...urls });
}

export async function startPreview(options: StartOptions): Promise<RunningSimulator> {
  const { fixture, label } = chooseFixture(options);
  const script = await bundlePreview();
  let html = '';
  const running = await startSimulator({
    fixture,
    port: options.port,
    host: '127.0.0.1',
    origins: options.origins ?? 'distinct',
    staticHandler: previewHandler(() => html, script),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
  });
  html = previewHtmlFor(fixture, label, { graphBaseUrl: running.graphBaseUrl, adminUrl: running.spAdminUrl });
  return running;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let running: RunningSimulator;
  try {
    running = await startPreview(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(/EADDRINUSE/.test(message) ? `Port ${options.port} is in use. Choose another with --port N.` : `The demo could not start: ${message}`);
  }
  const port = new URL(running.url).port;
  process.stdout.write(`Demo running at http://localhost:${port}/\n`);
  let closing = false;
  const stop = (): void => {
    if (closing) {
      return;
    }
    closing = true;
    // Never hang on shutdown (a client holding a connection, a bundler service): exit after 3 s whatever happens.
    setTimeout(() => process.exit(0), 3000).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  void main();
}

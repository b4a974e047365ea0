/**
 * `npm run screenshots`: renders the demo preview (demo/start.ts, `npm start`) in Debian's Chromium and writes the
 * README's and the app catalog's pictures to docs/screenshots/:
 *
 *   light.png         the demo tenant, SharePoint's default theme, 1280×800
 *   dark.png          the same in the Teams dark theme (?theme=dark)
 *   contrast.png      the same in the Teams high-contrast theme (?theme=contrast)
 *   teams.png         a Teams tab's size, 1024×768, at the authorization steps
 *   users-100000.png  the unprovisioned-users list of a generated 100,000-user tenant (--users 100000)
 *
 * Each picture gets its own preview on a free port, stopped afterwards. Chromium runs headless with no GPU and no
 * background traffic; the page may only ask the preview's own origins (the tenant simulator), or the run fails.
 * Usage: npm run screenshots [-- --only light,dark] [-- --chromium /usr/bin/chromium]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'docs', 'screenshots');

interface Shot {
  name: string;
  /** Arguments after `npm start --`. */
  demo: string[];
  query: string;
  viewport: { width: number; height: number };
  /** What to show: the top of the page, or a section scrolled to the top of the view. */
  focus: 'top' | 'mr-guide' | 'mr-users';
}

const SHOTS: Shot[] = [
  { name: 'light', demo: ['--scenario', 'demo'], query: '', viewport: { width: 1280, height: 800 }, focus: 'top' },
  { name: 'dark', demo: ['--scenario', 'demo'], query: '?theme=dark', viewport: { width: 1280, height: 800 }, focus: 'top' },
  { name: 'contrast', demo: ['--scenario', 'demo'], query: '?theme=contrast', viewport: { width: 1280, height: 800 }, focus: 'top' },
  { name: 'teams', demo: ['--scenario', 'demo'], query: '', viewport: { width: 1024, height: 768 }, focus: 'mr-guide' },
  { name: 'users-100000', demo: ['--users', '100000'], query: '', viewport: { width: 1280, height: 800 }, focus: 'mr-users' },
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Preview {
  url: string;
  stop(): Promise<void>;
}

/** `npm start -- --port N …` in its own process group; resolves with the URL it prints. */
function startPreview(args: string[], port: number): Promise<Preview> {
  const child: ChildProcess = spawn('npm', ['start', '--silent', '--', '--port', String(port), '--no-open', ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      process.kill(-child.pid, 'SIGTERM');
      setTimeout(() => {
        if (child.exitCode === null && child.pid !== undefined) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }, 10000).unref();
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the demo did not start within 180 s:\n${output}`));
    }, 180000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Demo running at (http:\/\/localhost:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Every check settled and the OneDrive scan done (the unprovisioned count no longer busy), then scrolled. */
async function settle(page: Page, focus: Shot['focus']): Promise<void> {
  await page.waitForFunction(
    () => {
      const checks = Array.from(document.querySelectorAll('[data-check-id]'));
      return checks.length > 0 && checks.every((c) => c.getAttribute('data-status') !== 'running');
    },
    undefined,
    { timeout: 300000, polling: 250 },
  );
  await page.waitForSelector('[data-testid="unprovisioned-count"]:not([aria-busy="true"])', { timeout: 300000 });
  if (focus !== 'top') {
    await page.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'start' }), focus);
  }
  // Let Fluent's transitions and the virtualized list's measuring finish.
  await page.waitForTimeout(750);
}

async function shoot(browser: Browser, shot: Shot): Promise<void> {
  const preview = await startPreview(shot.demo, await freePort());
  try {
    const context = await browser.newContext({ viewport: shot.viewport, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const origin = new URL(preview.url);
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      if (!local && url.protocol !== 'data:' && url.protocol !== 'blob:') {
        foreign.push(request.url());
      }
    });
    await page.goto(`${preview.url}${shot.query}`, { waitUntil: 'load' });
    await settle(page, shot.focus);
    const file = path.join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
    await context.close();
    if (foreign.length > 0) {
      throw new Error(`the page asked hosts other than the preview (${origin.host}): ${foreign.join(', ')}`);
    }
    process.stdout.write(`docs/screenshots/${shot.name}.png  ${shot.viewport.width}×${shot.viewport.height}  ${Math.round(statSync(file).size / 1024)} KB\n`);
  } finally {
    await preview.stop();
  }
}

async function main(): Promise<void> {
  const only = option('--only')?.split(',');
  const shots = only ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS;
  if (shots.length === 0) {
    throw new Error(`no such screenshot; names: ${SHOTS.map((s) => s.name).join(', ')}`);
  }
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: option('--chromium') ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--hide-scrollbars', '--font-render-hinting=none'],
  });
  try {
    for (const shot of shots) {
      await shoot(browser, shot);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

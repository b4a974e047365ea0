import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.join(__dirname, 'artifacts');

/** Debian's Chromium, headless, with its background traffic off (the machine has no network beyond loopback). */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Every request the page makes, to prove it calls nothing but the simulator's origins (page, admin host, my host, Graph). */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    urls.push(request.url());
  });
  return urls;
}

/** Requests to anything but exactly the given origins (compared as origins, not prefixes). */
export function foreignRequests(urls: string[], origins: string | readonly string[]): string[] {
  const allowed = new Set(typeof origins === 'string' ? [origins] : origins);
  return urls.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    try {
      return !allowed.has(new URL(url).origin);
    } catch {
      return true;
    }
  });
}

/** Waits until no check is running and the OneDrive scan has finished. */
export async function waitForChecks(page: Page, timeout = 60000): Promise<void> {
  await page.waitForFunction(
    () => {
      const checks = Array.prototype.slice.call(document.querySelectorAll('[data-check-id]')) as Element[];
      return checks.length === 9 && checks.every((c) => c.getAttribute('data-status') !== 'running');
    },
    undefined,
    { timeout },
  );
}

export async function checkStatuses(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-check-id]', (elements) => {
    const out: Record<string, string> = {};
    for (const element of elements) {
      out[element.getAttribute('data-check-id') as string] = element.getAttribute('data-status') as string;
    }
    return out;
  });
}

interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (from node_modules, injected: no CDN) on the page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

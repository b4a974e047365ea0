/**
 * The demo preview page served with the tenant simulator, like demo/start.ts startPreview, but with a bundle built
 * here: unminified (for CPU profiles with function names) and/or with a PROPOSED product change applied at bundle
 * time (bench/support/proposals.ts) — to measure a proposal without editing src/. The product sources are not touched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { locPlugin } from '../../demo/preview/locPlugin';
import { startSimulator, type RunningSimulator, type TenantFixture } from '../../demo/simulator';
import { previewHtml } from '../../demo/start';
import type { Proposal } from './proposals';

const ROOT = path.resolve(__dirname, '..', '..');

/** Replaces exact snippets in product files as esbuild loads them; fails loudly when a snippet is no longer there. */
function proposalPlugin(proposals: readonly Proposal[]): Plugin {
  const byFile = new Map<string, Proposal[]>();
  for (const p of proposals) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  return {
    name: 'bench-proposals',
    setup(b) {
      for (const [relative, list] of byFile) {
        const file = path.join(ROOT, relative);
        const filter = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        b.onLoad({ filter }, () => {
          let text = readFileSync(file, 'utf8');
          for (const p of list) {
            for (const [from, to] of p.replacements) {
              if (!text.includes(from)) throw new Error(`proposal "${p.name}": ${p.file} no longer contains the snippet it replaces:\n${from}`);
              text = text.replace(from, to);
            }
          }
          return { contents: text, loader: file.endsWith('.tsx') ? 'tsx' : 'ts', resolveDir: path.dirname(file) };
        });
      }
    },
  };
}

export async function bundle(options: { minify: boolean; proposals?: readonly Proposal[] }): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'demo', 'preview', 'main.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: options.minify,
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [proposalPlugin(options.proposals ?? []), locPlugin(ROOT)],
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('The preview bundle is empty.');
  return output.text;
}

/** The running simulator serving the page, and the page's script (to read lines a CPU profile points at). */
export async function startBenchPreview(
  fixture: TenantFixture,
  label: string,
  options: { minify: boolean; proposals?: readonly Proposal[] },
): Promise<RunningSimulator & { script: string }> {
  const script = await bundle(options);
  const html = previewHtml({ scenario: label, displayAdminUrl: `https://${fixture.tenant.sharePointHost}-admin.sharepoint.com`, token: 'demo-token' });
  const sim = await startSimulator({
    fixture,
    port: 0,
    host: '127.0.0.1',
    staticHandler: (req, res) => {
      const url = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && (url === '/' || url === '/index.html')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(html);
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
    },
  });
  return Object.assign(sim, { script });
}

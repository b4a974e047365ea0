/**
 * The demo preview page served with the tenant simulator, like demo/start.ts startPreview, but with a bundle built
 * here: unminified (for CPU profiles with function names) and/or with a PROPOSED product change applied at bundle
 * time (bench/support/proposals.ts) — to measure a proposal without editing src/. The product sources are not touched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { bundlePreview } from '../../demo/preview/bundle';
import { startSimulator, type RunningSimulator, type TenantFixture } from '../../demo/simulator';
import { previewHandler, previewHtmlFor } from '../../demo/start';
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

export function bundle(options: { minify: boolean; proposals?: readonly Proposal[] }): Promise<string> {
  return bundlePreview({ minify: options.minify, plugins: [proposalPlugin(options.proposals ?? [])] });
}

/** The running simulator serving the page, and the page's script (to read lines a CPU profile points at). */
export async function startBenchPreview(
  fixture: TenantFixture,
  label: string,
  options: { minify: boolean; proposals?: readonly Proposal[] },
): Promise<RunningSimulator & { script: string }> {
  const script = await bundle(options);
  const html = previewHtmlFor(fixture, label);
  const sim = await startSimulator({ fixture, port: 0, host: '127.0.0.1', staticHandler: previewHandler(html, script) });
  return Object.assign(sim, { script });
}

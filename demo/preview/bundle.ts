import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { locPlugin } from './locPlugin';

const root = path.resolve(__dirname, '..', '..');

export interface BundleOptions {
  /** Default true; benchmarks profile an unminified bundle. */
  minify?: boolean;
  /** Run before the loc plugin (benchmarks apply proposed source changes this way). */
  plugins?: Plugin[];
}

/** Bundles the preview page's script (the real UI tree and adapters) in memory. */
export async function bundlePreview(options: BundleOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'main.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: options.minify ?? true,
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [...(options.plugins ?? []), locPlugin(root)],
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) {
    throw new Error('The preview bundle is empty.');
  }
  return output.text;
}

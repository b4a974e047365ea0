import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Resolves SPFx loc modules ("AppStrings", …) the way the SPFx build does: config/config.json's localizedResources
 * maps each name to lib/…/{locale}.js, which is src/…/en-us.js before compilation. The AMD file runs as CommonJS.
 */
export function locPlugin(root: string, locale = 'en-us'): Plugin {
  const config = JSON.parse(readFileSync(path.join(root, 'config', 'config.json'), 'utf8')) as { localizedResources: Record<string, string> };
  const files = new Map<string, string>();
  for (const [name, libPath] of Object.entries(config.localizedResources)) {
    files.set(name, path.join(root, libPath.replace(/^lib\//, 'src/').replace('{locale}', locale)));
  }
  return {
    name: 'spfx-loc',
    setup(build) {
      build.onResolve({ filter: /^[A-Za-z]+Strings$/ }, (args) => {
        const file = files.get(args.path);
        return file ? { path: file, namespace: 'spfx-loc' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'spfx-loc' }, (args) => ({
        contents: 'var define = function (deps, factory) { module.exports = factory(); };\n' + readFileSync(args.path, 'utf8'),
        loader: 'js',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

/**
 * Lets Node (tsx) load the product's SPFx localized-string modules ("ProvisioningStrings", …) the way the SPFx build
 * and demo/preview/locPlugin.ts do: config/config.json's localizedResources maps each name to lib/…/{locale}.js, which
 * is src/…/en-us.js before compilation, an AMD `define([], factory)` file. Import this module before any product module.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const config = JSON.parse(readFileSync(path.join(root, 'config', 'config.json'), 'utf8')) as { localizedResources: Record<string, string> };
const files = new Map<string, string>();
for (const [name, libPath] of Object.entries(config.localizedResources)) {
  files.set(name, path.join(root, libPath.replace(/^lib\//, 'src/').replace('{locale}', 'en-us')));
}

function loadAmd(file: string): unknown {
  let exported: unknown;
  const define = (_deps: unknown, factory: () => unknown): void => {
    exported = factory();
  };
  // The file is the product's own resource file: an AMD wrapper around an object literal.
  // eslint-disable-next-line no-new-func
  new Function('define', readFileSync(file, 'utf8'))(define);
  return exported;
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}
const internals = Module as unknown as ModuleInternals;
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
  const file = files.get(request);
  if (file !== undefined) {
    if (!internals._cache[file]) {
      const m = new Module(file);
      m.filename = file;
      m.exports = loadAmd(file);
      m.loaded = true;
      internals._cache[file] = m;
    }
    return file;
  }
  return resolve.call(this, request, parent, ...rest);
};

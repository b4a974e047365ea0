/**
 * What a production build emitted, read from its release folder: the scripts in release/assets, told apart with the
 * component manifest (release/manifests/*.manifest.json) — the entry is the manifest's entry module, the localized
 * strings are its other script resources, every other script is a chunk webpack emitted for a dynamic import().
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export type ScriptKind = 'entry' | 'chunk' | 'strings';

export interface Script {
  file: string;
  kind: ScriptKind;
  /** The chunk's name (webpackChunkName), the strings' resource name, or the bundle's name. */
  name: string;
  raw: number;
  /** gzip at zlib's default level (6, as `gzip` without options). */
  gzip: number;
}

interface LoaderConfig {
  entryModuleId: string;
  scriptResources: Record<string, { type: string; path?: string }>;
}

/**
 * Sorts and labels the scripts of one build (file name → raw bytes, gzip bytes) with its manifest's loaderConfig.
 * `entryText` is the entry script: webpack's chunk loader in it names every chunk's content hash, so a chunk file
 * whose hash it does not name is left from an earlier build (`gulp bundle` does not empty release/) and is skipped,
 * as are entries and strings the manifest does not name.
 */
export function classify(sizes: ReadonlyArray<{ file: string; raw: number; gzip: number }>, loader: LoaderConfig, entryText: string): Script[] {
  const entry = loader.scriptResources[loader.entryModuleId];
  const strings = new Map<string, string>();
  for (const [name, resource] of Object.entries(loader.scriptResources)) {
    if (name !== loader.entryModuleId && resource.type === 'path' && resource.path) {
      strings.set(resource.path, name);
    }
  }
  const scripts: Script[] = [];
  for (const size of sizes) {
    if (entry && size.file === entry.path) {
      scripts.push({ ...size, kind: 'entry', name: loader.entryModuleId });
      continue;
    }
    const resource = strings.get(size.file);
    if (resource !== undefined) {
      scripts.push({ ...size, kind: 'strings', name: resource });
      continue;
    }
    const chunk = /^chunk\.(.+)_([0-9a-f]+)\.js$/.exec(size.file);
    if (chunk && entryText.indexOf(chunk[2] as string) >= 0) {
      scripts.push({ ...size, kind: 'chunk', name: chunk[1] as string });
    }
  }
  const order: Record<ScriptKind, number> = { entry: 0, chunk: 1, strings: 2 };
  return scripts.sort((a, b) => order[a.kind] - order[b.kind] || b.gzip - a.gzip || (a.file < b.file ? -1 : 1));
}

export function gzipSize(bytes: Buffer): number {
  return zlib.gzipSync(bytes).length;
}

/** The scripts of the build in `root` (its release/assets and release/manifests). */
export function measureRelease(root: string): Script[] {
  const assets = path.join(root, 'release', 'assets');
  const manifests = path.join(root, 'release', 'manifests');
  const manifestFiles = fs.existsSync(manifests) ? fs.readdirSync(manifests).filter((f) => f.endsWith('.manifest.json')) : [];
  if (manifestFiles.length !== 1) {
    throw new Error(`${manifests}: expected one component manifest, found ${manifestFiles.length} (run the production build first)`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(manifests, manifestFiles[0] as string), 'utf8')) as { loaderConfig: LoaderConfig };
  const sizes = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(assets, file));
      return { file, raw: bytes.length, gzip: gzipSize(bytes) };
    });
  const entry = manifest.loaderConfig.scriptResources[manifest.loaderConfig.entryModuleId];
  const entryText = entry && entry.path && fs.existsSync(path.join(assets, entry.path)) ? fs.readFileSync(path.join(assets, entry.path), 'utf8') : '';
  return classify(sizes, manifest.loaderConfig, entryText);
}

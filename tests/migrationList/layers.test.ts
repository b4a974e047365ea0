/** @jest-environment node */
/**
 * Where the two new folders sit in the layer direction (README, "How the code is laid out"): src/migrationList between
 * provisioning and app (its port is implemented in src/tenant, the controller holds its session), src/report between
 * app and ui. eslint-rules/layers.js knows the older layers only, so this test holds the new ones to the direction:
 *   common ← readiness ← provisioning ← migrationList ← app ← report ← ui
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', 'src');

const ALLOWED: Record<string, string[]> = {
  migrationList: ['common', 'readiness', 'provisioning', 'migrationList'],
  report: ['common', 'readiness', 'provisioning', 'migrationList', 'app', 'report'],
};
/** Layers below migrationList / report: they must import neither. */
const BELOW: Record<string, string[]> = {
  common: ['migrationList', 'report'],
  readiness: ['migrationList', 'report'],
  provisioning: ['migrationList', 'report'],
  app: ['report'],
  tenant: ['report'],
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function importedLayers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const layers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
    const target = path.relative(SRC, path.resolve(path.dirname(file), match[1] as string));
    layers.push(target.split(path.sep)[0] as string);
  }
  return layers;
}

describe('layer direction of src/migrationList and src/report', () => {
  it.each(Object.keys(ALLOWED))('%s imports only the layers below it', (layer) => {
    const wrong: string[] = [];
    for (const file of files(path.join(SRC, layer))) {
      for (const to of importedLayers(file)) {
        if ((ALLOWED[layer] as string[]).indexOf(to) < 0) wrong.push(`${path.relative(SRC, file)} → ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(Object.keys(BELOW))('%s does not import them', (layer) => {
    const wrong: string[] = [];
    for (const file of files(path.join(SRC, layer))) {
      for (const to of importedLayers(file)) {
        if ((BELOW[layer] as string[]).indexOf(to) >= 0) wrong.push(`${path.relative(SRC, file)} → ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

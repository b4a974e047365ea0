/**
 * local rule "no-cycle": no module of src/ may reach itself through relative imports (type-only imports count: a
 * cycle of types is still two modules that cannot be understood apart). Like eslint-plugin-import's no-cycle, without
 * the dependency: imports are read with TypeScript's own pre-processor and cached per lint run.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
const importsCache = new Map();

function resolve(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function importsOf(file) {
  let list = importsCache.get(file);
  if (list === undefined) {
    list = [];
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      text = '';
    }
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      if (ref.fileName.startsWith('.')) {
        const target = resolve(file, ref.fileName);
        if (target) {
          list.push(target);
        }
      }
    }
    importsCache.set(file, list);
  }
  return list;
}

/** A path of modules from `start` back to `goal`, or undefined. */
function pathBack(start, goal) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, trail] = stack.pop();
    if (file === goal) {
      return trail;
    }
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    for (const next of importsOf(file)) {
      stack.push([next, trail.concat([next])]);
    }
  }
  return undefined;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles between modules of src/.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{trail}}.' },
  },
  create(context) {
    const file = path.resolve(context.getFilename());
    // Each lint run reads files as they are on disk now.
    importsCache.delete(file);
    function check(source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) {
        return;
      }
      const target = resolve(file, source.value);
      if (!target || target === file) {
        return;
      }
      const trail = pathBack(target, file);
      if (trail) {
        const root = process.cwd();
        const names = [file].concat(trail).map((f) => path.relative(root, f));
        context.report({ node: source, messageId: 'cycle', data: { trail: names.join(' → ') } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

/**
 * local rule "layers": the dependency direction of src/ (README, "How the code is laid out").
 * Each top folder of src/ is a layer; a file may import only from the layers listed for its own.
 * Runs in `npm run lint` through ESLint's --rulesdir; tests/structure proves it fires on a planted violation.
 */
'use strict';
const path = require('path');

/** Which layers each layer may import from (its own included). */
const ALLOWED = {
  common: ['common'],
  readiness: ['common', 'readiness'],
  provisioning: ['common', 'readiness', 'provisioning'],
  migrationList: ['common', 'readiness', 'provisioning', 'migrationList'],
  app: ['common', 'readiness', 'provisioning', 'migrationList', 'app'],
  report: ['common', 'readiness', 'provisioning', 'migrationList', 'app', 'report'],
  tenant: ['common', 'readiness', 'provisioning', 'migrationList', 'app', 'tenant'],
  ui: ['common', 'readiness', 'provisioning', 'migrationList', 'app', 'report', 'ui'],
  // The composition root (the web part class) may use every layer.
  webparts: ['common', 'readiness', 'provisioning', 'migrationList', 'app', 'report', 'tenant', 'ui', 'webparts'],
};

function layerOf(file, srcRoot) {
  const relative = path.relative(srcRoot, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return undefined;
  }
  const first = relative.split(path.sep)[0];
  return Object.prototype.hasOwnProperty.call(ALLOWED, first) ? first : undefined;
}

function srcRootOf(file) {
  const parts = path.resolve(file).split(path.sep);
  const index = parts.lastIndexOf('src');
  return index < 0 ? undefined : parts.slice(0, index + 1).join(path.sep);
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports in src/ follow the layer direction (readiness imports no adapter, ui imports no adapter, …).' },
    schema: [],
    messages: {
      forbidden: "Layer '{{from}}' must not import from layer '{{to}}' ({{spec}}). Allowed: {{allowed}}.",
    },
  },
  create(context) {
    const file = context.getFilename();
    const srcRoot = srcRootOf(file);
    if (!srcRoot) {
      return {};
    }
    const from = layerOf(file, srcRoot);
    if (!from) {
      return {};
    }
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) {
        return;
      }
      const target = path.resolve(path.dirname(file), source.value);
      const to = layerOf(target, srcRoot);
      if (to && ALLOWED[from].indexOf(to) < 0) {
        context.report({ node: source, messageId: 'forbidden', data: { from, to, spec: source.value, allowed: ALLOWED[from].join(', ') } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
  ALLOWED,
};

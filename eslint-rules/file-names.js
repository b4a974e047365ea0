/**
 * local rule "file-names": one naming rule for src/ (README, "How the code is laid out").
 * - React components (.tsx): PascalCase, named after the component (App.tsx, CheckCard.tsx).
 * - Checks (src/readiness/checks/*.ts): the check's id in kebab-case (admin-role.ts), the contract's spelling; index.ts.
 * - The web part class (src/webparts/**): PascalCase as SPFx names it (MigrationReadinessWebPart.ts).
 * - Every other module (.ts): camelCase (gatherFacts.ts, retryPolicy.ts); generated data ends in `.generated.ts`.
 * Declaration files (.d.ts) are left as their tools name them.
 */
'use strict';
const path = require('path');

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function expectation(file) {
  const normalized = file.split(path.sep).join('/');
  const base = path.basename(file);
  if (base.endsWith('.d.ts') || normalized.indexOf('/src/') < 0) {
    return undefined;
  }
  if (base.endsWith('.tsx')) {
    const name = base.slice(0, -4);
    return PASCAL.test(name) ? undefined : 'a React component file is named in PascalCase (CheckCard.tsx)';
  }
  if (!base.endsWith('.ts')) {
    return undefined;
  }
  const name = base.slice(0, -3).replace(/\.generated$/, '');
  if (/\/src\/readiness\/checks\/[^/]+$/.test(normalized)) {
    return KEBAB.test(name) ? undefined : 'a check file is named by its check id in kebab-case (admin-role.ts)';
  }
  if (/\/src\/webparts\//.test(normalized) && PASCAL.test(name)) {
    return undefined;
  }
  return CAMEL.test(name) ? undefined : 'a module is named in camelCase (gatherFacts.ts)';
}

module.exports = {
  meta: {
    type: 'suggestion',
    docs: { description: 'One naming rule for the files of src/.' },
    schema: [],
    messages: { name: "'{{file}}': {{rule}}." },
  },
  create(context) {
    return {
      Program(node) {
        const file = context.getFilename();
        const rule = expectation(file);
        if (rule) {
          context.report({ node, messageId: 'name', data: { file: path.basename(file), rule } });
        }
      },
    };
  },
  expectation,
};

/**
 * What the entry chunk holds, read off the source: every module the web part reaches through static imports (type-only
 * imports left out, as TypeScript erases them) is in the entry chunk; what it reaches only through a dynamic import()
 * is emitted as another chunk. The heavy parts must stay on the far side of an import(): the users list and its
 * DetailsList, the CSV / PowerShell builders, the migration list and the report (their UI; the migration list's
 * domain is held by the controller, below). `npm run bench:bundle` measures the chunks themselves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'src', 'webparts', 'migrationReadiness', 'MigrationReadinessWebPart.ts');

interface Graph {
  /** Source files reached through static value imports (absolute paths). */
  files: Set<string>;
  /** Package imports of those files (e.g. '@fluentui/react/lib/DetailsList'). */
  packages: Set<string>;
  /** Relative specifiers of dynamic import() found in those files, by the file that holds them. */
  dynamic: Array<{ from: string; specifier: string; chunkName: string | undefined }>;
}

function resolveSource(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base + '.ts', base + '.tsx', path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** True when the import brings in no value at run time (`import type`, or only `type` specifiers). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) {
      return false; // import './side-effect'
    }
    if (clause.isTypeOnly) {
      return true;
    }
    if (clause.name) {
      return false;
    }
    const bindings = clause.namedBindings;
    if (!bindings || ts.isNamespaceImport(bindings)) {
      return false;
    }
    return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
  }
  if (node.isTypeOnly) {
    return true;
  }
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

/** The webpackChunkName in the comment between `import(` and the specifier. */
function chunkNameOf(node: ts.CallExpression, argument: ts.Expression): string | undefined {
  const between = node.getSourceFile().text.slice(node.getStart(), argument.getStart());
  const match = /\/\*\s*webpackChunkName:\s*["']([^"']+)["']\s*\*\//.exec(between);
  return match ? match[1] : undefined;
}

function staticGraph(entry: string): Graph {
  const graph: Graph = { files: new Set(), packages: new Set(), dynamic: [] };
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (graph.files.has(file)) {
      continue;
    }
    graph.files.add(file);
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2019, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const follow = (specifier: string): void => {
      if (specifier.startsWith('.')) {
        const resolved = resolveSource(file, specifier);
        if (resolved) {
          queue.push(resolved);
        }
      } else {
        graph.packages.add(specifier);
      }
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!typeOnly(node)) {
          follow(node.moduleSpecifier.text);
        }
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const argument = node.arguments[0];
        if (argument && ts.isStringLiteral(argument)) {
          graph.dynamic.push({ from: file, specifier: argument.text, chunkName: chunkNameOf(node, argument) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return graph;
}

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

const graph = staticGraph(ENTRY);
const entryFiles = Array.from(graph.files).map(relative).sort();

describe('the entry chunk (static imports from the web part)', () => {
  test('holds the readiness pane: the web part, App, the checks, the guide, the summary and the controller', () => {
    for (const file of [
      'src/webparts/migrationReadiness/MigrationReadinessWebPart.ts',
      'src/ui/App.tsx',
      'src/ui/readiness/ChecksSection.tsx',
      'src/ui/readiness/Summary.tsx',
      'src/ui/readiness/AuthorizationGuide.tsx',
      'src/readiness/checks/index.ts',
      'src/app/controller.ts',
      'src/ui/lazy/LazyPart.tsx',
      'src/common/licensing/catalogue.generated.ts',
    ]) {
      expect(entryFiles).toContain(file);
    }
    // The SKU display names are a chunk of their own (src/common/licensing/index.ts); the connection report and the
    // troubleshooting cases come with the sections chunk (src/ui/lazy/LazyDiagnostics.tsx).
    for (const file of ['src/common/licensing/skuNames.generated.ts', 'src/ui/ConnectionReport.tsx', 'src/app/connectionReport.ts', 'src/readiness/troubleshooting.ts', 'src/ui/readiness/Troubleshooting.tsx']) {
      expect(entryFiles).not.toContain(file);
    }
  });

  test('holds none of the users list, the migration list or the report (their UI loads through src/ui/lazy)', () => {
    const ui = entryFiles.filter((file) => /^src\/ui\/(users|migrationList|report)\//.test(file) || file.startsWith('src/report/'));
    // A file listed here is imported statically from the pane: load its section through src/ui/lazy (docs/bundle.md).
    expect(ui).toEqual([]);
  });

  test('holds none of the exports (CSV / PowerShell builders of the users list and the migration list)', () => {
    const exportsInEntry = entryFiles.filter((file) =>
      ['src/provisioning/csv.ts', 'src/provisioning/powershell.ts', 'src/ui/users/exports.ts', 'src/migrationList/exports.ts'].includes(file),
    );
    expect(exportsInEntry).toEqual([]);
  });

  test('holds of the migration list domain only what the controller constructs at start (known, docs/bundle.md)', () => {
    // src/app/controller.ts builds MigrationListSession in its constructor, so the session and what it imports (the
    // file decoding, CSV parsing and resolution, ≈ 5 KB gzip) are in the entry chunk. They leave it when the
    // controller loads the session with import(); until then no other migration-list module may join them.
    const heldByController = [
      'src/migrationList/address.ts',
      'src/migrationList/columns.ts',
      'src/migrationList/csvParse.ts',
      'src/migrationList/decode.ts',
      'src/migrationList/domains.ts',
      'src/migrationList/lookup.ts',
      'src/migrationList/resolve.ts',
      'src/migrationList/session.ts',
      'src/migrationList/slices.ts',
      'src/migrationList/types.ts',
    ];
    const domain = entryFiles.filter((file) => file.startsWith('src/migrationList/'));
    expect(domain.filter((file) => !heldByController.includes(file))).toEqual([]);
  });

  test("holds none of Fluent's list, dropdown, dialog, search box or progress bar (they come with the sections chunk)", () => {
    const fluent = Array.from(graph.packages).filter((name) =>
      /^@fluentui\/react\/lib\/(DetailsList|GroupedList|List|Dropdown|Dialog|Modal|Panel|SearchBox|ProgressIndicator|ContextualMenu)$/.test(name),
    );
    expect(fluent).toEqual([]);
  });

  test('every dynamic import() it makes names its chunk: the sections (users list, migration list, report) and the SKU names', () => {
    expect(graph.dynamic.length).toBeGreaterThan(0);
    for (const entry of graph.dynamic) {
      expect({ from: relative(entry.from), specifier: entry.specifier, named: entry.chunkName !== undefined }).toEqual({
        from: relative(entry.from),
        specifier: entry.specifier,
        named: true,
      });
    }
    const named = graph.dynamic.map((entry) => `${entry.chunkName} <- ${entry.specifier}`);
    expect(named).toContain('sections <- ../users/UnprovisionedUsersPanel');
    expect(named).toContain('sections <- ../migrationList/MigrationListSection');
    expect(named).toContain('sections <- ./ReportSection');
    expect(named).toContain('sections <- ./DiagnosticsSections');
    expect(named).toContain('sku-names <- ./skuNames.generated');
  });
});

/**
 * The lint rules that hold the structure (eslint-rules/): each one fires on a planted violation and stays quiet on
 * the real tree. The planted files live in a temporary src/ tree so the real one is never touched.
 * @jest-environment node
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');
const rulePaths = [path.join(root, 'eslint-rules')];

function linter(cwd: string): ESLint {
  // ESLint 8's eslintrc options (the installed @types describe ESLint 9's flat config, hence the cast).
  const options: Record<string, unknown> = {
    cwd,
    useEslintrc: false,
    rulePaths,
    overrideConfig: {
      parser: require.resolve('@typescript-eslint/parser'),
      parserOptions: { ecmaVersion: 2020, sourceType: 'module', ecmaFeatures: { jsx: true } },
      rules: { layers: 'error', 'no-cycle': 'error', 'file-names': 'error' },
    },
  };
  return new ESLint(options as never);
}

describe('structure rules', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mr-structure-'));
    const files: Record<string, string> = {
      'src/common/outcome.ts': 'export type Outcome = { ok: boolean };\n',
      'src/tenant/adapter.ts': "import type { Outcome } from '../common/outcome';\nexport const read = (): Outcome => ({ ok: true });\n",
      // readiness → tenant: forbidden
      'src/readiness/leak.ts': "import { read } from '../tenant/adapter';\nexport const x = read();\n",
      // ui → tenant: forbidden; ui → readiness: allowed
      'src/ui/Pane.tsx': "import { read } from '../tenant/adapter';\nimport { y } from '../readiness/ok';\nexport const Pane = (): unknown => [read(), y];\n",
      'src/readiness/ok.ts': "import type { Outcome } from '../common/outcome';\nexport const y: Outcome = { ok: true };\n",
      // a cycle of two
      'src/provisioning/a.ts': "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
      'src/provisioning/b.ts': "import { a } from './a';\nexport const b = (): number => (a ? 1 : 0);\n",
      // naming
      'src/app/Bad_name.ts': 'export const z = 1;\n',
      'src/readiness/checks/adminRole.ts': 'export const c = 1;\n',
      'src/ui/pane.tsx': 'export const p = 1;\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function messages(relative: string): Promise<string[]> {
    const [result] = await linter(dir).lintFiles([path.join(dir, relative)]);
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  }

  it('fails an import from readiness into an adapter', async () => {
    expect(await messages('src/readiness/leak.ts')).toEqual([expect.stringMatching(/^layers: Layer 'readiness' must not import from layer 'tenant'/)]);
  });

  it('fails a ui import of an adapter, and lets ui read the domain', async () => {
    const found = await messages('src/ui/Pane.tsx');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^layers: Layer 'ui' must not import from layer 'tenant'/);
  });

  it('fails an import cycle on both of its ends', async () => {
    expect(await messages('src/provisioning/a.ts')).toEqual([expect.stringMatching(/^no-cycle: Import cycle: .*a\.ts → .*b\.ts → .*a\.ts/)]);
    expect(await messages('src/provisioning/b.ts')).toEqual([expect.stringMatching(/^no-cycle: /)]);
  });

  it('fails file names that break the one naming rule', async () => {
    expect(await messages('src/app/Bad_name.ts')).toEqual([expect.stringMatching(/^file-names: .*camelCase/)]);
    expect(await messages('src/readiness/checks/adminRole.ts')).toEqual([expect.stringMatching(/^file-names: .*kebab-case/)]);
    expect(await messages('src/ui/pane.tsx')).toEqual([expect.stringMatching(/^file-names: .*PascalCase/)]);
  });

  it('passes allowed imports and good names', async () => {
    expect(await messages('src/tenant/adapter.ts')).toEqual([]);
    expect(await messages('src/readiness/ok.ts')).toEqual([]);
  });

  it('holds on the real tree: no cycle, no forbidden direction, no bad name in src/', async () => {
    const results = await linter(root).lintFiles([path.join(root, 'src/**/*.ts'), path.join(root, 'src/**/*.tsx')]);
    const ours = ['layers', 'no-cycle', 'file-names'];
    // Only our three rules run here (the full config runs in `npm run lint`); other rules' disable comments are ignored.
    const problems = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId !== null && ours.indexOf(m.ruleId) >= 0).map((m) => `${path.relative(root, r.filePath)}: ${m.ruleId}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 60000);
});

/**
 * The Fluent UI trims of the production build (gulpfile.js, FLUENT_TRIMS): BaseButton gets TrimmedContextualMenu for
 * ContextualMenu, DetailsList gets TrimmedGroupedList for GroupedList. They are right only while the pane opens no
 * menu and groups no list, and only while Fluent imports them the way the build expects — these tests hold both, so a
 * Fluent UI update or a new button with a menu fails here and not in a tenant.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as React from 'react';
import { render } from '@testing-library/react';

const ROOT = path.resolve(__dirname, '..', '..');
const gulpfile = fs.readFileSync(path.join(ROOT, 'gulpfile.js'), 'utf8');

interface Trim {
  importer: RegExp;
  request: string;
  replacement: string;
}

/** FLUENT_TRIMS as gulpfile.js declares it (the text between its fluent-trims markers, evaluated). */
function trims(): Trim[] {
  const match = /\/\/ fluent-trims:start\n([\s\S]*?)\/\/ fluent-trims:end/.exec(gulpfile);
  if (!match) {
    throw new Error('gulpfile.js has no fluent-trims block');
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const evaluate = new Function('path', '__dirname', `${match[1] as string}\nreturn FLUENT_TRIMS;`) as (p: typeof path, dir: string) => Trim[];
  return evaluate(path, ROOT);
}

function fluentFile(...parts: string[]): string {
  return fs.realpathSync(path.join(ROOT, 'node_modules', '@fluentui', 'react', 'lib', 'components', ...parts));
}

/** Every .ts / .tsx file of src/, with its text. */
function sources(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({ file: path.relative(ROOT, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  return out;
}

describe('the build matches the installed Fluent UI', () => {
  test('two trims: ContextualMenu for BaseButton, GroupedList for DetailsList', () => {
    expect(trims().map((t) => t.request)).toEqual(['../../ContextualMenu', '../../GroupedList']);
  });

  test.each([
    ['Button', 'BaseButton.js', 'ContextualMenu', '../../ContextualMenu'],
    ['DetailsList', 'DetailsList.base.js', 'GroupedList', '../../GroupedList'],
  ])('%s/%s imports { %s } from %s, once, and the trim matches that file', (folder, file, name, request) => {
    const importer = fluentFile(folder, file);
    const text = fs.readFileSync(importer, 'utf8');
    const imports = Array.from(text.matchAll(new RegExp(`import \\{ ${name} \\} from '([^']+)';`, 'g'))).map((m) => m[1]);
    expect(imports).toEqual([request]);
    const trim = trims().find((t) => t.request === request) as Trim;
    expect(trim.importer.test(importer)).toBe(true);
    // …and no other importer of the same request (the rest of Fluent keeps the real component).
    expect(trim.importer.test(fluentFile('DetailsList', 'DetailsHeader.base.js'))).toBe(false);
  });

  test('each replacement is the compiled module of a src/ui/lazy file exporting the name the importer uses', async () => {
    for (const [request, name] of [
      ['../../ContextualMenu', 'ContextualMenu'],
      ['../../GroupedList', 'GroupedList'],
    ] as const) {
      const trim = trims().find((t) => t.request === request) as Trim;
      const relative = path.relative(path.join(ROOT, 'lib'), trim.replacement).replace(/\.js$/, '.tsx');
      const source = path.join(ROOT, 'src', relative);
      expect(fs.existsSync(source)).toBe(true);
      const module = (await import(source)) as Record<string, unknown>;
      expect(typeof module[name]).toBe('function');
    }
  });
});

describe('the pane opens no menu and groups no list (what the trims leave out)', () => {
  const files = sources().filter((s) => !s.file.startsWith('src/ui/lazy/Trimmed'));

  test('no button is given a menu (menuProps, menuAs, split, onRenderMenu) and nothing imports ContextualMenu or CommandBar', () => {
    const offenders = files
      .filter((s) => /\bmenuProps\b|\bmenuAs\b|\bonRenderMenu\b|\bsplit\s*=|@fluentui\/react\/lib\/(ContextualMenu|CommandBar|OverflowSet)\b/.test(s.text))
      .map((s) => s.file);
    // A file here needs Fluent's ContextualMenu: remove its trim from gulpfile.js (and accept ~10 KB gzip more).
    expect(offenders).toEqual([]);
  });

  test('no DetailsList is given groups, and nothing imports GroupedList', () => {
    const offenders = files
      .filter((s) => /@fluentui\/react\/lib\/GroupedList\b/.test(s.text) || (/@fluentui\/react\/lib\/DetailsList\b/.test(s.text) && /\bgroups\s*[=:]|\bgroupProps\b/.test(s.text)))
      .map((s) => s.file);
    // A file here needs Fluent's GroupedList: remove its trim from gulpfile.js (and accept ~6 KB gzip more).
    expect(offenders).toEqual([]);
  });
});

describe('the trimmed components, should one be reached anyway', () => {
  test.each([
    ['TrimmedContextualMenu', 'ContextualMenu', /leaves out Fluent UI's ContextualMenu/],
    ['TrimmedGroupedList', 'GroupedList', /leaves out Fluent UI's GroupedList/],
  ])('%s renders nothing and says why in the console, once', async (file, name, message) => {
    const module = (await import(`../../src/ui/lazy/${file}`)) as Record<string, () => JSX.Element>;
    const Component = module[name] as () => JSX.Element;
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const first = render(<div data-testid="host"><Component /></div>);
      expect(first.getByTestId('host').innerHTML).toBe('');
      render(<Component />);
      expect(consoleError).toHaveBeenCalledTimes(1);
      expect(String(consoleError.mock.calls[0]?.[0])).toMatch(message);
    } finally {
      consoleError.mockRestore();
    }
  });
});

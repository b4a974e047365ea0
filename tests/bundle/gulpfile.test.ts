/**
 * The production build hands Fluent's BaseButton src/ui/lazy/LazyContextualMenu instead of its static ContextualMenu
 * import (gulpfile.js). The replacement matches by path and import text: if a Fluent UI update moved BaseButton or
 * changed that import, the menu would silently return to the entry chunk — these tests fail first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const gulpfile = fs.readFileSync(path.join(ROOT, 'gulpfile.js'), 'utf8');

function regexConstant(name: string): RegExp {
  const match = new RegExp(`const ${name} = /(.+)/;`).exec(gulpfile);
  if (!match) {
    throw new Error(`gulpfile.js has no regular expression ${name}`);
  }
  return new RegExp(match[1] as string);
}

function requestPattern(): RegExp {
  const match = /new compiler\.webpack\.NormalModuleReplacementPlugin\(\/(.+?)\/,/.exec(gulpfile);
  if (!match) {
    throw new Error('gulpfile.js has no NormalModuleReplacementPlugin');
  }
  return new RegExp(match[1] as string);
}

describe('the ContextualMenu replacement in gulpfile.js', () => {
  const baseButton = fs.realpathSync(path.join(ROOT, 'node_modules', '@fluentui', 'react', 'lib', 'components', 'Button', 'BaseButton.js'));
  const source = fs.readFileSync(baseButton, 'utf8');
  const imports = Array.from(source.matchAll(/import \{ ContextualMenu \} from '([^']+)';/g)).map((m) => m[1] as string);

  test('matches the installed Fluent UI BaseButton and the one import it replaces', () => {
    expect(regexConstant('FLUENT_BASE_BUTTON').test(baseButton)).toBe(true);
    expect(imports).toEqual(['../../ContextualMenu']);
    expect(requestPattern().test(imports[0] as string)).toBe(true);
  });

  test('leaves every other importer of ContextualMenu alone (the lazy module itself loads the real one)', () => {
    const lazy = path.join(ROOT, 'lib', 'ui', 'lazy', 'LazyContextualMenu.js');
    expect(regexConstant('FLUENT_BASE_BUTTON').test(lazy)).toBe(false);
    expect(requestPattern().test('@fluentui/react/lib/ContextualMenu')).toBe(false);
  });

  test('points at the compiled LazyContextualMenu, which exports what BaseButton uses', async () => {
    expect(gulpfile).toContain("path.join(__dirname, 'lib', 'ui', 'lazy', 'LazyContextualMenu.js')");
    expect(fs.existsSync(path.join(ROOT, 'src', 'ui', 'lazy', 'LazyContextualMenu.tsx'))).toBe(true);
    const lazy = await import('../../src/ui/lazy/LazyContextualMenu');
    expect(typeof lazy.ContextualMenu).toBe('function');
  });
});

/**
 * `npm run bench:bundle`'s reading of a build and what it prints (bench/bundle/): the entry, the chunks webpack
 * emitted and the localized strings told apart by the component manifest, chunks left from an earlier build skipped,
 * totals and budgets; and the hello world it builds for comparison.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HELLO_BUNDLE, helloWorldFiles } from '../../bench/bundle/helloWorld';
import { classify, measureRelease } from '../../bench/bundle/measure';
import { buildLines, summaryLine, totals, withinBudget } from '../../bench/bundle/report';

const KB = 1024;
const loader = {
  entryModuleId: 'migration-readiness-web-part',
  scriptResources: {
    'migration-readiness-web-part': { type: 'path', path: 'migration-readiness-web-part_1111.js' },
    react: { type: 'component' },
    AppStrings: { type: 'path', path: 'AppStrings_en-us_2222.js' },
  },
};
const entryText = 'var c={811:"sections",885:"sku-names"},h={811:"aaaa",885:"bbbb"};';

function sizes(list: Array<[string, number, number]>): Array<{ file: string; raw: number; gzip: number }> {
  return list.map(([file, raw, gzip]) => ({ file, raw: raw * KB, gzip: gzip * KB }));
}

describe('reading a build', () => {
  const scripts = classify(
    sizes([
      ['AppStrings_en-us_2222.js', 5, 2],
      ['chunk.sku-names_bbbb.js', 18, 7],
      ['chunk.sections_aaaa.js', 320, 92],
      ['chunk.users_0ld0.js', 200, 55], // from an earlier build: its hash is not in the entry
      ['migration-readiness-web-part_1111.js', 318, 97],
      ['migration-readiness-web-part_0ld1.js', 400, 120], // an earlier entry, not the manifest's
      ['AppStrings_en-us_0ld2.js', 5, 2], // earlier strings, not the manifest's
    ]),
    loader,
    entryText,
  );

  test('the entry, then the chunks by size, then the strings; files of earlier builds left out', () => {
    expect(scripts.map((s) => `${s.kind} ${s.name}`)).toEqual(['entry migration-readiness-web-part', 'chunk sections', 'chunk sku-names', 'strings AppStrings']);
  });

  test('totals: entry + chunks, first paint (entry + strings), everything', () => {
    const t = totals(scripts);
    expect(t.scripts.gzip).toBe((97 + 92 + 7) * KB);
    expect(t.firstPaint.gzip).toBe((97 + 2) * KB);
    expect(t.all.gzip).toBe((97 + 92 + 7 + 2) * KB);
    expect(withinBudget(scripts)).toBe(true);
  });

  test('prints each script with raw and gzip sizes and the budgets', () => {
    const lines = buildLines('migration-readiness (this project)', scripts, true);
    expect(lines[2]).toMatch(/^ {2}entry chunk {2}migration-readiness-web-part +318\.0 KB +97\.0 KB {2}within the 100\.0 KB gzip budget$/);
    expect(lines[3]).toMatch(/^ {2}chunk {8}sections +320\.0 KB +92\.0 KB {2}on demand \(chunk\.sections_aaaa\.js\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}total {8}entry \+ 2 chunks +656\.0 KB +196\.0 KB {2}within the 200\.0 KB gzip budget$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}first paint {2}entry \+ strings +323\.0 KB +99\.0 KB$/));
    expect(summaryLine(scripts, undefined)).toBe('bundle: entry 97.0 KB gzip (budget 100.0 KB), entry + chunks 196.0 KB gzip (budget 200.0 KB): within budget');
  });

  test('says OVER when a budget is exceeded, and compares the entry with the hello world', () => {
    const heavy = classify(sizes([['migration-readiness-web-part_1111.js', 400, 120], ['chunk.sections_aaaa.js', 320, 92]]), loader, entryText);
    const hello = classify(sizes([['hello-world-web-part_3333.js', 9, 3]]), { entryModuleId: HELLO_BUNDLE, scriptResources: { [HELLO_BUNDLE]: { type: 'path', path: 'hello-world-web-part_3333.js' } } }, '');
    expect(withinBudget(heavy)).toBe(false);
    expect(buildLines('x', heavy, true)[2]).toContain('OVER the 100.0 KB gzip budget');
    expect(summaryLine(heavy, hello)).toBe('bundle: entry 120.0 KB gzip (budget 100.0 KB), entry + chunks 212.0 KB gzip (budget 200.0 KB), hello world 3.0 KB gzip (entry 40.0x): OVER BUDGET');
  });

  test('measureRelease reads release/assets with the component manifest and gzips each script', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-bench-release-'));
    try {
      fs.mkdirSync(path.join(dir, 'release', 'assets'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'release', 'manifests'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'release', 'manifests', 'x.manifest.json'), JSON.stringify({ loaderConfig: loader }));
      fs.writeFileSync(path.join(dir, 'release', 'assets', 'migration-readiness-web-part_1111.js'), entryText + 'x'.repeat(5000));
      fs.writeFileSync(path.join(dir, 'release', 'assets', 'chunk.sections_aaaa.js'), 'y'.repeat(3000));
      fs.writeFileSync(path.join(dir, 'release', 'assets', 'AppStrings_en-us_2222.js'), 'define([],function(){return{}});');
      fs.writeFileSync(path.join(dir, 'release', 'assets', 'migration-readiness-web-part_1111.js.LICENSE.txt'), 'MIT');
      const scripts = measureRelease(dir);
      expect(scripts.map((s) => [s.kind, s.name, s.raw])).toEqual([
        ['entry', 'migration-readiness-web-part', entryText.length + 5000],
        ['chunk', 'sections', 3000],
        ['strings', 'AppStrings', 32],
      ]);
      expect((scripts[1] as { gzip: number }).gzip).toBeLessThan(100);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the hello world', () => {
  const files = helloWorldFiles({ spfx: '1.23.2', react: '17.0.1', fluent: '8.125.0', tslib: '2.3.1' });

  test("is the generator's React web part: component, props, SCSS module, web part class, loc strings, manifest", () => {
    expect(Object.keys(files).filter((f) => f.startsWith('src/')).sort()).toEqual([
      'src/index.ts',
      'src/webparts/helloWorld/HelloWorldWebPart.manifest.json',
      'src/webparts/helloWorld/HelloWorldWebPart.ts',
      'src/webparts/helloWorld/components/HelloWorld.module.scss',
      'src/webparts/helloWorld/components/HelloWorld.tsx',
      'src/webparts/helloWorld/components/IHelloWorldProps.ts',
      'src/webparts/helloWorld/loc/en-us.js',
      'src/webparts/helloWorld/loc/mystrings.d.ts',
    ]);
    expect(files['src/webparts/helloWorld/HelloWorldWebPart.ts']).toContain('extends BaseClientSideWebPart<IHelloWorldWebPartProps>');
  });

  test('builds one bundle whose entry and strings the config names, on the installed SPFx packages', () => {
    const config = JSON.parse(files['config/config.json'] as string) as { bundles: Record<string, { components: Array<{ entrypoint: string; manifest: string }> }>; localizedResources: Record<string, string> };
    expect(Object.keys(config.bundles)).toEqual([HELLO_BUNDLE]);
    const component = config.bundles[HELLO_BUNDLE]?.components[0];
    expect(component?.entrypoint).toBe('./lib/webparts/helloWorld/HelloWorldWebPart.js');
    expect(Object.keys(files)).toContain(component?.manifest.replace(/^\.\//, ''));
    expect(config.localizedResources).toEqual({ HelloWorldWebPartStrings: 'lib/webparts/helloWorld/loc/{locale}.js' });
    const pkg = JSON.parse(files['package.json'] as string) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@microsoft/sp-webpart-base']).toBe('1.23.2');
    expect(files['gulpfile.js']).toContain("build.initialize(require('gulp'));");
  });
});

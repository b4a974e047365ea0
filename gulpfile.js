'use strict';

const build = require('@microsoft/sp-build-web');

build.addSuppression(`Warning - [sass] The local CSS class 'ms-Grid' is not camelCase and will not be type-safe.`);

var getTasks = build.rig.getTasks;
build.rig.getTasks = function () {
  var result = getTasks.call(build.rig);

  result.set('serve', result.get('serve-deprecated'));

  return result;
};

// Lean first paint (docs/bundle.md). Two changes to SPFx's webpack configuration:
// 1. Fluent UI imports two components statically that the pane never shows: BaseButton (every button, and the
//    dismiss / close buttons of MessageBar, Dialog and SearchBox) imports ContextualMenu for `menuProps` — ~25 KB gzip
//    of menu, Callout and FocusZone in the entry chunk — and DetailsList imports GroupedList for `groups`. The build
//    gives those two importers, and only them, src/ui/lazy/Trimmed*.tsx instead; tests/bundle/fluentTrims.test.tsx
//    fails as soon as src/ gives a button a menu or a list groups.
// 2. Each on-demand chunk keeps the packages only it uses (webpack's default would move them to a separate vendor
//    chunk: one more request and more gzip); packages shared by two on-demand chunks are still split out.
const path = require('path');
// fluent-trims:start
const FLUENT_TRIMS = [
  {
    importer: /[\\/]@fluentui[\\/]react[\\/]lib[\\/]components[\\/]Button[\\/]BaseButton\.js$/,
    request: '../../ContextualMenu',
    replacement: path.join(__dirname, 'lib', 'ui', 'lazy', 'TrimmedContextualMenu.js'),
  },
  {
    importer: /[\\/]@fluentui[\\/]react[\\/]lib[\\/]components[\\/]DetailsList[\\/]DetailsList\.base\.js$/,
    request: '../../GroupedList',
    replacement: path.join(__dirname, 'lib', 'ui', 'lazy', 'TrimmedGroupedList.js'),
  },
];
// fluent-trims:end
build.configureWebpack.mergeConfig({
  additionalConfiguration: (config) => {
    config.plugins.push({
      apply(compiler) {
        new compiler.webpack.NormalModuleReplacementPlugin(/^\.\.\/\.\.\/(ContextualMenu|GroupedList)$/, (resource) => {
          const issuer = (resource.contextInfo && resource.contextInfo.issuer) || '';
          const trim = FLUENT_TRIMS.find((t) => t.request === resource.request && t.importer.test(issuer));
          if (trim) {
            resource.request = trim.replacement;
          }
        }).apply(compiler);
      },
    });
    config.optimization = Object.assign({}, config.optimization, {
      splitChunks: { chunks: 'async', cacheGroups: { defaultVendors: false } },
    });
    return config;
  },
});

build.initialize(require('gulp'));

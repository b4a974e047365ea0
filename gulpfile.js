'use strict';

const build = require('@microsoft/sp-build-web');

build.addSuppression(`Warning - [sass] The local CSS class 'ms-Grid' is not camelCase and will not be type-safe.`);

var getTasks = build.rig.getTasks;
build.rig.getTasks = function () {
  var result = getTasks.call(build.rig);

  result.set('serve', result.get('serve-deprecated'));

  return result;
};

// Lean first paint (docs/bundle.md). Two changes to SPFx's webpack configuration, production and debug alike:
// 1. Fluent UI's BaseButton (every button, and MessageBar's dismiss button) imports ContextualMenu statically, which
//    puts the menu with its Callout and FocusZone (~25 KB gzip) in the entry chunk although no button of the pane opens
//    a menu. BaseButton gets src/ui/lazy/LazyContextualMenu instead, which loads the menu on demand (with the users
//    chunk).
// 2. Each on-demand chunk keeps the packages only it uses (webpack's default would move them to a separate vendor
//    chunk, one more request and ~2 KB more gzip); packages shared by two on-demand chunks are still split out.
const path = require('path');
const LAZY_CONTEXTUAL_MENU = path.join(__dirname, 'lib', 'ui', 'lazy', 'LazyContextualMenu.js');
const FLUENT_BASE_BUTTON = /[\\/]@fluentui[\\/]react[\\/]lib[\\/]components[\\/]Button[\\/]BaseButton\.js$/;
build.configureWebpack.mergeConfig({
  additionalConfiguration: (config) => {
    config.plugins.push({
      apply(compiler) {
        new compiler.webpack.NormalModuleReplacementPlugin(/^\.\.\/\.\.\/ContextualMenu$/, (resource) => {
          if (FLUENT_BASE_BUTTON.test((resource.contextInfo && resource.contextInfo.issuer) || '')) {
            resource.request = LAZY_CONTEXTUAL_MENU;
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

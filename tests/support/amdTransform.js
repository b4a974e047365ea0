// SPFx loc files are AMD modules (define([], function () { return {...}; })). This jest transform runs them as CommonJS.
module.exports = {
  process(source) {
    return { code: 'var define = function (deps, factory) { module.exports = factory(); };\n' + source };
  },
};

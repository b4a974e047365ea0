/** Browser tests: the demo preview in Debian's Chromium, driven by playwright-core. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.(ts|tsx)$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 120000,
  maxWorkers: 1,
};

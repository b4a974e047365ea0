/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/setup.ts'],
  transform: {
    '/loc/[a-z-]+\\.js$': '<rootDir>/tests/support/amdTransform.js',
    '^.+\\.(ts|tsx)$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', isolatedModules: true, diagnostics: false }],
    '^.+\\.(js|mjs)$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@pnp)/)'],
  moduleNameMapper: {
    '^MigrationReadinessWebPartStrings$': '<rootDir>/src/webparts/migrationReadiness/loc/en-us.js',
    '^ReadinessStrings$': '<rootDir>/src/readiness/loc/en-us.js',
    '^ProvisioningStrings$': '<rootDir>/src/provisioning/loc/en-us.js',
    '^UsersUiStrings$': '<rootDir>/src/ui/users/loc/en-us.js',
    '^AppStrings$': '<rootDir>/src/ui/loc/en-us.js',
    '^MigrationListStrings$': '<rootDir>/src/migrationList/loc/en-us.js',
    '^MigrationListUiStrings$': '<rootDir>/src/ui/migrationList/loc/en-us.js',
    '^ReportStrings$': '<rootDir>/src/report/loc/en-us.js',
    '^ReportUiStrings$': '<rootDir>/src/ui/report/loc/en-us.js',
    '\\.(css|scss)$': 'identity-obj-proxy',
  },
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.d.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageDirectory: 'coverage',
};

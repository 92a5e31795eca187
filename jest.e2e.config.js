// Browser tests: the built app in Chromium against the real hub with the demo data (started once, in-process).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!jsts/)'],
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/support/global-teardown.ts',
  // One hub, one demo data set: the files take turns (the workflow file changes the data).
  maxWorkers: 1,
  testTimeout: 120_000,
};

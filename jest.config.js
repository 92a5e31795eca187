// Two engines, one suite: embedded PGlite by default, a PostgreSQL + PostGIS server with TEST_DATABASE_URL.

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  // jsts ships ES modules only: jest (CommonJS) needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!jsts/)'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // PGlite is one session: test files take turns on it. On a server too: files share one database and its test cells,
  // and a file that counts what a box or a tile holds must not see another file's results arrive meanwhile.
  maxWorkers: 1,
  testTimeout: 60_000,
  // On CI a handle left open by a failed test must not hold the pipeline after the report (locally jest keeps waiting, to show it).
  forceExit: process.env.CI === 'true',
};

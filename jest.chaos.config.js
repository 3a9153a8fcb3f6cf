/**
 * `npm run test:chaos`: fault injection against REAL processes (the built server as a child process,
 * dedicated redis-server processes with AOF). Kept out of `npm test` (jest.config.js roots test/ but
 * ignores test/chaos); CI runs both (.ci/run). Needs `npm run build` first (the script does it).
 */
const base = require('./jest.config');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/chaos'],
  testMatch: ['**/*.test.ts'],
  // The same transforms as npm test (the ES-module-only openid-client the app imports, through test/helpers/app.ts).
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  testTimeout: 120000,
  // One file at a time: they spawn servers and measure latencies on a 2-core machine.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
};

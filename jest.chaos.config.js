/**
 * `npm run test:chaos`: fault injection against REAL processes (the built server as a child process,
 * dedicated redis-server processes with AOF). Kept out of `npm test` (jest.config.js roots test/ but
 * ignores test/chaos); CI runs both (.ci/run). Needs `npm run build` first (the script does it).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/chaos'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 60000,
  // One file at a time: they spawn servers and measure latencies on a 2-core machine.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
};

/**
 * `npm run test:cluster`: the stores' contracts and two bot instances on a real 3-master Redis
 * Cluster started for the run (test/cluster/globalSetup.ts). Not part of `npm test`; CI runs both.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/cluster/globalSetup.ts',
  globalTeardown: '<rootDir>/test/cluster/globalTeardown.ts',
  testTimeout: 30000,
};

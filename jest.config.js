/** Jest runs TypeScript through SWC (about 2x faster than ts-jest); `npm test` type-checks first with tsc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/chaos spawns servers and Redis processes: `npm run test:chaos` (jest.chaos.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/chaos/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 20000,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
};

/**
 * Jest runs TypeScript through SWC (about 2x faster than ts-jest); `npm test` type-checks first with tsc.
 * On a 2-core machine Jest runs every file in one process, its own (one worker = in band), and the heap of ~95 files
 * passed the default 4 GB: `npm test` gives it 8 GB (`--max-old-space-size`).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/cluster runs on its own Redis Cluster (`npm run test:cluster`); test/chaos spawns servers and Redis
  // processes (`npm run test:chaos`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/', '<rootDir>/test/chaos/'],
  // openid-client v6 and its two dependencies ship only ES modules; Node (>= 20.19) requires them natively, Jest's own
  // module system does not on Node 20: SWC turns those three into CommonJS for the tests.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    '^.+/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  testTimeout: 20000,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
};

/**
 * Jest runs TypeScript through SWC (about 2x faster than ts-jest); `npm test` type-checks first with tsc.
 * One test file at a time (`maxWorkers: 1`: the browser, Redis and timing tests do not share the machine with each
 * other), in a worker process that Jest replaces once it holds more than `workerIdleMemoryLimit` after a file: run in
 * band, the ~130 files' modules piled up in one heap and passed 5 GB (a CI run died "JavaScript heap out of memory").
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
  maxWorkers: 1,
  workerIdleMemoryLimit: '1536MB',
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
};

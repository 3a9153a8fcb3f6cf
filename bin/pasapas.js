#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (npm start builds too).
try {
  require('../dist/src/cli.js').main();
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli.js')) {
    process.stderr.write('pasapas is not built yet: run `npm run build` first.\n');
    process.exit(1);
  }
  throw err;
}

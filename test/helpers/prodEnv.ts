/** The smallest environment production accepts (config tests add a channel's variables to it). */
export const PROD_ENV = {
  NODE_ENV: 'production',
  REDIS_URL: 'redis://127.0.0.1:6379',
  PUBLIC_BASE_URL: 'https://pasapas.example.org',
  CONTACT_HASH_SECRET: 'c'.repeat(32),
  DIRECTLINE_TOKEN_SECRET: 'd'.repeat(32),
};

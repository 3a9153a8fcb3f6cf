/** Security headers: always nosniff and no referrer; HSTS in production (behind TLS). */
import type { AddressInfo } from 'node:net';
import { startTestApp } from '../helpers/app';

async function headersOf(env: Record<string, string>, redis: boolean) {
  const ta = await startTestApp({ redis, env });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  try {
    const res = await fetch(`http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}/healthz`);
    return res.headers;
  } finally {
    await ta.close();
  }
}

describe('security headers', () => {
  it('development: nosniff, no referrer, no HSTS', async () => {
    const h = await headersOf({}, false);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toBeNull();
  });

  it('production: HSTS for a year', async () => {
    const h = await headersOf({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://pasapas.example.org', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(40), CONTACT_HASH_SECRET: 'c'.repeat(32) }, true);
    expect(h.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

/**
 * Behind a reverse proxy (TRUST_PROXY), the client's address is the one the trusted proxy added to
 * X-Forwarded-For — the right-most, or the Nth from the right with N proxies — never the left-most,
 * which the client writes itself. A client rotating a forged left-most address must still hit the
 * per-address limit of tokens/generate.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { clientIp } from '../../src/security';
import { startTestApp, testConfig, type TestApp } from '../helpers/app';

const req = (xff: string | undefined, remoteAddress = '10.0.0.2') => ({
  header: (name: string) => (name.toLowerCase() === 'x-forwarded-for' ? xff : undefined),
  socket: { remoteAddress },
});

describe('clientIp', () => {
  it('takes the address the trusted proxy added, not the one the client wrote', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientIp(req('1.2.3.4, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientIp(req('1.2.3.4,203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(req('203.0.113.9'), true)).toBe('203.0.113.9');
  });

  it('counts hops from the right with several proxies', () => {
    // client → CDN (adds the client) → load balancer (adds the CDN) → app
    expect(clientIp(req('1.2.3.4, 203.0.113.9, 198.51.100.1'), 2)).toBe('203.0.113.9');
    // Fewer addresses than hops: the farthest one known (a client cannot make the list shorter).
    expect(clientIp(req('203.0.113.9'), 3)).toBe('203.0.113.9');
  });

  it('uses the socket without a trusted proxy, or without the header', () => {
    expect(clientIp(req('1.2.3.4'), false)).toBe('10.0.0.2');
    expect(clientIp(req('1.2.3.4'), 0)).toBe('10.0.0.2');
    expect(clientIp(req(undefined), true)).toBe('10.0.0.2');
    expect(clientIp(req(' , '), true)).toBe('10.0.0.2');
  });

  it('reads a plain Node request too (WebSocket upgrades)', () => {
    expect(clientIp({ headers: { 'x-forwarded-for': '9.9.9.9, 203.0.113.5' }, socket: { remoteAddress: '10.0.0.2' } }, true)).toBe('203.0.113.5');
  });
});

describe('TRUST_PROXY', () => {
  it('is true/false or a number of proxy hops', () => {
    expect(testConfig({ TRUST_PROXY: 'true' })).toMatchObject({ trustProxy: true, trustProxyHops: 1 });
    expect(testConfig({ TRUST_PROXY: '2' })).toMatchObject({ trustProxy: true, trustProxyHops: 2 });
    expect(testConfig({ TRUST_PROXY: 'false' })).toMatchObject({ trustProxy: false, trustProxyHops: 0 });
    expect(testConfig({})).toMatchObject({ trustProxy: false, trustProxyHops: 0 });
    const bad = loadConfig({ TRUST_PROXY: 'maybe' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toContain('TRUST_PROXY');
  });
});

describe('tokens/generate behind a proxy', () => {
  let ta: TestApp;
  let base: string;
  beforeAll(async () => {
    ta = await startTestApp({ env: { TRUST_PROXY: 'true', WEBCHAT_TOKENS_PER_IP_PER_MINUTE: '3' } });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => ta.close());

  it('a client forging a new left-most address each time is still limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ta.app.territories.ownOrigin, 'x-forwarded-for': `192.0.2.${i + 1}, 203.0.113.77` },
        body: JSON.stringify({ territory: 'demo' }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('the mediator login limiter behind two proxies (TRUST_PROXY=2)', () => {
  let ta: TestApp;
  let base: string;
  beforeAll(async () => {
    ta = await startTestApp({ env: { TRUST_PROXY: '2' } });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => ta.close());

  const login = (client: string, username: string) =>
    fetch(`${base}/api/mediator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `${client}, 198.51.100.250` }, // the CDN appends the client
      body: JSON.stringify({ territory: 'demo', username, password: 'not-the-password' }),
    }).then((r) => r.status);

  it('counts each client, not the CDN in front of everyone', async () => {
    let statuses: number[] = [];
    for (let i = 0; i < 200 && !statuses.includes(429); i++) statuses.push(await login('203.0.113.1', `nobody-${i}`));
    expect(statuses[statuses.length - 1]).toBe(429); // this client's address is limited…
    statuses = [await login('203.0.113.2', 'someone')];
    expect(statuses).toEqual([401]); // …another client behind the same CDN is not
  });
});


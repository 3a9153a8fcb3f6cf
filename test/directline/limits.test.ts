/** Web chat abuse limits, shared by instances through Redis: tokens per IP, messages per conversation → 429 with Retry-After. */
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app';
import { randomPrefix } from '../helpers/redis';
import { WEB_CHAT_LIMITS } from '../../src/channels/directline/routes';

const SECRET = 'a-limits-test-secret-of-32-characters-or-more';

describe('web chat rate limits on two instances', () => {
  const prefix = randomPrefix();
  let a: TestApp;
  let b: TestApp;
  const bases: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const ta = await startTestApp({ redis: true, prefix, env: { DIRECTLINE_TOKEN_SECRET: SECRET, TRUST_PROXY: 'true' } });
      await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
      bases.push(`http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`);
      if (i === 0) a = ta;
      else b = ta;
    }
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const generate = (base: string, ip: string) =>
    fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, origin: a.app.territories.ownOrigin }, body: JSON.stringify({ territory: 'demo' }) });

  it('tokens: one address gets 429 after the limit, counted across instances; another address is not affected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < WEB_CHAT_LIMITS.tokensPerIpPerMinute + 2; i++) statuses.push((await generate(bases[i % 2], '203.0.113.7')).status);
    expect(statuses.slice(0, WEB_CHAT_LIMITS.tokensPerIpPerMinute).every((s) => s === 200)).toBe(true);
    const refused = await generate(bases[0], '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await generate(bases[1], '198.51.100.4')).status).toBe(200);
  });

  it('messages: a conversation posting faster than a person gets 429', async () => {
    const gen = (await (await generate(bases[0], '192.0.2.55')).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${gen.token}`, 'content-type': 'application/json' };
    await fetch(`${bases[0]}/v3/directline/conversations`, { method: 'POST', headers });
    const statuses: number[] = [];
    for (let i = 0; i < WEB_CHAT_LIMITS.messagesPerConversationPerMinute + 1; i++) {
      const res = await fetch(`${bases[i % 2]}/v3/directline/conversations/${gen.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: 'x' }, text: 'aide' }) });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(WEB_CHAT_LIMITS.messagesPerConversationPerMinute);
    expect(statuses[statuses.length - 1]).toBe(429);
  });
});

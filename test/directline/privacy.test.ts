/**
 * What a web chat keeps of a citizen, on a shared computer (France Services, a library): the echo of
 * their message stored in Redis (`dl:{id}:acts`) and streamed back is the masked text mediators see,
 * never the password, e-mail or phone number as typed; an old token can only be refreshed within a
 * short grace after it expired (DIRECTLINE_REFRESH_GRACE_SECONDS, 1 hour), not for the whole retention.
 */
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';

const SECRET = 'a-privacy-test-secret-of-32-characters-or-more';
const TYPED = 'mon mot de passe est Soleil2024 et mon mail jean.dupont@example.fr, tel 06 12 34 56 78';
const SECRETS = ['Soleil2024', 'jean.dupont@example.fr', '06 12 34 56 78'];

let ta: TestApp;
let base: string;

beforeAll(async () => {
  ta = await startTestApp({ redis: true, env: { DIRECTLINE_TOKEN_SECRET: SECRET } });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
});

afterAll(() => ta.close());

async function api(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { origin: ta.app.territories.ownOrigin };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/v3/directline/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function newConversation() {
  const gen = await api('POST', 'tokens/generate', undefined, { territory: 'demo' });
  const { token, conversationId } = gen.body as { token: string; conversationId: string };
  expect((await api('POST', 'conversations', token)).status).toBe(201);
  return { token, conversationId };
}

describe('web chat: what is kept of what the citizen typed', () => {
  it('stores and streams the masked echo, never the secrets as typed', async () => {
    const { token, conversationId } = await newConversation();
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`);
    const frames: string[] = [];
    ws.on('message', (d) => frames.push(String(d)));
    await new Promise((r) => ws.once('open', r));

    const posted = await api('POST', `conversations/${conversationId}/activities`, token, { type: 'message', text: TYPED });
    expect(posted.status).toBe(200);

    // In Redis, as stored:
    const raw = (await ta.admin!.lrange(`${ta.prefix}dl:{${conversationId}}:acts`, 0, -1)).join('\n');
    expect(raw).toContain('[masqué]');
    expect(raw).toContain('[e-mail]');
    for (const s of SECRETS) expect(raw).not.toContain(s);

    // Read back (a reload, another person on the same computer with the token), and on the stream:
    const history = await api('GET', `conversations/${conversationId}/activities`, token);
    const echo = (history.body.activities as Array<{ id?: string; text?: string; from?: { role?: string } }>).find((a) => a.from?.role === 'user');
    expect(echo?.id).toBe(posted.body.id);
    expect(echo?.text).toBe(`mon mot de passe est [masqué] et mon mail [e-mail], tel [téléphone]`);
    await new Promise((r) => setTimeout(r, 200));
    ws.close();
    const streamed = frames.join('\n');
    expect(streamed).toContain('[masqué]');
    for (const s of SECRETS) expect(streamed).not.toContain(s);
  });

  it('refreshes a token expired within the grace (1 hour), not an older one', async () => {
    const { token } = await newConversation();
    const ttlMs = ta.app.config.directLine.tokenTtlSeconds * 1000;
    ta.clock.advance(ttlMs + 30 * 60_000); // expired 30 minutes ago
    const fresh = await api('POST', 'tokens/refresh', token);
    expect(fresh.status).toBe(200);

    ta.clock.advance(ttlMs + 2 * 3600_000); // both tokens now expired 2 hours ago or more
    expect((await api('POST', 'tokens/refresh', token)).status).toBe(403);
    expect((await api('POST', 'tokens/refresh', fresh.body.token as string)).status).toBe(403);
  });
});

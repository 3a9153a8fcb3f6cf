/**
 * What Microsoft's Web Chat needs of our Direct Line (issue #14), on two instances sharing one real
 * Redis: CORS preflights with its headers, the echo keeping `channelData.clientActivityID` (and a
 * re-post of the same message running no second turn, on either instance, even at the same time),
 * uploads in directlinejs' multipart shape (an `activity` part, then files), photos at signed URLs
 * that work without a token, a welcome that replies to nothing missing, typing frames with an id.
 */
import WebSocket from 'ws';
import type { Activity } from 'botbuilder';
import { startTestApp, type TestApp } from '../helpers/app';
import { keysWithPrefix, randomPrefix } from '../helpers/redis';
import { freePort } from '../widget/support';

const SECRET = 'a-webchat-compat-secret-of-32-characters-or-more';
const ORIGIN = 'https://www.demo-territoire.fr';
const png = (size = 200) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(size - 8, 7)]);

interface Instance {
  ta: TestApp;
  base: string;
}

async function instance(prefix: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ta = await startTestApp({ redis: true, prefix, env: { PUBLIC_BASE_URL: base, DIRECTLINE_TOKEN_SECRET: SECRET, ...env } });
  await new Promise<void>((r) => ta.app.server.listen(port, '127.0.0.1', () => r()));
  return { ta, base };
}

interface Conversation {
  token: string;
  conversationId: string;
  userId: string;
}

async function conversation(i: Instance): Promise<Conversation> {
  const res = await fetch(`${i.base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ territory: 'demo' }),
  });
  expect(res.status).toBe(200);
  const gen = (await res.json()) as { token: string; conversationId: string };
  expect((await fetch(`${i.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}`, origin: ORIGIN } })).status).toBe(201);
  return { ...gen, userId: JSON.parse(Buffer.from(gen.token.split('.')[1], 'base64url').toString()).user };
}

async function history(i: Instance, c: Conversation): Promise<Partial<Activity>[]> {
  const res = await fetch(`${i.base}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Partial<Activity>[] }).activities;
}

/** A message as Web Chat posts it: its own id in channelData, its client fields. */
function post(i: Instance, c: Conversation, text: string, clientActivityID?: string) {
  return fetch(`${i.base}/v3/directline/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json', origin: ORIGIN, 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({
      type: 'message',
      text,
      textFormat: 'plain',
      channelId: 'webchat',
      from: { id: c.userId, name: '', role: 'user' },
      locale: 'fr-FR',
      localTimezone: 'Europe/Paris',
      channelData: clientActivityID ? { clientActivityID, clientTimestamp: '2026-11-27T10:00:00.000Z', nested: { a: 1 }, note: 'appelez le 06 12 34 56 78' } : undefined,
    }),
  });
}

/** An upload as botframework-directlinejs sends it: the `activity` part (a Blob), then the files. */
function upload(i: Instance, c: Conversation, files: Buffer[], activity?: Record<string, unknown>) {
  const form = new FormData();
  if (activity) form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  files.forEach((f, n) => form.append('file', new Blob([new Uint8Array(f)], { type: 'image/png' }), `photo-${n}.png`));
  return fetch(`${i.base}/v3/directline/conversations/${c.conversationId}/upload?userId=${c.userId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, origin: ORIGIN },
    body: form,
  });
}

const mine = (list: Partial<Activity>[]) => list.filter((a) => a.type === 'message' && a.from?.role === 'user');
const bots = (list: Partial<Activity>[]) => list.filter((a) => a.type === 'message' && a.from?.role !== 'user');

describe('Direct Line as Microsoft Web Chat uses it, two instances on one Redis', () => {
  const prefix = randomPrefix();
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    const env = { WEBCHAT_UPLOADS_PER_CONVERSATION_PER_DAY: '3', DIRECTLINE_TOKEN_TTL_SECONDS: '86400' };
    a = await instance(prefix, env);
    b = await instance(prefix, env);
    // The territory page of another origin.
    for (const i of [a, b]) jest.spyOn(i.ta.app.territories, 'allowedOrigins').mockImplementation(() => [ORIGIN]);
  });
  afterAll(async () => {
    await a?.ta.close();
    await b?.ta.close();
  });

  it('answers the preflight of every header directlinejs sends, and exposes Retry-After', async () => {
    const res = await fetch(`${a.base}/v3/directline/conversations/x/activities`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent,x-requested-with,accept',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const h of ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with', 'accept']) expect(allowed).toContain(h);
    const gen = await fetch(`${a.base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ territory: 'demo' }),
    });
    expect(gen.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it("echoes the client's clientActivityID (its other flat fields masked), as plain text", async () => {
    const c = await conversation(a);
    const res = await post(a, c, 'bonjour', 'wc-echo-1');
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const echo = mine(await history(b, c)).find((x) => x.id === id)!;
    expect(echo.channelData).toEqual({ clientActivityID: 'wc-echo-1', clientTimestamp: '2026-11-27T10:00:00.000Z', note: 'appelez le [téléphone]' });
    expect(echo.textFormat).toBe('plain');
    expect(echo.text).toBe('bonjour');
  });

  it('a re-post with the same clientActivityID, on the other instance, returns the same id and runs no turn', async () => {
    const c = await conversation(a);
    const first = (await (await post(a, c, 'impots', 'wc-once')).json()) as { id: string };
    const before = await history(a, c);
    const again = await post(b, c, 'impots', 'wc-once');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    const after = await history(a, c);
    expect(after.length).toBe(before.length);
    expect(mine(after).filter((x) => x.channelData?.clientActivityID === 'wc-once')).toHaveLength(1);
    // Another message still runs its turn.
    expect((await post(b, c, 'menu', 'wc-next')).status).toBe(200);
    expect(bots(await history(a, c)).length).toBeGreaterThan(bots(after).length);
  });

  it('the same message posted at the same time on both instances runs one turn', async () => {
    const c = await conversation(a);
    const before = (await history(a, c)).length;
    const [r1, r2] = await Promise.all([post(a, c, 'conseiller', 'wc-race'), post(b, c, 'conseiller', 'wc-race')]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const [i1, i2] = [(await r1.json()) as { id: string }, (await r2.json()) as { id: string }];
    expect(i1.id).toBe(i2.id);
    const after = await history(b, c);
    expect(mine(after).filter((x) => x.channelData?.clientActivityID === 'wc-race')).toHaveLength(1);
    // One echo and the one turn's replies, nothing twice.
    const texts = bots(after.slice(before)).map((x) => x.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("takes directlinejs' multipart upload: the activity part's text is the caption, each file a photo counted in the quotas", async () => {
    const c = await conversation(a);
    const activity = {
      type: 'message',
      text: 'mon écran',
      from: { id: c.userId, role: 'user' },
      attachments: [
        { contentType: 'image/png', name: 'photo-0.png', thumbnailUrl: `data:image/png;base64,${'A'.repeat(40_000)}` },
        { contentType: 'image/png', name: 'photo-1.png' },
      ],
      channelData: { clientActivityID: 'wc-photo', attachmentSizes: [200, 300] },
    };
    const res = await upload(a, c, [png(200), png(300)], activity);
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const list = await history(b, c);
    const echo = mine(list).find((x) => x.id === id)!;
    expect(echo.text).toBe('mon écran');
    expect(echo.channelData).toEqual({ clientActivityID: 'wc-photo', attachmentSizes: [200, 300] });
    expect(echo.attachments?.map((x) => [x.contentType, x.name])).toEqual([
      ['image/png', 'photo-0.png'],
      ['image/png', 'photo-1.png'],
    ]);
    expect(JSON.stringify(echo)).not.toContain('data:image');
    expect(bots(list).some((x) => x.replyToId === id)).toBe(true);
    expect(await keysWithPrefix(a.ta.admin!, `${prefix}dl:{${c.conversationId}}:file:`)).toHaveLength(2);

    // The same upload again (a retry): same id, nothing stored, nothing counted.
    const again = await upload(b, c, [png(200), png(300)], activity);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    expect(await keysWithPrefix(a.ta.admin!, `${prefix}dl:{${c.conversationId}}:file:`)).toHaveLength(2);
    // 3 photos a day: 2 taken, so 2 more are refused (none stored), 1 more is taken.
    const over = await upload(b, c, [png(), png()], { type: 'message', channelData: { clientActivityID: 'wc-photo-2' } });
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('PhotoQuotaExceeded');
    expect((await upload(b, c, [png()])).status).toBe(200);
    expect(await keysWithPrefix(a.ta.admin!, `${prefix}dl:{${c.conversationId}}:file:`)).toHaveLength(3);
  });

  it('a photo is served at a signed, expiring URL without a token; the Bearer route still works', async () => {
    const c = await conversation(a);
    const bytes = png(500);
    expect((await upload(a, c, [bytes])).status).toBe(200);
    const url = mine(await history(a, c)).find((x) => x.attachments?.length)!.attachments![0].contentUrl!;
    expect(url.startsWith(`${a.base}/v3/directline/conversations/${c.conversationId}/files/`)).toBe(true);
    expect(url).toMatch(/\?e=\d+&s=[\w-]{43}$/);
    // Any page may show it (an <img> on the territory's site, Web Chat's own origin)…
    const res = await fetch(url, { headers: { origin: 'https://any.example' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    // …on the other instance too (same secret); a forged or moved signature is refused.
    expect((await fetch(url.replace(a.base, b.base))).status).toBe(200);
    const sig = /s=([\w-]+)/.exec(url)![1];
    expect((await fetch(url.replace(sig, `${sig.slice(0, -2)}AA`))).status).toBe(403);
    expect((await fetch(url.replace(/e=(\d+)/, (_m, e: string) => `e=${Number(e) + 3600}`))).status).toBe(403);
    const path = url.slice(0, url.indexOf('?'));
    expect((await fetch(path)).status).toBe(403); // no signature, no token
    expect((await fetch(path, { headers: { authorization: `Bearer ${c.token}` } })).status).toBe(200);
    // An hour later the URL has expired; the history read again carries a new one that works.
    a.ta.clock.advance(3601_000);
    b.ta.clock.advance(3601_000);
    expect((await fetch(url)).status).toBe(403);
    const fresh = mine(await history(b, c)).find((x) => x.attachments?.length)!.attachments![0].contentUrl!;
    expect(fresh).not.toBe(url);
    expect((await fetch(fresh)).status).toBe(200);
    // "Terminer et effacer": the photo is gone, its URL with it.
    expect((await fetch(`${a.base}/v3/directline/conversations/${c.conversationId}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.token}` } })).status).toBe(204);
    expect((await fetch(fresh)).status).toBe(404);
  });

  it('bot messages are markdown whose only active parts are links; the welcome replies to nothing missing', async () => {
    const c = await conversation(a);
    const list = await history(a, c);
    const welcome = bots(list);
    expect(welcome.length).toBeGreaterThan(0);
    for (const w of welcome) {
      expect(w.textFormat).toBe('markdown');
      // Either no replyToId, or one that a client finds in the conversation.
      if (w.replyToId) expect(list.some((x) => x.id === w.replyToId)).toBe(true);
    }
    expect(welcome.map((w) => w.text).join('\n')).toMatch(new RegExp(`<${a.base.replace(/\./g, '\\.')}/confidentialite>`));
    const res = await post(a, c, 'impots', 'wc-md');
    const { id } = (await res.json()) as { id: string };
    const replies = bots(await history(a, c)).filter((x) => x.replyToId === id);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.textFormat === 'markdown' && r.timestamp && r.id)).toBe(true);
  });

  it('"the bot is typing" frames carry an id and a timestamp', async () => {
    const prefix2 = randomPrefix();
    const t = await instance(prefix2, { WEBCHAT_TYPING_DELAY_MS: '0' });
    jest.spyOn(t.ta.app.territories, 'allowedOrigins').mockImplementation(() => [ORIGIN]);
    try {
      const c = await conversation(t);
      const ws = new WebSocket(`${t.base.replace('http', 'ws')}/v3/directline/conversations/${c.conversationId}/stream?t=${c.token}&watermark=0`);
      const typing: Array<Partial<Activity>> = [];
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { activities?: Partial<Activity>[] };
        for (const x of frame.activities ?? []) if (x.type === 'typing') typing.push(x);
      });
      await new Promise((r) => ws.once('open', r));
      await post(t, c, 'menu', 'wc-typing');
      const deadline = Date.now() + 3000;
      while (typing.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      ws.close();
      expect(typing.length).toBeGreaterThan(0);
      expect(typing[0].id).toMatch(new RegExp(`^${c.conversationId}\\|`));
      expect(new Date(String(typing[0].timestamp)).getTime()).toBe(t.ta.clock.now);
      expect(typing[0].from?.role).toBe('bot');
    } finally {
      await t.ta.close();
    }
  });
});

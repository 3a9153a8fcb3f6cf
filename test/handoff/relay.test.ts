/**
 * A citizen on the web chat of instance A, a mediator working through instance B, one real Redis:
 * messages flow both ways, each notification reaches the citizen exactly once although both
 * instances run a notifier.
 */
import { createServer as createNetServer } from 'node:net';
import WebSocket from 'ws';
import type { Activity } from 'botbuilder';
import { startTestApp, type TestApp } from '../helpers/app';
import { randomPrefix } from '../helpers/redis';

const SECRET = 'relay-test-secret-of-at-least-32-chars';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function instance(prefix: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ta = await startTestApp({ redis: true, prefix, notifier: true, env: { PUBLIC_BASE_URL: base, DIRECTLINE_TOKEN_SECRET: SECRET } });
  await new Promise<void>((r) => ta.app.server.listen(port, '127.0.0.1', () => r()));
  return { ta, base };
}

class Stream {
  readonly texts: string[] = [];
  /** Who each message is from, as the stream says (`from.role`). */
  readonly roles = new Map<string, string>();
  private ws: WebSocket;
  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => {
      const s = String(data);
      if (!s) return;
      for (const a of (JSON.parse(s) as { activities: Partial<Activity>[] }).activities) {
        if (a.type === 'message' && a.from?.role !== 'user') {
          this.texts.push(a.text ?? '');
          this.roles.set(a.text ?? '', a.from?.role ?? '');
        }
      }
    });
  }
  opened() {
    return new Promise<void>((r) => this.ws.once('open', () => r()));
  }
  async waitFor(fragment: string, ms = 8000): Promise<void> {
    const start = Date.now();
    while (!this.texts.some((t) => t.includes(fragment))) {
      if (Date.now() - start > ms) throw new Error(`no "${fragment}" in:\n${this.texts.join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  count(fragment: string) {
    return this.texts.filter((t) => t.includes(fragment)).length;
  }
  close() {
    this.ws.close();
  }
}

describe('relay across two instances sharing Redis', () => {
  const prefix = randomPrefix();
  let a: { ta: TestApp; base: string };
  let b: { ta: TestApp; base: string };
  beforeAll(async () => {
    a = await instance(prefix);
    b = await instance(prefix);
    await b.ta.app.queue.setPresence('demo', 'lea', true, 3_600_000, b.ta.app.now());
  });
  afterAll(async () => {
    await a.ta.app.close();
    a.ta.admin?.disconnect();
    await b.ta.close();
  });

  test('citizen on A ⇄ mediator on B, each message delivered once', async () => {
    const gen = await fetch(`${a.base}/v3/directline/tokens/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: a.base }, body: JSON.stringify({ territory: 'demo' }),
    }).then((r) => r.json() as Promise<{ token: string; conversationId: string }>);
    const conv = await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}` } })
      .then((r) => r.json() as Promise<{ streamUrl: string }>);
    const stream = new Stream(conv.streamUrl);
    await stream.opened();
    const say = (text: string) =>
      fetch(`${a.base}/v3/directline/conversations/${gen.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gen.token}` },
        body: JSON.stringify({ type: 'message', text }),
      });
    await stream.waitFor('Que voulez-vous faire ?');
    await say('conseiller');
    await stream.waitFor('Vous êtes d\'accord ?');
    await say('oui');
    await stream.waitFor('Vous êtes n°1 dans la file.');

    const q = b.ta.app.queue;
    const [handoff] = await q.waiting('demo');
    expect(handoff.channel).toBe('directline');
    const claim = await q.claim('demo', handoff.id, 'lea', 60_000, b.ta.app.now());
    await stream.waitFor('Un conseiller vous répond.');

    const sentAt = Date.now();
    await say('je ne trouve pas le bouton');
    let messages = await q.messages('demo', handoff.id);
    while (!messages.some((m) => m.text === 'je ne trouve pas le bouton') && Date.now() - sentAt < 5000) {
      await new Promise((r) => setTimeout(r, 10));
      messages = await q.messages('demo', handoff.id);
    }
    expect(messages.map((m) => [m.from, m.text])).toContainEqual(['citizen', 'je ne trouve pas le bouton']);

    await q.addMessage('demo', handoff.id, { at: b.ta.app.now(), from: 'mediator', text: 'Il est en haut à droite.', mediatorId: 'lea' });
    await stream.waitFor('Conseiller : Il est en haut à droite.');
    await q.close('demo', handoff.id, claim.leaseToken, 'fait-avec', '', b.ta.app.now());
    await stream.waitFor('Le conseiller a terminé.');
    // Both instances run a notifier: still exactly one of each.
    await new Promise((r) => setTimeout(r, 300));
    expect(stream.count('Un conseiller vous répond.')).toBe(1);
    expect(stream.count('Conseiller : Il est en haut à droite.')).toBe(1);
    expect(stream.count('Le conseiller a terminé.')).toBe(1);
    // The widget shows that a person wrote this one; the bot's own news stay the bot's.
    const roleOf = (fragment: string) => [...stream.roles].find(([text]) => text.includes(fragment))?.[1];
    expect(roleOf('Conseiller : Il est en haut à droite.')).toBe('mediator');
    expect(roleOf('Un conseiller vous répond.')).toBe('bot');
    // The bot answers again.
    await say('menu');
    await stream.waitFor('Que voulez-vous faire ?');
    stream.close();
  });
});

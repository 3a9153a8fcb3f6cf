/**
 * The chat frame's Direct Line client (src/widget/chat/directline.ts, its requests in directlineApi.ts) in Node
 * against the real app: new conversation, dropped socket and reconnect from the watermark, resume with the whole
 * history, expired or foreign session → a new conversation, token refresh, polling when WebSockets fail.
 */
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';
import { DirectLineClient, type ClientHooks, type LinkState } from '../../src/widget/chat/directline';
import type { Activity } from '../../src/widget/chat/directlineApi';
import type { Session } from '../../src/widget/chat/session';
import { freePort, listen } from './support';

let ta: TestApp;
let base: string;
const realFetch = globalThis.fetch;
const g = globalThis as Record<string, unknown>;
const savedWebSocket = g.WebSocket;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Typing frames at the start of every turn (by default only slow turns get one): the client must cope with them.
  ta = await startTestApp({ env: { PUBLIC_BASE_URL: base, DIRECTLINE_TOKEN_SECRET: 'a-client-test-secret-of-32-characters-or-more', WEBCHAT_TYPING_DELAY_MS: '0' } });
  await listen(ta.app.server, port);
  // A browser sends its page's Origin: the chat frame lives on our own origin.
  globalThis.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) =>
    realFetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), origin: base } })) as typeof fetch;
  g.WebSocket = WebSocket;
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  g.WebSocket = savedWebSocket;
  await ta?.close();
});

/** Hooks that record everything, with waits on what arrives. */
class Recorder implements ClientHooks {
  readonly batches: Array<{ list: Activity[]; replay: boolean }> = [];
  readonly states: LinkState[] = [];
  session: Session | null = null;
  restarts = 0;
  private waiters: Array<() => void> = [];

  activities(list: Activity[], replay: boolean): void {
    this.batches.push({ list, replay });
    this.wake();
  }
  state(s: LinkState): void {
    this.states.push(s);
    this.wake();
  }
  save(s: Session | null): void {
    this.session = s && { ...s };
  }
  restarted(): void {
    this.restarts++;
  }
  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  get messages(): Activity[] {
    return this.batches.flatMap((b) => b.list).filter((a) => a.type === 'message');
  }

  async until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
    const started = process.hrtime.bigint();
    while (!check()) {
      if (Number(process.hrtime.bigint() - started) / 1e6 > ms) throw new Error(`timed out waiting for ${what}; got:\n${this.messages.map((a) => a.text).join('\n---\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  saw(fragment: string, count = 1): boolean {
    return this.messages.filter((a) => (a.text ?? '').includes(fragment)).length >= count;
  }
}

const clients: DirectLineClient[] = [];
function client(rec: Recorder, saved: Session | null, extra: { now?: () => number; retryMs?: number } = {}): DirectLineClient {
  const c = new DirectLineClient({ apiBase: `${base}/v3/directline`, territory: 'demo', hooks: rec, saved, ...extra });
  clients.push(c);
  return c;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.stop();
  g.WebSocket = WebSocket;
});

describe('Direct Line client of the chat frame', () => {
  it('starts, talks, reconnects from its watermark, and resumes with the whole history', async () => {
    const rec = new Recorder();
    const c = client(rec, null, { retryMs: 50 });
    c.start();
    await rec.until(() => rec.saw('Que voulez-vous faire ?'), 'the menu');
    expect(rec.batches[0].replay).toBe(false);
    expect(rec.session?.userId).toMatch(/^dl_/);
    expect(c.userId).toBe(rec.session?.userId);

    const id = await c.send('Me connecter avec FranceConnect', 'fr-FR');
    expect(id).toContain(rec.session!.conversationId);
    await rec.until(() => rec.saw('Je vous aide pour'), 'the guide');
    const echo = rec.messages.find((a) => a.id === id);
    expect(echo?.from?.id).toBe(c.userId);
    expect(rec.batches.some((b) => b.list.some((a) => a.type === 'typing'))).toBe(true);
    const watermark = Number(rec.session!.watermark);
    expect(watermark).toBeGreaterThanOrEqual(4);

    // The network drops the socket: the client reconnects from its watermark (no history again).
    const before = rec.messages.length;
    (c as unknown as { ws: WebSocket }).ws.close();
    await rec.until(() => rec.states.filter((s) => s === 'online').length >= 2, 'the reconnection');
    await c.send('1', 'fr-FR');
    await rec.until(() => rec.saw('Étape 1 sur'), 'step 1');
    const after = rec.messages.slice(before);
    expect(after.map((a) => a.text)).not.toContain(rec.messages[0].text);
    expect(new Set(rec.messages.map((a) => a.id)).size).toBe(rec.messages.length);
    c.stop();

    // A reload: same conversation, whole history first (replay), then live.
    const again = new Recorder();
    const c2 = client(again, rec.session);
    c2.start();
    await again.until(() => again.saw('Étape 1 sur'), 'the history');
    expect(again.batches[0].replay).toBe(true);
    expect(again.messages.map((a) => a.id)).toEqual(rec.messages.map((a) => a.id));
    expect(again.restarts).toBe(0);
    await c2.send('1', 'fr-FR');
    await again.until(() => again.saw('Étape 2 sur'), 'step 2');
    expect(again.batches[again.batches.length - 1].replay).toBe(false);
    expect(again.session?.conversationId).toBe(rec.session?.conversationId);
  });

  it('ends a conversation: kept when the server cannot be reached, else erased there and replaced by a new one', async () => {
    const rec = new Recorder();
    const c = client(rec, null, { retryMs: 50 });
    c.start();
    await rec.until(() => rec.saw('Que voulez-vous faire ?'), 'the menu');
    const first = rec.session!.conversationId;

    // Offline: nothing is forgotten, the conversation goes on.
    const online = globalThis.fetch;
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const failed = await c.end();
    globalThis.fetch = online;
    expect(failed).toBe(false);
    expect(rec.session?.conversationId).toBe(first);
    c.resume();
    await c.send('menu', 'fr-FR');
    await rec.until(() => rec.saw('Que voulez-vous faire ?', 2), 'the menu again');
    expect(await ta.app.activityLog.meta(first)).toBeDefined();

    // Online: erased on the server, forgotten here; resume starts a new conversation.
    expect(await c.end()).toBe(true);
    expect(rec.session).toBeNull();
    expect(await ta.app.activityLog.meta(first)).toBeUndefined();
    c.resume();
    await rec.until(() => Boolean(rec.session?.conversationId) && rec.session?.conversationId !== first, 'a new conversation');
    await rec.until(() => rec.saw('Que voulez-vous faire ?', 3), 'the new welcome');
    expect(rec.restarts).toBe(0);
  });

  it('starts a new conversation when the saved one expired or is not ours', async () => {
    const first = new Recorder();
    const c = client(first, null);
    c.start();
    await first.until(() => first.saw('Que voulez-vous faire ?'), 'the menu');
    c.stop();
    const old = first.session!;

    // Expired by the browser clock: not even tried.
    const expired = new Recorder();
    client(expired, { ...old, expiresAt: 1000 }, { now: () => 2000 }).start();
    await expired.until(() => expired.saw('Que voulez-vous faire ?'), 'a new menu');
    expect(expired.restarts).toBe(1);
    expect(expired.session?.conversationId).not.toBe(old.conversationId);

    // A token the server refuses (forged): a new conversation too.
    const forged = new Recorder();
    client(forged, { ...old, token: `${old.token.slice(0, -4)}AAAA`, expiresAt: 600_000 }, { now: () => 0 }).start();
    await forged.until(() => forged.saw('Que voulez-vous faire ?'), 'a new menu');
    expect(forged.restarts).toBe(1);
    expect(forged.session?.conversationId).not.toBe(old.conversationId);
  });

  it('refreshes a token close to expiry when woken up', async () => {
    let now = 1_000_000;
    const rec = new Recorder();
    const c = client(rec, null, { now: () => now });
    c.start();
    await rec.until(() => rec.saw('Que voulez-vous faire ?'), 'the menu');
    const firstExpiry = rec.session!.expiresAt;
    expect(firstExpiry).toBe(1_000_000 + 1800 * 1000);
    now = firstExpiry - 60_000; // the phone slept; one minute left
    c.wake();
    await rec.until(() => rec.session!.expiresAt > firstExpiry, 'a refreshed token');
    expect(rec.session!.expiresAt).toBe(now + 1800 * 1000);
  });

  it('falls back to polling when WebSockets never open', async () => {
    class BlockedSocket {
      onopen: (() => void) | null = null;
      onmessage: (() => void) | null = null;
      onclose: (() => void) | null = null;
      constructor() {
        setTimeout(() => this.onclose?.(), 5);
      }
      close(): void {}
    }
    g.WebSocket = BlockedSocket;
    const rec = new Recorder();
    const c = client(rec, null, { retryMs: 10 });
    c.start();
    await rec.until(() => rec.saw('Que voulez-vous faire ?'), 'the menu by polling');
    expect(c.isPolling).toBe(true);
    expect(rec.states).toContain('offline');
    await c.send('Me connecter avec FranceConnect', 'fr-FR');
    await rec.until(() => rec.saw('Je vous aide pour'), 'the guide by polling');
  });

  it('reports upload errors with their status', async () => {
    const rec = new Recorder();
    const c = client(rec, null);
    c.start();
    await rec.until(() => rec.saw('Que voulez-vous faire ?'), 'the menu');
    await expect(c.upload(new Blob([Buffer.from('GIF89a')], { type: 'image/gif' }), 'x.gif')).rejects.toMatchObject({ status: 415 });
    const jpeg = new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], { type: 'image/jpeg' });
    await c.upload(jpeg, 'photo.jpg');
    await rec.until(() => rec.saw("j'ai bien reçu votre photo"), 'the photo reply');
    const echo = rec.messages.find((a) => a.from?.id === c.userId && (a.attachments ?? []).length > 0);
    expect(echo?.attachments?.[0]).toMatchObject({ contentType: 'image/jpeg', name: 'photo.jpg' });
  });
});

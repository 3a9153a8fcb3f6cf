/**
 * Two bot instances, A and B, stateless, on the same 3-master Redis Cluster (ioredis Cluster client,
 * REDIS_CLUSTER_NODES), as behind a load balancer without stickiness:
 * - a citizen on the web chat of A asks for a mediator; a mediator logs in, goes on duty, claims and
 *   replies through the mediator API of B; the citizen's WebSocket on A gets each message once
 *   (both instances run a notifier; pub/sub fans the web chat appends out across the cluster);
 * - a web chat conversation started on A reconnects to B, finds its history there and goes on from
 *   the same step of the guide.
 */
import { createServer as createNetServer } from 'node:net';
import WebSocket from 'ws';
import type { Activity } from 'botbuilder';
import { FIXTURE_DIALOGS, startTestApp, type TestApp } from '../helpers/app';
import { randomPrefix } from '../helpers/redis';
import type { Cluster } from 'ioredis';
import pino from 'pino';
import { checkMaxmemoryPolicy, isCluster, pingRedis } from '../../src/storage/redis';

const SECRET = 'cluster-test-secret-of-at-least-32-chars';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  ta: TestApp;
  base: string;
}

async function instance(prefix: string, fixtures = false): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ta = await startTestApp({
    redis: 'cluster',
    prefix,
    notifier: true,
    ...(fixtures ? { dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] } : {}),
    env: { PUBLIC_BASE_URL: base, DIRECTLINE_TOKEN_SECRET: SECRET },
  });
  await new Promise<void>((r) => ta.app.server.listen(port, '127.0.0.1', () => r()));
  return { ta, base };
}

async function closeBoth(a: Instance | undefined, b: Instance | undefined): Promise<void> {
  // A leaves the keys (same prefix); B's close removes them from every master.
  await a?.ta.app.close();
  a?.ta.admin?.disconnect();
  await b?.ta.close();
}

/** The web chat of a citizen: Direct Line over HTTP, bot messages from the WebSocket. */
class WebChat {
  token = '';
  conversationId = '';
  readonly texts: string[] = [];
  private ws: WebSocket | undefined;

  async start(base: string): Promise<void> {
    const gen = await this.call<{ token: string; conversationId: string }>(base, 'POST', '/tokens/generate', { territory: 'demo' }, { origin: base });
    this.token = gen.token;
    this.conversationId = gen.conversationId;
    const conv = await this.call<{ streamUrl: string }>(base, 'POST', '/conversations');
    await this.open(conv.streamUrl);
  }

  /** Reconnect on another instance (GET /conversations/:id gives a new stream URL). */
  async reconnect(base: string, watermark: number): Promise<void> {
    this.ws?.close();
    const conv = await this.call<{ streamUrl: string }>(base, 'GET', `/conversations/${encodeURIComponent(this.conversationId)}?watermark=${watermark}`);
    await this.open(conv.streamUrl);
  }

  async history(base: string): Promise<string[]> {
    const r = await this.call<{ activities: Partial<Activity>[] }>(base, 'GET', `/conversations/${encodeURIComponent(this.conversationId)}/activities`);
    return r.activities.filter((a) => a.type === 'message').map((a) => `${a.from?.role === 'bot' ? 'bot' : 'user'}: ${a.text ?? ''}`);
  }

  async say(base: string, text: string): Promise<void> {
    await this.call(base, 'POST', `/conversations/${encodeURIComponent(this.conversationId)}/activities`, { type: 'message', text, locale: 'fr-FR' });
  }

  async waitFor(fragment: string, ms = 10_000): Promise<void> {
    const start = Date.now();
    while (!this.texts.some((t) => t.includes(fragment))) {
      if (Date.now() - start > ms) throw new Error(`no "${fragment}" in:\n${this.texts.join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  count(fragment: string): number {
    return this.texts.filter((t) => t.includes(fragment)).length;
  }

  close(): void {
    this.ws?.close();
  }

  private async open(url: string): Promise<void> {
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.on('message', (data) => {
      const s = String(data);
      if (!s) return;
      for (const a of (JSON.parse(s) as { activities: Partial<Activity>[] }).activities) {
        if (a.type === 'message' && (a.from?.role === 'bot' || a.from?.role === 'mediator')) this.texts.push(a.text ?? '');
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  private async call<T>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${base}/v3/directline${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} on ${base}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

/** A mediator using the mediator API of one instance (bearer token, as the console's API client). */
async function mediatorOn(base: string, login: { territory: string; username: string; password: string }) {
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${base}/api/mediator${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };
  const { json } = await call<{ token: string }>('POST', '/login', login);
  return <T>(method: string, path: string, body?: unknown) => call<T>(method, path, body, json.token);
}

describe('two instances on a Redis Cluster', () => {
  test('the app runs on an ioredis Cluster client: ready when every master answers, maxmemory-policy checked on each', async () => {
    const a = await instance(randomPrefix());
    const cluster = a.ta.app.redis as Cluster;
    const [, second] = cluster.nodes('master');
    try {
      expect(isCluster(cluster)).toBe(true);
      expect(cluster.nodes('master')).toHaveLength(3);
      expect((await fetch(`${a.base}/readyz`)).status).toBe(200);
      await pingRedis(cluster);
      const warnings: Array<Record<string, unknown>> = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
      expect(await checkMaxmemoryPolicy(cluster, logger)).toBe('noeviction');
      expect(warnings).toEqual([]);
      // One master out of three that may evict is reported, with its address.
      await second.config('SET', 'maxmemory-policy', 'allkeys-lru');
      expect(await checkMaxmemoryPolicy(cluster, logger)).toBe('allkeys-lru');
      expect(warnings).toEqual([expect.objectContaining({ policy: 'allkeys-lru', node: `${second.options.host}:${second.options.port}` })]);
    } finally {
      await second.config('SET', 'maxmemory-policy', 'noeviction');
      await a.ta.close();
    }
  });

  describe('cross-instance relay', () => {
    const prefix = randomPrefix();
    let a: Instance | undefined;
    let b: Instance | undefined;
    beforeAll(async () => {
      a = await instance(prefix);
      b = await instance(prefix);
    });
    afterAll(() => closeBoth(a, b));

    test('citizen on the web chat of A ⇄ mediator on the API of B, each message delivered once', async () => {
      const A = a!;
      const B = b!;
      const password = 'un mot de passe assez long';
      await B.ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password, role: 'mediateur' });
      const mediator = await mediatorOn(B.base, { territory: 'demo', username: 'lea', password });
      await mediator('POST', '/presence', { onDuty: true });

      const chat = new WebChat();
      await chat.start(A.base);
      await chat.waitFor('Que voulez-vous faire ?');
      await chat.say(A.base, 'conseiller');
      await chat.waitFor("Vous êtes d'accord ?");
      await chat.say(A.base, 'oui');
      await chat.waitFor('Vous êtes n°1 dans la file.');

      const queue = await mediator<{ waiting: Array<{ id: string; channel: string }> }>('GET', '/queue');
      expect(queue.json.waiting).toHaveLength(1);
      const id = queue.json.waiting[0].id;
      await mediator('POST', `/handoffs/${id}/claim`);
      await chat.waitFor('Un conseiller vous répond.');

      await chat.say(A.base, 'je ne trouve pas le bouton');
      const start = Date.now();
      let seen: Array<{ from: string; text: string }> = [];
      while (!seen.some((m) => m.text === 'je ne trouve pas le bouton') && Date.now() - start < 5000) {
        await new Promise((r) => setTimeout(r, 20));
        seen = (await mediator<{ messages: Array<{ from: string; text: string }> }>('GET', `/handoffs/${id}/messages`)).json.messages;
      }
      expect(seen.map((m) => [m.from, m.text])).toContainEqual(['citizen', 'je ne trouve pas le bouton']);

      await mediator('POST', `/handoffs/${id}/messages`, { text: 'Il est en haut à droite.' });
      await chat.waitFor('Conseiller : Il est en haut à droite.');
      await mediator('POST', `/handoffs/${id}/close`, { outcome: 'fait-avec' });
      await chat.waitFor('Le conseiller a terminé.');
      // Both instances run a notifier (one consumer group per territory stream): still exactly one of each.
      await new Promise((r) => setTimeout(r, 400));
      expect(chat.count('Un conseiller vous répond.')).toBe(1);
      expect(chat.count('Conseiller : Il est en haut à droite.')).toBe(1);
      expect(chat.count('Le conseiller a terminé.')).toBe(1);
      // What B wrote is what A reads: the audit, through A's own client.
      const actions = (await A.ta.app.audit.list('demo')).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['on-duty', 'claim', 'message', 'close']));
      await chat.say(A.base, 'menu');
      await chat.waitFor('Que voulez-vous faire ?');
      chat.close();
    });
  });

  describe('web chat continuity', () => {
    const prefix = randomPrefix();
    let a: Instance | undefined;
    let b: Instance | undefined;
    beforeAll(async () => {
      a = await instance(prefix, true);
      b = await instance(prefix, true);
    });
    afterAll(() => closeBoth(a, b));

    test('a conversation started on A continues on B, with its history and at the same step', async () => {
      const A = a!;
      const B = b!;
      const chat = new WebChat();
      await chat.start(A.base);
      await chat.waitFor('Que voulez-vous faire ?');
      await chat.say(A.base, '1');
      await chat.waitFor('Vous avez tout ?');
      await chat.say(A.base, '1');
      await chat.waitFor('Étape 1 sur 3');
      const onA = await chat.history(A.base);

      // The load balancer now sends the citizen to B: same token, new socket, same conversation.
      const history = await chat.history(B.base);
      expect(history).toEqual(onA);
      expect(history.join('\n')).toMatch(/user: 1[\s\S]*Étape 1 sur 3/);
      await chat.reconnect(B.base, history.length);
      await chat.say(B.base, '1');
      await chat.waitFor('Étape 2 sur 3');
      expect(chat.count('Étape 2 sur 3')).toBe(1);
      const after = await chat.history(A.base);
      expect(after.slice(0, onA.length)).toEqual(onA);
      expect(after.join('\n')).toMatch(/Étape 1 sur 3[\s\S]*user: 1[\s\S]*Étape 2 sur 3/);
      chat.close();
    });
  });
});

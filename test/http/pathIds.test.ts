/**
 * An id in a public URL path that cannot be one of ours (3,000 characters, spaces, quotes, a NUL): 400 with the
 * reason, before the router (which answers 404 to a segment over 100 characters) and before any store — never 404,
 * never 500, never a Redis command. Direct Line (its REST routes and its WebSocket stream), the short links
 * /r/<id>, and the mediators' API (handoffs, callbacks).
 */
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';

const SECRET = 'a-path-ids-test-secret-of-32-characters-or-more';
const LONG = 'a'.repeat(3000);
const GARBAGE = [LONG, 'a'.repeat(101), "x'%20or%201=1", '%00', 'a%2Fb', 'é'.repeat(5), 'a.b', '%7B%22x%22%7D'];

let ta: TestApp;
let base: string;
let commands: string[][];

beforeAll(async () => {
  ta = await startTestApp({ redis: true, env: { DIRECTLINE_TOKEN_SECRET: SECRET } });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
  const redis = ta.app.redis!;
  const send = redis.sendCommand.bind(redis);
  commands = [];
  (redis as unknown as { sendCommand: typeof send }).sendCommand = ((command: { name: string; args: unknown[] }) => {
    commands.push([command.name, ...command.args.map(String)]);
    return send(command as never);
  }) as typeof send;
});
afterAll(() => ta.close());

async function token(): Promise<{ token: string; conversationId: string }> {
  const origin = ta.app.territories.ownOrigin;
  const res = await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ territory: 'demo' }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; conversationId: string };
}

function touched(id: string): string[][] {
  const plain = decodeURIComponent(id.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  return commands.filter((c) => c.some((a) => a.includes(id) || (plain.length > 3 && a.includes(plain))));
}

async function expect400(method: string, path: string, init: { token?: string; json?: unknown } = {}, id: string, reason = /id: .*cannot be one of ours/): Promise<void> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: init.json !== undefined ? JSON.stringify(init.json) : undefined });
  const text = await res.text();
  if (res.status !== 400) throw new Error(`${method} ${path.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`);
  expect(text).toMatch(reason);
  expect(touched(id)).toEqual([]);
}

describe('ids in the path that cannot be ours: 400 with the reason', () => {
  it('Direct Line: every route with a conversation id', async () => {
    const { token: t } = await token();
    for (const id of GARBAGE) {
      const c = `/v3/directline/conversations/${id}`;
      await expect400('POST', `${c}/activities`, { token: t, json: { type: 'message', text: 'bonjour' } }, id);
      await expect400('GET', `${c}/activities`, { token: t }, id);
      await expect400('GET', c, { token: t }, id);
      await expect400('DELETE', c, { token: t }, id);
      await expect400('POST', `${c}/upload`, { token: t }, id);
      await expect400('GET', `${c}/files/abcdefghijklmnop`, { token: t }, id);
    }
    const { conversationId } = await token();
    await expect400('GET', `/v3/directline/conversations/${conversationId}/files/${LONG}`, { token: t }, LONG);
  });

  it('Direct Line: the WebSocket stream refuses the upgrade with 400', async () => {
    const { token: t } = await token();
    for (const id of [LONG, 'a'.repeat(101), "x'%20or"]) {
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/${id}/stream?t=${encodeURIComponent(t)}`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
      expect(status).toBe(400);
      expect(touched(id)).toEqual([]);
    }
  });

  it('a real conversation id still works', async () => {
    const { token: t, conversationId } = await token();
    const res = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${t}` } });
    expect(res.status).toBe(201);
    const acts = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${t}` } });
    expect(acts.status).toBe(200);
    // The watch on Redis sees the commands of a real conversation (so it would see a refused id's).
    expect(touched(conversationId).length).toBeGreaterThan(0);
  });

  it('short links /r/<id>: 400 with a kind text; an unknown well-formed id stays 404', async () => {
    for (const id of GARBAGE) await expect400('GET', `/r/${id}`, {}, id, /Ce lien est incomplet[\s\S]*link id: /);
    expect((await fetch(`${base}/r/abcdefghij`, { redirect: 'manual' })).status).toBe(404);
  });

  it("the mediators' API: handoff and callback ids", async () => {
    for (const id of GARBAGE) {
      for (const [method, path] of [
        ['GET', `/api/mediator/handoffs/${id}`],
        ['GET', `/api/mediator/handoffs/${id}/messages`],
        ['POST', `/api/mediator/handoffs/${id}/claim`],
        ['POST', `/api/mediator/handoffs/${id}/close`],
        ['GET', `/api/mediator/handoffs/${id}/notes`],
        ['GET', `/api/mediator/handoffs/${id}/photos/0`],
        ['POST', `/api/mediator/callbacks/${id}/done`],
      ]) {
        await expect400(method, path, {}, id);
      }
    }
  });
});

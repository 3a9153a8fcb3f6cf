/**
 * Issue #9, fault 4: graceful shutdown on SIGTERM. A turn is in flight (made slow by freezing Redis
 * with SIGSTOP for a moment), a web chat WebSocket and a mediator's event stream are open, and a
 * mediator holds a lease. On SIGTERM the process stops accepting connections at once, closes the
 * WebSocket with 1001 (the widget reconnects elsewhere), ends the event stream (the console's
 * EventSource reconnects elsewhere), lets the turn finish with 200, and exits 0 within a few seconds.
 * The mediator's lease is NOT released: it belongs to the mediator's console (which goes on
 * heartbeating through another instance), not to the process (docs/reliability.md).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { BotProcess, MediatorClient, RedisServer, addMediator, cleanupAll, measure, say } from './support';

afterAll(cleanupAll);

test('SIGTERM: stop accepting, finish the turn in flight, close sockets (1001), keep leases, exit 0', async () => {
  const redis = new RedisServer('sigterm');
  await redis.start();
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `chaos:${randomBytes(4).toString('hex')}:`, SHUTDOWN_GRACE_MS: '8000' };
  const password = `pw-${randomBytes(8).toString('hex')}`;
  addMediator(env, 'demo', 'bob', password);
  const bot = new BotProcess(env);
  await bot.start();
  const origin = `http://localhost:${bot.port}`; // PUBLIC_BASE_URL by default: the service's own origin

  // A mediator on duty who holds a lease, with the event stream open.
  const bob = new MediatorClient(() => bot.base, 'demo', 'bob', password);
  await bob.login();
  await bob.call('POST', '/presence', { onDuty: true });
  const citizen = `term-${randomBytes(3).toString('hex')}`;
  await say(bot.base, citizen, 'bonjour');
  const ask = await say(bot.base, citizen, 'conseiller');
  if (/d'accord \?/i.test(ask.text)) await say(bot.base, citizen, 'oui');
  const [handoff] = (await bob.queue()).waiting;
  const claim = await bob.call<{ leaseExpiresAt: number }>('POST', `/handoffs/${handoff.id}/claim`);
  expect(claim.status).toBe(200);
  const events = await fetch(`${bot.base}/api/mediator/events`, { headers: { authorization: `Bearer ${bob.token}` } });
  const eventsReader = events.body!.getReader();
  await eventsReader.read();
  const eventsEnded = (async () => {
    for (;;) if ((await eventsReader.read()).done) return 'ended';
  })().catch((err: Error) => `error: ${err.message}`);

  // A web chat conversation with its WebSocket open.
  const gen = await fetch(`${bot.base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ territory: 'demo' }),
  });
  expect(gen.status).toBe(200);
  const { token } = (await gen.json()) as { token: string };
  const conv = await fetch(`${bot.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(conv.status).toBe(201);
  const { streamUrl } = (await conv.json()) as { streamUrl: string };
  const ws = new WebSocket(streamUrl.replace(/^wss?:\/\/[^/]+/, `ws://127.0.0.1:${bot.port}`));
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  const wsClosed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  // A turn in flight: Redis is frozen, so the turn waits on it.
  redis.pause();
  const inFlight = say(bot.base, `term-slow-${randomBytes(3).toString('hex')}`, 'bonjour');
  await sleep(300);
  const t0 = performance.now();
  bot.proc!.kill('SIGTERM');
  await sleep(300);

  // No new connection is accepted any more.
  const refused = await fetch(`${bot.base}/healthz`).then(
    (r) => `answered ${r.status}`,
    (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
  );
  expect(refused).toBe('ECONNREFUSED');
  // The web chat socket and the mediator's stream are closed for the clients to reconnect elsewhere.
  // (within a second, while Redis is still frozen: nothing waits on the turn or on Redis).
  const soon = <T,>(p: Promise<T>) => Promise.race([p, sleep(1000).then(() => 'still open')]);
  expect(await soon(wsClosed)).toEqual({ code: 1001, reason: 'server shutting down' });
  expect(await soon(eventsEnded)).toBe('ended');

  // Redis wakes up: the turn in flight completes normally.
  redis.resume();
  const turn = await inFlight;
  expect(turn.status).toBe(200);
  expect(turn.text).toMatch(/Bonjour/);

  const exit = await bot.exit!;
  const shutdownMs = performance.now() - t0;
  expect(exit).toEqual({ code: 0, signal: null });
  measure('SIGTERM → exit 0 (with a turn held 300 ms by a frozen Redis)', shutdownMs);
  expect(shutdownMs).toBeLessThan(2000);

  // The lease was kept: the mediator's console goes on with it through another instance.
  const other = new BotProcess(env);
  await other.start();
  const bob2 = new MediatorClient(() => other.base, 'demo', 'bob', password);
  bob2.token = bob.token;
  expect((await bob2.queue()).mine.map((m) => m.id)).toEqual([handoff.id]);
  expect((await bob2.call('POST', `/handoffs/${handoff.id}/heartbeat`)).status).toBe(200);

  // A shutdown with nothing in flight is quick.
  const t1 = performance.now();
  expect(await other.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  measure('SIGTERM → exit 0 (idle)', performance.now() - t1);
}, 60_000);

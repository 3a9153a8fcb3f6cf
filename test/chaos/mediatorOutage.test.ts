/**
 * Security review #10, finding 3: a Redis outage with a mediator console open killed the process
 * after about 15 s (the event stream's keep-alive started a Redis read nobody caught:
 * MaxRetriesPerRequestError, unhandled rejection, exit). Here a mediator's event stream (SSE) is
 * open on the real server process while Redis is stopped for 30 s: the process stays up, the
 * mediator API answers 503 + Retry-After meanwhile (never a 500), the open stream stays open (its
 * keep-alives go on), and once Redis is back the same stream delivers the next handoff event.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BotProcess, MediatorClient, RedisServer, addMediator, cleanupAll, measure, say, waitFor } from './support';

afterAll(cleanupAll);

const OUTAGE_MS = 30_000;

/** An SSE reader that collects events and keep-alive comments until aborted. */
function readStream(body: ReadableStream<Uint8Array>) {
  const state = { events: [] as Array<{ id: string; type: string; at: number }>, keepAlives: [] as number[], ended: false, error: '' };
  const reader = body.getReader();
  const done = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) {
        state.ended = true;
        return;
      }
      buffer += Buffer.from(value).toString('utf8');
      let sep: number;
      while ((sep = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, sep);
        buffer = buffer.slice(sep + 2);
        if (chunk.startsWith(': keep-alive')) state.keepAlives.push(Date.now());
        const id = /^id: (.+)$/m.exec(chunk)?.[1];
        const data = /^data: (.+)$/m.exec(chunk)?.[1];
        if (id && data) state.events.push({ id, type: (JSON.parse(data) as { type: string }).type, at: Date.now() });
      }
    }
  })().catch((err: Error) => {
    state.error = err.message;
  });
  return { state, done, cancel: () => reader.cancel().catch(() => undefined) };
}

async function askForMediator(base: string, conversation: string): Promise<void> {
  await say(base, conversation, 'bonjour');
  const ask = await say(base, conversation, 'conseiller');
  const done = /d'accord \?/i.test(ask.text) ? await say(base, conversation, 'oui') : ask;
  expect({ status: done.status, text: done.text }).toEqual({ status: 200, text: expect.stringMatching(/dans la file/) });
}

test('Redis away 30 s with a console open: the process stays up, 503 meanwhile, the open stream resumes', async () => {
  const redis = new RedisServer('mediator-outage');
  await redis.start();
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `chaos:${randomBytes(4).toString('hex')}:`, WARMUP_RECOGNIZERS: 'false' };
  const password = `pw-${randomBytes(8).toString('hex')}`;
  addMediator(env, 'demo', 'dina', password);
  const bot = new BotProcess(env);
  await bot.start();
  const dina = new MediatorClient(() => bot.base, 'demo', 'dina', password);
  await dina.login();
  expect((await dina.call('POST', '/presence', { onDuty: true })).status).toBe(200);

  const ctrl = new AbortController();
  const res = await fetch(`${bot.base}/api/mediator/events`, { headers: { authorization: `Bearer ${dina.token}` }, signal: ctrl.signal });
  expect(res.status).toBe(200);
  const sse = readStream(res.body!);
  const run = randomBytes(3).toString('hex');
  await askForMediator(bot.base, `out-${run}-before`);
  await waitFor('the first event on the stream', async () => (sse.state.events.length >= 1 ? true : undefined));

  // Redis goes away for 30 s (two keep-alive rounds of the open stream).
  await redis.stop();
  const downAt = Date.now();
  const answers: Array<{ path: string; status: number; retryAfter: string | null; body: string }> = [];
  while (Date.now() - downAt < OUTAGE_MS) {
    for (const path of ['/me', '/queue']) {
      const r = await fetch(`${bot.base}/api/mediator${path}`, { headers: { authorization: `Bearer ${dina.token}` } });
      answers.push({ path, status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() });
    }
    // A console that reconnects its stream meanwhile is told to come back later.
    const again = await fetch(`${bot.base}/api/mediator/events`, { headers: { authorization: `Bearer ${dina.token}` } });
    answers.push({ path: '/events', status: again.status, retryAfter: again.headers.get('retry-after'), body: await again.text() });
    expect(bot.alive).toBe(true);
    await sleep(2000);
  }
  expect({ alive: bot.alive, output: bot.alive ? '' : bot.output }).toEqual({ alive: true, output: '' });
  expect(answers.length).toBeGreaterThan(20);
  for (const a of answers) {
    expect(a).toEqual({ path: a.path, status: 503, retryAfter: '1', body: JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'temporarily unavailable, retry shortly' } }) });
  }
  // The open stream stayed open through the outage: its keep-alives went on.
  expect(sse.state.ended).toBe(false);
  expect(sse.state.error).toBe('');
  expect(sse.state.keepAlives.filter((t) => t > downAt).length).toBeGreaterThanOrEqual(1);

  await redis.start();
  const upAt = Date.now();
  await waitFor('the mediator API after Redis is back', async () => ((await dina.call('GET', '/me')).status === 200 ? true : undefined), 15_000, 100);
  measure('Redis back → mediator API 200', Date.now() - upAt);
  const before = sse.state.events.length;
  await askForMediator(bot.base, `out-${run}-after`);
  await waitFor('the next event on the same stream', async () => (sse.state.events.length > before ? true : undefined), 10_000);
  measure('Redis back → event on the open stream', Date.now() - upAt);
  expect(sse.state.events.slice(before).map((e) => e.type)).toContain('handoff.requested');
  expect(sse.state.ended).toBe(false);

  ctrl.abort();
  await sse.cancel();
  expect(bot.alive).toBe(true);
  expect((await bot.kill('SIGTERM'))?.code).toBe(0);
}, 120_000);

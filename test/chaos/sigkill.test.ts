/**
 * Issue #9, fault 1: the bot process is SIGKILLed while handoffs wait and a mediator is connected
 * (logged in, on duty, one handoff claimed, the event stream open). A new process on the same Redis
 * (AOF) finds everything: the waiting handoffs in the same order, the claim still the mediator's
 * with its lease (docs/handoff.md: a lease belongs to the mediator's console, not to a process),
 * the mediator's session, and the citizens' conversations go on where they were.
 */
import { randomBytes } from 'node:crypto';
import { BotProcess, MediatorClient, RedisServer, addMediator, cleanupAll, say, waitFor } from './support';

afterAll(cleanupAll);

test('SIGKILL with handoffs waiting and a mediator connected: nothing is lost after a restart', async () => {
  const redis = new RedisServer('sigkill');
  await redis.start();
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `chaos:${randomBytes(4).toString('hex')}:` };
  const password = `pw-${randomBytes(8).toString('hex')}`;
  addMediator(env, 'demo', 'alice', password);

  let bot = new BotProcess(env);
  await bot.start();
  const alice = new MediatorClient(() => bot.base, 'demo', 'alice', password);
  await alice.login();
  expect((await alice.call('POST', '/presence', { onDuty: true })).status).toBe(200);

  // Four citizens ask for a mediator and accept; they are queued 1 to 4.
  const run = randomBytes(3).toString('hex');
  const citizens = [0, 1, 2, 3].map((i) => `kill-${run}-${i}`);
  for (const [i, c] of citizens.entries()) {
    expect((await say(bot.base, c, 'bonjour')).status).toBe(200);
    const ask = await say(bot.base, c, 'conseiller');
    expect(ask.status).toBe(200);
    const queued = /d'accord \?/i.test(ask.text) ? await say(bot.base, c, 'oui') : ask;
    expect(queued.status).toBe(200);
    expect(queued.text).toContain(`n°${i + 1} dans la file`);
  }
  const before = await alice.queue();
  expect(before.waiting).toHaveLength(4);
  const ids = before.waiting.map((w) => w.id);

  // Alice claims the first one and has her event stream open.
  const claim = await alice.call<{ leaseExpiresAt: number }>('POST', `/handoffs/${ids[0]}/claim`);
  expect(claim.status).toBe(200);
  const events = await fetch(`${bot.base}/api/mediator/events`, { headers: { authorization: `Bearer ${alice.token}` } });
  expect(events.status).toBe(200);
  const reader = events.body!.getReader();
  await reader.read(); // the stream is open
  // The citizen being helped writes; the message reaches the mediator's side.
  expect((await say(bot.base, citizens[0], 'voici ma question')).status).toBe(200);

  // SIGKILL: no shutdown code runs at all.
  const killed = await bot.kill('SIGKILL');
  expect(killed).toEqual({ code: null, signal: 'SIGKILL' });
  // The mediator's stream is cut (the console's EventSource reconnects, see below).
  const cut = await (async () => {
    for (;;) if ((await reader.read()).done) return 'ended';
  })().catch((err: Error) => err.message);
  expect(['ended', 'terminated']).toContain(cut);

  // A new process on the same Redis.
  bot = new BotProcess(env);
  await bot.start();

  // Alice's session survived (it lives in Redis); the queue is the same, in the same order.
  const after = await alice.queue();
  expect(after.waiting.map((w) => w.id)).toEqual(ids.slice(1));
  expect(after.waiting.map((w) => w.position)).toEqual([1, 2, 3]);
  expect(after.mine.map((m) => m.id)).toEqual([ids[0]]);
  // Her lease still holds: a heartbeat renews it; her messages are all there.
  const hb = await alice.call<{ leaseExpiresAt: number }>('POST', `/handoffs/${ids[0]}/heartbeat`);
  expect(hb.status).toBe(200);
  expect(hb.body.leaseExpiresAt).toBeGreaterThanOrEqual(claim.body.leaseExpiresAt);
  const msgs = await alice.call<{ messages: Array<{ from: string; text: string }> }>('GET', `/handoffs/${ids[0]}/messages`);
  expect(msgs.body.messages.map((m) => m.text)).toContain('voici ma question');

  // The conversations go on where they were: the helped citizen still talks to the mediator, a
  // waiting citizen is still waiting (and told their new place), a new citizen queues behind.
  expect((await say(bot.base, citizens[0], 'et encore ceci')).status).toBe(200);
  await waitFor('the message after the restart', async () => {
    const m = await alice.call<{ messages: Array<{ text: string }> }>('GET', `/handoffs/${ids[0]}/messages`);
    return m.body.messages.some((x) => x.text === 'et encore ceci') ? true : undefined;
  });
  const waiting = await say(bot.base, citizens[2], 'toujours là ?');
  expect(waiting.status).toBe(200);
  expect(waiting.text).toContain('n°2');
  const newcomer = `kill-${run}-new`;
  await say(bot.base, newcomer, 'bonjour');
  const ask = await say(bot.base, newcomer, 'conseiller');
  const queued = /d'accord \?/i.test(ask.text) ? await say(bot.base, newcomer, 'oui') : ask;
  expect(queued.text).toContain('n°4 dans la file');

  // The mediator's event stream resumes on the new process from where it was (Last-Event-ID).
  const resumed = await fetch(`${bot.base}/api/mediator/events`, { headers: { authorization: `Bearer ${alice.token}`, 'last-event-id': '0' } });
  const r2 = resumed.body!.getReader();
  let seen = '';
  const decoder = new TextDecoder();
  await waitFor('the handoff events of both processes', async () => {
    const chunk = await r2.read();
    seen += decoder.decode(chunk.value ?? new Uint8Array());
    return seen.includes('"handoff.claimed"') && (seen.match(/"handoff\.requested"/g) ?? []).length >= 5 ? true : undefined;
  });
  await r2.cancel();

  // Alice closes the conversation she had before the crash: the lease token taken on the old process works.
  expect((await alice.call('POST', `/handoffs/${ids[0]}/close`, { outcome: 'fait-avec' })).status).toBe(204);
  expect((await bot.kill('SIGTERM'))?.code).toBe(0);
}, 60_000);

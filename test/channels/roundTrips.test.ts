/**
 * Redis round trips per citizen turn, counted on the app's own ioredis client against the real
 * Redis (random key prefix, cleaned up). A round trip is one wait for Redis: the commands sent in
 * the same tick (a pipeline, a MULTI/EXEC, independent commands sent together with Promise.all)
 * travel together and count once; a command sent after an answer came back is a new round trip.
 * Targets (issue #15): an SMS turn in ≤ 5, a web chat (Direct Line) turn in ≤ 4; held here at what they are now, 2 and 2.
 */
import type { RedisClient } from '../../src/storage/redis';
import { PUBLIC, postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

interface Counter {
  /** Round trips (batches of commands sent in one tick) and their commands, since `reset`. */
  batches: string[][];
  reset(): void;
}

/** Wrap the client's `sendCommand`: a command sent while no batch is open opens one, closed when the client sends it. */
function countRoundTrips(redis: RedisClient): Counter {
  const counter: Counter = {
    batches: [],
    reset() {
      counter.batches = [];
    },
  };
  let open: string[] | undefined;
  const client = redis as unknown as { sendCommand(command: { name: string }, ...rest: unknown[]): unknown };
  const original = client.sendCommand.bind(client);
  client.sendCommand = (command, ...rest) => {
    let opened: string[] | undefined;
    if (!open) {
      opened = open = [];
      counter.batches.push(opened);
    }
    open.push(command.name);
    const sent = original(command, ...rest);
    // Closed after the client's own end of the tick (registered by the command above): what the client sends then
    // (CorkedRedis.beforeSending) leaves in the same write.
    if (opened) {
      const batch = opened;
      setImmediate(() => {
        if (open === batch) open = undefined;
      });
    }
    return sent;
  };
  return counter;
}

const show = (batches: string[][]) => batches.map((b, i) => `${i + 1}. ${b.join(' ')}`).join('\n');

describe('Redis round trips per turn (real Redis)', () => {
  let h: ChannelHarness;
  let counter: Counter;
  let base: string;
  beforeAll(async () => {
    h = await startChannels({ redis: true, env: { DIRECTLINE_TOKEN_SECRET: 'a-round-trip-test-secret-of-32-characters' } });
    base = h.base;
    counter = countRoundTrips(h.ta.app.redis!);
  });
  afterAll(async () => {
    await h.close();
  });

  it('an SMS turn waits for Redis at most 2 times (its states read with the dedup; written with the reply, which counts its SMS)', async () => {
    const citizen = '+33611223344';
    // The first messages load the scripts (EVALSHA → NOSCRIPT → EVAL once per process) and welcome the citizen.
    expect((await postSms(base, smsFields(citizen, 'Bonjour'))).status).toBe(200);
    expect((await postSms(base, smsFields(citizen, 'menu'))).status).toBe(200);
    counter.reset();
    const r = await postSms(base, smsFields(citizen, '1'));
    expect(r.status).toBe(200);
    expect(r.messages.length).toBeGreaterThan(0);
    const batches = counter.batches;
    // Printed so that a change in the count can be read (what each round trip sends).
    process.stdout.write(`SMS turn: ${batches.length} round trips\n${show(batches)}\n`);
    expect(batches.length).toBeLessThanOrEqual(2);
    // The first turn looked for a STOP under the older key layouts and found none: not asked again (src/channels/webhook/oldStops.ts).
    expect(batches.flat()).not.toContain('exists');
  });

  it('the first SMS of a citizen looks for a STOP under the older key layouts, in its first round trip', async () => {
    counter.reset();
    expect((await postSms(base, smsFields('+33611223355', 'Bonjour'))).status).toBe(200);
    expect(counter.batches[0]).toContain('exists');
  });

  it('a web chat (Direct Line) turn waits for Redis at most 2 times (its states read with the claim of its client id, written with the append)', async () => {
    const headers = { 'content-type': 'application/json', origin: PUBLIC };
    const gen = (await (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
    const auth = { ...headers, authorization: `Bearer ${gen.token}` };
    expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
    let n = 0;
    const say = async (text: string) => {
      n += 1;
      const res = await fetch(`${base}/v3/directline/conversations/${gen.conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', from: { id: 'citizen' }, text, channelData: { clientActivityID: `client-${n}-${Date.now()}` } }),
      });
      expect(res.status).toBe(200);
    };
    await say('Bonjour');
    await say('menu');
    counter.reset();
    await say('1');
    const batches = counter.batches;
    process.stdout.write(`Direct Line turn: ${batches.length} round trips\n${show(batches)}\n`);
    expect(batches.length).toBeLessThanOrEqual(2);
  });
});

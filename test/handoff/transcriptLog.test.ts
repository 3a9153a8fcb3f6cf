/**
 * The masked transcript a mediator gets lives in the conversation state's log (src/storage/botState.ts), not in
 * the state a turn reads and writes: the handoff still gets the last lines of earlier turns, the citizen's and the
 * bot's, masked; the state carries only the citizen's last lines (for "said just before"); a state saved before
 * the log (its lines in the state) moves them to the log at its next message.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('the transcript log, on %s', (_name, redis) => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await startTestApp({ redis, onDuty: true });
  });
  afterAll(() => ta.close());

  const keyOf = (c: Citizen) => `terminal/conversations/${c.conversationId}/`;

  it('earlier turns reach the handoff (masked, citizen and bot), and the state does not carry them', async () => {
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('bonjour');
    await c.say('mon mot de passe est Soleil2024 et je suis perdu');
    const state = (await ta.app.store.read([keyOf(c)]))[keyOf(c)] as { data: Record<string, unknown> };
    expect(state.data.transcript).toBeUndefined();
    expect(JSON.stringify(state)).not.toContain('Soleil2024');
    expect((state.data.said as Array<{ text: string }>).map((l) => l.text)).toEqual(['bonjour', 'mon mot de passe est [masqué] et je suis perdu']);
    const log = (await ta.app.store.readLog(keyOf(c))).map((l) => JSON.parse(l) as { from: string; text: string });
    expect(log.length).toBeGreaterThan(2);
    expect(log.length).toBeLessThanOrEqual(12);
    expect(log.filter((l) => l.from === 'citizen').map((l) => l.text)).toEqual(['bonjour', 'mon mot de passe est [masqué] et je suis perdu']);

    await c.say('conseiller');
    await c.say('oui');
    const transcript = (await c.handoff())!.transcript;
    expect(transcript.length).toBeLessThanOrEqual(12);
    const texts = transcript.map((l) => `${l.from}: ${l.text}`);
    expect(texts).toContain('citizen: mon mot de passe est [masqué] et je suis perdu');
    expect(texts).toContain('citizen: oui');
    expect(transcript.some((l) => l.from === 'bot')).toBe(true);
    expect(JSON.stringify(transcript)).not.toContain('Soleil2024');
  });

  it('a state saved with its transcript inside moves it to the log at the next message', async () => {
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('bonjour');
    const key = keyOf(c);
    const state = (await ta.app.store.read([key]))[key] as { data: Record<string, unknown> };
    const at = ta.app.now();
    state.data = { ...state.data, transcript: [{ from: 'citizen', text: 'une ancienne ligne', at }, { from: 'bot', text: 'une réponse', at }] };
    delete state.data.said;
    delete state.data.lines;
    await ta.app.store.write({ [key]: { ...state, eTag: '*' } });
    await c.say('menu');
    const after = (await ta.app.store.read([key]))[key] as { data: Record<string, unknown> };
    expect(after.data.transcript).toBeUndefined();
    const log = (await ta.app.store.readLog(key)).map((l) => (JSON.parse(l) as { text: string }).text);
    expect(log.slice(log.indexOf('une ancienne ligne'), log.indexOf('une ancienne ligne') + 3)).toEqual(['une ancienne ligne', 'une réponse', 'menu']);
  });
});

/**
 * The SMS and web chat turns send their state writes with their own write after the turn, in one round trip
 * (storage/botState.ts `TurnWrites`). When the state write fails, the SMS turn is not stored: the webhook answers
 * 503 and Twilio's retry of the same message runs the turn (it is not taken for a duplicate). The web chat's append
 * went through with it (its replies are shown): the POST fails, and its retry with the same client id is answered
 * with that activity, never a second copy (docs/reliability.md). Real Redis, random key prefix, cleaned up.
 */
import type { StateStore } from '../../src/storage/stateStore';
import { parisMonth, segmentsOf } from '../../src/territories/smsBudget';
import { PUBLIC, postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

/** The next state write fails (as a write Redis refused would), the ones after it go through. */
function failNextStateWrite(store: StateStore): { failed: () => number } {
  const original = store.write.bind(store);
  let failures = 0;
  let armed = true;
  store.write = ((...args: Parameters<StateStore['write']>) => {
    if (!armed) return original(...args);
    armed = false;
    failures += 1;
    return Promise.reject(new Error('state write refused'));
  }) as StateStore['write'];
  return { failed: () => failures };
}

describe('a turn whose state write fails is run again by the retry (real Redis)', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis: true, env: { DIRECTLINE_TOKEN_SECRET: 'a-turn-writes-test-secret-of-32-characters' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('SMS: 503 first, then the same message (Twilio retry) gets the answer the turn gives', async () => {
    const citizen = '+33611220099';
    const used = async () => (await h.ta.app.smsBudget.monthOf('demo', parisMonth(h.ta.app.now()))).used;
    expect((await postSms(h.base, smsFields(citizen, 'Bonjour'))).status).toBe(200);
    const before = await used();
    const failing = failNextStateWrite(h.ta.app.store);
    const fields = smsFields(citizen, 'impots');
    const first = await postSms(h.base, fields);
    expect(failing.failed()).toBe(1);
    expect(first.status).toBe(503);
    // Nothing went out: the territory's SMS budget counts nothing for it.
    expect(await used()).toBe(before);
    const retry = await postSms(h.base, fields);
    expect(retry.status).toBe(200);
    expect(retry.messages.join('\n')).toMatch(/Je vous aide pour : Déclarer mes impôts/);
    expect(await used()).toBe(before + segmentsOf(retry.messages));
    // The state the retry wrote is the one the next message reads: the guide goes on.
    const next = await postSms(h.base, smsFields(citizen, '1'));
    expect(next.messages.join('\n')).toMatch(/Étape 1 sur \d+/);
  });

  it('web chat: the POST fails, its retry with the same client id is answered, and the answer is shown once', async () => {
    const headers = { 'content-type': 'application/json', origin: PUBLIC };
    const gen = (await (await fetch(`${h.base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
    const auth = { ...headers, authorization: `Bearer ${gen.token}` };
    expect((await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
    const url = `${h.base}/v3/directline/conversations/${gen.conversationId}/activities`;
    const post = (text: string, clientId: string) =>
      fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', from: { id: 'citizen' }, text, channelData: { clientActivityID: clientId } }) });
    expect((await post('Bonjour', 'client-1')).status).toBe(200);
    const failing = failNextStateWrite(h.ta.app.store);
    const first = await post('impots', 'client-2');
    expect(failing.failed()).toBe(1);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBeTruthy();
    expect((await post('impots', 'client-2')).status).toBe(200);
    const log = (await (await fetch(url, { headers: auth })).json()) as { activities: Array<{ from: { id: string }; text?: string }> };
    const asked = log.activities.filter((a) => a.text === 'impots');
    expect(asked).toHaveLength(1);
    const answers = log.activities.filter((a) => /Je vous aide pour : Déclarer mes impôts/.test(a.text ?? ''));
    expect(answers).toHaveLength(1);
  });
});

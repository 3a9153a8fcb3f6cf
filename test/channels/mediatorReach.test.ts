/**
 * A mediator writing to a citizen on SMS or WhatsApp through the mediator API: told plainly when the
 * message cannot reach them (STOP, WhatsApp's 24-hour window) instead of writing into the void, and
 * told when it will wait for the citizen (a template was sent).
 */
import { postSms, postWhatsApp, smsFields, startChannels, waText, type ChannelHarness } from '../helpers/channels';

async function mediatorSession(h: ChannelHarness): Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown> }>> {
  const login = h.ta.app.demoLogin!;
  const res = await fetch(`${h.base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
  const { token } = (await res.json()) as { token: string };
  return async (method, path, body) => {
    const r = await fetch(`${h.base}/api/mediator${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
}

async function handoffOf(h: ChannelHarness, channel: string): Promise<string> {
  const waiting = await h.ta.app.queue.waiting('demo');
  const record = waiting.filter((r) => r.channel === channel).pop();
  if (!record) throw new Error(`no ${channel} handoff waiting`);
  return record.id;
}

describe('mediator messages to messaging channels', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ onDuty: true, env: { WHATSAPP_TEMPLATE: 'pasapas_reponse' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses, with the reason, a message to a citizen who wrote STOP', async () => {
    const from = '+33600000040';
    await postSms(h.base, smsFields(from, 'Bonjour'));
    const ask = await postSms(h.base, smsFields(from, 'conseiller'));
    if (/\bOui\b/.test(ask.messages.join('\n'))) await postSms(h.base, smsFields(from, 'oui'));
    const id = await handoffOf(h, 'sms');
    const api = await mediatorSession(h);
    expect((await api('POST', `/handoffs/${id}/claim`)).status).toBe(200);
    const ok = await api('POST', `/handoffs/${id}/messages`, { text: 'Bonjour, je suis là.' });
    expect(ok.status).toBe(201);
    expect(ok.json.delivery).toBe('now');
    await postSms(h.base, smsFields(from, 'STOP'));
    const refused = await api('POST', `/handoffs/${id}/messages`, { text: 'Vous êtes toujours là ?' });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'CitizenStopped' });
  });

  it('accepts a WhatsApp message after 24 hours as "when the citizen writes" (template sent)', async () => {
    const from = '33600000041';
    await postWhatsApp(h.base, waText(from, 'Bonjour'));
    await postWhatsApp(h.base, waText(from, 'conseiller'));
    const consent = h.provider.calls.some((c) => JSON.stringify(c.json ?? {}).includes('Oui'));
    if (consent) await postWhatsApp(h.base, waText(from, 'Oui'));
    const id = await handoffOf(h, 'whatsapp');
    const api = await mediatorSession(h);
    expect((await api('POST', `/handoffs/${id}/claim`)).status).toBe(200);
    // The citizen's last message was 25 hours ago (the mediator's session is fresh).
    await h.ta.app.contacts.touch('whatsapp', from, h.ta.app.now() - 25 * 3600_000);
    const later = await api('POST', `/handoffs/${id}/messages`, { text: 'Bonjour, je regarde.' });
    expect(later.status).toBe(201);
    expect(later.json.delivery).toBe('when-citizen-writes');
  });
});

describe('mediator messages to WhatsApp without a template', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ onDuty: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a message after 24 hours and says why', async () => {
    const from = '33600000042';
    await postWhatsApp(h.base, waText(from, 'Bonjour'));
    await postWhatsApp(h.base, waText(from, 'conseiller'));
    if (h.provider.calls.some((c) => JSON.stringify(c.json ?? {}).includes('Oui'))) await postWhatsApp(h.base, waText(from, 'Oui'));
    const id = await handoffOf(h, 'whatsapp');
    const api = await mediatorSession(h);
    expect((await api('POST', `/handoffs/${id}/claim`)).status).toBe(200);
    await h.ta.app.contacts.touch('whatsapp', from, h.ta.app.now() - 25 * 3600_000);
    const refused = await api('POST', `/handoffs/${id}/messages`, { text: 'Bonjour' });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'OutsideWindow' });
    expect(String((refused.json.error as { message: string }).message)).toMatch(/24 hours/);
  });
});

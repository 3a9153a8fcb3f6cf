/**
 * WhatsApp Cloud API webhook on the real app: the subscription handshake, the raw-body signature
 * (with "é" in the payload), reply buttons and lists sent to a fake Graph API on loopback, message
 * id dedup, and the 24-hour customer-service window for mediator replies.
 */
import { Undeliverable } from '../../src/channels/webhook/messaging';
import { DELIVERY_LEASE_SECONDS } from '../../src/channels/webhook/contacts';
import { PUBLIC, WA_ACCESS, WA_PHONE_ID, WA_SECRET, WA_VERIFY, postWhatsApp, startChannels, waPayload, waSign, waText, type ChannelHarness, expectOneTurn } from '../helpers/channels';

const CITIZEN = '33612345678';

interface Sent {
  to: string;
  type: string;
  text?: { body: string };
  interactive?: { type: string; body: { text: string }; action: { buttons?: Array<{ reply: { id: string; title: string } }>; sections?: Array<{ rows: Array<{ id: string; title: string }> }>; button?: string } };
  template?: { name: string; language: { code: string } };
}

function sent(h: ChannelHarness): Sent[] {
  return h.provider.callsTo(`/v21.0/${WA_PHONE_ID}/messages`).map((c) => c.json as unknown as Sent);
}

function shown(messages: Sent[]): string {
  return messages.map((m) => m.text?.body ?? m.interactive?.body.text ?? `[template ${m.template?.name}]`).join('\n');
}

describe('WhatsApp webhook', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { WHATSAPP_TEMPLATE: 'pasapas_reponse:fr' } });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.provider.clear());

  it('answers the subscription handshake only with the verify token', async () => {
    const ok = await fetch(`${h.base}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${WA_VERIFY}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${h.base}/api/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
  });

  it('checks the signature over the raw body, accents included, before parsing', async () => {
    const payload = waText('33600000001', 'Bonjour, ça va ? Déclaration d’impôts');
    const raw = JSON.stringify(payload);
    // The same JSON re-serialised with escaped accents is different bytes: its signature is not valid for these.
    const escaped = raw.replace(/é/g, '\\u00e9');
    expect((await postWhatsApp(h.base, payload, { raw: escaped, signature: waSign(raw) })).status).toBe(403);
    expect((await postWhatsApp(h.base, payload, { signature: null })).status).toBe(400);
    expect((await postWhatsApp(h.base, payload, { signature: waSign(raw, 'not-the-app-secret-0123') })).status).toBe(403);
    expect(sent(h)).toHaveLength(0);
    const good = await postWhatsApp(h.base, payload, { raw });
    expect(good.status).toBe(200);
    expect(shown(sent(h))).toMatch(/Je suis Pas à pas/);
    const first = h.provider.callsTo('/messages')[0];
    expect(first.headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
  });

  it('shows choices as reply buttons or a list, and reads a tap as the answer', async () => {
    await postWhatsApp(h.base, waText(CITIZEN, 'Bonjour'));
    const menu = sent(h).find((m) => m.type === 'interactive');
    expect(menu?.interactive?.type).toBe('list');
    expect(menu?.interactive?.action.button).toBe('Voir les choix');
    const rows = menu!.interactive!.action.sections![0].rows;
    expect(rows.length).toBeLessThanOrEqual(10);
    for (const r of rows) expect(r.title.length).toBeLessThanOrEqual(24);
    h.provider.clear();
    const tap = waPayload(WA_PHONE_ID, [{ from: CITIZEN, id: 'wamid.tap1', timestamp: '1', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: rows[0].id, title: rows[0].title } } }]);
    expect((await postWhatsApp(h.base, tap)).status).toBe(200);
    const reply = sent(h);
    expect(shown(reply)).toMatch(/impôts/i);
    // Short answers become reply buttons (≤ 3, ≤ 20 characters); longer ones a list (rows ≤ 24).
    const choices = reply.filter((m) => m.type === 'interactive');
    expect(choices.length).toBeGreaterThan(0);
    for (const m of choices) {
      if (m.interactive!.type === 'button') {
        expect(m.interactive!.action.buttons!.length).toBeLessThanOrEqual(3);
        for (const b of m.interactive!.action.buttons!) expect(b.reply.title.length).toBeLessThanOrEqual(20);
      } else {
        for (const r of m.interactive!.action.sections![0].rows) expect(r.title.length).toBeLessThanOrEqual(24);
      }
    }
  });

  it('runs one turn for a message id delivered three times', async () => {
    const payload = waText('33600000002', 'Bonjour');
    const results = await Promise.all([postWhatsApp(h.base, payload), postWhatsApp(h.base, payload), postWhatsApp(h.base, payload)]);
    await expectOneTurn(results, () => postWhatsApp(h.base, payload));
    expect(sent(h).filter((m) => /Je suis Pas à pas/.test(shown([m])))).toHaveLength(1);
  });

  it('a message whose instance died mid-turn: retries are asked to come back (503) until the lease runs out, then answered', async () => {
    const died = waText('33600000003', 'Bonjour');
    const wamid = ((died.entry as Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>)[0].changes[0].value.messages[0]).id;
    // Another instance took the message id, then was killed before its turn was stored.
    expect(await h.ta.app.contacts.takeDelivery('whatsapp', h.ta.app.contacts.ids.userId('whatsapp', '33600000003'), wamid)).toBe('taken');
    const early = await postWhatsApp(h.base, died);
    expect(early.status).toBe(503); // not 200: WhatsApp would stop retrying and the message would be lost
    expect(sent(h)).toHaveLength(0);
    h.ta.clock.advance((DELIVERY_LEASE_SECONDS + 1) * 1000);
    expect((await postWhatsApp(h.base, died)).status).toBe(200);
    expect(shown(sent(h))).toMatch(/Je suis Pas à pas/);
    // This one was handled: later retries are plain duplicates.
    h.provider.clear();
    h.ta.clock.advance((DELIVERY_LEASE_SECONDS + 1) * 1000);
    expect((await postWhatsApp(h.base, died)).status).toBe(200);
    expect(sent(h)).toHaveLength(0);
  });

  it('a message whose turn was stored but never marked done: the retry after the lease sends nothing and skips no step', async () => {
    const citizen = '33600000004';
    await postWhatsApp(h.base, waText(citizen, 'Bonjour'));
    const impots = waText(citizen, 'impots');
    await postWhatsApp(h.base, impots);
    expect(shown(sent(h))).toMatch(/Vous avez tout/);
    const wamid = ((impots.entry as Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }>)[0].changes[0].value.messages[0]).id;
    // As if its instance died right after storing the turn: the id is still only pending.
    const userId = h.ta.app.contacts.ids.userId('whatsapp', citizen);
    await h.ta.app.contacts.releaseDelivery('whatsapp', userId, wamid);
    expect(await h.ta.app.contacts.takeDelivery('whatsapp', userId, wamid)).toBe('taken');
    h.provider.clear();
    h.ta.clock.advance((DELIVERY_LEASE_SECONDS + 1) * 1000);
    expect((await postWhatsApp(h.base, impots)).status).toBe(200);
    expect(sent(h)).toHaveLength(0); // the conversation already has it: not run twice
    await postWhatsApp(h.base, waText(citizen, '1'));
    expect(shown(sent(h))).toMatch(/Étape 1 sur/);
  });

  it('ignores delivery statuses and answers a voice note and a photo kindly', async () => {
    const statuses = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: WA_PHONE_ID }, statuses: [{ id: 'wamid.x', status: 'read' }] } }] }] };
    expect((await postWhatsApp(h.base, statuses)).status).toBe(200);
    expect(sent(h)).toHaveLength(0);
    // Without a speech-to-text service (docs/voice.md; test/channels/voiceNotes.test.ts): kindly, write instead.
    const voice = waPayload(WA_PHONE_ID, [{ from: '33600000003', id: 'wamid.voice1', timestamp: '1', type: 'audio', audio: { id: 'm1' } }]);
    expect((await postWhatsApp(h.base, voice)).status).toBe(200);
    expect(shown(sent(h))).toMatch(/^Je ne peux pas encore écouter les messages vocaux\. Écrivez-moi avec des mots/);
    h.provider.clear();
    const photo = waPayload(WA_PHONE_ID, [{ from: '33600000003', id: 'wamid.photo1', timestamp: '2', type: 'image', image: { id: 'm2' } }]);
    expect((await postWhatsApp(h.base, photo)).status).toBe(200);
    expect(shown(sent(h))).toMatch(/lire que le texte/);
  });

  it('after 24 hours, a mediator reply waits behind the template until the citizen writes again', async () => {
    const from = '33600000004';
    await postWhatsApp(h.base, waText(from, 'Bonjour'));
    const userId = (await h.ta.app.contacts.touch('whatsapp', from, h.ta.app.now()));
    h.ta.clock.advance(25 * 3600_000);
    h.provider.clear();
    const reference = { channelId: 'whatsapp', user: { id: userId, name: '' }, bot: { id: WA_PHONE_ID, name: '' } };
    await h.ta.app.messaging.whatsapp!.deliver(reference, [{ type: 'message', text: 'Bonjour, ici Claire, votre conseillère.' }]);
    expect(sent(h).map((m) => m.type)).toEqual(['template']);
    expect(sent(h)[0].template).toEqual({ name: 'pasapas_reponse', language: { code: 'fr' } });
    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'oui'));
    const after = shown(sent(h));
    expect(after.startsWith('Bonjour, ici Claire')).toBe(true);
  });
});

describe('WhatsApp without a template', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a free-form message after 24 hours, and says why', async () => {
    const from = '33600000005';
    await postWhatsApp(h.base, waText(from, 'Bonjour'));
    const userId = await h.ta.app.contacts.touch('whatsapp', from, h.ta.app.now());
    h.ta.clock.advance(25 * 3600_000);
    h.provider.clear();
    const reference = { channelId: 'whatsapp', user: { id: userId, name: '' }, bot: { id: WA_PHONE_ID, name: '' } };
    const attempt = h.ta.app.messaging.whatsapp!.deliver(reference, [{ type: 'message', text: 'Bonjour' }]);
    await expect(attempt).rejects.toBeInstanceOf(Undeliverable);
    await expect(attempt).rejects.toThrow(/outside-window/);
    expect(h.provider.calls).toHaveLength(0);
    void PUBLIC;
  });
});

describe('WhatsApp rendering', () => {
  it('uses reply buttons for up to 3 short answers', async () => {
    const { WhatsAppSender } = await import('../../src/channels/whatsapp/whatsapp');
    const { Strings } = await import('../../src/i18n/strings');
    const { LOCALES_DIR } = await import('../../src/paths');
    const sender = new WhatsAppSender({ named: {}, apiBaseUrl: 'http://x' }, undefined as never, Strings.load(LOCALES_DIR));
    const [item] = sender.prepare([{ text: 'C’est bon ?', buttons: [{ key: '1', label: 'Oui' }, { key: '2', label: 'Non' }, { key: '3', label: 'Je suis bloqué' }] }], WA_PHONE_ID, 'fr');
    const m = JSON.parse(item) as Sent;
    expect(m.interactive?.type).toBe('button');
    expect(m.interactive?.action.buttons?.map((b) => b.reply.title)).toEqual(['Oui', 'Non', 'Je suis bloqué']);
  });
});

describe('WhatsApp routed by phone_number_id: only the app of that number’s territory is accepted', () => {
  // Centre-Val de Loire (100000000000101, credentials CVL) and Gironde (100000000000109, GIRONDE) each have their
  // own Meta app; any other id belongs to the default territory and the service-wide app (WA_SECRET).
  const CVL_ID = '100000000000101';
  const GIRONDE_ID = '100000000000109';
  const CVL_SECRET = 'cvl-own-whatsapp-app-secret-01';
  const GIRONDE_SECRET = 'gironde-own-whatsapp-app-secret-1';
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({
      env: { WHATSAPP_APP_SECRET_CVL: CVL_SECRET, WHATSAPP_ACCESS_TOKEN_CVL: 'cvl-access-token-0123456', WHATSAPP_APP_SECRET_GIRONDE: GIRONDE_SECRET },
    });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.provider.clear());
  const post = (payload: unknown, secret: string) => {
    const raw = JSON.stringify(payload);
    return postWhatsApp(h.base, payload, { raw, signature: waSign(raw, secret) });
  };

  it("refuses a message for territory A's number signed with territory B's (or the service's) app secret", async () => {
    const forged = waText('33600000061', 'Bonjour', CVL_ID);
    expect((await post(forged, GIRONDE_SECRET)).status).toBe(403);
    expect((await post(forged, WA_SECRET)).status).toBe(403);
    expect(h.provider.calls).toHaveLength(0);
    // Nothing of the refused message was stored: the genuine delivery of the same id still runs its turn.
    expect((await post(forged, CVL_SECRET)).status).toBe(200);
    expect(h.provider.callsTo(`/v21.0/${CVL_ID}/messages`).length).toBeGreaterThan(0);
  });

  it("a number no territory claims takes only the service-wide app's signature", async () => {
    const msg = waText('33600000062', 'Bonjour', WA_PHONE_ID);
    expect((await post(msg, CVL_SECRET)).status).toBe(403);
    expect((await post(msg, WA_SECRET)).status).toBe(200);
  });

  it('a batch mixing two territories’ numbers is refused whole', async () => {
    const a = waText('33600000063', 'Bonjour', CVL_ID) as { entry: Array<{ changes: unknown[] }> };
    const b = waText('33600000064', 'Bonjour', GIRONDE_ID) as { entry: Array<{ changes: unknown[] }> };
    const mixed = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [...a.entry[0].changes, ...b.entry[0].changes] }] };
    expect((await post(mixed, CVL_SECRET)).status).toBe(403);
    expect((await post(mixed, GIRONDE_SECRET)).status).toBe(403);
    expect(h.provider.calls).toHaveLength(0);
  });
});

/**
 * Issue 19, defect 1: a photo the citizen sends during a handoff reaches the mediator — from the web chat (an
 * upload), WhatsApp (an image), Telegram (a photo) and MMS (Twilio's media URL) — as a message with a photo URL of
 * the mediator API, served only with a mediator's session of the handoff's territory (another territory's: 404).
 * With a mediator on the conversation the bot no longer answers the photo itself. Same contract on real Redis and
 * in memory; the providers are a stand-in on loopback.
 */
import { randomUUID } from 'node:crypto';
import { mediatorApi } from '../helpers/mediatorApi';
import { postSms, postTelegram, postWhatsApp, smsFields, startChannels, TG_BOT, TWILIO_SID, WA_ACCESS, WA_PHONE_ID, waPayload, type ChannelHarness } from '../helpers/channels';

const PASSWORD = 'un-mot-de-passe-assez-long';
const SECRET = 'a-photos-test-secret-of-32-characters-or-more';
/** A "PNG": its signature, then bytes (the web chat checks the first bytes). */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('photo of a screen')]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('a jpeg from a provider')]);

interface Message {
  index: number;
  from: string;
  text: string;
  photo?: { url: string; contentType: string };
}

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('photos reach the mediator, on %s', (_name, redis) => {
  let h: ChannelHarness;

  const { call, tokenOf, claimNewest } = mediatorApi(() => h.base, PASSWORD);
  const messagesOf = async (id: string, token: string) => ((await call('GET', `/api/mediator/handoffs/${id}`, token)).body as { messages: Message[] }).messages;

  beforeAll(async () => {
    h = await startChannels({ redis, onDuty: true, env: { DIRECTLINE_TOKEN_SECRET: SECRET } });
    await h.ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
    await h.ta.app.mediators.add({ territory: 'demo', username: 'sam', name: 'Sam', password: PASSWORD });
    await h.ta.app.mediators.add({ territory: 'creuse', username: 'zoe', name: 'Zoé', password: PASSWORD });
  });
  afterAll(() => h.close());

  /** A web chat citizen (plain Direct Line calls) who asks for a person and consents. */
  const webCitizen = async () => {
    const headers = { 'content-type': 'application/json', origin: h.ta.app.territories.ownOrigin };
    const gen = (await (await fetch(`${h.base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
    const auth = { authorization: `Bearer ${gen.token}` };
    expect((await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: { ...headers, ...auth } })).status).toBe(201);
    const path = `${h.base}/v3/directline/conversations/${gen.conversationId}`;
    let watermark = '';
    const botTexts = async (): Promise<string[]> => {
      const r = (await (await fetch(`${path}/activities${watermark ? `?watermark=${watermark}` : ''}`, { headers: auth })).json()) as { activities: Array<{ from: { role?: string }; text?: string }>; watermark: string };
      watermark = r.watermark;
      return r.activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
    };
    const say = async (text: string) => {
      expect((await fetch(`${path}/activities`, { method: 'POST', headers: { ...headers, ...auth }, body: JSON.stringify({ type: 'message', text }) })).status).toBe(200);
      return (await botTexts()).join('\n');
    };
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'ecran.png');
      expect((await fetch(`${path}/upload`, { method: 'POST', headers: auth, body: form })).status).toBe(200);
      return (await botTexts()).join('\n');
    };
    await botTexts();
    await say('conseiller');
    expect(await say('oui')).toContain('dans la file');
    return { say, upload, conversationId: gen.conversationId };
  };

  test('web chat: the photo reaches the mediator, who alone can open it; the bot stays quiet', async () => {
    const citizen = await webCitizen();
    const lea = await tokenOf('demo', 'lea');
    const id = await claimNewest(lea);
    const replies = await citizen.upload();
    // With a mediator on the conversation, no "Si vous parlez à un conseiller, il pourra la voir".
    expect(replies).not.toContain('conseiller');
    expect(replies).toBe('');

    const messages = await messagesOf(id, lea);
    expect(messages).toEqual([{ index: 0, from: 'citizen', text: '', at: expect.any(Number), photo: { url: `/api/mediator/handoffs/${id}/photos/0`, contentType: 'image/png' } }]);
    // Neither the citizen's conversation nor where the file is kept reaches the browser.
    expect(JSON.stringify(messages)).not.toContain(citizen.conversationId);

    const photo = await call('GET', messages[0].photo!.url, lea);
    expect(photo.status).toBe(200);
    expect(photo.bytes.equals(PNG)).toBe(true);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('cache-control')).toBe('private, no-store');
    expect(photo.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Any mediator of the territory; never another territory's, nor without a session.
    expect((await call('GET', messages[0].photo!.url, await tokenOf('demo', 'sam'))).status).toBe(200);
    const other = await call('GET', messages[0].photo!.url, await tokenOf('creuse', 'zoe'));
    expect([other.status, other.body]).toEqual([404, { error: { code: 'NotFound', message: 'no such handoff' } }]);
    expect((await call('GET', messages[0].photo!.url)).status).toBe(401);
    // Opening it is in the territory's audit log.
    expect((await h.ta.app.audit.list('demo', 5)).some((e) => e.action === 'photo' && e.handoffId === id && e.mediatorId === 'demo:lea')).toBe(true);

    // A message without a photo, a bad index, an unknown handoff.
    await citizen.say("c'est l'écran de la CAF");
    expect((await call('GET', `/api/mediator/handoffs/${id}/photos/1`, lea)).body).toEqual({ error: { code: 'NotFound', message: 'no photo in this message' } });
    expect((await call('GET', `/api/mediator/handoffs/${id}/photos/9`, lea)).status).toBe(404);
    expect((await call('GET', `/api/mediator/handoffs/${id}/photos/x`, lea)).status).toBe(400);
    expect((await call('GET', `/api/mediator/handoffs/${randomUUID()}/photos/0`, lea)).status).toBe(404);
    expect((await call('GET', `/api/mediator/handoffs/nope/photos/0`, lea)).status).toBe(400);
  });

  test('web chat while still waiting: the photo is passed on and the citizen told their place', async () => {
    const citizen = await webCitizen();
    const replies = await citizen.upload();
    expect(replies).toContain('Message transmis au conseiller');
    expect(replies).not.toContain('pourra la voir');
    const lea = await tokenOf('demo', 'lea');
    const id = await claimNewest(lea);
    const [m] = await messagesOf(id, lea);
    expect(m.photo?.contentType).toBe('image/png');
    expect((await call('GET', m.photo!.url, lea)).bytes.equals(PNG)).toBe(true);
  });

  test('outside a handoff the bot answers the photo itself', async () => {
    const headers = { 'content-type': 'application/json', origin: h.ta.app.territories.ownOrigin };
    const gen = (await (await fetch(`${h.base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
    await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${gen.token}` } });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'ecran.png');
    await fetch(`${h.base}/v3/directline/conversations/${gen.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}` }, body: form });
    const r = (await (await fetch(`${h.base}/v3/directline/conversations/${gen.conversationId}/activities`, { headers: { authorization: `Bearer ${gen.token}` } })).json()) as { activities: Array<{ text?: string }> };
    expect(r.activities.map((a) => a.text ?? '').join('\n')).toContain("j'ai bien reçu votre photo");
  });

  /** A citizen on a messaging channel asks for a person, consents; the newest handoff is claimed by Léa. */
  const askAndClaim = async (send: (text: string) => Promise<unknown>, lea: string) => {
    await send('bonjour');
    await send('conseiller');
    await send('oui');
    return claimNewest(lea);
  };

  test('MMS (Twilio): the media URL is fetched with the account, when the mediator opens it', async () => {
    const lea = await tokenOf('demo', 'lea');
    const from = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const id = await askAndClaim((text) => postSms(h.base, smsFields(from, text)), lea);
    const media = `/2010-04-01/Accounts/${TWILIO_SID}/Messages/MM${'1'.repeat(32)}/Media/ME${randomUUID().replace(/-/g, '')}`;
    h.provider.serve(media, JPEG, 'image/jpeg');
    const r = await postSms(h.base, smsFields(from, '', { NumMedia: '1', MediaUrl0: `https://api.twilio.com${media}`, MediaContentType0: 'image/jpeg' }));
    expect(r.status).toBe(200);
    expect(r.messages).toEqual([]); // with a mediator the bot says nothing
    const [m] = await messagesOf(id, lea);
    expect(m).toMatchObject({ from: 'citizen', photo: { contentType: 'image/jpeg' } });
    expect(JSON.stringify(m)).not.toContain('api.twilio.com');
    h.provider.clear();
    const photo = await call('GET', m.photo!.url, lea);
    expect([photo.status, photo.bytes.equals(JPEG)]).toEqual([200, true]);
    const fetched = h.provider.callsTo(media);
    expect(fetched).toHaveLength(1);
    expect(fetched[0].headers.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_SID}:twilio-auth-token-for-tests-0123`).toString('base64')}`);
    expect((await call('GET', m.photo!.url, await tokenOf('creuse', 'zoe'))).status).toBe(404);
  });

  test('WhatsApp: an image with its caption; the media id is fetched with the access token', async () => {
    const lea = await tokenOf('demo', 'lea');
    const from = `336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const send = (message: Record<string, unknown>) => postWhatsApp(h.base, waPayload(WA_PHONE_ID, [{ from, id: `wamid.${randomUUID()}`, timestamp: '1700000000', ...message }]));
    const id = await askAndClaim((text) => send({ type: 'text', text: { body: text } }), lea);
    const mediaId = String(Math.floor(Math.random() * 1e15));
    h.provider.serve(`/v21.0/${mediaId}`, { url: `${h.provider.baseUrl}/media/${mediaId}`, mime_type: 'image/jpeg' });
    h.provider.serve(`/media/${mediaId}`, JPEG, 'image/jpeg');
    h.provider.clear();
    expect((await send({ type: 'image', image: { id: mediaId, mime_type: 'image/jpeg', caption: 'mon 06 12 34 56 78 est dessus' } })).status).toBe(200);
    // The bot's only words: the privacy warning about the number in the caption (shown to the mediator as the bot's).
    expect(h.provider.callsTo('/messages').map((c) => JSON.stringify(c.json))).toEqual([expect.stringContaining('numéro')]);
    const messages = await messagesOf(id, lea);
    expect(messages[0]).toMatchObject({ from: 'citizen', text: 'mon [téléphone] est dessus', photo: { contentType: 'image/jpeg' } });
    const photo = await call('GET', messages[0].photo!.url, lea);
    expect([photo.status, photo.bytes.equals(JPEG)]).toEqual([200, true]);
    expect(h.provider.callsTo(`/v21.0/${mediaId}`)[0].headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
    expect(h.provider.callsTo(`/media/${mediaId}`)[0].headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
  });

  test('Telegram: the largest size of the photo, through getFile; a provider failure is 502, not 500', async () => {
    const lea = await tokenOf('demo', 'lea');
    const chat = Math.floor(Math.random() * 1e9);
    let update = Math.floor(Math.random() * 1e9);
    const send = (message: Record<string, unknown>) => {
      update += 1;
      return postTelegram(h.base, { update_id: update, message: { message_id: update, date: 1700000000, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'T' }, ...message } });
    };
    const id = await askAndClaim((text) => send({ text }), lea);
    const fileId = `AgAC${randomUUID().replace(/-/g, '')}`;
    h.provider.serve(`/bot${TG_BOT}/getFile?file_id=${fileId}`, { ok: true, result: { file_id: fileId, file_path: 'photos/file_7.jpg' } });
    h.provider.serve(`/file/bot${TG_BOT}/photos/file_7.jpg`, JPEG, 'image/jpeg');
    h.provider.clear();
    expect((await send({ photo: [{ file_id: 'small_one', width: 90, height: 90 }, { file_id: fileId, width: 1280, height: 960 }] })).status).toBe(200);
    expect(h.provider.callsTo('/sendMessage')).toEqual([]);
    const [m] = await messagesOf(id, lea);
    expect(m).toMatchObject({ from: 'citizen', text: '', photo: { contentType: 'image/jpeg' } });
    const photo = await call('GET', m.photo!.url, lea);
    expect([photo.status, photo.bytes.equals(JPEG)]).toEqual([200, true]);

    h.provider.failWith = 500;
    try {
      const failed = await call('GET', m.photo!.url, lea);
      expect([failed.status, (failed.body?.error as { code: string }).code, failed.headers.get('retry-after')]).toEqual([502, 'ProviderUnavailable', '5']);
      expect(failed.bytes.toString()).not.toContain(TG_BOT);
    } finally {
      h.provider.failWith = undefined;
    }
  });
});

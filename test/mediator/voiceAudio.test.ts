/**
 * Issue 22: a voice note sent during a handoff reaches the mediator as its transcript (marked) AND its audio, which
 * the mediator API fetches from the provider only when a mediator of the handoff's territory plays it (Meta's media
 * lookup + download, Telegram's getFile + file; recorded payloads on the local fake provider), served as audio/ogg,
 * nosniff, never cached, audited. Another territory: 404; no session: 401. Same contract on real Redis and in memory.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mediatorApi } from '../helpers/mediatorApi';
import { FakeStt } from '../helpers/fakeStt';
import { postTelegram, postWhatsApp, startChannels, TG_BOT, tgText, WA_ACCESS, waText, type ChannelHarness } from '../helpers/channels';
import type { ProviderCall } from '../helpers/fakeProvider';

const PASSWORD = 'un-mot-de-passe-assez-long';
const FIXTURES = join(__dirname, '..', 'fixtures', 'voice');
const NOTE = readFileSync(join(FIXTURES, 'note.ogg'));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const MARKER = "[Message vocal, transcrit automatiquement ; écoutez l'audio pour vérifier]";
const WA_MEDIA = '/v21.0/1003383421387256';
const TG_FILE = `/file/bot${TG_BOT}/voice/file_7.oga`;

interface Message {
  index: number;
  from: string;
  text: string;
  photo?: { url: string; contentType: string };
  audio?: { url: string; contentType: string };
}

/** Meta's recorded audio message, from `from`, with a fresh message id. */
function waVoice(from: string): Record<string, unknown> {
  const p = JSON.parse(fixture('whatsapp-audio-message.json')) as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }> };
  const m = p.entry[0].changes[0].value.messages[0];
  m.from = from;
  m.id = `wamid.${randomUUID()}`;
  return p as unknown as Record<string, unknown>;
}

/** Telegram's recorded `voice` update, in chat `chat`, with a fresh update id. */
function tgVoice(chat: number): Record<string, unknown> {
  const u = JSON.parse(fixture('telegram-voice-update.json')) as { update_id: number; message: { chat: { id: number }; from: { id: number } } };
  u.update_id = Math.floor(Math.random() * 1e9);
  u.message.chat.id = chat;
  u.message.from.id = chat;
  return u as unknown as Record<string, unknown>;
}

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('a voice note reaches the mediator with its audio, on %s', (_name, redis) => {
  let h: ChannelHarness;
  let stt: FakeStt;
  const { call, tokenOf, claimNewest } = mediatorApi(() => h.base, PASSWORD);
  const messagesOf = async (id: string, token: string) => ((await call('GET', `/api/mediator/handoffs/${id}`, token)).body as { messages: Message[] }).messages;

  beforeAll(async () => {
    stt = await new FakeStt().start();
    h = await startChannels({ redis, onDuty: true, env: { STT_API_BASE_URL: stt.baseUrl, STT_API_KEY: 'stt-api-key-for-tests-0123', STT_MODEL: 'whisper-1' } });
    await h.ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
    await h.ta.app.mediators.add({ territory: 'creuse', username: 'zoe', name: 'Zoé', password: PASSWORD });
  });
  afterAll(async () => {
    await h.close();
    await stt.stop();
  });
  beforeEach(() => {
    // Meta and Telegram answer media lookups and downloads as they document them.
    h.provider.respond = (c: ProviderCall) => {
      if (c.path === WA_MEDIA) return { body: fixture('whatsapp-media.json').replace('{{BASE}}', h.provider.baseUrl).replace('{{SIZE}}', String(NOTE.length)) };
      if (c.path.startsWith('/whatsapp/media/1003383421387256')) return { type: 'audio/ogg', body: NOTE };
      if (c.path.startsWith(`/bot${TG_BOT}/getFile`)) return { body: fixture('telegram-getfile.json') };
      if (c.path === TG_FILE) return { type: 'application/octet-stream', body: NOTE };
      return undefined;
    };
  });

  const expectAudio = async (url: string, token: string) => {
    const audio = await call('GET', url, token);
    expect(audio.status).toBe(200);
    expect(audio.bytes.equals(NOTE)).toBe(true);
    expect(audio.headers.get('content-type')).toBe('audio/ogg');
    expect(audio.headers.get('x-content-type-options')).toBe('nosniff');
    expect(audio.headers.get('cache-control')).toBe('private, no-store');
  };

  test('WhatsApp: the transcript and the audio, fetched from Meta with the access token only when the mediator plays it', async () => {
    const lea = await tokenOf('demo', 'lea');
    const from = `336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await postWhatsApp(h.base, waText(from, 'conseiller'));
    await postWhatsApp(h.base, waText(from, 'oui'));
    const id = await claimNewest(lea);
    stt.text = 'Je ne trouve pas le bouton pour envoyer mon dossier';
    expect((await postWhatsApp(h.base, waVoice(from))).status).toBe(200);

    const messages = await messagesOf(id, lea);
    const voice = messages.find((m) => m.audio);
    expect(voice).toEqual({ index: voice!.index, from: 'citizen', at: expect.any(Number), text: `${MARKER} Je ne trouve pas le bouton pour envoyer mon dossier`, audio: { url: `/api/mediator/handoffs/${id}/audio/${voice!.index}`, contentType: 'audio/ogg' } });
    // Neither Meta's media id nor our number's id reaches the browser.
    expect(JSON.stringify(messages)).not.toContain('1003383421387256');

    h.provider.clear();
    await expectAudio(voice!.audio!.url, lea);
    expect(h.provider.callsTo(WA_MEDIA)[0].headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
    expect(h.provider.callsTo('/whatsapp/media/1003383421387256')[0].headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
    expect((await h.ta.app.audit.list('demo', 5)).some((e) => e.action === 'audio' && e.handoffId === id && e.mediatorId === 'demo:lea')).toBe(true);

    // Another territory's mediator: as if it did not exist; no session: 401. The provider is not asked.
    h.provider.clear();
    const other = await call('GET', voice!.audio!.url, await tokenOf('creuse', 'zoe'));
    expect([other.status, other.body]).toEqual([404, { error: { code: 'NotFound', message: 'no such handoff' } }]);
    expect((await call('GET', voice!.audio!.url)).status).toBe(401);
    expect(h.provider.callsTo(WA_MEDIA)).toHaveLength(0);

    // A message without audio; the photo route on a voice note; a bad index.
    const text = messages.find((m) => !m.audio && m.from === 'citizen');
    if (text) expect((await call('GET', `/api/mediator/handoffs/${id}/audio/${text.index}`, lea)).body).toEqual({ error: { code: 'NotFound', message: 'no audio in this message' } });
    expect((await call('GET', `/api/mediator/handoffs/${id}/photos/${voice!.index}`, lea)).body).toEqual({ error: { code: 'NotFound', message: 'no photo in this message' } });
    expect((await call('GET', `/api/mediator/handoffs/${id}/audio/x`, lea)).status).toBe(400);
  });

  test('not transcribed (the service fails): the audio alone reaches the mediator, and the citizen is told so', async () => {
    const lea = await tokenOf('demo', 'lea');
    const from = `336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await postWhatsApp(h.base, waText(from, 'conseiller'));
    await postWhatsApp(h.base, waText(from, 'oui'));
    const id = await claimNewest(lea);
    stt.status = 500;
    try {
      h.provider.clear();
      expect((await postWhatsApp(h.base, waVoice(from))).status).toBe(200);
    } finally {
      stt.status = 200;
    }
    const said = h.provider.callsTo('/messages').map((c) => JSON.stringify(c.json)).join('\n');
    expect(said).toContain("Je n'ai pas pu écrire votre message vocal. Je l'envoie au conseiller : il pourra l'écouter.");
    expect(said).not.toContain('Parler à une personne'); // the mediator is there: no offer of another person
    const voice = (await messagesOf(id, lea)).find((m) => m.audio);
    expect(voice).toMatchObject({ from: 'citizen', text: "[Message vocal, pas transcrit : écoutez l'audio]", audio: { contentType: 'audio/ogg' } });
    await expectAudio(voice!.audio!.url, lea);
  });

  test('Telegram: getFile then the file; a file gone is 404 AudioGone, a failing provider 502 with Retry-After', async () => {
    const lea = await tokenOf('demo', 'lea');
    const chat = Math.floor(Math.random() * 1e9);
    await postTelegram(h.base, tgText(chat, 'conseiller'));
    await postTelegram(h.base, tgText(chat, 'oui'));
    const id = await claimNewest(lea);
    stt.text = 'mon numéro est le 06 12 34 56 78';
    expect((await postTelegram(h.base, tgVoice(chat))).status).toBe(200);

    const voice = (await messagesOf(id, lea)).find((m) => m.audio);
    expect(voice?.text.startsWith(MARKER)).toBe(true);
    expect(voice?.text).not.toContain('06 12 34 56 78'); // masked like any text
    h.provider.clear();
    await expectAudio(voice!.audio!.url, lea);
    expect(h.provider.callsTo(`/bot${TG_BOT}/getFile`)[0].path).toBe(`/bot${TG_BOT}/getFile?file_id=AwACAgQAAxkBAAIFVWf5SomeFileIdOfAVoiceNote_xyzAAJpGQACk3nJUw`);
    expect(h.provider.callsTo(TG_FILE)).toHaveLength(1);

    // Telegram no longer has the file (past its retention): gone, said as such.
    const answer = h.provider.respond!;
    h.provider.respond = (c) => (c.path === TG_FILE ? { status: 404, body: '{"ok":false}' } : answer(c));
    const gone = await call('GET', voice!.audio!.url, lea);
    expect([gone.status, (gone.body?.error as { code: string }).code]).toEqual([404, 'AudioGone']);

    h.provider.failWith = 500;
    try {
      const failed = await call('GET', voice!.audio!.url, lea);
      expect([failed.status, (failed.body?.error as { code: string }).code, failed.headers.get('retry-after')]).toEqual([502, 'ProviderUnavailable', '5']);
      expect(failed.bytes.toString()).not.toContain(TG_BOT);
    } finally {
      h.provider.failWith = undefined;
    }
  });
});

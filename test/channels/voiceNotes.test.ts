/**
 * Voice notes on WhatsApp and Telegram (issue 22), end to end on the real app: Meta's audio message and its
 * media lookup + download, Telegram's `voice` update and `getFile`, all recorded payloads replayed against a
 * fake provider on loopback; the speech-to-text service is a fake OpenAI-compatible `/audio/transcriptions`
 * server started here. The citizen sees what was understood (masked) before anything is done with it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../src/paths';
import { TG_BOT, TWILIO_SID, TWILIO_TOKEN, WA_ACCESS, WA_PHONE_ID, postSms, postTelegram, postWhatsApp, smsFields, startChannels, tgText, waText, type ChannelHarness } from '../helpers/channels';
import type { ProviderCall } from '../helpers/fakeProvider';
import { FakeStt } from '../helpers/fakeStt';

const FIXTURES = join(__dirname, '..', 'fixtures', 'voice');
const NOTE = readFileSync(join(FIXTURES, 'note.ogg'));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const STT_KEY = 'stt-api-key-for-tests-0123';

/** The fake Graph API and Bot API answer media lookups and downloads as Meta and Telegram document them. */
function serveMedia(h: ChannelHarness, audio: Buffer, size = audio.length): void {
  h.provider.respond = (call: ProviderCall) => {
    if (call.path === '/v21.0/1003383421387256') return { body: fixture('whatsapp-media.json').replace('{{BASE}}', h.provider.baseUrl).replace('{{SIZE}}', String(size)) };
    if (call.path.startsWith('/whatsapp/media/1003383421387256')) return { type: 'audio/ogg', body: audio };
    if (call.path.startsWith(`/bot${TG_BOT}/getFile`)) return { body: fixture('telegram-getfile.json') };
    if (call.path === `/file/bot${TG_BOT}/voice/file_7.oga`) return { type: 'application/octet-stream', body: audio };
    return undefined;
  };
}

interface WaSent {
  text?: { body: string };
  interactive?: { body: { text: string }; action: { buttons?: Array<{ reply: { title: string } }>; sections?: Array<{ rows: Array<{ title: string }> }> } };
}
const waSent = (h: ChannelHarness) => h.provider.callsTo(`/v21.0/${WA_PHONE_ID}/messages`).map((c) => c.json as unknown as WaSent);
const waShown = (h: ChannelHarness) => waSent(h).map((m) => m.text?.body ?? m.interactive?.body.text ?? '').join('\n');
/** Reply buttons and list rows alike. */
const waButtons = (h: ChannelHarness) =>
  waSent(h).flatMap((m) => [...(m.interactive?.action.buttons?.map((b) => b.reply.title) ?? []), ...(m.interactive?.action.sections?.flatMap((x) => x.rows.map((r) => r.title)) ?? [])]);
/** An MMS with one medium, as Twilio's webhook names it (MediaUrl0 on Twilio's API, MediaContentType0). */
let mmsCount = 0;
function mms(h: ChannelHarness, from: string, type: string, body: Buffer, account = TWILIO_SID): { fields: Record<string, string>; path: string } {
  mmsCount += 1;
  const path = `/2010-04-01/Accounts/${account}/Messages/MM${String(mmsCount).padStart(32, '7')}/Media/ME${String(mmsCount).padStart(32, '8')}`;
  h.provider.serve(path, body, type);
  return { path, fields: smsFields(from, '', { NumMedia: '1', MediaUrl0: `https://api.twilio.com${path}`, MediaContentType0: type }) };
}
const TWILIO_BASIC = `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`;

const tgSent = (h: ChannelHarness) => h.provider.callsTo(`/bot${TG_BOT}/sendMessage`).map((c) => c.json as unknown as { text: string; reply_markup?: { inline_keyboard: Array<Array<{ text: string }>> } });

/** Meta's recorded audio message, from another citizen each time. */
let waCount = 0;
function waVoice(from: string): Record<string, unknown> {
  waCount += 1;
  const p = JSON.parse(fixture('whatsapp-audio-message.json')) as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }> };
  const m = p.entry[0].changes[0].value.messages[0];
  m.from = from;
  m.id = `${String(m.id)}-${waCount}`;
  return p as unknown as Record<string, unknown>;
}
let tgCount = 0;
function tgVoice(chatId: number, duration?: number): Record<string, unknown> {
  tgCount += 1;
  const u = JSON.parse(fixture('telegram-voice-update.json')) as { update_id: number; message: { chat: { id: number }; voice: { duration: number } } };
  u.update_id += tgCount;
  u.message.chat.id = chatId;
  if (duration !== undefined) u.message.voice.duration = duration;
  return u as unknown as Record<string, unknown>;
}

describe('voice notes with a speech-to-text service', () => {
  let h: ChannelHarness;
  let stt: FakeStt;
  beforeAll(async () => {
    stt = await new FakeStt().start();
    h = await startChannels({ env: { STT_API_BASE_URL: stt.baseUrl, STT_API_KEY: STT_KEY, STT_MODEL: 'openai/whisper-large-v3', STT_TIMEOUT_MS: '1500', STT_MAX_SECONDS: '120' } });
  });
  afterAll(async () => {
    await h.close();
    await stt.stop();
  });
  beforeEach(() => {
    h.provider.clear();
    stt.heard.length = 0;
    stt.status = 200;
    stt.delayMs = 0;
    serveMedia(h, NOTE);
  });

  it('WhatsApp: downloads the audio with the access token, transcribes it, asks "C\'est bien ça ?"; oui → the guide starts', async () => {
    const from = '33698765401';
    stt.text = 'Bonjour, je voudrais déclarer mes impôts.';
    expect((await postWhatsApp(h.base, waVoice(from))).status).toBe(200);
    // Meta's media lookup, then the download, both with the number's access token.
    const lookup = h.provider.callsTo('/v21.0/1003383421387256')[0];
    expect(lookup.method).toBe('GET');
    expect(lookup.headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
    expect(h.provider.callsTo('/whatsapp/media/1003383421387256')[0].headers.authorization).toBe(`Bearer ${WA_ACCESS}`);
    // The OGG/Opus bytes as received (the service takes OGG), with the model and the conversation's language.
    expect(stt.heard).toHaveLength(1);
    expect(stt.heard[0]).toMatchObject({ auth: `Bearer ${STT_KEY}`, path: '/v1/audio/transcriptions', model: 'openai/whisper-large-v3', language: 'fr', format: 'json', fileType: 'audio/ogg', fileName: 'voice.ogg' });
    expect(stt.heard[0].file.equals(NOTE)).toBe(true);
    expect(waShown(h)).toBe("J'ai compris : « Bonjour, je voudrais déclarer mes impôts. ». C'est bien ça ?");
    expect(waButtons(h)).toEqual(['Oui', 'Non']);

    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'Oui'));
    expect(waShown(h)).toMatch(/impôts/i);
    expect(waShown(h)).not.toMatch(/J'ai compris/);
  });

  it('masks personal data in what it repeats, and "non" asks to write instead (nothing is done with the words)', async () => {
    const from = '33698765402';
    stt.text = 'Mon numéro fiscal est 1234567890123 et mon téléphone 06 12 34 56 78';
    await postWhatsApp(h.base, waVoice(from));
    const asked = waShown(h);
    expect(asked).toMatch(/^J'ai compris : « Mon numéro fiscal est .+ ». C'est bien ça \?$/);
    expect(asked).not.toContain('1234567890123');
    expect(asked).not.toContain('06 12 34 56 78');
    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'non'));
    expect(waShown(h)).toBe("D'accord. Écrivez-moi votre message avec des mots, s'il vous plaît. Ou envoyez un nouveau message vocal, en parlant lentement.");
    // The words were dropped: a "oui" now is an ordinary message, not a confirmation.
    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'oui'));
    expect(waShown(h)).not.toMatch(/impôts/i);
  });

  it('Telegram: getFile then the file, transcribed; the keyboard answers "Oui" → the words go through the usual understanding', async () => {
    const chat = 5512349876;
    stt.text = "j'ai perdu ma carte vitale";
    expect((await postTelegram(h.base, tgVoice(chat))).status).toBe(200);
    expect(h.provider.callsTo(`/bot${TG_BOT}/getFile`)[0].path).toBe(`/bot${TG_BOT}/getFile?file_id=AwACAgQAAxkBAAIFVWf5SomeFileIdOfAVoiceNote_xyzAAJpGQACk3nJUw`);
    expect(h.provider.callsTo(`/file/bot${TG_BOT}/voice/file_7.oga`)).toHaveLength(1);
    expect(stt.heard[0].file.equals(NOTE)).toBe(true);
    const asked = tgSent(h);
    expect(asked.map((m) => m.text)).toEqual(["J'ai compris : « j'ai perdu ma carte vitale ». C'est bien ça ?"]);
    expect(asked[0].reply_markup?.inline_keyboard.map((row) => row[0].text)).toEqual(['Oui', 'Non']);
    h.provider.clear();
    await postTelegram(h.base, tgText(chat, 'Oui'));
    expect(tgSent(h).map((m) => m.text).join('\n')).toMatch(/carte Vitale/i);
  });

  it('WhatsApp: STOP said in a voice note is asked back, and "oui" is the typed STOP: the same answer, then silence until START', async () => {
    // The typed STOP, for comparison.
    await postWhatsApp(h.base, waText('33698765450', 'bonjour'));
    h.provider.clear();
    await postWhatsApp(h.base, waText('33698765450', 'STOP'));
    const typed = waShown(h);
    expect(typed).toBe("C'est noté. Je ne vous écris plus. Pour reprendre, écrivez START.");

    const from = '33698765451';
    await postWhatsApp(h.base, waText(from, 'bonjour'));
    h.provider.clear();
    stt.text = 'Stop.';
    await postWhatsApp(h.base, waVoice(from));
    expect(waShown(h)).toBe("J'ai compris : « Stop. ». C'est bien ça ?");
    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'Oui'));
    expect(waShown(h)).toBe(typed);
    // Recorded as a STOP: nothing more is sent, and voice notes are not even heard.
    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'bonjour'));
    const heardBefore = stt.heard.length;
    await postWhatsApp(h.base, waVoice(from));
    expect(stt.heard).toHaveLength(heardBefore);
    expect(waSent(h)).toHaveLength(0);
    await postWhatsApp(h.base, waText(from, 'START'));
    expect(waShown(h)).toMatch(/^Re-bonjour/);
  });

  it('Telegram: "arrêt" in a voice note, confirmed, is STOP; "non" to it is not (the citizen still gets answers)', async () => {
    const chat = 5512349890;
    await postTelegram(h.base, tgText(chat, 'bonjour'));
    h.provider.clear();
    stt.text = 'Arrêt !';
    await postTelegram(h.base, tgVoice(chat));
    expect(tgSent(h).map((m) => m.text)).toEqual(["J'ai compris : « Arrêt ! ». C'est bien ça ?"]);
    h.provider.clear();
    await postTelegram(h.base, tgText(chat, 'Oui'));
    expect(tgSent(h).map((m) => m.text)).toEqual(["C'est noté. Je ne vous écris plus. Pour reprendre, écrivez START."]);
    h.provider.clear();
    await postTelegram(h.base, tgText(chat, 'menu'));
    expect(tgSent(h)).toHaveLength(0);

    const other = 5512349891;
    await postTelegram(h.base, tgText(other, 'bonjour'));
    stt.text = 'stop';
    await postTelegram(h.base, tgVoice(other));
    await postTelegram(h.base, tgText(other, 'non'));
    h.provider.clear();
    await postTelegram(h.base, tgText(other, 'menu'));
    expect(tgSent(h).length).toBeGreaterThan(0);
  });

  it('SMS (MMS): an audio medium is fetched from Twilio with the account, transcribed, asked back; oui → the usual understanding', async () => {
    const from = '+33698765460';
    stt.text = "j'ai perdu ma carte vitale";
    const note = mms(h, from, 'audio/ogg', NOTE);
    const asked = await postSms(h.base, note.fields);
    expect(asked.status).toBe(200);
    const fetched = h.provider.callsTo(note.path);
    expect(fetched).toHaveLength(1);
    expect(fetched[0].headers.authorization).toBe(TWILIO_BASIC);
    expect(stt.heard).toHaveLength(1);
    expect(stt.heard[0]).toMatchObject({ auth: `Bearer ${STT_KEY}`, model: 'openai/whisper-large-v3', language: 'fr', fileType: 'audio/ogg', fileName: 'voice.ogg' });
    expect(stt.heard[0].file.equals(NOTE)).toBe(true);
    expect(asked.messages.join('\n')).toContain("J'ai compris : « j'ai perdu ma carte vitale ». C'est bien ça ?");
    const yes = await postSms(h.base, smsFields(from, 'oui'));
    expect(yes.messages.join('\n')).toMatch(/carte Vitale/i);
  });

  it('SMS (MMS): an AMR note is sent as AMR; a medium of another account is not downloaded (a kind failure); an image is still a photo', async () => {
    stt.text = 'bonjour';
    const amr = mms(h, '+33698765461', 'audio/amr', Buffer.from('#!AMR\n-fake-amr-frames'));
    expect((await postSms(h.base, amr.fields)).messages.join('\n')).toContain("J'ai compris : « bonjour ». C'est bien ça ?");
    expect(stt.heard[0]).toMatchObject({ fileType: 'audio/amr', fileName: 'voice.amr' });

    const foreign = mms(h, '+33698765462', 'audio/ogg', NOTE, `AC${'f0'.repeat(16)}`);
    const failed = await postSms(h.base, foreign.fields);
    expect(failed.status).toBe(200);
    expect(h.provider.callsTo(foreign.path)).toHaveLength(0);
    expect(stt.heard).toHaveLength(1);
    expect(failed.messages[0]).toMatch(/^Je n'ai pas réussi à écouter votre message vocal\./);

    const photo = mms(h, '+33698765463', 'image/jpeg', Buffer.from('not really a jpeg'));
    const answered = await postSms(h.base, photo.fields);
    expect(stt.heard).toHaveLength(1);
    expect(answered.messages.join('\n')).not.toMatch(/J'ai compris|message vocal/);
  });

  it('something else than oui/non after the question is a new message, handled as usual', async () => {
    const chat = 5512349877;
    stt.text = 'euh bonjour';
    await postTelegram(h.base, tgVoice(chat));
    h.provider.clear();
    await postTelegram(h.base, tgText(chat, 'je veux déclarer mes impôts'));
    expect(tgSent(h).map((m) => m.text).join('\n')).toMatch(/impôts/i);
  });

  it('too long (by the length Telegram announces, or the size Meta announces): not downloaded, not transcribed, said kindly', async () => {
    await postTelegram(h.base, tgVoice(5512349878, 600));
    expect(h.provider.callsTo('/getFile')).toHaveLength(0);
    expect(stt.heard).toHaveLength(0);
    expect(tgSent(h)[0].text).toBe("Votre message vocal est trop long pour moi. Envoyez un message plus court, s'il vous plaît. Écrivez-moi avec des mots, s'il vous plaît.");
    // …then the offer of a person or a place.
    expect(tgSent(h).flatMap((m) => m.reply_markup?.inline_keyboard.map((r) => r[0].text) ?? [])).toEqual(expect.arrayContaining(['Parler à une personne', "Un lieu d'aide près de chez moi"]));

    h.provider.clear();
    serveMedia(h, NOTE, 50 * 1024 * 1024);
    await postWhatsApp(h.base, waVoice('33698765403'));
    expect(h.provider.callsTo('/whatsapp/media/')).toHaveLength(0);
    expect(stt.heard).toHaveLength(0);
    expect(waShown(h)).toMatch(/^Votre message vocal est trop long pour moi/);
  });

  it('a service that fails or does not answer in time: a kind sentence and the offer, never a retry storm or a 5xx', async () => {
    stt.status = 500;
    stt.text = 'secret words';
    const first = await postTelegram(h.base, tgVoice(5512349879));
    expect(first.status).toBe(200);
    expect(tgSent(h)[0].text).toMatch(/^Je n'ai pas réussi à écouter votre message vocal\./);

    h.provider.clear();
    stt.status = 200;
    stt.delayMs = 3000; // STT_TIMEOUT_MS is 1500
    const started = Date.now();
    expect((await postWhatsApp(h.base, waVoice('33698765404'))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2900);
    expect(waShown(h)).toMatch(/^Je n'ai pas réussi à écouter votre message vocal\./);
  });

  it('with a mediator: the words go to the mediator at once, marked as a voice note transcript, with its audio (test/mediator/voiceAudio.test.ts plays it)', async () => {
    const from = '33698765405';
    await h.ta.app.queue.setPresence('demo', 'mediatrice-voix', true, 3_600_000, h.ta.app.now());
    await postWhatsApp(h.base, waText(from, 'conseiller'));
    await postWhatsApp(h.base, waText(from, 'oui'));
    const record = (await h.ta.app.queue.waiting('demo')).pop()!;
    expect(record).toBeDefined();
    h.provider.clear();
    stt.text = "Je n'arrive pas à me connecter, mon code est 4821";
    await postWhatsApp(h.base, waVoice(from));
    const said = waShown(h).split('\n');
    expect(said[0]).toMatch(/^J'ai compris : « Je n'arrive pas à me connecter, mon code est .+ ». Je l'envoie au conseiller\.$/);
    expect(said).toContain("Attention : n'écrivez jamais votre mot de passe ni vos numéros complets ici. Je les ai cachés.");
    expect(waShown(h)).not.toContain('4821');
    const messages = await h.ta.app.queue.messages('demo', record.id);
    const citizen = messages.filter((m) => m.from === 'citizen').map((m) => m.text);
    expect(citizen.some((t) => t.startsWith("[Message vocal, transcrit automatiquement ; écoutez l'audio pour vérifier] Je n'arrive pas à me connecter"))).toBe(true);
    expect(citizen.join('\n')).not.toContain('4821');

    // STOP said to the mediator is asked back first, never forwarded; "oui" is the typed STOP.
    stt.text = 'Stop';
    h.provider.clear();
    await postWhatsApp(h.base, waVoice(from));
    expect(waShown(h)).toBe("J'ai compris : « Stop ». C'est bien ça ?");
    h.provider.clear();
    await postWhatsApp(h.base, waText(from, 'oui'));
    expect(waShown(h)).toBe("C'est noté. Je ne vous écris plus. Pour reprendre, écrivez START.");
    const after = (await h.ta.app.queue.messages('demo', record.id)).filter((m) => m.from === 'citizen').map((m) => m.text);
    expect(after.join('\n')).not.toMatch(/Stop|oui/);
  });
});

describe('voice notes converted for a service that takes MP3 (Debian ffmpeg)', () => {
  let h: ChannelHarness;
  let stt: FakeStt;
  beforeAll(async () => {
    stt = await new FakeStt().start();
    h = await startChannels({ env: { STT_API_BASE_URL: stt.baseUrl, STT_API_KEY: STT_KEY, STT_MODEL: 'whisper-1', STT_AUDIO_FORMAT: 'mp3' } });
  });
  afterAll(async () => {
    await h.close();
    await stt.stop();
  });

  it('sends MP3 made from the OGG/Opus note; a file ffmpeg cannot read is a kind failure', async () => {
    serveMedia(h, NOTE);
    stt.text = 'bonjour';
    await postTelegram(h.base, tgVoice(5512349880));
    expect(stt.heard).toHaveLength(1);
    expect(stt.heard[0]).toMatchObject({ fileType: 'audio/mpeg', fileName: 'voice.mp3' });
    const mp3 = stt.heard[0].file;
    // An MP3 stream: an ID3 tag or an MPEG audio frame sync.
    expect(mp3.subarray(0, 3).toString('latin1') === 'ID3' || (mp3[0] === 0xff && (mp3[1] & 0xe0) === 0xe0)).toBe(true);
    expect(tgSent(h)[0].text).toBe("J'ai compris : « bonjour ». C'est bien ça ?");

    h.provider.clear();
    stt.heard.length = 0;
    serveMedia(h, Buffer.from('not audio at all'));
    await postTelegram(h.base, tgVoice(5512349881));
    expect(stt.heard).toHaveLength(0);
    expect(tgSent(h)[0].text).toMatch(/^Je n'ai pas réussi à écouter votre message vocal\./);
  });
});

describe('voice notes without a speech-to-text service', () => {
  let h: ChannelHarness;
  let territories: string;
  beforeAll(async () => {
    // The demo territory with a phone number for help.
    territories = mkdtempSync(join(tmpdir(), 'pasapas-voice-territories-'));
    cpSync(join(ROOT, 'config', 'territories'), territories, { recursive: true });
    const demo = join(territories, 'demo.yaml');
    writeFileSync(demo, `${readFileSync(demo, 'utf8')}\nhelpPhone: "+33555000000"\n`);
    h = await startChannels({ territoriesDir: territories });
  });
  afterAll(async () => {
    await h.close();
    rmSync(territories, { recursive: true, force: true });
  });
  beforeEach(() => {
    h.provider.clear();
    serveMedia(h, NOTE);
  });

  it('says kindly it cannot listen yet, gives the territory\'s phone, offers a person or a place; downloads nothing', async () => {
    await postWhatsApp(h.base, waVoice('33698765406'));
    expect(h.provider.callsTo('/v21.0/1003383421387256')).toHaveLength(0);
    const shown = waShown(h);
    expect(shown).toMatch(/^Je ne peux pas encore écouter les messages vocaux\. Écrivez-moi, ou appelez le 05 55 00 00 00\./);
    expect(waButtons(h)).toEqual(['1. Parler à une personne', "2. Un lieu d'aide près …", '3. Voir le menu']); // a WhatsApp list

    await postTelegram(h.base, tgVoice(5512349882));
    expect(h.provider.callsTo('/getFile')).toHaveLength(0);
    expect(tgSent(h)[0].text).toBe('Je ne peux pas encore écouter les messages vocaux. Écrivez-moi, ou appelez le 05 55 00 00 00.');

    const note = mms(h, '+33698765464', 'audio/amr', NOTE);
    const sms = await postSms(h.base, note.fields);
    expect(h.provider.callsTo(note.path)).toHaveLength(0);
    // On SMS the question and its answers ride in the same SMS when they fit.
    expect(sms.messages[0]).toMatch(/^Je ne peux pas encore écouter les messages vocaux\. Écrivez-moi, ou appelez le 05 55 00 00 00\.(\n|$)/);
  });
});

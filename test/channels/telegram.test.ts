/**
 * Telegram webhook on the real app, with a fake Bot API on loopback: the secret token (wrong →
 * 403 and nothing stored), /start greets, inline keyboards, callback queries answered and read,
 * update_id dedup.
 */
import { TG_BOT, TG_SECRET, postTelegram, startChannels, tgText, type ChannelHarness, expectOneTurn } from '../helpers/channels';
import { keysWithPrefix } from '../helpers/redis';

interface SentMessage {
  chat_id: string;
  text: string;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

function sent(h: ChannelHarness): SentMessage[] {
  return h.provider.callsTo(`/bot${TG_BOT}/sendMessage`).map((c) => c.json as unknown as SentMessage);
}

describe('Telegram webhook', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis: true });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.provider.clear());

  it('refuses a wrong or missing secret with 403 and stores nothing', async () => {
    // The handoff event streams exist from startup; nothing else may appear.
    const before = await keysWithPrefix(h.ta.admin!, h.ta.prefix!);
    expect((await postTelegram(h.base, tgText(501, 'Bonjour'), { secret: 'wrong-secret-token-000000' })).status).toBe(403);
    expect((await postTelegram(h.base, tgText(501, 'Bonjour'), { secret: null })).status).toBe(403);
    expect((await keysWithPrefix(h.ta.admin!, h.ta.prefix!)).sort()).toEqual(before.sort());
    expect(h.provider.calls).toHaveLength(0);
  });

  it('/start greets, with the menu as an inline keyboard', async () => {
    expect((await postTelegram(h.base, tgText(502, '/start'))).status).toBe(200);
    const messages = sent(h);
    expect(messages.map((m) => m.text).join('\n')).toMatch(/Bonjour ! Je suis Pas à pas/);
    expect(messages.every((m) => m.chat_id === '502')).toBe(true);
    const keyboard = messages.find((m) => m.reply_markup)?.reply_markup?.inline_keyboard ?? [];
    expect(keyboard.length).toBeGreaterThan(2);
    for (const row of keyboard) expect(Buffer.byteLength(row[0].callback_data)).toBeLessThanOrEqual(64);
  });

  it('a tap on a button is answered and read as the answer', async () => {
    await postTelegram(h.base, tgText(503, '/start'));
    const keyboard = sent(h).find((m) => m.reply_markup)!.reply_markup!.inline_keyboard;
    h.provider.clear();
    const update = { update_id: 990001, callback_query: { id: 'cbq-1', from: { id: 503 }, message: { message_id: 1, chat: { id: 503, type: 'private' } }, data: keyboard[0][0].callback_data } };
    expect((await postTelegram(h.base, update)).status).toBe(200);
    expect(sent(h).map((m) => m.text).join('\n')).toMatch(/impôts/i);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.provider.callsTo('/answerCallbackQuery').map((c) => c.json?.callback_query_id)).toEqual(['cbq-1']);
  });

  it('runs one turn for an update delivered three times', async () => {
    const update = tgText(504, 'Bonjour');
    const results = await Promise.all([postTelegram(h.base, update), postTelegram(h.base, update), postTelegram(h.base, update)]);
    await expectOneTurn(results, () => postTelegram(h.base, update));
    expect(sent(h).filter((m) => /Je suis Pas à pas/.test(m.text))).toHaveLength(1);
  });

  it('acknowledges group messages without answering, and rejects bad JSON with 400', async () => {
    const group = { update_id: 990002, message: { message_id: 2, chat: { id: -100, type: 'group' }, text: 'Bonjour' } };
    expect((await postTelegram(h.base, group)).status).toBe(200);
    expect(sent(h)).toHaveLength(0);
    expect((await postTelegram(h.base, null, { raw: '{"update_id":' })).status).toBe(400);
  });

  it('an unknown bot path is refused: only configured secrets open a path', async () => {
    expect((await postTelegram(h.base, tgText(505, 'Bonjour'), { path: 'Not_A_Path' })).status).toBe(404);
    void TG_SECRET;
  });
});

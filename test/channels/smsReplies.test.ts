/**
 * What a citizen with a cheap phone gets in the first SMS reply to a real need (review of SMS replies): something
 * concrete and whole in every reply, cuts at whole items (never mid-item, never a dangling "… :" header), the
 * "SUITE" hint on the last SMS (never alone), a way to a person in the menu's first part, and the same cost cap as
 * before (3 SMS of at most 2 segments a reply).
 */
import { countSms } from '../../src/text/sms';
import { postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

const HINT = 'Pour lire la suite, répondez SUITE.';

/** The checks every SMS reply must pass. */
function expectGoodReply(messages: string[], maxSegments = 2, maxPerReply = 3): void {
  expect(messages.length).toBeGreaterThan(0);
  expect(messages.length).toBeLessThanOrEqual(maxPerReply);
  const segments = messages.reduce((n, m) => n + countSms(m).segments, 0);
  expect(segments).toBeLessThanOrEqual(maxPerReply * maxSegments);
  for (const m of messages) {
    expect(countSms(m).segments).toBeLessThanOrEqual(maxSegments);
    // The hint rides on the last SMS, never alone, never before the end.
    expect(m.trim()).not.toBe(HINT);
    // No SMS ends on a header whose content went to the next SMS.
    const lines = m.split('\n').filter((l) => l.trim() && l !== HINT);
    expect(lines[lines.length - 1]).not.toMatch(/:\s*$/);
  }
  for (const m of messages.slice(0, -1)) expect(m).not.toContain(HINT);
}

async function say(h: ChannelHarness, from: string, text: string): Promise<string[]> {
  const r = await postSms(h.base, smsFields(from, text));
  expect(r.status).toBe(200);
  return r.messages;
}

describe('SMS replies to a first need', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('"bjr jarrive pa a mactualiser": the first reply already says what is needed, whole items only', async () => {
    const first = await say(h, '+33600000201', 'bjr jarrive pa a mactualiser');
    expectGoodReply(first);
    const text = first.join('\n');
    expect(text).toMatch(/Pas à pas/);
    expect(text).toMatch(/Pour commencer, il vous faut/);
    expect(text).toMatch(/Votre identifiant et votre mot de passe France Travail/);
    // The list goes on after "SUITE", but the question and its answers are in this reply, last, after the hint.
    expect(first[first.length - 1]).toMatch(new RegExp(`${HINT}\n\nVous avez tout \\?\n1 Oui[^\n]*\n2 [^\n]+\n3 [^\n]+$`));
    const more = await say(h, '+33600000201', 'SUITE');
    expectGoodReply(more);
    expect(more.join('\n')).toMatch(/Si vous avez été malade/);
    expect(more[more.length - 1]).toMatch(/Vous avez tout \?\n1 [^\n]+\n2 [^\n]+\n3 [^\n]+$/);
    expect(more.join('\n')).not.toContain(HINT);
  });

  it('"jai perdu ma carte didentite": the checklist is cut between whole items, the hint on the last SMS', async () => {
    const first = await say(h, '+33600000202', 'jai perdu ma carte didentite');
    expectGoodReply(first);
    const text = first.join('\n');
    expect(text).toMatch(/Pour commencer, il vous faut/);
    // An item and its continuation travel together.
    const passport = first.find((m) => m.includes('Pour un passeport, ou une carte perdue ou volée'));
    if (passport) expect(passport).toMatch(/un timbre fiscal/);
    let all = [...first];
    for (let guard = 0; all[all.length - 1].includes(HINT) && guard < 3; guard++) {
      const more = await say(h, '+33600000202', 'SUITE');
      expectGoodReply(more);
      all = [...all, ...more];
    }
    expect(all.join('\n')).toMatch(/un timbre fiscal/);
    expect(all.join('\n')).toMatch(/Vous avez tout \?/);
  });

  it('the first SMS gets a short welcome and the whole menu, a person included, in one reply', async () => {
    const first = await say(h, '+33600000203', 'bonjour');
    expectGoodReply(first);
    const text = first.join('\n');
    expect(text).toMatch(/Que voulez-vous faire \?/);
    // The welcome is short enough for the whole menu to come in the same reply, without "SUITE".
    expect(text).not.toContain(HINT);
    for (const choice of ['1', '2', '3', '4', '5', '6', '7', '0']) expect(text).toMatch(new RegExp(`\n${choice} \\S`));
  });

  it('"menu" later: the whole menu, the person included, in one reply', async () => {
    const menu = await say(h, '+33600000203', 'menu');
    expectGoodReply(menu);
    expect(menu.join('\n')).toMatch(/0 Parler à un conseiller/);
  });
});

describe('SMS replies with a 1-segment budget', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { SMS_MAX_SEGMENTS: '1' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the menu cut for SUITE keeps "0 Parler à un conseiller" and its question in the first reply', async () => {
    const from = '+33600000211';
    await say(h, from, 'Bonjour');
    const menu = await say(h, from, 'menu');
    expectGoodReply(menu, 1);
    const text = menu.join('\n');
    expect(text).toMatch(/Que voulez-vous faire \?/);
    expect(text).toMatch(/0 Parler à un conseiller/);
    let all = [...menu];
    for (let guard = 0; all[all.length - 1].includes(HINT) && guard < 5; guard++) {
      const more = await say(h, from, 'SUITE');
      expectGoodReply(more, 1);
      all = [...all, ...more];
    }
    for (const choice of ['1 ', '2 ', '3 ', '4 ', '5 ', '6 ', '7 ']) expect(all.join('\n')).toContain(`\n${choice}`);
  });

  it('a long checklist is held for SUITE at whole items, each reply within 3 SMS of 1 segment', async () => {
    const from = '+33600000212';
    let all = await say(h, from, 'jai perdu ma carte didentite');
    expectGoodReply(all, 1);
    for (let guard = 0; all[all.length - 1].includes(HINT) && guard < 6; guard++) {
      const more = await say(h, from, 'SUITE');
      expectGoodReply(more, 1);
      all = [...all, ...more];
    }
    expect(all.join('\n')).toMatch(/Vous avez tout \?/);
  });

  it('a long checklist on 1-segment SMS: every reply held for SUITE ends with the question and its numbered answers', async () => {
    const from = '+33600000213';
    const first = await say(h, from, 'jai perdu ma carte didentite');
    expectGoodReply(first, 1);
    expect(first[first.length - 1]).toContain(HINT);
    expect(first[first.length - 1]).toMatch(/Vous avez tout \?\n1 [^\n]+\n2 [^\n]+\n3 [^\n]+$/);
  });
});

/**
 * Every guide transcript of test/transcripts/ replayed over Brevo transactional SMS (replied-event webhook in, API out,
 * against the fake of test/helpers/fakeBrevo.ts): an answer wherever the terminal transcript expects one,
 * the same steps, and every single SMS within 2 segments, "SUITE" included.
 */
import { join } from 'node:path';
import { countSms } from '../../src/text/sms';
import { brevoNumber } from '../../src/channels/brevo/brevoApi';
import { durationMs, loadTranscripts } from '../helpers/transcript';
import { BREVO, brevoEnv, brevoReply, postBrevo, startChannels, type ChannelHarness } from '../helpers/channels';
import { FakeBrevoApi } from '../helpers/fakeBrevo';

const transcripts = loadTranscripts(join(__dirname, '..', 'transcripts')).filter(
  (t) => t.guides !== 'fixtures' && !t.channel && !t.steps.some((s) => s.mediator) && !t.onDuty,
);

describe('guides over Brevo SMS', () => {
  let h: ChannelHarness;
  let brevo: FakeBrevoApi;
  let n = 0;
  let start = 0;
  beforeAll(async () => {
    brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
    h = await startChannels({ env: brevoEnv(brevo.baseUrl) });
    start = h.ta.clock.now;
  });
  afterAll(async () => {
    await h.close();
    await brevo.stop();
  });

  it('has guide transcripts to replay', () => {
    expect(transcripts.length).toBeGreaterThan(20);
  });

  test.each(transcripts.map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', async (_title, t) => {
    n += 1;
    const from = `+336300${String(n).padStart(5, '0')}`;
    const receiver = brevoNumber(from);
    h.ta.clock.now = start + n * 60_000;
    const say = async (text: string): Promise<string[]> => {
      const since = brevo.sent.length;
      const r = await postBrevo(h.base, brevoReply(from, text));
      if (r.status !== 200) throw new Error(`"${text}" → HTTP ${r.status} ${r.body}`);
      return brevo.textsTo(receiver, since);
    };
    for (const step of t.steps) {
      if (step.wait) h.ta.clock.advance(durationMs(step.wait));
      if (step.user === undefined) continue;
      h.ta.clock.advance(7_000); // a person's pace: stays under 10 SMS a minute
      const sms = await say(step.user);
      for (let guard = 0; sms[sms.length - 1]?.includes('répondez SUITE') && guard < 10; guard++) {
        h.ta.clock.advance(7_000);
        sms.push(...(await say('SUITE')));
      }
      for (const m of sms) {
        const c = countSms(m);
        if (c.segments > 2) throw new Error(`"${step.user}" → an SMS of ${c.segments} segments (${c.encoding}, ${c.units} units):\n${m}`);
      }
      const reply = sms.join('\n');
      if (step.silent) expect(reply).toBe('');
      else expect(reply).not.toBe('');
      for (const fragment of (step.bot ?? []).filter((f) => /^Étape \d+ sur \d+$/.test(f))) {
        if (!reply.includes(fragment)) throw new Error(`"${step.user}" → expected "${fragment}" over Brevo SMS, got:\n${reply}`);
      }
    }
    expect(brevo.refused).toEqual([]);
  });
});

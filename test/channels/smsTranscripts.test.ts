/**
 * Every guide transcript of test/transcripts/ replayed over the SMS webhook: the citizen gets an
 * answer wherever the terminal transcript expects one, the guide moves through the same steps, and
 * every single SMS stays within 2 segments (GSM-7 / UCS-2 counted for real), "SUITE" included.
 */
import { join } from 'node:path';
import { countSms } from '../../src/text/sms';
import { durationMs, loadTranscripts } from '../helpers/transcript';
import { postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

const transcripts = loadTranscripts(join(__dirname, '..', 'transcripts')).filter(
  (t) => t.guides !== 'fixtures' && !t.channel && !t.steps.some((s) => s.mediator) && !t.onDuty,
);

describe('guides over SMS', () => {
  let h: ChannelHarness;
  let n = 0;
  let start = 0;
  beforeAll(async () => {
    h = await startChannels();
    start = h.ta.clock.now;
  });
  afterAll(async () => {
    await h.close();
  });

  it('has guide transcripts to replay', () => {
    expect(transcripts.length).toBeGreaterThan(20);
  });

  test.each(transcripts.map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', async (_title, t) => {
    n += 1;
    const from = `+336100${String(n).padStart(5, '0')}`;
    // Each transcript on the day the terminal replays it on: some guides know the date (the actualisation window).
    h.ta.clock.now = start + n * 60_000;
    for (const step of t.steps) {
      if (step.wait) h.ta.clock.advance(durationMs(step.wait));
      if (step.user === undefined) continue;
      h.ta.clock.advance(7_000); // a person's pace: stays under 10 SMS a minute
      const sms = [...(await postSms(h.base, smsFields(from, step.user))).messages];
      for (let guard = 0; sms[sms.length - 1]?.includes('répondez SUITE') && guard < 10; guard++) {
        h.ta.clock.advance(7_000);
        sms.push(...(await postSms(h.base, smsFields(from, 'SUITE'))).messages);
      }
      for (const m of sms) {
        const c = countSms(m);
        if (c.segments > 2) throw new Error(`"${step.user}" → an SMS of ${c.segments} segments (${c.encoding}, ${c.units} units):\n${m}`);
      }
      const reply = sms.join('\n');
      if (step.silent) expect(reply).toBe('');
      else expect(reply).not.toBe('');
      for (const fragment of (step.bot ?? []).filter((f) => /^Étape \d+ sur \d+$/.test(f))) {
        if (!reply.includes(fragment)) throw new Error(`"${step.user}" → expected "${fragment}" over SMS, got:\n${reply}`);
      }
    }
  });
});

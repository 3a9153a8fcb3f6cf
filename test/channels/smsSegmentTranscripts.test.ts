/**
 * SMS transcripts (test/transcripts/sms/*.yaml): a citizen's line → the very SMS they get back over Twilio, with the
 * segment budget the transcript gives (SMS_MAX_SEGMENTS: 1 for the territories that pay for one segment only),
 * "SUITE" written out like any other line. Each SMS is compared whole, and stays within the budget.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { countSms } from '../../src/text/sms';
import { postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

interface SmsTranscript {
  name: string;
  file: string;
  /** Segments an SMS may take (1 or 2). */
  segments: number;
  /** Each citizen line and the SMS that answer it, in order (`sms`), or fragments some SMS of the reply holds. */
  steps: Array<{ user: string; sms?: string[] }>;
}

const DIR = join(__dirname, '..', 'transcripts', 'sms');
const transcripts: SmsTranscript[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) => (parse(readFileSync(join(DIR, file), 'utf8')) as Omit<SmsTranscript, 'file'>[]).map((t) => ({ ...t, file })));

describe.each([1, 2])('SMS transcripts on %i-segment SMS', (segments) => {
  const mine = transcripts.filter((t) => t.segments === segments);
  let h: ChannelHarness;
  let n = 0;
  let t0 = 0;
  beforeAll(async () => {
    h = await startChannels({ env: { SMS_MAX_SEGMENTS: String(segments) } });
    t0 = h.ta.clock.now;
  }, 120_000);
  afterAll(() => h.close());

  test.each(mine.map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', async (_title, t) => {
    n += 1;
    const from = `+3361${segments}0${String(n).padStart(5, '0')}`;
    h.ta.clock.now = t0 + n * 60_000;
    for (const step of t.steps) {
      h.ta.clock.advance(7_000);
      const r = await postSms(h.base, smsFields(from, step.user));
      expect(r.status).toBe(200);
      for (const m of r.messages) if (countSms(m).segments > segments) throw new Error(`"${step.user}" → an SMS over ${segments} segment(s):\n${m}`);
      // DUMP=1 npx jest test/channels/smsSegmentTranscripts.test.ts: every reply printed, to write a transcript.
      if (process.env.DUMP) console.log(`>>> ${step.user}\n${r.messages.map((m) => `--- SMS (${m.length})\n${m}`).join('\n')}`);
      if (step.sms) {
        const got = r.messages.map((m, i) => `--- SMS ${i + 1}\n${m}`).join('\n');
        const want = step.sms.map((m, i) => `--- SMS ${i + 1}\n${m.trimEnd()}`).join('\n');
        if (got !== want) throw new Error(`"${step.user}":\nexpected\n${want}\n\ngot\n${got}`);
      }
    }
  });
});

/**
 * Every guide transcript of test/transcripts/ replayed over an SMS provider that answers through its API (OVHcloud,
 * Brevo): an answer wherever the terminal transcript expects one, the same steps, and every single SMS within
 * 2 segments, "SUITE" included. A provider's test gives how to start it and how a citizen's SMS goes in.
 */
import { join } from 'node:path';
import { countSms } from '../../src/text/sms';
import { durationMs, loadTranscripts } from './transcript';
import type { ChannelHarness } from './channels';
import { warmUpCallbackTimes } from '../../src/handoff/callbackTime';

const transcripts = loadTranscripts(join(__dirname, '..', 'transcripts')).filter(
  (t) => t.guides !== 'fixtures' && !t.channel && !t.steps.some((s) => s.mediator) && !t.onDuty,
);

export interface SmsProviderUnderTest {
  h: ChannelHarness;
  /** The citizen `from` sends `text`: the SMS we sent back to them (in order). */
  say(from: string, text: string): Promise<string[]>;
  /** Calls the fake provider refused (keys, signature): none expected. */
  refused(): string[];
  close(): Promise<void>;
}

export function replayGuidesOverSms(provider: string, numberPrefix: string, start: () => Promise<SmsProviderUnderTest>): void {
  describe(`guides over ${provider} SMS`, () => {
    let p: SmsProviderUnderTest;
    let n = 0;
    let t0 = 0;
    beforeAll(async () => {
      // What production does at startup (WARMUP_RECOGNIZERS): the callback time model's first run takes seconds
      // (20 s at load 10), which would fall on whichever transcript books a callback first and time it out.
      warmUpCallbackTimes();
      p = await start();
      t0 = p.h.ta.clock.now;
    }, 120_000);
    afterAll(() => p.close());

    it('has guide transcripts to replay', () => {
      expect(transcripts.length).toBeGreaterThan(20);
    });

    test.each(transcripts.map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', async (_title, t) => {
      n += 1;
      const from = `${numberPrefix}${String(n).padStart(5, '0')}`;
      p.h.ta.clock.now = t0 + n * 60_000;
      for (const step of t.steps) {
        if (step.wait) p.h.ta.clock.advance(durationMs(step.wait));
        if (step.user === undefined) continue;
        p.h.ta.clock.advance(7_000); // a person's pace: stays under 10 SMS a minute
        const sms = await p.say(from, step.user);
        expectWholeReply(step.user, sms);
        for (let guard = 0; sms[sms.length - 1]?.includes('répondez SUITE') && guard < 10; guard++) {
          p.h.ta.clock.advance(7_000);
          const more = await p.say(from, 'SUITE');
          expectWholeReply('SUITE', more);
          sms.push(...more);
        }
        for (const m of sms) {
          const c = countSms(m);
          if (c.segments > 2) throw new Error(`"${step.user}" → an SMS of ${c.segments} segments (${c.encoding}, ${c.units} units):\n${m}`);
        }
        const reply = sms.join('\n');
        if (step.silent) expect(reply).toBe('');
        else expect(reply).not.toBe('');
        for (const fragment of (step.bot ?? []).filter((f) => /^Étape \d+ sur \d+$/.test(f))) {
          if (!reply.includes(fragment)) throw new Error(`"${step.user}" → expected "${fragment}" over ${provider} SMS, got:\n${reply}`);
        }
      }
      expect(p.refused()).toEqual([]);
    });
  });
}

const HINT = 'Pour lire la suite, répondez SUITE.';

/** What may follow the hint: only the reply's question with its numbered answers (src/channels/sms/smsPages.ts). */
const CLOSING_QUESTION = /^\n\n(?:[^\n]+\n)+?\d{1,2} [^\n]+(?:\n\d{1,2} [^\n]+)*$/;

/**
 * One reply: at most 3 SMS, the hint only at the end of the last one (then only the reply's question and its numbered
 * answers, so the citizen knows what to answer), never after a "… :" header.
 */
function expectWholeReply(said: string, sms: string[]): void {
  const problem = (why: string) => new Error(`"${said}" → ${why}:\n${sms.join('\n---\n')}`);
  if (sms.length > 3) throw problem(`${sms.length} SMS in one reply`);
  sms.forEach((m, i) => {
    if (m.trim() === HINT) throw problem('the SUITE hint alone');
    const at = m.indexOf(HINT);
    const after = at < 0 ? '' : m.slice(at + HINT.length);
    if (at >= 0 && (i < sms.length - 1 || !(after === '' || CLOSING_QUESTION.test(after)))) throw problem('the SUITE hint before the end');
    // What a header announces may come in the next SMS of the same reply, never only after "SUITE".
    const lines = (at < 0 ? m : m.slice(0, at)).split('\n').filter((l) => l.trim());
    if (at >= 0 && /:\s*$/.test(lines[lines.length - 1] ?? '')) throw problem('a header left for after SUITE');
  });
}

/**
 * Runs every transcript of test/transcripts/ (citizen line → expected bot reply) against the real
 * app, on the embedded store, and on real Redis when the transcript says `redis: true`.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Citizen, FIXTURE_DIALOGS, startTestApp } from '../helpers/app';
import { checkReply, durationMs, loadTranscripts } from '../helpers/transcript';
import { warmUpCallbackTimes } from '../../src/handoff/callbackTime';

const transcripts = loadTranscripts(join(__dirname, '..', 'transcripts'));

// What production does at startup (WARMUP_RECOGNIZERS): the callback time model's first run takes seconds (20 s at
// load 10), which would fall on whichever transcript books a callback first and time it out.
beforeAll(() => warmUpCallbackTimes(), 120_000);

describe.each(transcripts.map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', (_title, t) => {
  test('the bot answers as written', async () => {
    const ta = await startTestApp({
      redis: t.redis,
      dialogsDir: t.guides === 'fixtures' ? FIXTURE_DIALOGS : undefined,
      menu: t.menu,
      onDuty: t.onDuty,
    });
    try {
      const citizen = new Citizen(ta.app, `c-${randomUUID()}`, t.channel ?? 'terminal');
      if (t.phone) citizen.known = { citizenPhone: t.phone };
      for (const step of t.steps) {
        if (step.wait) ta.clock.advance(durationMs(step.wait));
        let reply: string;
        if (step.mediator) reply = await citizen.mediator(step.mediator);
        else if (step.user !== undefined) reply = await citizen.say(step.user);
        else continue;
        const problem = checkReply(step, reply);
        if (problem) throw new Error(problem);
      }
    } finally {
      await ta.close();
    }
  });
});

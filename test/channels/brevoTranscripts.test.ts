/**
 * Every guide transcript of test/transcripts/ replayed over Brevo transactional SMS (replied events in, API
 * out, against the fake of test/helpers/fakeBrevo.ts): an answer wherever the terminal transcript expects
 * one, the same steps, and every single SMS within 2 segments, "SUITE" included (test/helpers/smsReplay.ts).
 */
import { brevoNumber } from '../../src/channels/brevo/brevoApi';
import { BREVO, brevoEnv, brevoReply, postBrevo, startChannels } from '../helpers/channels';
import { FakeBrevoApi } from '../helpers/fakeBrevo';
import { replayGuidesOverSms } from '../helpers/smsReplay';

replayGuidesOverSms('Brevo', '+336300', async () => {
  const brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
  const h = await startChannels({ env: brevoEnv(brevo.baseUrl) });
  return {
    h,
    async say(from, text) {
      const since = brevo.sent.length;
      const r = await postBrevo(h.base, brevoReply(from, text));
      if (r.status !== 200) throw new Error(`"${text}" → HTTP ${r.status} ${r.body}`);
      return brevo.textsTo(brevoNumber(from), since);
    },
    refused: () => brevo.refused,
    async close() {
      await h.close();
      await brevo.stop();
    },
  };
});

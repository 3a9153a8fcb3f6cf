/**
 * Every guide transcript of test/transcripts/ replayed over the Twilio SMS webhook (replies inline, in the
 * webhook's TwiML): the citizen gets an answer wherever the terminal transcript expects one, the guide moves
 * through the same steps, and every single SMS stays within 2 segments (GSM-7 / UCS-2 counted for real),
 * "SUITE" included. The same replay as OVHcloud's and Brevo's (test/helpers/smsReplay.ts).
 */
import { postSms, smsFields, startChannels } from '../helpers/channels';
import { replayGuidesOverSms } from '../helpers/smsReplay';

replayGuidesOverSms('Twilio', '+336100', async () => {
  const h = await startChannels();
  return {
    h,
    say: async (from, text) => [...(await postSms(h.base, smsFields(from, text))).messages],
    refused: () => [],
    close: () => h.close(),
  };
});

/**
 * Every guide transcript of test/transcripts/ replayed over OVHcloud SMS (callback in, signed API out,
 * against the fake of test/helpers/fakeOvh.ts): an answer wherever the terminal transcript expects one,
 * the same steps, and every single SMS within 2 segments, "SUITE" included (test/helpers/smsReplay.ts).
 */
import { ovhNumber } from '../../src/channels/ovh/ovhApi';
import { OVH, ovhEnv, ovhFields, postOvh, startChannels } from '../helpers/channels';
import { FakeOvhApi } from '../helpers/fakeOvh';
import { replayGuidesOverSms } from '../helpers/smsReplay';

replayGuidesOverSms('OVHcloud', '+336200', async () => {
  const ovh = await new FakeOvhApi([{ applicationKey: OVH.applicationKey, applicationSecret: OVH.applicationSecret, consumerKey: OVH.consumerKey }]).start();
  const h = await startChannels({ env: ovhEnv(ovh.baseUrl) });
  return {
    h,
    async say(from, text) {
      const since = ovh.sent.length;
      const r = await postOvh(h.base, ovhFields(from, text));
      if (r.status !== 200) throw new Error(`"${text}" → HTTP ${r.status} ${r.body}`);
      return ovh.textsTo(ovhNumber(from), since);
    },
    refused: () => ovh.refused,
    async close() {
      await h.close();
      await ovh.stop();
    },
  };
});

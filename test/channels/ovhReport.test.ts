/**
 * End to end on Redis: OVHcloud refuses our SMS (a wrong application secret), the reply goes to the OVH
 * dead letters, and `pasapas report` shows it (CSV and JSON), without the number or the text.
 */
import { runReportCli } from '../../src/stats/cli';
import { dayOf } from '../../src/stats/recorder';
import { REDIS_TEST_URL } from '../helpers/redis';
import { OVH, ovhEnv, ovhFields, postOvh, startChannels, type ChannelHarness } from '../helpers/channels';
import { FakeOvhApi } from '../helpers/fakeOvh';
import { sink } from '../helpers/sink';

describe('OVHcloud dead letters in pasapas report', () => {
  let ovh: FakeOvhApi;
  let h: ChannelHarness;
  beforeAll(async () => {
    ovh = await new FakeOvhApi([{ applicationKey: OVH.applicationKey, applicationSecret: OVH.applicationSecret, consumerKey: OVH.consumerKey }]).start();
    h = await startChannels({ redis: true, env: ovhEnv(ovh.baseUrl, { OVH_APPLICATION_SECRET: 'aWrongSecretForTests0123456789ab' }) });
  });
  afterAll(async () => {
    await h.close();
    await ovh.stop();
  });

  it('a reply OVH refuses is a dead letter the coordinator sees in the report', async () => {
    expect((await postOvh(h.base, ovhFields('+33600002001', 'Bonjour'))).status).toBe(200);
    expect(ovh.sent).toEqual([]);
    expect(ovh.refused.length).toBeGreaterThan(0);
    const day = dayOf(h.ta.app.now());
    const env = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: h.ta.prefix!, LOG_LEVEL: 'silent' };
    const json = sink();
    expect(await runReportCli(['--territory', 'demo', '--from', day, '--to', day, '--format', 'json'], { out: json, err: sink(), env })).toBe(0);
    const report = JSON.parse(json.text);
    expect(report.smsOutbox).toEqual([
      { provider: 'ovh', pending: 0, dead: ovh.refused.length, reasons: { 'HTTP 403': ovh.refused.length } },
      { provider: 'brevo', pending: 0, dead: 0, reasons: {} },
    ]);
    const csv = sink();
    await runReportCli(['--territory', 'demo', '--from', day, '--to', day], { out: csv, err: sink(), env });
    expect(csv.text).toContain(`Envoi des SMS;ovh;SMS abandonnés (jamais arrivés);${ovh.refused.length}\r\n`);
    expect(csv.text).toContain('Envoi des SMS;ovh;abandonnés : HTTP 403;');
    expect(csv.text).not.toMatch(/33600002001/);
    // Another territory's report does not count them.
    const other = sink();
    await runReportCli(['--territory', 'creuse', '--from', day, '--to', day, '--format', 'json'], { out: other, err: sink(), env });
    expect(JSON.parse(other.text).smsOutbox[0].dead).toBe(0);
  });
});
